// Text for a terminal: display width, visible escaping of control characters, truncation, wrapping, colour.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hd::out {

// Columns the text takes on a terminal: combining marks 0, CJK wide and emoji 2 (utf8proc).
// Invalid bytes count as the width of their escaped form.
std::size_t display_width(std::string_view text);

// User text made safe to print: every C0/C1 control character, DEL and invalid UTF-8 byte becomes a
// visible escape (ESC → "\x1b", U+009B → "\u009b", byte 0xff → "\xff"), so no sequence from a
// ticket reaches the terminal. With keep_newlines, '\n' and '\t' pass (tabs as spaces to the next
// multiple of 8 is not needed: tab becomes 4 spaces).
std::string sanitize(std::string_view text, bool keep_newlines = false);

// At most `width` display columns; cut text ends with "…". Never splits a character or a
// combining sequence.
std::string truncate(std::string_view text, std::size_t width);

// Pads with spaces on the right (or left when align_right) to `width` display columns.
std::string pad(std::string_view text, std::size_t width, bool align_right = false);

// Wraps sanitized text to `width` columns at spaces (long words are cut), keeping existing newlines.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// The width of the terminal on stdout (COLUMNS wins when set and valid; ioctl otherwise);
// `fallback` when stdout is not a terminal.
std::size_t terminal_width(std::size_t fallback = 80);

// ANSI styles that become no-ops when colour is off.
class Style {
public:
    explicit Style(bool enabled) : enabled_(enabled) {}
    bool enabled() const { return enabled_; }
    std::string bold(std::string_view s) const;
    std::string dim(std::string_view s) const;
    std::string red(std::string_view s) const;
    std::string green(std::string_view s) const;
    std::string yellow(std::string_view s) const;
    std::string blue(std::string_view s) const;
    std::string magenta(std::string_view s) const;
    std::string cyan(std::string_view s) const;
    // "\x1b[<code>m" + s + "\x1b[0m" for any SGR code (e.g. a row colour "31"); s unchanged when off.
    std::string wrap_sgr(std::string_view code, std::string_view s) const;

private:
    bool enabled_;
};

}  // namespace hd::out
