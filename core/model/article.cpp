// Text forms of the article enums.
#include "core/model/article.hpp"

namespace hd {

std::string_view to_string(ArticleStatus status) {
    switch (status) {
        case ArticleStatus::draft: return "draft";
        case ArticleStatus::published: return "published";
        case ArticleStatus::retired: return "retired";
    }
    return "?";
}

std::optional<ArticleStatus> parse_article_status(std::string_view text) {
    for (auto s : {ArticleStatus::draft, ArticleStatus::published, ArticleStatus::retired})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

std::string_view to_string(ArticleUseKind kind) { return kind == ArticleUseKind::solved ? "solved" : "linked"; }

}  // namespace hd
