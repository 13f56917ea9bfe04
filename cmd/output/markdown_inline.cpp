// Styled inline text: sanitized collection, greedy wrapping by display width, SGR painting per run.
#include "cmd/output/markdown_inline.hpp"

#include <algorithm>
#include <array>

namespace hd::out {

namespace {

// Byte length of the UTF-8 sequence that starts with `lead`. Text here is sanitized, hence valid
// UTF-8; a stray byte still counts as one so that scanning always advances.
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xf0) return 4;
    if (lead >= 0xe0) return 3;
    if (lead >= 0xc0) return 2;
    return 1;
}

// Columns of sanitized text: printable ASCII (most of an article) is one column a byte, so the
// grapheme walk of out::display_width is only needed for the rest.
std::size_t text_width(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return display_width(text);
    return text.size();
}

}  // namespace

std::string sgr_codes(unsigned style) {
    using namespace inline_style;
    static constexpr std::array<std::pair<unsigned, std::string_view>, 6> codes{{
        {strong, "1"},
        {faint, "2"},
        {emphasis, "3"},
        {underlined, "4"},
        {struck, "9"},
        {code, "36"},
    }};
    std::string out;
    for (const auto& [bit, sgr] : codes) {
        if ((style & bit) == 0) continue;
        if (!out.empty()) out += ';';
        out += sgr;
    }
    return out;
}

std::string paint(std::string_view text, unsigned style, const Style& out_style) {
    if (text.empty() || style == inline_style::plain || !out_style.enabled()) return std::string(text);
    return out_style.wrap_sgr(sgr_codes(style), text);
}

void StyledText::add(std::string_view raw, unsigned style) {
    if (raw.empty()) return;
    std::string flat(raw);
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    if (runs_.empty() || runs_.back().style != style) runs_.push_back(Run{text_.size(), style});
    text_ += sanitize(flat);
}

void StyledText::line_break() {
    if (runs_.empty()) runs_.push_back(Run{0, inline_style::plain});
    text_ += '\n';
}

void StyledText::truncate_to(std::size_t size) {
    if (size >= text_.size()) return;
    text_.resize(size);
    while (!runs_.empty() && runs_.back().begin >= size) runs_.pop_back();
}

std::string_view StyledText::text_since(std::size_t mark) const {
    return mark >= text_.size() ? std::string_view{} : std::string_view(text_).substr(mark);
}

bool StyledText::blank() const {
    return text_.find_first_not_of(" \n") == std::string::npos;
}

void StyledText::clear() {
    text_.clear();
    runs_.clear();
}

std::vector<StyledText::Range> StyledText::line_ranges(std::size_t width, bool cut_long_words) const {
    if (width == 0) width = 1;  // one column still makes progress
    std::vector<Range> lines;
    std::size_t begin = 0;
    while (begin <= text_.size()) {
        std::size_t end = text_.find('\n', begin);
        if (end == std::string::npos) end = text_.size();
        wrap_segment(begin, end, width, cut_long_words, lines);
        begin = end + 1;
    }
    return lines;
}

void StyledText::wrap_segment(std::size_t begin, std::size_t end, std::size_t width, bool cut_long_words,
                              std::vector<Range>& lines) const {
    bool open = false;
    Range line{};
    std::size_t at = begin;
    while (at < end) {
        while (at < end && text_[at] == ' ') ++at;
        if (at >= end) break;
        // Searching only up to `end` keeps space-less text with many line breaks linear.
        std::size_t space = std::string_view(text_).substr(at, end - at).find(' ');
        std::size_t word_end = space == std::string_view::npos ? end : at + space;
        std::string_view word = std::string_view(text_).substr(at, word_end - at);
        std::size_t word_width = text_width(word);
        // Spaces between words are kept as written; each takes one column.
        const std::size_t gap = open ? at - line.end : 0;
        if (open && line.width + gap + word_width <= width) {
            line.end = word_end;
            line.width += gap + word_width;
        } else if (has_wide_character(word)) {
            flow_word(at, word_end, width, line, open, lines);
        } else {
            if (open) lines.push_back(line);
            open = false;
            if (word_width > width && cut_long_words) {
                flow_word(at, word_end, width, line, open, lines);
            } else {
                line = Range{at, word_end, word_width};
                open = true;
            }
        }
        at = word_end;
    }
    if (open) lines.push_back(line);
}

bool StyledText::has_wide_character(std::string_view word) {
    for (std::size_t at = 0; at < word.size();) {
        std::size_t length = std::min(sequence_length(static_cast<unsigned char>(word[at])), word.size() - at);
        if (length > 1 && display_width(word.substr(at, length)) > 1) return true;
        at += length;
    }
    return false;
}

void StyledText::flow_word(std::size_t begin, std::size_t end, std::size_t width, Range& line, bool& open,
                           std::vector<Range>& lines) const {
    std::size_t gap = open ? begin - line.end : 0;
    if (!open) line = Range{begin, begin, 0};
    open = true;
    for (std::size_t at = begin; at < end;) {
        std::size_t length = std::min(sequence_length(static_cast<unsigned char>(text_[at])), end - at);
        std::size_t char_width = text_width(std::string_view(text_).substr(at, length));
        // A zero-width character (a combining mark) stays with the character before it.
        if (char_width > 0 && line.width + gap + char_width > width && line.end > line.begin) {
            lines.push_back(line);
            line = Range{at, at, 0};
            gap = 0;
        }
        line.end = at + length;
        line.width += gap + char_width;
        gap = 0;
        at += length;
    }
}

std::string StyledText::paint(const Range& range, const Style& style) const {
    if (!style.enabled()) return text_.substr(range.begin, range.end - range.begin);
    std::string out;
    // The run holding range.begin: the last one that begins at or before it.
    auto run = std::upper_bound(runs_.begin(), runs_.end(), range.begin,
                                [](std::size_t at, const Run& r) { return at < r.begin; });
    if (run != runs_.begin()) --run;
    for (; run != runs_.end() && run->begin < range.end; ++run) {
        std::size_t from = std::max(run->begin, range.begin);
        std::size_t to = std::next(run) == runs_.end() ? range.end : std::min(std::next(run)->begin, range.end);
        if (to > from) out += out::paint(std::string_view(text_).substr(from, to - from), run->style, style);
    }
    return out;
}

std::vector<StyledLine> StyledText::wrap(std::size_t width, bool cut_long_words, const Style& style) const {
    std::vector<StyledLine> lines;
    for (const Range& range : line_ranges(width, cut_long_words))
        lines.push_back(StyledLine{paint(range, style), range.width});
    return lines;
}

std::size_t StyledText::natural_width() const {
    std::size_t widest = 0;
    for (const Range& range : line_ranges(static_cast<std::size_t>(-1) / 2, false))
        widest = std::max(widest, range.width);
    return widest;
}

}  // namespace hd::out
