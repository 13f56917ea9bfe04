// The --json documents of the knowledge-base commands. Field names are part of the contract
// (see hd-kb(1)); nlohmann/json stays inside kb_json.cpp.
#pragma once

#include <string>
#include <vector>

#include "cmd/output/format.hpp"
#include "core/model/article.hpp"
#include "core/service/kb.hpp"

namespace hd::out {

// An article: id, slug, title, lang, category, tags, status, version, created_by, created_at,
// updated_by, updated_at, uses, and with_body the Markdown body.
std::string article_json(const Article& a, bool with_body);
std::string articles_json(const std::vector<Article>& articles);

// Search hits: the article fields plus "score" (BM25, lower is better) and "snippet", the matching
// text with the matches between ** and **.
std::string hits_json(const std::vector<ArticleHit>& hits);

// A hit's --json fields as text, for --format: null is "", tags are joined with commas, numbers are
// written as in JSON, and the snippet has no highlight markers.
FlatRecord hit_fields(const ArticleHit& hit);
std::vector<std::string> hit_field_names();

// An article's versions, oldest first: version, at, by, note, status, title, lang, category, tags.
std::string versions_json(const std::vector<ArticleVersion>& versions);

// hd kb import: {"added": [ids], "updated": [ids], "unchanged": N}.
std::string import_json(const ImportResult& result);

// A snippet as plain text with each highlighted match between `open` and `close`.
std::string mark_snippet(std::string_view snippet, std::string_view open, std::string_view close);

}  // namespace hd::out
