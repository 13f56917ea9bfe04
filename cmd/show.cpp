// hd show (a ticket, its comments and, with --history, its audit trail) and hd log (the trail alone).
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/output/format.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/sla_view.hpp"
#include "cmd/output/ticket_view.hpp"
#include "cmd/sla.hpp"

namespace hd::cmd {
namespace {

struct ShowOptions {
    std::string id;
    bool history = false;
    std::optional<std::string> format;
};

struct ShowData {
    Ticket ticket;
    std::vector<Comment> comments;
    std::vector<Link> links;
    std::vector<TicketArticle> articles;
    std::vector<Event> events;
    out::SlaView sla;
    std::optional<Rating> rating;
};

// "breached · respond breached 10m ago · resolve 7h left · P2 (office)"; empty when no target applies.
std::string sla_line(const out::SlaView& v, Timestamp now) {
    if (v.state == SlaState::none) return "";
    std::string line(to_string(v.state));
    if (v.respond.state != SlaState::none) line += " · respond " + out::describe_target(v.respond, now);
    if (v.resolve.state != SlaState::none) line += " · resolve " + out::describe_target(v.resolve, now);
    if (!v.clock.policy.empty()) line += " · " + out::sanitize(v.clock.policy + " (" + v.clock.calendar + ")");
    return line;
}

// "4/5 by carol: Fixed in minutes"; empty when not rated.
std::string rating_line(const std::optional<Rating>& r) {
    if (!r) return "";
    std::string line = std::to_string(r->score) + "/5 by " + r->rated_by;
    if (r->comment) line += ": " + *r->comment;
    return out::sanitize(line);
}

int run_show(const ShowOptions& o, Context& ctx) {
    out::require_one_output_form(
        {{"--json", ctx.global.json}, {"-q", ctx.global.quiet}, {"--format", o.format.has_value()}});
    std::optional<out::FormatTemplate> format;
    if (o.format) format.emplace(*o.format, out::ticket_field_names());
    const TicketId id = parse_id(o.id);
    const ShowData d = ctx.read([&](TicketService& tickets, Store& store) {
        Ticket t = tickets.get(id);
        SlaService sla(store, ctx.config(), ctx.now());
        out::SlaView view = sla_view_of(sla, t, ctx.now());
        return ShowData{std::move(t), store.comments(id), store.links(id), store.kb().ticket_articles(id),
                        store.events(id), std::move(view), store.reports().find_rating(id)};
    });
    const std::string sla_json = out::sla_json(d.sla);
    if (format) {
        ctx.out() << format->render(out::ticket_fields(d.ticket)) << '\n';
    } else if (ctx.global.json) {
        ctx.out() << out::ticket_detail_json(d.ticket, d.comments, d.links, d.articles, d.events, o.history, &sla_json,
                                             d.rating ? &*d.rating : nullptr, true)
                  << '\n';
    } else if (ctx.global.quiet) {
        ctx.out() << d.ticket.id << '\n';
    } else {
        out::ViewOptions view{ctx.config(), ctx.now(), ctx.width(), ctx.style(), sla_line(d.sla, ctx.now()),
                              rating_line(d.rating)};
        out::print_ticket_detail(ctx.out(), d.ticket, d.comments, d.links, d.articles, d.events, o.history, view);
    }
    return 0;
}

int run_log(const std::string& word, Context& ctx) {
    const TicketId id = parse_id(word);
    const auto events = ctx.read([&](TicketService& tickets, Store& store) {
        tickets.get(id);  // not found is an error, not an empty log
        return store.events(id);
    });
    if (ctx.global.json)
        ctx.out() << out::events_json(events) << '\n';
    else if (!ctx.global.quiet) {
        out::ViewOptions view{ctx.config(), ctx.now(), ctx.width(), ctx.style()};
        out::print_history(ctx.out(), events, view);
    }
    return 0;
}

}  // namespace

void add_show(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ShowOptions>();
    auto* c = app.add_subcommand("show", "Show a ticket with its comments");
    c->add_option("id", o->id, "Ticket id (42 or #42)")->required();
    c->add_flag("--history", o->history, "Add the audit trail");
    c->add_option("--format", o->format, "One line from TEMPLATE: {field} as in --json, \\t, \\n")
        ->type_name("TEMPLATE");
    c->footer(
        "Examples:\n"
        "  hd show 42\n"
        "  hd show '#42' --history\n"
        "  hd show 42 --json | jq -r .status\n"
        "  hd show 42 --format '{status}\\t{assignee}'");
    c->callback([o, &ctx] { ctx.exit_code = run_show(*o, ctx); });
}

void add_log(CLI::App& app, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* c = app.add_subcommand("log", "Show a ticket's audit trail: who changed what, when");
    c->add_option("id", *id, "Ticket id")->required();
    c->footer(
        "Examples:\n"
        "  hd log 42\n"
        "  hd log 42 --json | jq '.[] | select(.kind == \"status\")'");
    c->callback([id, &ctx] { ctx.exit_code = run_log(*id, ctx); });
}

}  // namespace hd::cmd
