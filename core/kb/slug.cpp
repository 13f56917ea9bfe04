// Slugs from titles, and the checks on slugs people give.
#include "core/kb/slug.hpp"

#include "core/error.hpp"
#include "core/text/search_terms.hpp"
#include "core/text/utf8.hpp"

namespace hd {

std::string slug_from_title(std::string_view title) {
    std::string slug;
    for (const auto& word : split_words(title)) {
        const std::string folded = fold(title.substr(word.begin, word.end - word.begin));
        if (folded.empty()) continue;
        if (slug.size() + folded.size() + 1 > 80) break;
        if (!slug.empty()) slug += '-';
        slug += folded;
    }
    return slug.empty() ? "article" : slug;
}

std::string checked_slug(std::string_view given) {
    const std::string slug = trim(given);
    const auto bad = [&](const std::string& why) {
        fail(ErrorKind::usage, "invalid article id '" + slug + "': " + why);
    };
    if (slug.empty()) fail(ErrorKind::usage, "an article id may not be empty");
    if (!is_valid_utf8(slug)) fail(ErrorKind::usage, "an article id must be valid UTF-8");
    if (has_control_chars(slug, false)) bad("it contains a control character");
    if (slug.size() > 200) bad("longer than 200 bytes");
    if (slug.find_first_of(" \t\\") != std::string::npos) bad("it contains a space or a backslash");
    std::size_t start = 0;
    for (;;) {
        const auto end = slug.find('/', start);
        const auto part = std::string_view(slug).substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || part == "." || part == "..") bad("its parts between '/' must be names, not empty, '.' or '..'");
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return slug;
}

}  // namespace hd
