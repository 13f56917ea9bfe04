// Terminal text: grapheme-aware display width, escaping of control characters, truncation, wrapping, colour.
#include "cmd/output/terminal.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

namespace hd::out {

namespace {

// An invalid byte is shown (and measured) as its escape "\xNN".
constexpr std::size_t invalid_byte_width = 4;
constexpr std::string_view ellipsis = "…";
constexpr std::size_t ellipsis_width = 1;

struct CodePoint {
    utf8proc_int32_t value;  // -1 for an invalid byte
    std::size_t length;      // bytes taken from the text (1 for an invalid byte)
};

CodePoint decode_at(std::string_view text, std::size_t at) {
    utf8proc_int32_t cp = -1;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                              static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
    if (n <= 0 || cp < 0) return {-1, 1};
    return {cp, static_cast<std::size_t>(n)};
}

// One user-perceived character: what a terminal draws in one glyph cell (one or two columns).
struct Grapheme {
    std::size_t offset;
    std::size_t length;
    std::size_t width;
};

int code_point_width(utf8proc_int32_t cp) {
    // utf8proc gives control characters width 0, which is what a raw terminal does with them too.
    return utf8proc_charwidth(cp);
}

// Calls visit(Grapheme) for each grapheme cluster; each invalid byte is a cluster of its own.
template <typename Visit>
void for_each_grapheme(std::string_view text, Visit visit) {
    std::size_t at = 0;
    while (at < text.size()) {
        CodePoint first = decode_at(text, at);
        if (first.value < 0) {
            visit(Grapheme{at, 1, invalid_byte_width});
            ++at;
            continue;
        }
        Grapheme g{at, first.length, 0};
        int width_sum = code_point_width(first.value);
        utf8proc_int32_t previous = first.value;
        utf8proc_int32_t state = 0;
        std::size_t next = at + first.length;
        while (next < text.size()) {
            CodePoint cp = decode_at(text, next);
            if (cp.value < 0 || utf8proc_grapheme_break_stateful(previous, cp.value, &state)) break;
            width_sum += code_point_width(cp.value);
            g.length += cp.length;
            previous = cp.value;
            next += cp.length;
        }
        // A cluster is drawn as one glyph of at most two columns: this caps emoji ZWJ sequences,
        // skin-tone modifiers, flags (two regional indicators) and conjoining Hangul jamo at 2,
        // while combining marks (width 0) add nothing to their base.
        g.width = static_cast<std::size_t>(width_sum < 0 ? 0 : (width_sum > 2 ? 2 : width_sum));
        visit(g);
        at = next;
    }
}

void append_hex_escape(std::string& out, const char* prefix, unsigned value, int digits) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s%0*x", prefix, digits, value);
    out += buffer;
}

bool is_c0_or_del(utf8proc_int32_t cp) { return cp < 0x20 || cp == 0x7f; }
bool is_c1(utf8proc_int32_t cp) { return cp >= 0x80 && cp <= 0x9f; }

std::string rtrim_spaces(std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

// Greedy wrap of one line without newlines; appends the resulting lines to `lines`.
void wrap_line(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
    std::string line;
    std::size_t line_width = 0;
    // Where the text after the last space of `line` begins (bytes and columns): a break point.
    std::size_t break_bytes = std::string::npos;
    std::size_t break_width = 0;
    bool continuation = false;

    auto emit = [&](std::string_view rest_bytes, std::size_t rest_width) {
        // Indentation wider than the line is dropped rather than shown as an empty line.
        if (std::string done = rtrim_spaces(line); !done.empty()) lines.push_back(std::move(done));
        line.assign(rest_bytes);
        line_width = rest_width;
        break_bytes = std::string::npos;
        continuation = true;
    };

    for_each_grapheme(text, [&](const Grapheme& g) {
        std::string_view piece = text.substr(g.offset, g.length);
        bool space = piece == " ";
        // Spaces at the start of a continuation line are the break itself, not indentation.
        if (space && continuation && line.empty()) return;
        if (line_width + g.width > width && !line.empty()) {
            if (space) {
                emit("", 0);
                return;
            }
            if (break_bytes != std::string::npos) {
                std::string rest = line.substr(break_bytes);
                std::size_t rest_width = line_width - break_width;
                line.resize(break_bytes);
                emit(rest, rest_width);
            } else {
                emit("", 0);  // a word longer than the line is cut
            }
        }
        line += piece;
        line_width += g.width;
        if (space) {
            break_bytes = line.size();
            break_width = line_width;
        }
    });
    // An empty input line stays an empty line; spaces left after the last break are not a line.
    std::string last = rtrim_spaces(line);
    if (!last.empty() || !continuation) lines.push_back(std::move(last));
}

bool is_printable_ascii(std::string_view text) {
    for (const char c : text)
        if (c < 0x20 || c > 0x7e) return false;  // a control, DEL, or a byte of a multi-byte character
    return true;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    // Printable ASCII, most of what tables hold, is one column per byte: no grapheme walk needed
    // (a list of 50 tickets measured each cell several times through utf8proc).
    if (is_printable_ascii(text)) return text.size();
    std::size_t width = 0;
    for_each_grapheme(text, [&](const Grapheme& g) { width += g.width; });
    return width;
}

std::string sanitize(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        if (const char c = text[at]; c >= 0x20 && c <= 0x7e) {  // printable ASCII stays as it is
            out += c;
            ++at;
            continue;
        }
        CodePoint cp = decode_at(text, at);
        if (cp.value < 0) {
            append_hex_escape(out, "\\x", static_cast<unsigned char>(text[at]), 2);
        } else if (keep_newlines && cp.value == '\n') {
            out += '\n';
        } else if (keep_newlines && cp.value == '\t') {
            out += "    ";
        } else if (keep_newlines && cp.value == '\r' && at + 1 < text.size() && text[at + 1] == '\n') {
            // Mail arrives with CRLF line ends: the CR carries no meaning there and would show
            // as an escape at the end of every line. A lone CR (which can overwrite a line) is escaped.
        } else if (is_c0_or_del(cp.value)) {
            append_hex_escape(out, "\\x", static_cast<unsigned>(cp.value), 2);
        } else if (is_c1(cp.value)) {
            append_hex_escape(out, "\\u", static_cast<unsigned>(cp.value), 4);
        } else {
            out.append(text.substr(at, cp.length));
        }
        at += cp.length;
    }
    return out;
}

std::string truncate(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width < ellipsis_width) return "";
    std::size_t budget = width - ellipsis_width;
    std::size_t used = 0;
    std::size_t cut = 0;
    bool full = false;
    for_each_grapheme(text, [&](const Grapheme& g) {
        if (full) return;
        if (used + g.width > budget) {
            full = true;
            return;
        }
        used += g.width;
        cut = g.offset + g.length;
    });
    std::string out(text.substr(0, cut));
    out += ellipsis;
    return out;
}

std::string pad(std::string_view text, std::size_t width, bool align_right) {
    std::size_t text_width = display_width(text);
    if (text_width >= width) return std::string(text);
    std::string spaces(width - text_width, ' ');
    return align_right ? spaces + std::string(text) : std::string(text) + spaces;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    // Width 0 cannot hold anything; one column per line still makes progress and ends.
    if (width == 0) width = 1;
    std::vector<std::string> lines;
    // Lines as a file reader sees them: a final newline ends the last line rather than adding an
    // empty one, and empty text has no lines.
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        wrap_line(text.substr(start, end - start), width, lines);
        start = end + 1;
    }
    return lines;
}

std::size_t terminal_width(std::size_t fallback) {
    if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
        std::string_view value(columns);
        std::size_t parsed = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
        if (error == std::errc() && end == value.data() + value.size() && parsed > 0) return parsed;
    }
    if (isatty(STDOUT_FILENO)) {
        winsize size{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    }
    return fallback;
}

std::string Style::wrap_sgr(std::string_view code, std::string_view s) const {
    if (!enabled_) return std::string(s);
    std::string out;
    out.reserve(s.size() + code.size() + 7);
    out += "\x1b[";
    out += code;
    out += 'm';
    out += s;
    out += "\x1b[0m";
    return out;
}

std::string Style::bold(std::string_view s) const { return wrap_sgr("1", s); }
std::string Style::dim(std::string_view s) const { return wrap_sgr("2", s); }
std::string Style::red(std::string_view s) const { return wrap_sgr("31", s); }
std::string Style::green(std::string_view s) const { return wrap_sgr("32", s); }
std::string Style::yellow(std::string_view s) const { return wrap_sgr("33", s); }
std::string Style::blue(std::string_view s) const { return wrap_sgr("34", s); }
std::string Style::magenta(std::string_view s) const { return wrap_sgr("35", s); }
std::string Style::cyan(std::string_view s) const { return wrap_sgr("36", s); }

}  // namespace hd::out
