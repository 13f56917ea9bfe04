// The lines of a rendered article under its containers: quote bars, list markers, hanging indents, blank lines.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cmd/output/terminal.hpp"

namespace hd::out {

// Collects the output lines of render_markdown. Leaf blocks hand over their content lines; the
// layout puts the prefix of the open containers before each ("│ " per quote, an item's marker on
// its first line and spaces under it after that) and keeps the blank-line rules: one blank line
// between blocks, none between the items of a tight list, none leading, trailing or doubled.
class BlockLayout {
public:
    BlockLayout(std::size_t width, const Style& style);

    void open_quote();
    void open_list(bool ordered, bool tight, unsigned start, char delimiter);
    // An item of the innermost list: "•", "◦", "▪" by list depth, or the list's next number.
    void open_item(bool task, bool task_done);
    // Closes the innermost container; after a quote or a list comes a blank line.
    void close();

    // A block ended: a blank line goes before the next line, if one comes.
    void end_block() { pending_blank_ = true; }
    // Columns left for content inside the open containers.
    std::size_t content_width() const { return width_ - prefix_width_; }
    // One line of content (no '\n'); an empty one is a blank line inside the containers.
    void add_line(std::string content);
    std::vector<std::string> finish();

private:
    struct Container {
        enum class Kind { quote, list, item };
        Kind kind = Kind::quote;
        std::string marker;     // an item's first-line marker: "• ", "12. ", "• [x] "
        std::size_t width = 0;  // columns taken on every line (quote bar, item indent)
        bool ordered = false;   // lists:
        bool tight = false;
        unsigned next_number = 1;
        char delimiter = '.';
        std::size_t items = 0;
    };
    void push(Container container);
    std::string prefix(bool for_blank) const;

    const std::size_t width_;
    const std::string quote_bar_;
    std::vector<std::string> lines_;
    bool last_blank_ = false;
    bool pending_blank_ = false;

    std::vector<Container> containers_;
    // Containers past this index are not drawn: absurd nesting must not push text off the screen.
    std::size_t visible_count_ = 0;
    std::size_t prefix_width_ = 0;
    // Containers from this index on have not drawn their first line yet (item markers pending).
    std::size_t first_unstarted_ = 0;
    std::size_t list_depth_ = 0;
};

}  // namespace hd::out
