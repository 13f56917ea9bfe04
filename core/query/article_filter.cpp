// Parsing `hd kb list` filters.
#include "core/query/article_filter.hpp"

#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/text/language.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

std::vector<std::string> values_of(std::string_view term, std::string_view key, std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string v = trim(text.substr(start, end - start));
        if (!v.empty()) out.push_back(v);
        start = end + 1;
    }
    if (out.empty())
        fail(ErrorKind::usage, "'" + std::string(term) + "' gives " + std::string(key) + ": no value");
    return out;
}

}  // namespace

ArticleFilter parse_article_filter(const std::vector<std::string>& terms) {
    ArticleFilter f;
    for (const auto& term : terms) {
        const auto colon = term.find(':');
        if (colon == std::string::npos || colon == 0) {
            const std::string word = trim(term);
            if (!word.empty()) f.words.push_back(casefold(word));
            continue;
        }
        const std::string key = casefold(term.substr(0, colon));
        const auto values = values_of(term, key, std::string_view(term).substr(colon + 1));
        if (key == "lang" || key == "language") {
            for (const auto& v : values) {
                const std::string l = casefold(v);
                if (!is_language_code(l))
                    fail(ErrorKind::usage, "'" + term + "': a language is a two-letter code such as en, vi or pl");
                f.langs.push_back(l);
            }
        } else if (key == "cat" || key == "category") {
            for (const auto& v : values) f.categories.push_back(casefold(v) == "none" ? "" : checked_name(casefold(v), "category"));
        } else if (key == "tag") {
            std::vector<std::string> group;
            for (const auto& v : values) group.push_back(checked_tag(v));
            f.tags.push_back(std::move(group));
        } else if (key == "status") {
            for (const auto& v : values) {
                auto s = parse_article_status(casefold(v));
                if (!s) fail(ErrorKind::usage, "'" + term + "': an article's status is draft, published or retired");
                f.statuses.push_back(*s);
            }
        } else {
            fail(ErrorKind::usage, "unknown filter key '" + key + "' in '" + term + "' (known: lang, cat, tag, status)");
        }
    }
    return f;
}

ArticleSort parse_article_sort(std::string_view spec) {
    const std::string s = casefold(trim(spec));
    if (s == "id") return ArticleSort::id;
    if (s == "title") return ArticleSort::title;
    if (s == "updated") return ArticleSort::updated;
    if (s == "used" || s == "uses") return ArticleSort::used;
    if (s == "lang" || s == "language") return ArticleSort::lang;
    fail(ErrorKind::usage, "cannot sort articles by '" + std::string(spec) + "' (id, title, updated, used or lang)");
}

}  // namespace hd
