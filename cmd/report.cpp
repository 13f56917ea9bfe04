// hd report: volume, resolution times, first-contact resolution, escalation, SLA compliance and
// satisfaction over a time range, as tables, terminal charts, JSON or CSV.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <string_view>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/format.hpp"
#include "cmd/output/report_view.hpp"
#include "cmd/output/terminal.hpp"
#include "core/error.hpp"
#include "core/service/reports.hpp"

namespace hd::cmd {
namespace {

constexpr std::array<std::string_view, 7> kKinds = {"summary",    "sla",    "tiers", "agents",
                                                    "categories", "volume", "csat"};

struct ReportOptions {
    std::string kind = "summary";
    std::string since;
    std::string until;
    std::string by;
    bool chart = false;
    bool csv = false;
};

int run(const ReportOptions& o, Context& ctx) {
    if (std::find(kKinds.begin(), kKinds.end(), o.kind) == kKinds.end())
        fail(ErrorKind::usage,
             "no report '" + o.kind + "' (expected summary, sla, tiers, agents, categories, volume or csat)");
    out::require_one_output_form({{"--json", ctx.global.json}, {"--csv", o.csv}, {"--chart", o.chart}});
    if (ctx.global.quiet) fail(ErrorKind::usage, "-q: a report has no ids to print; scripts can read --csv or --json");
    const Timestamp now = ctx.now();
    const Period period = make_period(o.since, o.until, o.by, now);
    out::ReportForm form = out::ReportForm::table;
    if (ctx.global.json) form = out::ReportForm::json;
    if (o.csv) form = out::ReportForm::csv;
    if (o.chart) form = out::ReportForm::chart;
    // Charts are drawn to the terminal's width, or COLUMNS, or 80 in a pipe (tables in a pipe keep whole lines).
    const out::ReportView view{
        period, now, form, ctx.width(), out::terminal_width(80), ctx.style(), ctx.stdout_is_terminal()};
    const Config& config = ctx.config();
    ctx.read([&](TicketService&, Store& store) {
        ReportService reports(store, config, now);
        std::ostream& out = ctx.out();
        if (o.kind == "summary") {
            const auto summary = reports.summary(period);
            const auto series = form == out::ReportForm::chart ? reports.volume(period) : std::vector<VolumeRow>{};
            out::print_summary(out, summary, series, view);
        } else if (o.kind == "sla") {
            out::print_sla(out, reports.sla(period), view);
        } else if (o.kind == "tiers") {
            out::print_tiers(out, reports.tiers(period), view);
        } else if (o.kind == "agents") {
            out::print_agents(out, reports.agents(period), view);
        } else if (o.kind == "categories") {
            out::print_categories(out, reports.categories(period), view);
        } else if (o.kind == "volume") {
            out::print_volume(out, reports.volume(period), view);
        } else {
            out::print_csat(out, reports.csat(period), view);
        }
        return 0;
    });
    return 0;
}

}  // namespace

std::vector<std::string> report_kinds() {
    return {kKinds.begin(), kKinds.end()};
}

void add_report(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportOptions>();
    auto* c =
        app.add_subcommand("report", "Reports: volume, resolution times, escalation, SLA compliance, satisfaction");
    c->add_option("kind", o->kind, "summary (the default), sla, tiers, agents, categories, volume or csat");
    c->add_option("--since", o->since, "Start: a duration back from now (30d, the default) or an RFC 3339 date or time")
        ->type_name("WHEN");
    c->add_option("--until", o->until, "End (not included): a duration back from now, or a date or time; default now")
        ->type_name("WHEN");
    c->add_option("--by", o->by, "Buckets: day, week (from Monday) or month, in UTC; default by the range's length")
        ->type_name("UNIT");
    c->add_flag("--chart", o->chart, "Draw bars and sparklines fitted to the terminal's width");
    c->add_flag("--csv", o->csv, "CSV: a header of the --json field names, then the rows");
    c->footer(
        "Examples:\n"
        "  hd report\n"
        "  hd report volume --since 12w --by week --chart\n"
        "  hd report sla --since 2026-10-01 --until 2026-11-01\n"
        "  hd report agents --csv > agents.csv\n"
        "  hd report csat --json | jq '.rating_average'");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
