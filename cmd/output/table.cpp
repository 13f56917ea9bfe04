// Table layout: column widths by display width, fitting to the terminal, alignment and row colour.
#include "cmd/output/table.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace hd::out {

namespace {

constexpr std::size_t column_gap = 2;
// A flexible column (the title) narrower than this stops being readable.
constexpr std::size_t flexible_minimum = 10;

// Takes columns from `widths` one at a time, always from the widest candidate still above its
// minimum, until `excess` is gone or no candidate can give more. Widest-first keeps the narrow
// columns (ids, status, priority) whole as long as something else can give way.
void shrink(std::vector<std::size_t>& widths, const std::vector<std::size_t>& minimums,
            const std::vector<bool>& candidate, std::size_t& excess) {
    while (excess > 0) {
        std::size_t widest = widths.size();
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (!candidate[i] || widths[i] <= minimums[i]) continue;
            if (widest == widths.size() || widths[i] > widths[widest]) widest = i;
        }
        if (widest == widths.size()) return;
        --widths[widest];
        --excess;
    }
}

// One line of the shown columns: `shown[k]` indexes `cells` and `columns`; `widths[k]` is its width.
std::string render_line(const std::vector<std::string>& cells, const std::vector<Column>& columns,
                        const std::vector<std::size_t>& shown, const std::vector<std::size_t>& widths) {
    std::string line;
    for (std::size_t k = 0; k < shown.size(); ++k) {
        if (k > 0) line.append(column_gap, ' ');
        const std::size_t i = shown[k];
        line += pad(truncate(cells[i], widths[k]), widths[k], columns[i].align_right);
    }
    // Padding of the last columns (or empty cells there) must not leave trailing spaces.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

}  // namespace

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells, std::string sgr_colour) {
    // Fewer cells leave the last columns empty; more cells than columns is a caller's bug that
    // would otherwise drop data silently.
    if (cells.size() > columns_.size())
        throw std::invalid_argument("table row has more cells than the table has columns");
    cells.resize(columns_.size());
    // Cells should arrive sanitized; escaping again is a no-op for them (sanitize leaves its own
    // output unchanged) and keeps a forgotten call from letting ticket text drive the terminal.
    for (std::string& cell : cells) cell = sanitize(cell);
    rows_.push_back(Row{std::move(cells), std::move(sgr_colour)});
}

// Each column's natural width (its widest cell or header) and the least it may shrink to.
Table::Measure Table::measure() const {
    Measure m;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::size_t header = display_width(columns_[i].header);
        std::size_t natural = header;
        for (const Row& row : rows_) natural = std::max(natural, display_width(row.cells[i]));
        const std::size_t minimum = columns_[i].flexible ? std::max(flexible_minimum, header) : header;
        m.natural.push_back(natural);
        m.minimum.push_back(std::min(natural, minimum));
    }
    return m;
}

// The columns to show: all of them when their minimum widths fit, else without the droppable ones,
// lowest rank first, until the rest fit.
std::vector<std::size_t> Table::shown_columns(std::size_t width, const Measure& m) const {
    std::vector<std::size_t> shown(columns_.size());
    for (std::size_t i = 0; i < shown.size(); ++i) shown[i] = i;
    const auto minimum_total = [&] {
        std::size_t total = shown.empty() ? 0 : column_gap * (shown.size() - 1);
        for (std::size_t i : shown) total += m.minimum[i];
        return total;
    };
    while (minimum_total() > width) {
        auto drop = shown.end();
        for (auto it = shown.begin(); it != shown.end(); ++it)
            if (columns_[*it].drop_rank > 0 && (drop == shown.end() || columns_[*it].drop_rank < columns_[*drop].drop_rank))
                drop = it;
        if (drop == shown.end()) break;
        shown.erase(drop);
    }
    return shown;
}

void Table::render(std::ostream& out, std::size_t width, const Style& style) const {
    if (columns_.empty()) return;
    const Measure m = measure();
    const std::vector<std::size_t> shown = shown_columns(width, m);
    const std::size_t count = shown.size();
    if (count == 0) return;

    std::vector<std::size_t> widths(count);
    std::vector<std::size_t> minimums(count);
    std::vector<bool> flexible(count);
    std::vector<bool> fixed(count);
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = shown[k];
        widths[k] = m.natural[i];
        minimums[k] = m.minimum[i];
        flexible[k] = columns_[i].flexible;
        fixed[k] = !columns_[i].flexible;
    }

    std::size_t total = column_gap * (count - 1);
    for (std::size_t w : widths) total += w;
    if (total > width) {
        std::size_t excess = total - width;
        shrink(widths, minimums, flexible, excess);
        shrink(widths, minimums, fixed, excess);
        // Any excess left means width is below the sum of minimums: lines overflow rather than
        // lose headers.
    }

    std::vector<std::string> headers;
    headers.reserve(columns_.size());
    for (const Column& column : columns_) headers.push_back(column.header);
    out << style.bold(render_line(headers, columns_, shown, widths)) << '\n';

    for (const Row& row : rows_) {
        std::string line = render_line(row.cells, columns_, shown, widths);
        if (!row.colour.empty()) line = style.wrap_sgr(row.colour, line);
        out << line << '\n';
    }
}

}  // namespace hd::out
