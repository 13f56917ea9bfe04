// hd open: file a new ticket.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/article_view.hpp"
#include "core/service/kb.hpp"
#include "cmd/input.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct OpenOptions {
    std::string title;
    std::optional<std::string> description;
    std::string type, priority, impact, urgency, category, requester, channel, assign, tier;
    std::vector<std::string> tags;
};

int run(const OpenOptions& o, Context& ctx) {
    const Config& config = ctx.config();
    NewTicket in;
    in.title = o.title;
    if (o.description) in.description = text_or_stdin(*o.description, config.max_text_bytes, "description");
    if (!o.type.empty()) in.type = type_option(o.type);
    if (!o.priority.empty()) in.priority = priority_option(o.priority);
    if (!o.impact.empty()) in.impact = level_option(o.impact, "--impact");
    if (!o.urgency.empty()) in.urgency = level_option(o.urgency, "--urgency");
    if (!o.category.empty()) in.category = o.category;
    if (!o.requester.empty()) in.requester = o.requester;
    if (!o.channel.empty()) in.channel = channel_option(o.channel);
    if (!o.assign.empty()) in.assignee = o.assign;
    if (!o.tier.empty()) in.tier = tier_option(config, o.tier);
    in.tags = o.tags;

    // On a terminal, the articles most likely to solve it follow the new id (never for scripts).
    const bool suggest = ctx.stdout_is_terminal() && !ctx.global.quiet && !ctx.global.json;
    using Opened = std::pair<Ticket, std::vector<ArticleHit>>;
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            Opened r{tickets.open(in), {}};
            if (suggest) r.second = KbService(store, tickets, ctx.config(), ctx.now()).suggest(r.first, 3);
            return r;
        },
        [&](const Opened& r) {
            const Ticket& t = r.first;
            if (ctx.global.json) {
                ctx.out() << out::ticket_json(t) << '\n';
            } else if (ctx.global.quiet) {
                ctx.out() << t.id << '\n';
            } else {
                ctx.out() << "Opened #" << t.id << " (" << to_string(t.priority) << ", " << to_string(t.type) << ", L"
                          << t.tier << "): " << out::sanitize(t.title) << '\n';
                if (!r.second.empty()) {
                    ctx.out() << ctx.style().dim("Articles that may help:") << '\n';
                    for (const auto& h : r.second)
                        ctx.out() << "  " << out::article_label(h.article.id) << "  "
                                  << out::truncate(out::sanitize(h.article.title), ctx.width() > 20 ? ctx.width() - 10 : 10)
                                  << '\n';
                }
            }
        });
    return 0;
}

}  // namespace

void add_open(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<OpenOptions>();
    auto* c = app.add_subcommand("open", "Open a new ticket");
    c->add_option("title", o->title, "One-line summary of the problem or request")->required();
    c->add_option("-d,--description", o->description, "Details; - reads them from standard input");
    c->add_option("--type", o->type, "incident (default), request, problem or change");
    c->add_option("-p,--priority", o->priority, "P1 (most urgent) to P4; default P3 or impact x urgency");
    c->add_option("--impact", o->impact, "high, medium or low: with --urgency, gives the priority");
    c->add_option("--urgency", o->urgency, "high, medium or low: with --impact, gives the priority");
    c->add_option("-c,--category", o->category, "Category, one of the config's categories");
    c->add_option("--requester", o->requester, "Who asked (name or address)");
    c->add_option("--channel", o->channel, "phone, email, chat, web, cli or monitoring");
    c->add_option("-t,--tag", o->tags, "Tag (repeatable)");
    c->add_option("--assign", o->assign, "Assign to this agent");
    c->add_option("--tier", o->tier, "First tier (default 1): 2, L2 or the tier's name");
    c->footer(
        "Prints \"Opened #ID ...\"; with -q only the id, with --json the ticket.\n\n"
        "Examples:\n"
        "  hd open \"VPN drops every hour\" -c network --impact high --urgency medium\n"
        "  df -h | hd open \"Disk almost full on web1\" -d - --channel monitoring -t disk -q");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
