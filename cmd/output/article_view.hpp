// How knowledge-base articles look on a terminal: the list, one article, search hits, history.
#pragma once

#include <ostream>
#include <vector>

#include "cmd/output/ticket_view.hpp"
#include "core/model/article.hpp"

namespace hd::out {

// "KB12"
std::string article_label(ArticleId id);

// ID, LANG, STATUS, USES, CATEGORY, UPDATED, TITLE (the title gives way on a narrow terminal).
void print_article_table(std::ostream& out, const std::vector<Article>& articles, const ViewOptions& view);

// A header (title, id, slug, language, status, tags, who and when) and the body rendered from Markdown.
// The body's first heading is left out when it repeats the title.
void print_article(std::ostream& out, const Article& a, const ViewOptions& view);

// Per hit: "KB12  Title  (en, category)" and the snippet with the matches highlighted, wrapped.
void print_hits(std::ostream& out, const std::vector<ArticleHit>& hits, const ViewOptions& view);

// One line per version: "v3  2026-11-23 10:00  alice  edited  Title".
void print_versions(std::ostream& out, const std::vector<ArticleVersion>& versions, const ViewOptions& view);

}  // namespace hd::out
