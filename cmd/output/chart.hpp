// Terminal charts in Unicode block characters: horizontal bars in eighths of a cell (▏▎▍▌▋▊▉█) and
// sparklines (▁▂▃▄▅▆▇█), fitted to a width.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cmd/output/terminal.hpp"

namespace hd::out {

// A bar for `value` on a scale where `max` fills `width` cells, to the nearest eighth of a cell. A value
// above 0 shows at least one eighth, so that it never looks like none; 0, a negative value, or a max of
// 0 or less give an empty bar. Never wider than `width`.
std::string bar(double value, double max, std::size_t width);

struct BarRow {
    std::string label;  // sanitized text
    double value = 0;
    std::string text;  // the value as shown after the bar ("12", "54.1%", "no data")
};

// Lines of "label  bar  text": labels padded to the widest (and cut to two fifths of the width), texts
// right-aligned, and bars scaled so that `max` (when 0: the largest value) fills what is left of
// `width`. Bars are coloured when the style is on. No line is wider than `width` unless even a bar one
// cell wide does not fit.
std::vector<std::string> bar_chart(const std::vector<BarRow>& rows, std::size_t width, const Style& style,
                                   double max = 0);

// One block per value, from ▁ (lo) to █ (hi; when not given, the largest value); a missing value is a
// space. When hi <= lo every value is ▁.
std::string sparkline(const std::vector<std::optional<double>>& values, double lo = 0,
                      std::optional<double> hi = std::nullopt);

// At most `width` values: when there are more, consecutive values are averaged in groups of equal
// size (the last may be smaller); missing values are left out of an average, and a group of missing
// values stays missing.
std::vector<std::optional<double>> fit_series(const std::vector<std::optional<double>>& values, std::size_t width);

struct Series {
    std::string label;  // sanitized text
    std::vector<std::optional<double>> values;
    std::string text;  // shown after the line ("42 in all")
    double lo = 0;
    std::optional<double> hi;
};

// Lines of "label  sparkline  text", labels padded to the widest, each series fitted to what is left
// of `width` and scaled on its own.
std::vector<std::string> sparklines(const std::vector<Series>& series, std::size_t width, const Style& style);

}  // namespace hd::out
