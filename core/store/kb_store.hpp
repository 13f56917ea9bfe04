// The knowledge base's part of the store: articles, their versions, the full-text index, and the
// tickets they were used on. Reached through Store::kb(), inside the command's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/article.hpp"

namespace hd {

// `hd kb list` filters: every condition must hold; several values in one condition mean "any of".
struct ArticleFilter {
    std::vector<std::string> langs;
    std::vector<std::string> categories;  // "" stands for "no category"
    std::vector<std::vector<std::string>> tags;  // each group: any of its tags
    std::vector<ArticleStatus> statuses;  // empty: draft and published (retired only when named)
    std::vector<std::string> words;       // each in the title (case-insensitive)
};

enum class ArticleSort { id, title, updated, used, lang };

struct ArticleQuery {
    ArticleFilter filter;
    ArticleSort sort = ArticleSort::id;
    std::optional<int> limit;
};

struct ArticleSearch {
    std::string fts_query;  // FTS5 syntax, as core/kb/search_query.hpp builds it
    std::optional<std::string> lang;
    std::optional<std::string> category;
    bool include_drafts = false;  // published only unless asked
    int limit = 10;
};

// An article tied to a ticket, for `hd show`.
struct TicketArticle {
    ArticleUse use;
    std::string slug;
    std::string title;
    std::string lang;
};

class KbStore {
public:
    virtual ~KbStore() = default;

    // insert_article assigns the id; update_article writes every field of the current version.
    // Neither writes a version: add_version does.
    virtual ArticleId insert_article(const Article& article) = 0;
    virtual void update_article(const Article& article) = 0;
    virtual std::optional<Article> find_article(ArticleId id) = 0;
    virtual std::vector<Article> find_by_slug(const std::string& slug) = 0;  // every language, by lang
    virtual std::optional<Article> find_by_slug(const std::string& slug, const std::string& lang) = 0;
    virtual std::vector<Article> list_articles(const ArticleQuery& query) = 0;  // bodies left empty
    virtual std::vector<Article> all_articles() = 0;                            // with bodies, by id

    virtual void add_version(const ArticleVersion& version) = 0;
    virtual std::vector<ArticleVersion> versions(ArticleId id) = 0;  // oldest first

    // Ranked by BM25 (title above tags above body); hits carry no body.
    virtual std::vector<ArticleHit> search(const ArticleSearch& search) = 0;
    // For each index term (a folded word, core/text/search_terms.hpp), how many articles hold it.
    virtual std::vector<std::int64_t> term_document_counts(const std::vector<std::string>& terms) = 0;
    virtual std::int64_t count_articles() = 0;  // every status

    // A ticket's use of an article: inserted, or a `linked` one turned `solved`. Returns false when
    // the same or a stronger use was there already. `uses` counts each ticket once.
    virtual bool record_use(const ArticleUse& use) = 0;
    virtual std::vector<TicketArticle> ticket_articles(TicketId ticket) = 0;
    virtual std::vector<ArticleUse> article_uses(ArticleId id) = 0;
};

}  // namespace hd
