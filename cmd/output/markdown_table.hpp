// A Markdown table laid out for the terminal: columns by display width, shrunk and wrapped to fit.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cmd/output/markdown_inline.hpp"
#include "cmd/output/terminal.hpp"

namespace hd::out {

enum class CellAlign { left, center, right };

class MarkdownTable {
public:
    void start_row(bool header);
    // Markdown sets alignment per column; md4c repeats it on every cell.
    void add_cell(StyledText text, CellAlign align);
    // Lines of at most `width` columns when the columns can shrink that far: two spaces between
    // columns, a faint rule under the header, the widest columns shrunk first (not below 8 columns
    // unless narrower by nature) with their cells wrapped and long words cut. Rows that take
    // several lines are set apart by a blank line. No trailing spaces.
    std::vector<std::string> render(std::size_t width, const Style& style) const;

private:
    struct Row {
        std::vector<StyledText> cells;
        bool header = false;
    };
    std::vector<Row> rows_;
    std::vector<CellAlign> aligns_;
};

}  // namespace hd::out
