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
    std::vector<Column> columns_;
    std::vector<Row> rows_;
};

}  // namespace hd::out
