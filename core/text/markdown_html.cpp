// Raw HTML inside Markdown: tag classification by element name, tag and entity boundaries, entity decoding.
#include "core/text/markdown_html.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace hd {

namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

using K = HtmlTagKind;

// HTML body elements, sorted by name for binary search. Names outside this list (SVG's <path>,
// placeholders like <domain>) are left as text.
constexpr std::array<std::pair<std::string_view, HtmlTagKind>, 79> elements{{
    {"a", K::other},          {"abbr", K::other},    {"address", K::block}, {"article", K::block},
    {"aside", K::block},      {"audio", K::other},   {"b", K::bold},        {"big", K::other},
    {"blockquote", K::block}, {"br", K::line_break}, {"button", K::other},  {"caption", K::block},
    {"center", K::block},     {"cite", K::italic},   {"code", K::code},     {"col", K::other},
    {"colgroup", K::other},   {"dd", K::block},      {"del", K::strike},    {"details", K::block},
    {"dfn", K::italic},       {"dialog", K::block},  {"div", K::block},     {"dl", K::block},
    {"dt", K::block},         {"em", K::italic},     {"embed", K::other},   {"fieldset", K::block},
    {"figcaption", K::block}, {"figure", K::block},  {"font", K::other},    {"footer", K::block},
    {"form", K::block},       {"h1", K::block},      {"h2", K::block},      {"h3", K::block},
    {"h4", K::block},         {"h5", K::block},      {"h6", K::block},      {"header", K::block},
    {"hr", K::block},         {"i", K::italic},      {"iframe", K::other},  {"img", K::other},
    {"input", K::other},      {"ins", K::underline}, {"kbd", K::code},      {"label", K::other},
    {"li", K::block},         {"main", K::block},    {"mark", K::other},    {"nav", K::block},
    {"ol", K::block},         {"p", K::block},       {"picture", K::other}, {"pre", K::block},
    {"q", K::other},          {"s", K::strike},      {"samp", K::code},     {"section", K::block},
    {"small", K::other},      {"source", K::other},  {"span", K::other},    {"strike", K::strike},
    {"strong", K::bold},      {"sub", K::other},     {"summary", K::block}, {"sup", K::other},
    {"table", K::block},      {"tbody", K::block},   {"td", K::cell},       {"tfoot", K::block},
    {"th", K::cell},          {"thead", K::block},   {"time", K::other},    {"tr", K::block},
    {"tt", K::code},          {"u", K::underline},   {"ul", K::block},
}};

struct NamedEntity {
    std::string_view name;
    std::string_view text;
};

// The entities articles use, and the common typographic ones; sorted by name (case matters).
constexpr std::array<NamedEntity, 50> named_entities{{
    {"Dagger", "\u2021"}, {"Prime", "\u2033"},  {"amp", "&"},         {"apos", "'"},        {"bdquo", "\u201e"},
    {"bull", "\u2022"},   {"cent", "\u00a2"},   {"copy", "\u00a9"},   {"dagger", "\u2020"}, {"darr", "\u2193"},
    {"deg", "\u00b0"},    {"divide", "\u00f7"}, {"emsp", "\u2003"},   {"ensp", "\u2002"},   {"euro", "\u20ac"},
    {"frac12", "\u00bd"}, {"frac14", "\u00bc"}, {"frac34", "\u00be"}, {"ge", "\u2265"},     {"gt", ">"},
    {"harr", "\u2194"},   {"hellip", "\u2026"}, {"iexcl", "\u00a1"},  {"infin", "\u221e"},  {"iquest", "\u00bf"},
    {"laquo", "\u00ab"},  {"larr", "\u2190"},   {"ldquo", "\u201c"},  {"le", "\u2264"},     {"lsquo", "\u2018"},
    {"lt", "<"},          {"mdash", "\u2014"},  {"micro", "\u00b5"},  {"middot", "\u00b7"}, {"nbsp", "\u00a0"},
    {"ndash", "\u2013"},  {"ne", "\u2260"},     {"para", "\u00b6"},   {"plusmn", "\u00b1"}, {"pound", "\u00a3"},
    {"quot", "\""},       {"raquo", "\u00bb"},  {"rarr", "\u2192"},   {"rdquo", "\u201d"},  {"reg", "\u00ae"},
    {"rsquo", "\u2019"},  {"sect", "\u00a7"},   {"times", "\u00d7"},  {"trade", "\u2122"},  {"yen", "\u00a5"},
}};

static_assert(std::is_sorted(elements.begin(), elements.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
static_assert(std::is_sorted(named_entities.begin(), named_entities.end(),
                             [](const NamedEntity& a, const NamedEntity& b) { return a.name < b.name; }));

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

}  // namespace

HtmlTag classify_html_tag(std::string_view tag) {
    HtmlTag result;
    if (tag.size() < 3 || tag.front() != '<') return result;
    if (tag[1] == '!' || tag[1] == '?') {
        result.kind = HtmlTagKind::comment;
        return result;
    }
    std::size_t at = 1;
    if (tag[at] == '/') {
        result.closing = true;
        ++at;
    }
    std::string name;
    while (at < tag.size() && (is_alnum(tag[at]) || tag[at] == '-') && name.size() <= 16) name += lower(tag[at++]);
    // "<x.0>" or "<user@host>" is a placeholder, not an element with attributes.
    if (at >= tag.size() || !(is_space(tag[at]) || tag[at] == '/' || tag[at] == '>')) return result;
    auto found = std::lower_bound(elements.begin(), elements.end(), name,
                                  [](const auto& element, const std::string& n) { return element.first < n; });
    if (found != elements.end() && found->first == name) result.kind = found->second;
    return result;
}

std::size_t html_tag_length(std::string_view html, std::size_t at) {
    if (at + 1 >= html.size() || html[at] != '<') return 0;
    if (html.substr(at, 4) == "<!--") {
        // An unclosed comment hides the rest, as in a browser; searching on from every later
        // "<!--" instead would make a long run of them quadratic.
        std::size_t end = html.find("-->", at + 4);
        return end == std::string_view::npos ? html.size() - at : end + 3 - at;
    }
    std::size_t pos = at + 1;
    if (html[pos] == '!' || html[pos] == '?') {
        ++pos;
    } else {
        if (html[pos] == '/') ++pos;
        if (pos >= html.size() || !is_alpha(html[pos])) return 0;
    }
    // A '<' before the '>' means this was not a tag; stopping there keeps every scan within the
    // text up to the next '<', so the whole split stays linear.
    char quote = 0;
    for (; pos < html.size(); ++pos) {
        char c = html[pos];
        if (c == '<') return 0;
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return pos + 1 - at;
        }
    }
    return 0;
}

std::size_t html_entity_length(std::string_view html, std::size_t at) {
    std::size_t pos = at + 1;
    std::size_t limit = 32;
    if (pos < html.size() && html[pos] == '#') {
        ++pos;
        bool hex = pos < html.size() && (html[pos] == 'x' || html[pos] == 'X');
        if (hex) ++pos;
        std::size_t digits = 0;
        while (pos < html.size() && (hex ? is_hex(html[pos]) : is_digit(html[pos])) && digits < 8) ++pos, ++digits;
        if (digits == 0) return 0;
    } else {
        std::size_t letters = 0;
        while (pos < html.size() && is_alnum(html[pos]) && letters < limit) ++pos, ++letters;
        if (letters < 2 || !is_alpha(html[at + 1])) return 0;
    }
    return pos < html.size() && html[pos] == ';' ? pos + 1 - at : 0;
}

std::string decode_html_entity(std::string_view entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::string(entity);
    std::string_view body = entity.substr(1, entity.size() - 2);
    if (body.front() == '#') {
        bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        std::uint32_t cp = 0;
        for (char c : body.substr(hex ? 2 : 1)) {
            std::uint32_t digit =
                is_digit(c) ? static_cast<std::uint32_t>(c - '0') : static_cast<std::uint32_t>(lower(c) - 'a' + 10);
            if (!(hex ? is_hex(c) : is_digit(c))) return std::string(entity);
            cp = cp * (hex ? 16 : 10) + digit;
            if (cp > 0x10ffff) break;
        }
        if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
        std::string out;
        append_utf8(out, cp);
        return out;
    }
    auto found = std::lower_bound(named_entities.begin(), named_entities.end(), body,
                                  [](const NamedEntity& e, std::string_view n) { return e.name < n; });
    if (found != named_entities.end() && found->name == body) return std::string(found->text);
    return std::string(entity);
}

}  // namespace hd
