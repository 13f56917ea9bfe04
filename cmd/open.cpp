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
#include "cmd/bulk/new_ticket_json.hpp"
#include "core/rules/template.hpp"

namespace hd::cmd {
namespace {

struct OpenOptions {
    std::optional<std::string> title;  // optional with --template, which has its own
    std::optional<std::string> description;
    std::string type, priority, impact, urgency, category, requester, channel, assign, tier;
    std::vector<std::string> tags;
    std::optional<std::string> template_name;
    std::vector<std::string> vars;  // --var KEY=VALUE
    std::optional<std::string> dedup;  // --dedup KEY
    std::optional<std::string> from_json;  // --from-json FILE|-
};

// The ticket a template describes once its placeholders are filled; the options then override it.
NewTicket from_template(const ExpandedTemplate& t) {
    NewTicket in;
    in.title = t.title;
    in.description = t.description;
    in.type = t.type;
    in.category = t.category;
    in.priority = t.priority;
    in.tier = t.tier;
    in.tags = t.tags;
    in.assignee = t.assignee;
    in.requester = t.requester;
    in.channel = t.channel;
    return in;
}

// `hd open --from-json FILE|-`: one ticket or an array of them, all filed in one transaction.
int run_from_json(const OpenOptions& o, Context& ctx) {
    if (o.title || o.template_name || o.dedup)
        fail(ErrorKind::usage, "--from-json gives the whole ticket: no title, --template or --dedup with it");
    const Config& config = ctx.config();
    const std::string text = read_text_file(*o.from_json, config.max_text_bytes * 4, "the tickets' JSON");
    const std::vector<NewTicket> inputs = new_tickets_from_json(text, config);
    ctx.write(
        [&](TicketService& tickets, Store&) {
            std::vector<Ticket> out;
            for (const auto& in : inputs) out.push_back(tickets.open(in));
            return out;
        },
        [&](const std::vector<Ticket>& opened) {
            if (ctx.global.json)
                ctx.out() << out::tickets_json(opened) << '\n';
            else
                for (const auto& t : opened)
                    if (ctx.global.quiet)
                        ctx.out() << t.id << '\n';
                    else
                        ctx.out() << "Opened #" << t.id << " (" << to_string(t.priority) << ", " << to_string(t.type)
                                  << ", L" << t.tier << "): " << out::sanitize(t.title) << '\n';
        });
    return 0;
}

int run(const OpenOptions& o, Context& ctx) {
    if (o.from_json) return run_from_json(o, ctx);
    const Config& config = ctx.config();
    NewTicket in;
    std::optional<std::string> dedup;  // the template's key; --dedup overrides it
    if (o.template_name) {
        const ExpandedTemplate t = expand_template(config, *o.template_name, o.vars);
        in = from_template(t);
        dedup = t.dedup;
    } else if (!o.vars.empty()) {
        fail(ErrorKind::usage, "--var fills the placeholders of a template: give --template NAME too");
    } else if (!o.title) {
        fail(ErrorKind::usage, "a title is required: hd open TITLE [options], or hd open --template NAME");
    }
    if (o.title) in.title = *o.title;
    if (o.description) in.description = text_or_stdin(*o.description, config.max_text_bytes, "description");
    if (!o.type.empty()) in.type = type_option(o.type);
    if (!o.priority.empty()) in.priority = priority_option(o.priority);
    if (!o.impact.empty()) in.impact = level_option(o.impact, "--impact");
    if (!o.urgency.empty()) in.urgency = level_option(o.urgency, "--urgency");
    // A given priority wins over impact x urgency, so a template's would silence the options.
    if (o.priority.empty() && (in.impact || in.urgency)) in.priority.reset();
    if (!o.category.empty()) in.category = o.category;
    if (!o.requester.empty()) in.requester = o.requester;
    if (!o.channel.empty()) in.channel = channel_option(o.channel);
    if (!o.assign.empty()) in.assignee = o.assign;
    if (!o.tier.empty()) in.tier = tier_option(config, o.tier);
    in.tags.insert(in.tags.end(), o.tags.begin(), o.tags.end());  // added to the template's
    if (o.dedup) dedup = o.dedup;
    in.dedup_key = dedup;

    // On a terminal, the articles most likely to solve it follow the new id (never for scripts).
    const bool suggest = ctx.stdout_is_terminal() && !ctx.global.quiet && !ctx.global.json;
    using Opened = std::pair<Filed, std::vector<ArticleHit>>;
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            Opened r{tickets.file(in), {}};
            if (suggest && r.first.filing != Filing::occurred)
                r.second = KbService(store, tickets, ctx.config(), ctx.now()).suggest(r.first.ticket, 3);
            return r;
        },
        [&](const Opened& r) {
            const Ticket& t = r.first.ticket;
            const bool deduplicated = r.first.filing == Filing::occurred || r.first.filing == Filing::reopened;
            if (ctx.global.json) {
                ctx.out() << out::filed_ticket_json(t, deduplicated) << '\n';
            } else if (ctx.global.quiet) {
                ctx.out() << t.id << '\n';
            } else {
                const std::string what = "(" + to_string(t.priority) + ", " + std::string(to_string(t.type)) + ", L" +
                                         std::to_string(t.tier) + "): " + out::sanitize(t.title);
                switch (r.first.filing) {
                    case Filing::opened: ctx.out() << "Opened #" << t.id << ' ' << what << '\n'; break;
                    case Filing::occurred:
                        ctx.out() << "Already filed as #" << t.id << ", occurrence " << t.occurrences << ' ' << what << '\n';
                        break;
                    case Filing::reopened:
                        ctx.out() << "Reopened #" << t.id << ": reported again, occurrence " << t.occurrences << ' ' << what
                                  << '\n';
                        break;
                    case Filing::followed_up:
                        ctx.out() << "Opened #" << t.id << ' ' << what << ", following #" << r.first.earlier.value_or(0)
                                  << '\n';
                        break;
                }
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
    c->add_option("title", o->title, "One-line summary of the problem or request (optional with --template)");
    c->add_option("-d,--description", o->description, "Details; - reads them from standard input");
    c->add_option("--type", o->type, "incident (default), request, problem or change");
    c->add_option("-p,--priority", o->priority, "P1 (most urgent) to P4; default P3 or impact x urgency");
    c->add_option("--impact", o->impact, "high, medium or low: with --urgency, gives the priority");
    c->add_option("--urgency", o->urgency, "high, medium or low: with --impact, gives the priority");
    c->add_option("-c,--category", o->category, "Category, one of the config's categories");
    c->add_option("--requester", o->requester, "Who asked (name or address)");
    c->add_option("--channel", o->channel, "phone, email, chat, web, cli or monitoring");
    c->add_option("-t,--tag", o->tags, "Tag (repeatable)")->allow_extra_args(false);
    c->add_option("--assign", o->assign, "Assign to this agent");
    c->add_option("--tier", o->tier, "First tier (default 1): 2, L2 or the tier's name");
    c->add_option("--template", o->template_name, "Start from the config's [template.NAME]; options override it");
    c->add_option("--var", o->vars, "KEY=VALUE for the template's {KEY} placeholder (repeatable)")
        ->allow_extra_args(false);  // one value each, so that a title may follow
    c->add_option("--from-json", o->from_json, "Read the ticket (or an array of them) as JSON from FILE; - is stdin");
    c->add_option("--dedup", o->dedup, "File idempotently: while a ticket with KEY is unsolved, count an occurrence");
    c->footer(
        "Prints \"Opened #ID ...\"; with -q only the id, with --json the ticket.\n\n"
        "Examples:\n"
        "  hd open \"VPN drops every hour\" -c network --impact high --urgency medium\n"
        "  df -h | hd open \"Disk almost full on web1\" -d - --channel monitoring -t disk -q\n"
        "  hd open --template disk-full --var host=web1 --var mount=/srv --var use=93 -p P1\n"
        "  hd open \"Backup failed on db1\" --dedup backup-db1 -d \"$(tail -5 backup.log)\" -q");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
