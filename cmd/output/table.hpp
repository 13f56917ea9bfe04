// Aligned tables that fit the terminal: columns measured by display width, one flexible column shrinks.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cmd/output/terminal.hpp"

namespace hd::out {

struct Column {
    std::string header;
    bool align_right = false;
    bool flexible = false;  // takes what width is left and truncates with "…" (e.g. the title)
    int drop_rank = 0;      // > 0: left out on a terminal too narrow for every column, lowest rank first
};

// Cells are plain text, already sanitized; a row may carry one colour for the whole line.
class Table {
public:
    explicit Table(std::vector<Column> columns);
    void add_row(std::vector<std::string> cells, std::string sgr_colour = "");
    bool empty() const { return rows_.empty(); }
    // Writes the header (bold/underlined when style is on) and rows, two spaces between columns,
    // no trailing spaces, every line at most `width` columns (the flexible column gives way first,
    // then the widest others are truncated).
    void render(std::ostream& out, std::size_t width, const Style& style) const;

private:
    struct Row {
        std::vector<std::string> cells;
        std::string colour;
    };
    struct Measure {
        std::vector<std::size_t> natural;  // per column: its widest cell or header
        std::vector<std::size_t> minimum;  // per column: the least it may shrink to
    };
    Measure measure() const;
    std::vector<std::size_t> shown_columns(std::size_t width, const Measure& m) const;

    std::vector<Column> columns_;
    std::vector<Row> rows_;
};

}  // namespace hd::out
