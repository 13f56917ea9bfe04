// Styled inline text of a Markdown block (bold, code, links…), wrapped to a width and painted with SGR.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/output/terminal.hpp"

namespace hd::out {

// Inline styles, combined as bit sets; a run of text carries any combination.
namespace inline_style {
constexpr unsigned plain = 0;
constexpr unsigned strong = 1u << 0;      // SGR 1
constexpr unsigned faint = 1u << 1;       // SGR 2: link targets, image labels, rules
constexpr unsigned emphasis = 1u << 2;    // SGR 3
constexpr unsigned underlined = 1u << 3;  // SGR 4: link text
constexpr unsigned struck = 1u << 4;      // SGR 9
constexpr unsigned code = 1u << 5;        // SGR 36 (cyan)
}  // namespace inline_style

// One output line of wrapped text: SGR codes included when colour is on, and its width in columns.
struct StyledLine {
    std::string text;
    std::size_t width = 0;
};

// The text of one block as it is collected from the parser: sanitized bytes plus style runs. Only
// ' ' is a break opportunity, so a no-break space (&nbsp;) keeps words together.
class StyledText {
public:
    // Appends article text: tabs and line ends become spaces and out::sanitize makes every other
    // control character visible, so nothing in an article can drive the terminal.
    void add(std::string_view raw, unsigned style);
    // A hard line break.
    void line_break();
    // Bytes collected so far; truncate_to() undoes additions back to such a mark.
    std::size_t size() const { return text_.size(); }
    void truncate_to(std::size_t size);
    // The sanitized text from `mark` on, without styles (e.g. to compare a link's text with its URL).
    std::string_view text_since(std::size_t mark) const;
    // Nothing but spaces and line breaks.
    bool blank() const;
    void clear();

    // Greedy wrap at spaces into lines of at most `width` columns; spaces at a break are dropped,
    // empty lines (from consecutive breaks) are left out. Text with wide (CJK) characters may break
    // between any two characters. Another word wider than `width` is cut at character boundaries
    // when cut_long_words, else it overflows on a line of its own (a URL stays whole, so copying it
    // from the terminal works).
    std::vector<StyledLine> wrap(std::size_t width, bool cut_long_words, const Style& style) const;
    // The width of the widest line when nothing is wrapped.
    std::size_t natural_width() const;

private:
    struct Run {
        std::size_t begin;
        unsigned style;
    };
    struct Range {
        std::size_t begin;
        std::size_t end;
        std::size_t width;
    };
    std::vector<Range> line_ranges(std::size_t width, bool cut_long_words) const;
    void wrap_segment(std::size_t begin, std::size_t end, std::size_t width, bool cut_long_words,
                      std::vector<Range>& lines) const;
    // Places a word a character at a time, filling the open line first: Chinese and Japanese
    // text has no spaces, so a break may fall between any two characters there.
    void flow_word(std::size_t begin, std::size_t end, std::size_t width, Range& line, bool& open,
                   std::vector<Range>& lines) const;
    static bool has_wide_character(std::string_view word);
    std::string paint(const Range& range, const Style& style) const;

    std::string text_;
    std::vector<Run> runs_;  // sorted by begin; a run lasts until the next one begins
};

// The SGR parameters for a style ("1;36"); empty for plain.
std::string sgr_codes(unsigned style);
// `text` in `style`; unchanged when colour is off, the style is plain or the text is empty.
std::string paint(std::string_view text, unsigned style, const Style& out_style);

}  // namespace hd::out
