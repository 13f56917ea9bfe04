// DocFX directives, includes and alert markers rewritten line by line, outside fenced code.
#include "core/text/markdown_docfx.hpp"

#include <array>

namespace hd {

namespace {

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[i]) != prefix[i]) return false;
    return true;
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

struct Alert {
    std::string_view marker;  // lower case, as matched after "[!"
    std::string_view label;
};
constexpr std::array<Alert, 5> alerts_known{{
    {"note", "Note"},
    {"tip", "Tip"},
    {"important", "Important"},
    {"caution", "Caution"},
    {"warning", "Warning"},
}};

// The value of attribute `name="…"` inside a directive, or empty.
std::string_view attribute(std::string_view directive, std::string_view name) {
    std::size_t at = directive.find(name);
    if (at == std::string_view::npos || at + name.size() + 1 >= directive.size()) return {};
    at += name.size();
    if (directive[at] != '=' || directive[at + 1] != '"') return {};
    std::size_t end = directive.find('"', at + 2);
    return end == std::string_view::npos ? std::string_view{} : directive.substr(at + 2, end - at - 2);
}

// Index just past the ']' that closes the '[' at `open`, or npos.
std::size_t matching_bracket(std::string_view text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text[i] == '[') ++depth;
        if (text[i] == ']' && --depth == 0) return i + 1;
    }
    return std::string_view::npos;
}

// The body of one line (after its container prefix) without inline directives and includes.
std::string strip_directives(std::string_view rest) {
    std::string out;
    std::size_t i = 0;
    // A removed inline icon leaves "(" ")" or a space before punctuation behind: tidy both away.
    auto tidy_after_removal = [&](std::size_t next) {
        if (!out.empty() && out.back() == '(' && next < rest.size() && rest[next] == ')') {
            out.pop_back();
            ++next;
        }
        if (!out.empty() && out.back() == ' ' &&
            (next >= rest.size() || std::string_view(" ,.;:!?)").find(rest[next]) != std::string_view::npos))
            out.pop_back();
        return next;
    };
    while (i < rest.size()) {
        if (rest.compare(i, 3, ":::") == 0) {
            std::size_t close = rest.find(":::", i + 3);
            if (close == std::string_view::npos) {
                // An unclosed directive opening the line (":::zone-end") is a directive line;
                // elsewhere three colons are just text.
                if (i == 0) break;
                out.append(rest.substr(i));
                break;
            }
            std::string_view directive = rest.substr(i + 3, close - i - 3);
            if (directive.starts_with("no-loc")) out.append(attribute(directive, "text"));
            i = tidy_after_removal(close + 3);
            continue;
        }
        if (rest[i] == '[' && starts_with_nocase(rest.substr(i), "[!include")) {
            std::size_t end = matching_bracket(rest, i);
            if (end != std::string_view::npos) {
                i = tidy_after_removal(end);
                continue;
            }
        }
        out += rest[i++];
    }
    return out;
}

// "[!NOTE]", "[!div class=…]", "[!VIDEO url]" opening a quoted line: the rewritten body, or
// false when the body is not such a marker.
bool rewrite_quote_marker(std::string_view body, DocfxAlerts alerts, std::string& out) {
    if (!body.starts_with("[!")) return false;
    std::size_t close = body.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view inside = body.substr(2, close - 2);
    std::string_view after = body.substr(close + 1);
    std::size_t after_start = after.find_first_not_of(" \t");
    after = after_start == std::string_view::npos ? std::string_view{} : after.substr(after_start);
    while (!after.empty() && (after.back() == ' ' || after.back() == '\t' || after.back() == '\r'))
        after.remove_suffix(1);
    for (const Alert& alert : alerts_known) {
        if (inside.size() == alert.marker.size() && starts_with_nocase(inside, alert.marker)) {
            // Trailing spaces are dropped: two of them after the label would be a hard break.
            if (alerts == DocfxAlerts::label) {
                out += "**";
                out += alert.label;
                out += ":**";
                if (!after.empty()) out += ' ';
            }
            out += after;
            return true;
        }
    }
    if (starts_with_nocase(inside, "div ")) {
        out += after;
        return true;
    }
    if (starts_with_nocase(inside, "video ")) {
        out += "[Video](";
        out += inside.substr(6);
        out += ')';
        return true;
    }
    return false;
}

}  // namespace

std::string docfx_to_commonmark(std::string_view markdown, DocfxAlerts alerts) {
    std::string out;
    out.reserve(markdown.size());
    char fence_char = 0;
    std::size_t fence_length = 0;
    std::size_t start = 0;
    while (start < markdown.size()) {
        std::size_t end = markdown.find('\n', start);
        std::size_t next = end == std::string_view::npos ? markdown.size() : end + 1;
        std::string_view line = markdown.substr(start, next - start);
        std::string_view ending = line.ends_with('\n') ? std::string_view("\n") : std::string_view();
        std::string_view content = line.substr(0, line.size() - ending.size());
        start = next;

        // Container prefix: indentation and quote markers.
        std::size_t prefix_length = content.find_first_not_of(" \t>");
        if (prefix_length == std::string_view::npos) prefix_length = content.size();
        std::string_view prefix = content.substr(0, prefix_length);
        std::string_view body = content.substr(prefix_length);

        if (body.starts_with("```") || body.starts_with("~~~")) {
            std::size_t run = body.find_first_not_of(body[0]);
            if (run == std::string_view::npos) run = body.size();
            if (fence_char == 0) {
                fence_char = body[0];
                fence_length = run;
            } else if (body[0] == fence_char && run >= fence_length && is_blank(body.substr(run))) {
                fence_char = 0;
            }
            out.append(line);
            continue;
        }
        if (fence_char != 0) {
            out.append(line);
            continue;
        }
        if (prefix.find('>') != std::string_view::npos) {
            std::string rewritten;
            if (rewrite_quote_marker(body, alerts, rewritten)) {
                out.append(prefix);
                out += rewritten;
                out.append(ending);
                continue;
            }
        }
        if (body.find(":::") == std::string_view::npos && body.find("[!") == std::string_view::npos) {
            out.append(line);
            continue;
        }
        std::string stripped = strip_directives(body);
        if (is_blank(stripped) && !is_blank(body)) continue;
        out.append(prefix);
        out += stripped;
        out.append(ending);
    }
    return out;
}

}  // namespace hd
