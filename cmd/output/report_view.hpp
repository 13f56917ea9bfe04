// `hd report` output: each report as an aligned table, as a terminal chart, as JSON or as CSV. The JSON
// rows and the CSV columns come from the same records, so their field names cannot drift apart.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cmd/output/terminal.hpp"
#include "core/model/time.hpp"
#include "core/report/period.hpp"
#include "core/report/rating.hpp"
#include "core/report/report.hpp"

namespace hd::out {

enum class ReportForm { table, chart, json, csv };

struct ReportView {
    const Period& period;
    Timestamp now;
    ReportForm form = ReportForm::table;
    std::size_t width = 80;        // tables: the terminal's width (a pipe gets whole lines)
    std::size_t chart_width = 80;  // charts: the terminal's width, or COLUMNS, or 80
    const Style& style;
    bool terminal = false;  // CSV values on a terminal have control characters escaped
};

void print_summary(std::ostream& out, const SummaryReport& r, const std::vector<VolumeRow>& series,
                   const ReportView& view);
void print_sla(std::ostream& out, const SlaReport& r, const ReportView& view);
void print_tiers(std::ostream& out, const std::vector<TierRow>& rows, const ReportView& view);
void print_agents(std::ostream& out, const std::vector<AgentRow>& rows, const ReportView& view);
void print_categories(std::ostream& out, const std::vector<CategoryRow>& rows, const ReportView& view);
void print_volume(std::ostream& out, const std::vector<VolumeRow>& rows, const ReportView& view);
void print_csat(std::ostream& out, const CsatReport& r, const ReportView& view);

// `hd rate --json`: {ticket, score, comment, rated_by, rated_at}.
std::string rating_json(const Rating& r);

// For tables: a duration rounded to what a reader takes in (seconds under an hour, minutes under a
// day, hours beyond), as format_duration writes it: 4000 → "1h7m", 200000 → "2d8h".
std::string shown_duration(Seconds s);
// 0.5412 → "54.1%", 1 → "100%".
std::string shown_percent(double fraction);
// 4.25 → "4.25", 4.5 → "4.5", 4 → "4".
std::string shown_average(double value);

}  // namespace hd::out
