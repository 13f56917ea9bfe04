// hd assign (to an agent, or --none) and hd take (assign to me and open).
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/input.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/terminal.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct AssignOptions {
    std::vector<std::string> words;  // ids, then the agent
    bool none = false;
    bool auto_assign = false;
};

void print_tickets(Context& ctx, const std::vector<Ticket>& changed, const std::string& verb) {
    if (ctx.global.json)
        print_changed_json(ctx, changed);
    else if (!ctx.global.quiet)
        for (const auto& t : changed) {
            ctx.out() << verb << " #" << t.id;
            if (t.assignee) ctx.out() << " to " << out::sanitize(*t.assignee);
            ctx.out() << '\n';
        }
}

int run_assign(const AssignOptions& o, Context& ctx) {
    std::vector<std::string> id_words = o.words;
    std::optional<std::string> agent;
    if (o.none && o.auto_assign) fail(ErrorKind::usage, "--none and --auto do not go together");
    if (!o.none && !o.auto_assign) {
        if (id_words.size() < 2)
            fail(ErrorKind::usage, "name the agent: hd assign ID AGENT (or --auto, or --none to unassign)");
        agent = id_words.back();
        id_words.pop_back();
    }
    const auto ids = parse_ids(id_words);
    ctx.write(
        [&](TicketService& tickets, Store&) {
            std::vector<Ticket> out;
            for (TicketId id : ids) out.push_back(o.auto_assign ? tickets.auto_assign(id) : tickets.assign(id, agent));
            return out;
        },
        [&](const std::vector<Ticket>& changed) { print_tickets(ctx, changed, agent || o.auto_assign ? "Assigned" : "Unassigned"); });
    return 0;
}

int run_take(const std::vector<std::string>& words, Context& ctx) {
    const auto ids = parse_ids(words);
    ctx.write(
        [&](TicketService& tickets, Store&) {
            std::vector<Ticket> out;
            for (TicketId id : ids) out.push_back(tickets.take(id));
            return out;
        },
        [&](const std::vector<Ticket>& changed) { print_tickets(ctx, changed, "Took"); });
    return 0;
}

}  // namespace

void add_assign(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AssignOptions>();
    auto* c = app.add_subcommand("assign", "Assign tickets to an agent, to the least-loaded one (--auto), or to nobody");
    c->add_option("ids_then_agent", o->words, "Ticket ids, then the agent (ID... AGENT)")->required();
    c->add_flag("--none", o->none, "Unassign");
    c->add_flag("--auto", o->auto_assign, "Assign to the least-loaded agent of the ticket's tier (ties: idle longest)");
    c->footer(
        "Examples:\n"
        "  hd assign 42 alice\n"
        "  hd assign 42 43 44 bob\n"
        "  hd assign 42 --none\n"
        "  hd assign 42 --auto");
    c->callback([o, &ctx] { ctx.exit_code = run_assign(*o, ctx); });
}

void add_take(CLI::App& app, Context& ctx) {
    auto ids = std::make_shared<std::vector<std::string>>();
    auto* c = app.add_subcommand("take", "Assign tickets to me and open them");
    c->add_option("ids", *ids, "Ticket ids")->required();
    c->footer(
        "Examples:\n"
        "  hd take 42\n"
        "  hd --as alice take 42 43");
    c->callback([ids, &ctx] { ctx.exit_code = run_take(*ids, ctx); });
}

}  // namespace hd::cmd
