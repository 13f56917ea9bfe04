// Table layout for Markdown tables: natural widths, widest-first shrinking, wrapped and aligned cells.
#include "cmd/output/markdown_table.hpp"

#include <algorithm>
#include <utility>

namespace hd::out {

namespace {

constexpr std::size_t column_gap = 2;
// A column shrunk below this many columns stops being readable: the table overflows instead.
constexpr std::size_t column_floor = 8;

// Takes columns from the widest column (down to the next widest, or its floor) until the table
// fits or nothing can give; narrow columns keep their width as long as a wide one can shrink.
void shrink(std::vector<std::size_t>& widths, const std::vector<std::size_t>& floors, std::size_t excess) {
    while (excess > 0) {
        std::size_t widest = widths.size();
        for (std::size_t c = 0; c < widths.size(); ++c)
            if (widths[c] > floors[c] && (widest == widths.size() || widths[c] > widths[widest])) widest = c;
        if (widest == widths.size()) return;
        std::size_t next = floors[widest];
        for (std::size_t c = 0; c < widths.size(); ++c)
            if (c != widest && widths[c] < widths[widest]) next = std::max(next, widths[c]);
        std::size_t step = std::min(excess, std::max<std::size_t>(widths[widest] - next, 1));
        widths[widest] -= step;
        excess -= step;
    }
}

std::string rtrim(std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

}  // namespace

void MarkdownTable::start_row(bool header) {
    rows_.push_back(Row{{}, header});
}

void MarkdownTable::add_cell(StyledText text, CellAlign align) {
    if (rows_.empty()) start_row(false);
    Row& row = rows_.back();
    const std::size_t column = row.cells.size();
    if (aligns_.size() <= column) aligns_.resize(column + 1, CellAlign::left);
    aligns_[column] = align;
    row.cells.push_back(std::move(text));
}

std::vector<std::string> MarkdownTable::render(std::size_t width, const Style& style) const {
    std::size_t columns = 0;
    for (const Row& row : rows_) columns = std::max(columns, row.cells.size());
    if (columns == 0) return {};

    std::vector<std::size_t> widths(columns, 1);
    for (const Row& row : rows_)
        for (std::size_t c = 0; c < row.cells.size(); ++c)
            widths[c] = std::max(widths[c], row.cells[c].natural_width());
    std::vector<std::size_t> floors(columns);
    for (std::size_t c = 0; c < columns; ++c) floors[c] = std::min(widths[c], column_floor);
    std::size_t total = column_gap * (columns - 1);
    for (std::size_t w : widths) total += w;
    if (total > width) shrink(widths, floors, total - width);

    // Cells wrapped to their column; a row is as tall as its tallest cell.
    std::vector<std::vector<std::vector<StyledLine>>> wrapped;
    bool multi_line = false;
    for (const Row& row : rows_) {
        auto& cells = wrapped.emplace_back();
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            cells.push_back(row.cells[c].wrap(widths[c], true, style));
            if (!row.header && cells.back().size() > 1) multi_line = true;
        }
    }

    std::vector<std::string> lines;
    const std::string gap(column_gap, ' ');
    bool after_header = false;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        if (!rows_[r].header && after_header) {
            std::string rule;
            for (std::size_t c = 0; c < columns; ++c) {
                if (c > 0) rule += gap;
                for (std::size_t i = 0; i < widths[c]; ++i) rule += "─";
            }
            lines.push_back(paint(rule, inline_style::faint, style));
        } else if (!rows_[r].header && r > 0 && multi_line) {
            lines.emplace_back();
        }
        after_header = rows_[r].header;

        std::size_t height = 1;
        for (const auto& cell : wrapped[r]) height = std::max(height, cell.size());
        for (std::size_t k = 0; k < height; ++k) {
            std::string line;
            for (std::size_t c = 0; c < columns; ++c) {
                if (c > 0) line += gap;
                StyledLine piece;
                if (c < wrapped[r].size() && k < wrapped[r][c].size()) piece = wrapped[r][c][k];
                std::size_t room = widths[c] > piece.width ? widths[c] - piece.width : 0;
                const CellAlign align = c < aligns_.size() ? aligns_[c] : CellAlign::left;
                std::size_t left = align == CellAlign::right ? room : align == CellAlign::center ? room / 2 : 0;
                line.append(left, ' ');
                line += piece.text;
                line.append(room - left, ' ');
            }
            lines.push_back(rtrim(std::move(line)));
        }
    }
    return lines;
}

}  // namespace hd::out
