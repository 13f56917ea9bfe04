// Knowledge-base articles as files: Markdown with YAML front matter, read by `hd kb import` and written
// by `hd kb export`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/article.hpp"

namespace hd {

// What one article file says. Fields are empty when the file does not give them, so the importer can
// fill them in (the slug from the file name, the language by detection) and check them like typed input.
struct ArticleFile {
    std::optional<std::string> slug;   // front matter `id`
    std::optional<std::string> title;  // `title`, else the text of the body's first `# ` heading (outside code fences)
    std::vector<std::string> tags;     // `tags`: a YAML list or a comma-separated string; else `keywords`
    std::optional<std::string> category;  // `category`
    std::optional<std::string> lang;      // `language` or `lang`, lower-cased, without a region: "en-US" → "en"
    std::optional<ArticleStatus> status;  // `status`: draft, published or retired
    std::string body;                     // everything after the closing `---` line, less one leading blank line
    int body_line = 1;                    // 1-based line in the file where the body starts
};

// Parses a whole file; unknown front matter keys are ignored. Accepts CRLF line endings and a UTF-8 BOM.
// Every error is hd::Error(usage) with one line "NAME:LINE: what is wrong", `name` being the file's name.
// Slug, title, category and tags are trimmed; an empty slug or title is an error, an empty category none.
ArticleFile parse_article_file(std::string_view text, std::string_view name);

// The file form of an article as `hd kb export` writes it: front matter with id, title, lang, category
// (when set), tags (when any), status (only when not published); a blank line; the body unchanged.
// parse_article_file gives back the same slug, title, tags, category, lang, status and body.
std::string write_article_file(const Article& article);

}  // namespace hd
