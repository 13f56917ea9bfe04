// A knowledge-base article: Markdown with a title, a language, tags and a category. Every edit is a
// new version; the article holds the current one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/model/time.hpp"

namespace hd {

using ArticleId = std::int64_t;

// draft: written by tier 1, waiting for tier 2; published: found by search and suggestions;
// retired: kept with its history, no longer found.
enum class ArticleStatus { draft, published, retired };
std::string_view to_string(ArticleStatus status);
std::optional<ArticleStatus> parse_article_status(std::string_view text);

struct Article {
    ArticleId id = 0;
    // The article's name outside hd: the front matter `id` of an imported file (or its file name).
    // Unique together with the language: the same slug in another language is a translation.
    std::string slug;
    std::string title;
    std::string body;  // Markdown, without front matter
    std::string lang;  // ISO 639-1: en, vi, pl, ru, de, fr, es, ...
    std::optional<std::string> category;
    std::vector<std::string> tags;
    ArticleStatus status = ArticleStatus::published;
    int version = 1;
    std::string created_by;
    Timestamp created_at = 0;
    std::string updated_by;
    Timestamp updated_at = 0;
    std::int64_t uses = 0;  // tickets linked to it or resolved with it
};

// One kept version, as it was written.
struct ArticleVersion {
    ArticleId article = 0;
    int version = 1;
    std::string title;
    std::string body;
    std::string lang;
    std::optional<std::string> category;
    std::vector<std::string> tags;
    ArticleStatus status = ArticleStatus::published;
    std::string by;
    Timestamp at = 0;
    std::string note;  // "added", "edited", "published", "retired", "imported"
};

// How a ticket and an article are tied: an agent pointed at the article, or it solved the ticket.
enum class ArticleUseKind { linked, solved };
std::string_view to_string(ArticleUseKind kind);

struct ArticleUse {
    ArticleId article = 0;
    TicketId ticket = 0;
    ArticleUseKind kind = ArticleUseKind::linked;
    std::string by;
    Timestamp at = 0;
};

// A search result: the article (without its body), its rank and a snippet of the matching text with
// the matches between kHighlightOpen and kHighlightClose.
struct ArticleHit {
    Article article;
    double score = 0;  // BM25, lower is better (as SQLite gives it)
    std::string snippet;
};

inline constexpr char kHighlightOpen = '\x02';
inline constexpr char kHighlightClose = '\x03';

}  // namespace hd
