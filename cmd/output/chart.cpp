// Bars and sparklines: the arithmetic of eighths and levels, and lines laid out by display width.
#include "cmd/output/chart.hpp"

#include <algorithm>
#include <cmath>

namespace hd::out {
namespace {

constexpr const char* kFull = "█";
// A cell filled by 1..7 eighths from the left.
constexpr const char* kEighths[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
// Sparkline levels, lowest first.
constexpr const char* kLevels[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

constexpr std::size_t kGap = 2;

std::size_t widest(const std::vector<std::string>& texts) {
    std::size_t w = 0;
    for (const auto& t : texts) w = std::max(w, display_width(t));
    return w;
}

// How wide labels may be: their widest, but at most two fifths of the line (and no less than 8).
std::size_t label_width(const std::vector<std::string>& labels, std::size_t width) {
    return std::min(widest(labels), std::max<std::size_t>(8, width * 2 / 5));
}

}  // namespace

std::string bar(double value, double max, std::size_t width) {
    if (!(value > 0) || !(max > 0) || width == 0) return "";
    const double cells = std::min(value / max, 1.0) * static_cast<double>(width);
    auto eighths = static_cast<std::size_t>(std::llround(cells * 8));
    eighths = std::clamp<std::size_t>(eighths, 1, width * 8);
    std::string out;
    for (std::size_t i = 0; i < eighths / 8; ++i) out += kFull;
    out += kEighths[eighths % 8];
    return out;
}

std::vector<std::string> bar_chart(const std::vector<BarRow>& rows, std::size_t width, const Style& style, double max) {
    std::vector<std::string> labels, texts;
    for (const auto& r : rows) {
        labels.push_back(r.label);
        texts.push_back(r.text);
    }
    if (max <= 0)
        for (const auto& r : rows) max = std::max(max, r.value);
    const std::size_t label_w = label_width(labels, width);
    const std::size_t text_w = widest(texts);
    const std::size_t fixed = label_w + kGap + (text_w > 0 ? kGap + text_w : 0);
    const std::size_t bar_w = width > fixed ? width - fixed : 1;
    std::vector<std::string> lines;
    for (const auto& r : rows) {
        const std::string b = bar(r.value, max, bar_w);
        // The padding goes outside the colour, so that a pipe never sees coloured spaces.
        std::string line = pad(truncate(r.label, label_w), label_w);
        line.append(kGap, ' ');
        line += b.empty() ? b : style.cyan(b);
        line.append(bar_w - display_width(b), ' ');
        if (text_w > 0) {
            line.append(kGap, ' ');
            line += pad(r.text, text_w, true);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string sparkline(const std::vector<std::optional<double>>& values, double lo, std::optional<double> hi) {
    double top = lo;
    if (hi)
        top = *hi;
    else
        for (const auto& v : values)
            if (v) top = std::max(top, *v);
    std::string out;
    for (const auto& v : values) {
        if (!v) {
            out += ' ';
            continue;
        }
        int level = 0;
        if (top > lo) level = static_cast<int>(std::lround((std::clamp(*v, lo, top) - lo) / (top - lo) * 7));
        out += kLevels[std::clamp(level, 0, 7)];
    }
    return out;
}

std::vector<std::optional<double>> fit_series(const std::vector<std::optional<double>>& values, std::size_t width) {
    if (values.size() <= width || width == 0) return values;
    const std::size_t group = (values.size() + width - 1) / width;
    std::vector<std::optional<double>> out;
    for (std::size_t start = 0; start < values.size(); start += group) {
        double sum = 0;
        int n = 0;
        for (std::size_t i = start; i < std::min(values.size(), start + group); ++i)
            if (values[i]) {
                sum += *values[i];
                ++n;
            }
        out.push_back(n ? std::optional<double>(sum / n) : std::nullopt);
    }
    return out;
}

std::vector<std::string> sparklines(const std::vector<Series>& series, std::size_t width, const Style& style) {
    std::vector<std::string> labels, texts;
    for (const auto& s : series) {
        labels.push_back(s.label);
        texts.push_back(s.text);
    }
    const std::size_t label_w = label_width(labels, width);
    const std::size_t text_w = widest(texts);
    const std::size_t fixed = label_w + kGap + (text_w > 0 ? kGap + text_w : 0);
    const std::size_t line_w = width > fixed ? width - fixed : 1;
    std::size_t spark_w = 0;
    for (const auto& s : series) spark_w = std::max(spark_w, std::min(s.values.size(), line_w));
    std::vector<std::string> lines;
    for (const auto& s : series) {
        const std::string spark = sparkline(fit_series(s.values, line_w), s.lo, s.hi);
        std::string line = pad(truncate(s.label, label_w), label_w);
        line.append(kGap, ' ');
        line += style.cyan(spark);
        line.append(spark_w - std::min(spark_w, display_width(spark)), ' ');
        if (text_w > 0) {
            line.append(kGap, ' ');
            line += pad(s.text, text_w, true);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace hd::out
