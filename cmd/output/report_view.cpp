// The reports as tables, charts, JSON and CSV. Each report's rows become records of named cells once;
// JSON and CSV are both written from them.
#include "cmd/output/report_view.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "cmd/output/chart.hpp"
#include "cmd/output/csv.hpp"
#include "cmd/output/format.hpp"
#include "cmd/output/table.hpp"

namespace hd::out {
namespace {

using Json = nlohmann::ordered_json;
using Cell = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Record = std::vector<std::pair<std::string, Cell>>;

constexpr const char* kNoData = "no data";
constexpr const char* kNone = "-";  // a table cell with no data, or a row with no agent or category

Cell count_cell(std::int64_t v) {
    return v;
}
Cell seconds_cell(const std::optional<Seconds>& v) {
    return v ? Cell(*v) : Cell(nullptr);
}
Cell fraction_cell(const std::optional<double>& v) {
    return v ? Cell(*v) : Cell(nullptr);
}
Cell text_cell(const std::optional<std::string>& v) {
    return v ? Cell(*v) : Cell(nullptr);
}

Json to_json(const Cell& c) {
    return std::visit(
        [](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
                return nullptr;
            else
                return v;
        },
        c);
}

Json to_json(const Record& r) {
    Json j = Json::object();
    for (const auto& [name, value] : r) j[name] = to_json(value);
    return j;
}

// The shortest text that reads back as the same double, as JSON writes it.
std::string number_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string csv_text(const Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
                return "";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
                return number_text(v);
            else
                return v;
        },
        c);
}

void write_json(std::ostream& out, const Json& j) {
    out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// A header of the record's field names, then one row per record. On a terminal, control characters are
// escaped like any user text; in a pipe, values are as stored (CSV quoting carries newlines).
void write_csv(std::ostream& out, const Record& header, const std::vector<Record>& rows, const ReportView& v) {
    std::vector<std::string> names;
    for (const auto& [name, value] : header) names.push_back(name);
    out << csv_row(names);
    for (const auto& r : rows) {
        std::vector<std::string> fields;
        for (const auto& [name, value] : r)
            fields.push_back(v.terminal ? sanitize(csv_text(value), true) : csv_text(value));
        out << csv_row(fields);
    }
}

Record head(const char* kind, const ReportView& v, bool by, bool now) {
    Record r{{"report", std::string(kind)},
             {"since", format_rfc3339(v.period.since)},
             {"until", format_rfc3339(v.period.until)}};
    if (by) r.emplace_back("by", std::string(to_string(v.period.by)));
    if (now) r.emplace_back("now", format_rfc3339(v.now));
    return r;
}

Json head_json(const char* kind, const ReportView& v, bool by, bool now) {
    return to_json(head(kind, v, by, now));
}

std::string bucket_header(Bucketing by) {
    switch (by) {
        case Bucketing::day: return "DAY";
        case Bucketing::week: return "WEEK OF";
        case Bucketing::month: return "MONTH";
    }
    return "PERIOD";
}

Record bucket_record(const Bucket& b) {
    return {{"start", format_rfc3339(b.start)}, {"end", format_rfc3339(b.end)}, {"label", b.label}};
}

void append(Record& to, const Record& more) {
    to.insert(to.end(), more.begin(), more.end());
}

// Table and chart text.
std::string rate_text(const std::optional<double>& v, const char* none = kNone) {
    return v ? shown_percent(*v) : std::string(none);
}
std::string duration_text(const std::optional<Seconds>& v, const char* none = kNone) {
    return v ? shown_duration(*v) : std::string(none);
}
std::string name_text(const std::optional<std::string>& v) {
    return v ? sanitize(*v) : std::string(kNone);
}

std::string tier_label(const TierRow& r) {
    return "L" + std::to_string(r.tier) + (r.name ? " " + sanitize(*r.name) : std::string());
}

// An instant in a title: the date alone at midnight UTC, else RFC 3339.
std::string when(Timestamp t) {
    const std::string text = format_rfc3339(t);
    return text.ends_with("T00:00:00Z") ? text.substr(0, 10) : text;
}

void title(std::ostream& out, const std::string& name, const ReportView& v, bool by) {
    std::string line =
        name + ", " + when(v.period.since) + " to " + (v.period.until_now ? "now" : when(v.period.until));
    if (by) line += ", by " + std::string(to_string(v.period.by));
    if (v.form == ReportForm::chart) line = truncate(line, v.chart_width);
    out << v.style.bold(line) << "\n\n";
}

void section(std::ostream& out, const std::string& name, const ReportView& v, const std::vector<std::string>& lines,
             bool first = false) {
    if (!first) out << '\n';
    out << v.style.bold(name) << '\n';
    for (const auto& l : lines) out << l << '\n';
}

double value_of(const std::optional<double>& v) {
    return v.value_or(0);
}

BarRow rate_bar(std::string label, const Ratio& r, const char* of_what) {
    const auto rate = r.rate();
    return BarRow{
        std::move(label), value_of(rate),
        rate ? shown_percent(*rate) + " of " + std::to_string(r.whole) + " " + of_what : std::string(kNoData)};
}

// ---- summary ----

Record summary_record(const SummaryReport& r) {
    Record rec{
        {"opened", count_cell(r.opened)}, {"resolved", count_cell(r.resolved)}, {"backlog", count_cell(r.backlog)}};
    for (std::size_t i = 0; i < kAgeBands; ++i)
        rec.emplace_back(std::string("backlog_") + age_bands()[i].field, count_cell(r.backlog_by_age[i]));
    append(rec, {{"first_response_count", count_cell(r.first_response.count)},
                 {"first_response_mean_seconds", seconds_cell(r.first_response.mean)},
                 {"first_response_median_seconds", seconds_cell(r.first_response.median)},
                 {"resolution_mean_seconds", seconds_cell(r.resolution.mean)},
                 {"resolution_median_seconds", seconds_cell(r.resolution.median)},
                 {"first_contact_resolved", count_cell(r.first_contact.part)},
                 {"first_contact_rate", fraction_cell(r.first_contact.rate())},
                 {"escalated", count_cell(r.escalated.part)},
                 {"escalation_rate", fraction_cell(r.escalated.rate())},
                 {"respond_stopped", count_cell(r.respond_met.whole)},
                 {"respond_met", count_cell(r.respond_met.part)},
                 {"respond_compliance", fraction_cell(r.respond_met.rate())},
                 {"resolve_stopped", count_cell(r.resolve_met.whole)},
                 {"resolve_met", count_cell(r.resolve_met.part)},
                 {"resolve_compliance", fraction_cell(r.resolve_met.rate())},
                 {"ratings", count_cell(r.satisfaction.ratings)},
                 {"rating_average", fraction_cell(r.satisfaction.average())},
                 {"satisfied", count_cell(r.satisfaction.satisfied)},
                 {"satisfied_rate", fraction_cell(r.satisfaction.satisfied_share().rate())}});
    return rec;
}

std::string of_text(const Ratio& r, const char* what) {
    if (r.whole == 0) return "";
    return std::to_string(r.part) + " of " + std::to_string(r.whole) + " " + what;
}

void summary_table(std::ostream& out, const SummaryReport& r, const ReportView& v) {
    title(out, "Summary", v, false);
    Table t({{"METRIC", false, false, 0}, {"VALUE", true, false, 0}, {"DETAIL", false, true, 0}});
    std::string ages;
    for (std::size_t i = 0; i < kAgeBands; ++i)
        ages += (i ? ", " : "") + std::string(age_bands()[i].name) + " " + std::to_string(r.backlog_by_age[i]);
    const auto tickets = [](std::int64_t n) {
        return n ? "of " + std::to_string(n) + (n == 1 ? " ticket" : " tickets") : std::string();
    };
    t.add_row({"Opened", std::to_string(r.opened), ""});
    t.add_row({"Resolved", std::to_string(r.resolved), ""});
    t.add_row({"Backlog", std::to_string(r.backlog), r.backlog ? "by age: " + ages : ""});
    t.add_row({"First response, mean", duration_text(r.first_response.mean, kNoData), tickets(r.first_response.count)});
    t.add_row({"First response, median", duration_text(r.first_response.median, kNoData), ""});
    t.add_row({"Resolution, mean", duration_text(r.resolution.mean, kNoData), tickets(r.resolution.count)});
    t.add_row({"Resolution, median", duration_text(r.resolution.median, kNoData), ""});
    t.add_row(
        {"First-contact resolution", rate_text(r.first_contact.rate(), kNoData), of_text(r.first_contact, "resolved")});
    t.add_row({"Escalation rate", rate_text(r.escalated.rate(), kNoData), of_text(r.escalated, "opened")});
    t.add_row({"Respond SLA met", rate_text(r.respond_met.rate(), kNoData), of_text(r.respond_met, "clocks stopped")});
    t.add_row({"Resolve SLA met", rate_text(r.resolve_met.rate(), kNoData), of_text(r.resolve_met, "clocks stopped")});
    const auto avg = r.satisfaction.average();
    t.add_row({"Satisfaction", avg ? shown_average(*avg) + "/5" : kNoData,
               r.satisfaction.ratings
                   ? std::to_string(r.satisfaction.ratings) + (r.satisfaction.ratings == 1 ? " rating" : " ratings")
                   : ""});
    t.add_row({"Satisfied (4-5)", rate_text(r.satisfaction.satisfied_share().rate(), kNoData),
               of_text(r.satisfaction.satisfied_share(), "rated")});
    t.render(out, v.width, v.style);
}

std::vector<std::optional<double>> series_of(const std::vector<VolumeRow>& rows, std::int64_t VolumeRow::*field) {
    std::vector<std::optional<double>> out;
    for (const auto& r : rows) out.push_back(static_cast<double>(r.*field));
    return out;
}

std::vector<std::string> volume_sparklines(const std::vector<VolumeRow>& rows, const ReportView& v) {
    std::int64_t opened = 0, resolved = 0;
    for (const auto& r : rows) {
        opened += r.opened;
        resolved += r.resolved;
    }
    const std::int64_t backlog = rows.empty() ? 0 : rows.back().backlog;
    return sparklines(
        {Series{"Opened", series_of(rows, &VolumeRow::opened), std::to_string(opened) + " in all", 0, std::nullopt},
         Series{"Resolved", series_of(rows, &VolumeRow::resolved), std::to_string(resolved) + " in all", 0,
                std::nullopt},
         Series{"Backlog", series_of(rows, &VolumeRow::backlog), std::to_string(backlog) + " at the end", 0,
                std::nullopt}},
        v.chart_width, v.style);
}

void summary_chart(std::ostream& out, const SummaryReport& r, const std::vector<VolumeRow>& series,
                   const ReportView& v) {
    title(out, "Summary", v, true);
    section(out, "Volume", v, volume_sparklines(series, v), true);
    std::vector<BarRow> ages;
    for (std::size_t i = 0; i < kAgeBands; ++i)
        ages.push_back(
            BarRow{age_bands()[i].name, static_cast<double>(r.backlog_by_age[i]), std::to_string(r.backlog_by_age[i])});
    section(out, "Backlog by age (" + std::to_string(r.backlog) + (r.backlog == 1 ? " ticket)" : " tickets)"), v,
            bar_chart(ages, v.chart_width, v.style));
    std::vector<BarRow> rates{rate_bar("First-contact resolution", r.first_contact, "resolved"),
                              rate_bar("Escalation rate", r.escalated, "opened"),
                              rate_bar("Respond SLA met", r.respond_met, "stopped"),
                              rate_bar("Resolve SLA met", r.resolve_met, "stopped"),
                              rate_bar("Satisfied (4-5)", r.satisfaction.satisfied_share(), "rated")};
    section(out, "Rates", v, bar_chart(rates, v.chart_width, v.style, 1.0));
    std::vector<BarRow> times;
    for (const auto& [label, d] :
         {std::pair{"First response, median", r.first_response.median},
          std::pair{"First response, mean", r.first_response.mean},
          std::pair{"Resolution, median", r.resolution.median}, std::pair{"Resolution, mean", r.resolution.mean}})
        times.push_back(BarRow{label, d ? static_cast<double>(*d) : 0, duration_text(d, kNoData)});
    section(out, "Times", v, bar_chart(times, v.chart_width, v.style));
}

// ---- sla ----

Record sla_record(const SlaRow& r) {
    return {{"priority", r.priority ? to_string(Priority{r.priority}) : std::string("all")},
            {"respond_stopped", count_cell(r.respond.whole)},
            {"respond_met", count_cell(r.respond.part)},
            {"respond_compliance", fraction_cell(r.respond.rate())},
            {"resolve_stopped", count_cell(r.resolve.whole)},
            {"resolve_met", count_cell(r.resolve.part)},
            {"resolve_compliance", fraction_cell(r.resolve.rate())},
            {"respond_breaches", count_cell(r.respond_breaches)},
            {"resolve_breaches", count_cell(r.resolve_breaches)},
            {"pickup_breaches", count_cell(r.pickup_breaches)},
            {"hold_breaches", count_cell(r.hold_breaches)},
            {"open_breached", count_cell(r.open_breached)},
            {"open_at_risk", count_cell(r.open_at_risk)}};
}

std::string priority_label(int p) {
    return p ? to_string(Priority{p}) : std::string("All");
}

void sla_table(std::ostream& out, const SlaReport& r, const ReportView& v) {
    title(out, "Service levels", v, false);
    Table t({{"PRIO", false, false, 0},
             {"RESPONDED", true, false, 0},
             {"RESP MET", true, false, 0},
             {"RESOLVED", true, false, 0},
             {"RES MET", true, false, 0},
             {"BREACHES", true, false, 0},
             {"BREACHED", true, false, 0},
             {"AT RISK", true, false, 0}});
    std::vector<SlaRow> rows = r.priorities;
    rows.push_back(r.total);
    for (const auto& row : rows)
        t.add_row({priority_label(row.priority), std::to_string(row.respond.whole), rate_text(row.respond.rate()),
                   std::to_string(row.resolve.whole), rate_text(row.resolve.rate()),
                   std::to_string(row.respond_breaches + row.resolve_breaches), std::to_string(row.open_breached),
                   std::to_string(row.open_at_risk)});
    t.render(out, v.width, v.style);
    out << "\nResponded, resolved: clocks stopped in the range; met: the share on time.\n"
           "Breaches: recorded in the range. Breached, at risk: open tickets now.\n";
}

void sla_chart(std::ostream& out, const SlaReport& r, const ReportView& v) {
    title(out, "Service levels", v, false);
    std::vector<BarRow> respond, resolve, breaches, breached_now;
    for (const auto& row : r.priorities) {
        const std::string p = priority_label(row.priority);
        respond.push_back(rate_bar(p, row.respond, "stopped"));
        resolve.push_back(rate_bar(p, row.resolve, "stopped"));
        const auto b = row.respond_breaches + row.resolve_breaches;
        breaches.push_back(BarRow{p, static_cast<double>(b), std::to_string(b)});
        breached_now.push_back(
            BarRow{p, static_cast<double>(row.open_breached),
                   std::to_string(row.open_breached) + " (+" + std::to_string(row.open_at_risk) + " at risk)"});
    }
    section(out, "Respond SLA met", v, bar_chart(respond, v.chart_width, v.style, 1.0), true);
    section(out, "Resolve SLA met", v, bar_chart(resolve, v.chart_width, v.style, 1.0));
    section(out, "Breaches recorded", v, bar_chart(breaches, v.chart_width, v.style));
    section(out, "Open tickets breached now", v, bar_chart(breached_now, v.chart_width, v.style));
}

// ---- tiers ----

Record tier_record(const TierRow& r) {
    return {{"tier", count_cell(r.tier)},
            {"name", text_cell(r.name)},
            {"resolved", count_cell(r.resolution.count)},
            {"escalated_out", count_cell(r.escalated_out)},
            {"escalation_rate", fraction_cell(r.escalation().rate())},
            {"backlog", count_cell(r.backlog)},
            {"resolution_mean_seconds", seconds_cell(r.resolution.mean)},
            {"resolution_median_seconds", seconds_cell(r.resolution.median)},
            {"pickup_breaches", count_cell(r.pickup_breaches)},
            {"hold_breaches", count_cell(r.hold_breaches)}};
}

void tiers_table(std::ostream& out, const std::vector<TierRow>& rows, const ReportView& v) {
    title(out, "Tiers", v, false);
    Table t({{"TIER", false, false, 0},
             {"NAME", false, true, 0},
             {"RESOLVED", true, false, 0},
             {"ESCALATED", true, false, 0},
             {"ESC RATE", true, false, 0},
             {"BACKLOG", true, false, 0},
             {"MEDIAN RES", true, false, 0},
             {"OLA BREACHES", true, false, 0}});
    for (const auto& r : rows)
        t.add_row({"L" + std::to_string(r.tier), name_text(r.name), std::to_string(r.resolution.count),
                   std::to_string(r.escalated_out), rate_text(r.escalation().rate()), std::to_string(r.backlog),
                   duration_text(r.resolution.median), std::to_string(r.pickup_breaches + r.hold_breaches)});
    t.render(out, v.width, v.style);
    out << "\nEscalated: out of the tier; esc rate: of the tickets it resolved or escalated.\n"
           "Backlog: now. OLA breaches: pickup and hold, recorded in the range.\n";
}

void tiers_chart(std::ostream& out, const std::vector<TierRow>& rows, const ReportView& v) {
    title(out, "Tiers", v, false);
    std::vector<BarRow> resolved, escalated, rate, backlog;
    for (const auto& r : rows) {
        const std::string label = tier_label(r);
        resolved.push_back(BarRow{label, static_cast<double>(r.resolution.count), std::to_string(r.resolution.count)});
        escalated.push_back(BarRow{label, static_cast<double>(r.escalated_out), std::to_string(r.escalated_out)});
        rate.push_back(rate_bar(label, r.escalation(), "handled"));
        backlog.push_back(BarRow{label, static_cast<double>(r.backlog), std::to_string(r.backlog)});
    }
    section(out, "Resolved", v, bar_chart(resolved, v.chart_width, v.style), true);
    section(out, "Escalated out", v, bar_chart(escalated, v.chart_width, v.style));
    section(out, "Escalation rate", v, bar_chart(rate, v.chart_width, v.style, 1.0));
    section(out, "Backlog now", v, bar_chart(backlog, v.chart_width, v.style));
}

// ---- agents ----

Record agent_record(const AgentRow& r) {
    return {{"agent", text_cell(r.agent)},
            {"resolved", count_cell(r.resolution.count)},
            {"resolution_mean_seconds", seconds_cell(r.resolution.mean)},
            {"resolution_median_seconds", seconds_cell(r.resolution.median)},
            {"first_contact_resolved", count_cell(r.first_contact.part)},
            {"first_contact_rate", fraction_cell(r.first_contact.rate())},
            {"backlog", count_cell(r.backlog)},
            {"ratings", count_cell(r.satisfaction.ratings)},
            {"rating_average", fraction_cell(r.satisfaction.average())}};
}

std::string rating_text(const Satisfaction& s) {
    const auto avg = s.average();
    return avg ? shown_average(*avg) + " (" + std::to_string(s.ratings) + ")" : std::string(kNone);
}

void agents_table(std::ostream& out, const std::vector<AgentRow>& rows, const ReportView& v) {
    title(out, "Agents", v, false);
    Table t({{"AGENT", false, false, 0},
             {"RESOLVED", true, false, 0},
             {"MEDIAN RES", true, false, 0},
             {"FCR", true, false, 0},
             {"BACKLOG", true, false, 0},
             {"RATING", true, false, 0}});
    for (const auto& r : rows)
        t.add_row({r.agent ? sanitize(*r.agent) : "(unassigned)", std::to_string(r.resolution.count),
                   duration_text(r.resolution.median), rate_text(r.first_contact.rate()), std::to_string(r.backlog),
                   rating_text(r.satisfaction)});
    t.render(out, v.width, v.style);
    out << "\nFCR: first-contact resolution. Backlog: now.\n"
           "Rating: the mean score (and how many) of the ratings given in the range.\n";
}

void agents_chart(std::ostream& out, const std::vector<AgentRow>& rows, const ReportView& v) {
    title(out, "Agents", v, false);
    std::vector<BarRow> resolved, backlog, rating;
    for (const auto& r : rows) {
        const std::string label = r.agent ? sanitize(*r.agent) : "(unassigned)";
        resolved.push_back(BarRow{label, static_cast<double>(r.resolution.count), std::to_string(r.resolution.count)});
        backlog.push_back(BarRow{label, static_cast<double>(r.backlog), std::to_string(r.backlog)});
        rating.push_back(BarRow{label, value_of(r.satisfaction.average()), rating_text(r.satisfaction)});
    }
    section(out, "Resolved", v, bar_chart(resolved, v.chart_width, v.style), true);
    section(out, "Backlog now", v, bar_chart(backlog, v.chart_width, v.style));
    section(out, "Rating", v, bar_chart(rating, v.chart_width, v.style, kHighestScore));
}

// ---- categories ----

Record category_record(const CategoryRow& r) {
    return {{"category", text_cell(r.category)},
            {"opened", count_cell(r.opened)},
            {"resolved", count_cell(r.resolution.count)},
            {"backlog", count_cell(r.backlog)},
            {"resolution_mean_seconds", seconds_cell(r.resolution.mean)},
            {"resolution_median_seconds", seconds_cell(r.resolution.median)},
            {"resolve_stopped", count_cell(r.resolve_met.whole)},
            {"resolve_met", count_cell(r.resolve_met.part)},
            {"resolve_compliance", fraction_cell(r.resolve_met.rate())}};
}

void categories_table(std::ostream& out, const std::vector<CategoryRow>& rows, const ReportView& v) {
    title(out, "Categories", v, false);
    Table t({{"CATEGORY", false, false, 0},
             {"OPENED", true, false, 0},
             {"RESOLVED", true, false, 0},
             {"BACKLOG", true, false, 0},
             {"MEDIAN RES", true, false, 0},
             {"RESOLVE MET", true, false, 0}});
    for (const auto& r : rows)
        t.add_row({name_text(r.category), std::to_string(r.opened), std::to_string(r.resolution.count),
                   std::to_string(r.backlog), duration_text(r.resolution.median), rate_text(r.resolve_met.rate())});
    t.render(out, v.width, v.style);
    out << "\nBacklog: at the end of the range.\n"
           "Resolve met: the share on time of the resolve clocks that stopped in the range.\n";
}

void categories_chart(std::ostream& out, const std::vector<CategoryRow>& rows, const ReportView& v) {
    title(out, "Categories", v, false);
    std::vector<BarRow> opened, resolved, backlog;
    for (const auto& r : rows) {
        const std::string label = name_text(r.category);
        opened.push_back(BarRow{label, static_cast<double>(r.opened), std::to_string(r.opened)});
        resolved.push_back(BarRow{label, static_cast<double>(r.resolution.count), std::to_string(r.resolution.count)});
        backlog.push_back(BarRow{label, static_cast<double>(r.backlog), std::to_string(r.backlog)});
    }
    section(out, "Opened", v, bar_chart(opened, v.chart_width, v.style), true);
    section(out, "Resolved", v, bar_chart(resolved, v.chart_width, v.style));
    section(out, "Backlog", v, bar_chart(backlog, v.chart_width, v.style));
}

// ---- volume ----

Record volume_record(const VolumeRow& r) {
    Record rec = bucket_record(r.bucket);
    append(
        rec,
        {{"opened", count_cell(r.opened)}, {"resolved", count_cell(r.resolved)}, {"backlog", count_cell(r.backlog)}});
    return rec;
}

void volume_table(std::ostream& out, const std::vector<VolumeRow>& rows, const ReportView& v) {
    title(out, "Volume", v, true);
    Table t({{bucket_header(v.period.by), false, false, 0},
             {"OPENED", true, false, 0},
             {"RESOLVED", true, false, 0},
             {"BACKLOG", true, false, 0}});
    for (const auto& r : rows)
        t.add_row({r.bucket.label, std::to_string(r.opened), std::to_string(r.resolved), std::to_string(r.backlog)});
    t.render(out, v.width, v.style);
    out << "\nBacklog: at the end of each " << to_string(v.period.by) << ".\n";
}

void volume_chart(std::ostream& out, const std::vector<VolumeRow>& rows, const ReportView& v) {
    title(out, "Volume", v, true);
    section(out, "Trend", v, volume_sparklines(rows, v), true);
    std::vector<BarRow> opened, resolved;
    for (const auto& r : rows) {
        opened.push_back(BarRow{r.bucket.label, static_cast<double>(r.opened), std::to_string(r.opened)});
        resolved.push_back(BarRow{r.bucket.label, static_cast<double>(r.resolved), std::to_string(r.resolved)});
    }
    const std::string per = std::string(" per ") + std::string(to_string(v.period.by));
    section(out, "Opened" + per, v, bar_chart(opened, v.chart_width, v.style));
    section(out, "Resolved" + per, v, bar_chart(resolved, v.chart_width, v.style));
}

// ---- csat ----

Record scores_record(const ScoreCounts& s) {
    const Satisfaction sat = s.satisfaction();
    Record rec{{"ratings", count_cell(sat.ratings)}, {"rating_average", fraction_cell(sat.average())}};
    for (int score = kLowestScore; score <= kHighestScore; ++score)
        rec.emplace_back("score_" + std::to_string(score), count_cell(s.counts[static_cast<std::size_t>(score - 1)]));
    return rec;
}

Record csat_bucket_record(const CsatBucket& b) {
    Record rec = bucket_record(b.bucket);
    append(rec, scores_record(b.scores));
    return rec;
}

Json rating_object(const Rating& r) {
    return to_json(Record{{"ticket", count_cell(r.ticket)},
                          {"score", count_cell(r.score)},
                          {"comment", text_cell(r.comment)},
                          {"rated_by", r.rated_by},
                          {"rated_at", format_rfc3339(r.rated_at)}});
}

void csat_comments(std::ostream& out, const CsatReport& r, const ReportView& v) {
    if (r.comments.empty()) return;
    out << '\n' << v.style.bold("Latest comments") << '\n';
    Table t({{"TICKET", true, false, 0},
             {"SCORE", true, false, 0},
             {"BY", false, false, 2},
             {"RATED", false, false, 1},
             {"COMMENT", false, true, 0}});
    for (const auto& c : r.comments)
        t.add_row({"#" + std::to_string(c.ticket), std::to_string(c.score), sanitize(c.rated_by),
                   format_rfc3339(c.rated_at).substr(0, 10), sanitize(c.comment.value_or(""))});
    t.render(out, v.width, v.style);
}

void csat_table(std::ostream& out, const CsatReport& r, const ReportView& v) {
    title(out, "Satisfaction", v, true);
    const Satisfaction sat = r.scores.satisfaction();
    Table t({{"SCORE", true, false, 0}, {"RATINGS", true, false, 0}, {"SHARE", true, false, 0}});
    for (int score = kHighestScore; score >= kLowestScore; --score) {
        const std::int64_t n = r.scores.counts[static_cast<std::size_t>(score - 1)];
        t.add_row({std::to_string(score), std::to_string(n), rate_text(Ratio{n, sat.ratings}.rate())});
    }
    t.render(out, v.width, v.style);
    const auto avg = sat.average();
    out << '\n';
    if (avg)
        out << "Average " << shown_average(*avg) << "/5 from " << sat.ratings
            << (sat.ratings == 1 ? " rating; " : " ratings; ") << shown_percent(*sat.satisfied_share().rate())
            << " satisfied (4-5).\n";
    else
        out << "No ratings in the range.\n";
    Table buckets(
        {{bucket_header(v.period.by), false, false, 0}, {"RATINGS", true, false, 0}, {"AVERAGE", true, false, 0}});
    for (const auto& b : r.buckets) {
        const Satisfaction s = b.scores.satisfaction();
        if (s.ratings) buckets.add_row({b.bucket.label, std::to_string(s.ratings), shown_average(*s.average())});
    }
    if (!buckets.empty()) {
        out << '\n';
        buckets.render(out, v.width, v.style);
    }
    csat_comments(out, r, v);
}

void csat_chart(std::ostream& out, const CsatReport& r, const ReportView& v) {
    title(out, "Satisfaction", v, true);
    const Satisfaction sat = r.scores.satisfaction();
    std::vector<BarRow> scores;
    for (int score = kHighestScore; score >= kLowestScore; --score) {
        const std::int64_t n = r.scores.counts[static_cast<std::size_t>(score - 1)];
        const auto share = Ratio{n, sat.ratings}.rate();
        scores.push_back(BarRow{std::to_string(score), static_cast<double>(n),
                                std::to_string(n) + (share ? " (" + shown_percent(*share) + ")" : "")});
    }
    section(out, "Scores", v, bar_chart(scores, v.chart_width, v.style), true);
    std::vector<std::optional<double>> averages, counts;
    for (const auto& b : r.buckets) {
        const Satisfaction s = b.scores.satisfaction();
        averages.push_back(s.average());
        counts.push_back(static_cast<double>(s.ratings));
    }
    const auto avg = sat.average();
    section(out, "Trend", v,
            sparklines({Series{"Average", averages, avg ? shown_average(*avg) + "/5" : std::string(kNoData),
                               static_cast<double>(kLowestScore), static_cast<double>(kHighestScore)},
                        Series{"Ratings", counts, std::to_string(sat.ratings) + " in all", 0, std::nullopt}},
                       v.chart_width, v.style));
    csat_comments(out, r, v);
}

}  // namespace

std::string shown_duration(Seconds s) {
    constexpr Seconds kHour = 3600, kDay = 86400;
    const Seconds magnitude = s < 0 ? -s : s;
    const auto round_to = [s](Seconds unit) {
        return static_cast<Seconds>(std::llround(static_cast<double>(s) / unit)) * unit;
    };
    if (magnitude >= kDay) return format_duration(round_to(kHour));
    if (magnitude >= kHour) return format_duration(round_to(60));
    return format_duration(s);
}

std::string shown_percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", fraction * 100);
    std::string out = buf;
    if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) out.resize(out.size() - 2);
    return out + "%";
}

std::string shown_average(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string out = buf;
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    return out;
}

void print_summary(std::ostream& out, const SummaryReport& r, const std::vector<VolumeRow>& series,
                   const ReportView& v) {
    switch (v.form) {
        case ReportForm::table: return summary_table(out, r, v);
        case ReportForm::chart: return summary_chart(out, r, series, v);
        case ReportForm::json: {
            Record rec = head("summary", v, false, false);
            append(rec, summary_record(r));
            return write_json(out, to_json(rec));
        }
        case ReportForm::csv: {
            Record rec{{"since", format_rfc3339(v.period.since)}, {"until", format_rfc3339(v.period.until)}};
            append(rec, summary_record(r));
            return write_csv(out, rec, {rec}, v);
        }
    }
}

void print_sla(std::ostream& out, const SlaReport& r, const ReportView& v) {
    switch (v.form) {
        case ReportForm::table: return sla_table(out, r, v);
        case ReportForm::chart: return sla_chart(out, r, v);
        case ReportForm::json: {
            Json j = head_json("sla", v, false, true);
            j["priorities"] = Json::array();
            for (const auto& row : r.priorities) j["priorities"].push_back(to_json(sla_record(row)));
            j["total"] = to_json(sla_record(r.total));
            return write_json(out, j);
        }
        case ReportForm::csv: {
            std::vector<Record> rows;
            for (const auto& row : r.priorities) rows.push_back(sla_record(row));
            rows.push_back(sla_record(r.total));
            return write_csv(out, sla_record(SlaRow{}), rows, v);
        }
    }
}

template <typename Row, typename ToRecord>
void print_rows(std::ostream& out, const char* kind, const char* key, const std::vector<Row>& rows, ToRecord to_record,
                const ReportView& v) {
    if (v.form == ReportForm::json) {
        Json j = head_json(kind, v, false, true);
        j[key] = Json::array();
        for (const auto& r : rows) j[key].push_back(to_json(to_record(r)));
        write_json(out, j);
    } else {
        std::vector<Record> records;
        for (const auto& r : rows) records.push_back(to_record(r));
        write_csv(out, to_record(Row{}), records, v);
    }
}

void print_tiers(std::ostream& out, const std::vector<TierRow>& rows, const ReportView& v) {
    if (v.form == ReportForm::table) return tiers_table(out, rows, v);
    if (v.form == ReportForm::chart) return tiers_chart(out, rows, v);
    print_rows(out, "tiers", "tiers", rows, tier_record, v);
}

void print_agents(std::ostream& out, const std::vector<AgentRow>& rows, const ReportView& v) {
    if (v.form == ReportForm::table) return agents_table(out, rows, v);
    if (v.form == ReportForm::chart) return agents_chart(out, rows, v);
    print_rows(out, "agents", "agents", rows, agent_record, v);
}

void print_categories(std::ostream& out, const std::vector<CategoryRow>& rows, const ReportView& v) {
    if (v.form == ReportForm::table) return categories_table(out, rows, v);
    if (v.form == ReportForm::chart) return categories_chart(out, rows, v);
    print_rows(out, "categories", "categories", rows, category_record, v);
}

void print_volume(std::ostream& out, const std::vector<VolumeRow>& rows, const ReportView& v) {
    switch (v.form) {
        case ReportForm::table: return volume_table(out, rows, v);
        case ReportForm::chart: return volume_chart(out, rows, v);
        case ReportForm::json: {
            Json j = head_json("volume", v, true, false);
            j["buckets"] = Json::array();
            for (const auto& r : rows) j["buckets"].push_back(to_json(volume_record(r)));
            return write_json(out, j);
        }
        case ReportForm::csv: {
            std::vector<Record> records;
            for (const auto& r : rows) records.push_back(volume_record(r));
            return write_csv(out, volume_record(VolumeRow{}), records, v);
        }
    }
}

void print_csat(std::ostream& out, const CsatReport& r, const ReportView& v) {
    switch (v.form) {
        case ReportForm::table: return csat_table(out, r, v);
        case ReportForm::chart: return csat_chart(out, r, v);
        case ReportForm::json: {
            Json j = head_json("csat", v, true, false);
            const Satisfaction sat = r.scores.satisfaction();
            j["ratings"] = sat.ratings;
            j["rating_average"] = to_json(fraction_cell(sat.average()));
            j["satisfied"] = sat.satisfied;
            j["satisfied_rate"] = to_json(fraction_cell(sat.satisfied_share().rate()));
            j["scores"] = Json::array();
            for (int score = kLowestScore; score <= kHighestScore; ++score)
                j["scores"].push_back(
                    Json{{"score", score}, {"ratings", r.scores.counts[static_cast<std::size_t>(score - 1)]}});
            j["buckets"] = Json::array();
            for (const auto& b : r.buckets) j["buckets"].push_back(to_json(csat_bucket_record(b)));
            j["comments"] = Json::array();
            for (const auto& c : r.comments) j["comments"].push_back(rating_object(c));
            return write_json(out, j);
        }
        case ReportForm::csv: {
            std::vector<Record> records;
            for (const auto& b : r.buckets) records.push_back(csat_bucket_record(b));
            return write_csv(out, csat_bucket_record(CsatBucket{}), records, v);
        }
    }
}

std::string rating_json(const Rating& r) {
    return rating_object(r).dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace hd::out
