// hd export: tickets with their comments, events and links as JSON Lines, or their fields as CSV.
#include <CLI/CLI.hpp>

#include "cmd/bulk/record_csv.hpp"
#include "cmd/bulk/record_json.hpp"
#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct ExportOptions {
    std::vector<std::string> filter;
    std::string format = "jsonl";
};

int run(const ExportOptions& o, Context& ctx) {
    TicketQuery q;
    std::vector<std::string> terms = o.filter;
    terms.insert(terms.end(), ctx.terms_after_separator.begin(), ctx.terms_after_separator.end());
    q.filter = parse_filter(terms, ctx.filter_context());
    // A backup holds everything: closed tickets too, unless a status: term says otherwise.
    q.include_closed = true;
    const bool csv = o.format == "csv";
    std::ostream& out = ctx.out();
    ctx.read([&](TicketService&, Store& store) {
        if (csv && !ctx.global.quiet) out << bulk::ticket_csv_header();
        // One ticket at a time, from the store to standard output: an export of any size runs in
        // the memory of one ticket.
        store.for_each_ticket_record(q, [&](const TicketRecord& r) {
            if (ctx.global.quiet)
                out << r.ticket.id << '\n';
            else if (csv)
                out << bulk::ticket_csv_row(r.ticket);
            else
                out << bulk::record_json(r) << '\n';
            if (!out) fail(ErrorKind::other, "cannot write to standard output");
        });
    });
    ctx.flush_out();
    return 0;
}

}  // namespace

void add_export(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ExportOptions>();
    auto* c = app.add_subcommand("export", "Write tickets with their comments, events and links (JSON Lines or CSV)");
    c->add_option("filter", o->filter, "Filter terms as for hd list (closed tickets included)");
    c->add_option("--format", o->format, "jsonl (default: every record whole) or csv (ticket fields only)")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    c->footer(
        "Examples:\n"
        "  hd export > backup.jsonl\n"
        "  hd export status:open cat:network > network.jsonl\n"
        "  hd export --format csv 'age:<30d' > last-month.csv\n"
        "  hd export | HD_DB=copy.db hd import - --keep-ids");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
