// Field checks: the single place that decides what text hd accepts.
#include "core/rules/fields.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

std::string size_text(std::size_t bytes) {
    if (bytes >= 1024 * 1024) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

void require_utf8(std::string_view text, std::string_view what) {
    if (!is_valid_utf8(text)) fail(ErrorKind::usage, "the " + std::string(what) + " is not valid UTF-8");
}

}  // namespace

std::string checked_title(std::string_view title, const Config& config) {
    require_utf8(title, "title");
    std::string t = trim(title);
    if (t.empty()) fail(ErrorKind::usage, "the title is empty; give a short summary of the problem");
    if (has_control_chars(t, false))
        fail(ErrorKind::usage, "the title contains a control character (such as a newline or an escape); "
                               "put details in the description");
    if (t.size() > config.max_title_bytes)
        fail(ErrorKind::usage, "the title is " + std::to_string(t.size()) + " bytes; the limit is " +
                                   std::to_string(config.max_title_bytes) + " (limits.max_title)");
    return t;
}

std::string checked_text(std::string_view text, std::string_view what, const Config& config) {
    if (text.size() > config.max_text_bytes)
        fail(ErrorKind::usage, "the " + std::string(what) + " is larger than " + size_text(config.max_text_bytes) +
                                   " (limits.max_text); attach large logs elsewhere and link them");
    require_utf8(text, what);
    return std::string(text);
}

std::string checked_name(std::string_view text, std::string_view what) {
    require_utf8(text, what);
    std::string t = trim(text);
    if (t.empty()) fail(ErrorKind::usage, "the " + std::string(what) + " is empty");
    if (has_control_chars(t, false))
        fail(ErrorKind::usage, "the " + std::string(what) + " contains a control character");
    if (t.size() > 200) fail(ErrorKind::usage, "the " + std::string(what) + " is longer than 200 bytes");
    return t;
}

std::string checked_tag(std::string_view tag) {
    std::string t = casefold(checked_name(tag, "tag"));
    if (t.find_first_of(" ,\t") != std::string::npos)
        fail(ErrorKind::usage, "the tag '" + t + "' contains a space or a comma; tags are single words");
    return t;
}

std::string checked_category(std::string_view category, const Config& config) {
    std::string c = casefold(checked_name(category, "category"));
    if (config.categories.empty()) return c;
    if (std::find(config.categories.begin(), config.categories.end(), c) != config.categories.end()) return c;
    std::string known;
    for (const auto& k : config.categories) known += (known.empty() ? "" : ", ") + k;
    fail(ErrorKind::usage, "unknown category '" + c + "' (known: " + known + "; add it to categories in the config)");
}

}  // namespace hd
