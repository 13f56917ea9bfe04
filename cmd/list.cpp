// hd list: tickets matching a filter, as a table, ids, JSON, CSV or a --format template.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/output/csv.hpp"
#include "cmd/output/format.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/terminal.hpp"
#include "cmd/output/ticket_view.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct ListOptions {
    std::vector<std::string> filter;
    std::vector<std::string> after_separator;  // terms after `--`, where -word excludes a word
    std::string sort;
    int limit = 0;
    bool all = false;
    bool exists = false;
    std::optional<std::string> format;
    bool csv = false;
};

// A header of the --json field names, then one row per ticket. On a terminal, control characters
// are escaped like any user text; in a pipe, values are as stored (CSV quoting carries newlines).
void print_csv(Context& ctx, const std::vector<Ticket>& tickets) {
    ctx.out() << out::csv_row(out::ticket_field_names());
    const bool terminal = ctx.stdout_is_terminal();
    std::vector<std::string> row;
    for (const auto& t : tickets) {
        row.clear();
        for (auto& [name, value] : out::ticket_fields(t))
            row.push_back(terminal ? out::sanitize(value, true) : std::move(value));
        ctx.out() << out::csv_row(row);
    }
}

int run(ListOptions o, Context& ctx) {
    out::require_one_output_form(
        {{"--json", ctx.global.json}, {"-q", ctx.global.quiet}, {"--format", o.format.has_value()}, {"--csv", o.csv}});
    // Parsed before the store is read: a bad template fails fast and costs nothing.
    std::optional<out::FormatTemplate> format;
    if (o.format) format.emplace(*o.format, out::ticket_field_names());
    o.after_separator = ctx.terms_after_separator;
    TicketQuery q;
    std::vector<std::string> terms = o.filter;
    terms.insert(terms.end(), o.after_separator.begin(), o.after_separator.end());
    q.filter = parse_filter(terms, ctx.filter_context());
    if (!o.sort.empty()) q.sort = parse_sort(o.sort);
    if (o.limit < 0) fail(ErrorKind::usage, "--limit: must be a positive number (0 means no limit)");
    if (o.limit > 0) q.limit = o.limit;
    q.include_closed = o.all;
    // The table and -q show neither tags nor cc; --json, --csv and --format print both.
    q.with_tags_and_cc = ctx.global.json || o.csv || format.has_value();

    if (o.exists) {
        const bool any = ctx.read([&](TicketService&, Store& store) { return store.any_ticket(q); });
        return any ? 0 : 1;
    }
    const auto tickets = ctx.read([&](TicketService&, Store& store) { return store.list_tickets(q); });
    if (format)
        for (const auto& t : tickets) ctx.out() << format->render(out::ticket_fields(t)) << '\n';
    else if (o.csv)
        print_csv(ctx, tickets);
    else
        print_ticket_list(ctx, tickets, "No tickets match.");
    return 0;
}

}  // namespace

void add_list(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ListOptions>();
    auto* c = app.add_subcommand("list", "List tickets that match a filter (closed ones hidden unless --all)");
    c->add_option("filter", o->filter, "Filter terms: key:value or words (see hd-filters(7))");

    c->add_option("--sort", o->sort, "Sort by FIELD, -FIELD for descending (default: priority, then id)");
    c->add_option("--limit", o->limit, "Show at most N tickets");
    c->add_flag("-a,--all", o->all, "Include closed tickets");
    c->add_flag("--exists", o->exists, "Print nothing; exit 0 when a ticket matches, 1 when none does");
    c->add_option("--format", o->format, "One line per ticket from TEMPLATE: {field} as in --json, \\t, \\n")
        ->type_name("TEMPLATE");
    c->add_flag("--csv", o->csv, "CSV: a header of the --json field names, then a row per ticket");
    c->footer(
        "Filter keys: status type prio cat tier assignee requester channel tag age updated id.\n"
        "  key:a,b matches any of the values, key:!v excludes one; prio, tier, id, age and updated\n"
        "  take <, <=, >, >=; assignee:me, assignee:none; bare words must appear in the title or\n"
        "  description, -word (after --) must not. Quote terms with < or > for the shell.\n\n"
        "Examples:\n"
        "  hd list status:open 'prio:<=P2'\n"
        "  hd list assignee:me 'age:>3d' --sort -updated\n"
        "  hd list tag:vpn tier:L2 -q | xargs hd close\n"
        "  hd list status:open --format '{id}\\t{priority}\\t{title}'\n"
        "  hd list --all --csv > tickets.csv\n"
        "  hd list --exists status:new cat:network && echo 'network tickets waiting'");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
