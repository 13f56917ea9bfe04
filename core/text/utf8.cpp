// UTF-8 validation, control-character checks, case folding and trimming for user text (utf8proc).
#include "core/text/utf8.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utf8proc.h>

namespace hd {

namespace {

const utf8proc_uint8_t* bytes(std::string_view text) {
    return reinterpret_cast<const utf8proc_uint8_t*>(text.data());
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Where the ASCII that starts text at `at` ends: eight bytes at a time, then byte by byte.
std::size_t skip_ascii(std::string_view text, std::size_t at) {
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    for (std::uint64_t word = 0; at + 8 <= text.size(); at += 8) {
        std::memcpy(&word, text.data() + at, 8);
        if (word & kHighBits) break;
    }
    while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) ++at;
    return at;
}

bool is_ascii(std::string_view text) { return skip_ascii(text, 0) == text.size(); }

}  // namespace

bool is_valid_utf8(std::string_view text) {
    // utf8proc_iterate already rejects overlong forms, surrogates, code points above U+10FFFF and
    // truncated sequences; an explicit length keeps embedded NULs (valid U+0000) in play.
    // ASCII, most of any text hd reads (all of most import lines), is passed over without utf8proc.
    std::size_t at = 0;
    while ((at = skip_ascii(text, at)) < text.size()) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(bytes(text) + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        if (n <= 0 || cp < 0) return false;
        at += static_cast<std::size_t>(n);
    }
    return true;
}

bool has_control_chars(std::string_view text, bool allow_layout) {
    std::size_t at = 0;
    while (at < text.size()) {
        if (const auto c = static_cast<unsigned char>(text[at]); c < 0x80) {  // ASCII, without utf8proc
            if ((c < 0x20 || c == 0x7f) && !(allow_layout && (c == '\t' || c == '\n' || c == '\r'))) return true;
            ++at;
            continue;
        }
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(bytes(text) + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        if (n <= 0 || cp < 0) {
            // A stray byte such as 0x85 is invalid UTF-8, not the C1 control U+0085 (C2 85):
            // is_valid_utf8 is the check that reports it.
            ++at;
            continue;
        }
        at += static_cast<std::size_t>(n);
        bool layout = cp == '\t' || cp == '\n' || cp == '\r';
        bool control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
        if (control && !(allow_layout && layout)) return true;
    }
    return false;
}

std::string casefold(std::string_view text) {
    if (is_ascii(text)) {  // most names and tags: folding ASCII lowers A to Z and changes nothing else
        std::string folded(text);
        for (char& c : folded)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return folded;
    }
    if (!is_valid_utf8(text)) return std::string(text);
    utf8proc_uint8_t* folded = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    auto n = utf8proc_map(bytes(text), static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
    if (n < 0) {
        std::free(folded);
        return std::string(text);
    }
    // Use the returned length, not strlen: U+0000 is valid and survives folding.
    std::string result(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
    std::free(folded);
    return result;
}

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_ascii_space(text[begin])) ++begin;
    while (end > begin && is_ascii_space(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

}  // namespace hd
