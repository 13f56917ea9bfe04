// What can be done to the knowledge base: add, edit, publish, retire, search, suggest, tie articles to
// tickets, import and export. Every change is checked against the rules and kept as a new version,
// inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/kb/article_file.hpp"
#include "core/model/article.hpp"
#include "core/service/tickets.hpp"
#include "core/store/store.hpp"

namespace hd {

struct NewArticle {
    std::string title;
    std::string body;
    std::optional<std::string> slug;  // else made from the title
    std::optional<std::string> lang;  // else detected from the text
    std::optional<std::string> category;
    std::vector<std::string> tags;
    bool draft = false;
};

// Only what is set changes; an empty category clears it.
struct ArticleEdit {
    std::optional<std::string> title;
    std::optional<std::string> body;
    std::optional<std::string> slug;
    std::optional<std::string> lang;
    std::optional<std::string> category;
    std::vector<std::string> add_tags;
    std::vector<std::string> remove_tags;
    std::optional<std::vector<std::string>> tags;  // replaces every tag (the editor form)
    bool empty() const;
};

// A file read for `hd kb import`, already parsed.
struct ImportFile {
    std::string name;          // as given on the command line, for messages
    std::string default_slug;  // from the file's path, when the front matter has no id
    ArticleFile file;
};

struct ImportResult {
    std::vector<Article> added, updated;
    int unchanged = 0;
};

struct SearchRequest {
    std::string query;  // the user's words (search syntax of core/kb/search_query.hpp)
    std::optional<std::string> lang;
    std::optional<std::string> category;
    bool include_drafts = false;
    int limit = 10;
};

class KbService {
public:
    KbService(Store& store, TicketService& tickets, const Config& config, Timestamp now);

    Article add(const NewArticle& input);
    // `changed` is false when every field already had its value (nothing is written then).
    Article edit(ArticleId id, const ArticleEdit& edit, bool* changed = nullptr);
    Article publish(ArticleId id);
    Article retire(ArticleId id);

    Article get(ArticleId id);  // hd::Error(not_found) when there is none
    // An article named the way people name them: its number, or its slug (with `lang` when the slug
    // exists in several languages).
    Article find(const std::string& ref, const std::optional<std::string>& lang = std::nullopt);
    std::vector<ArticleVersion> history(ArticleId id);

    std::vector<ArticleHit> search(const SearchRequest& request);
    // The published articles most likely to solve the ticket, from its title and description.
    std::vector<ArticleHit> suggest(const Ticket& ticket, int limit);

    // Ties an article to a ticket: `linked` by an agent, or `solved` when the ticket is resolved with
    // it. Returns false when it was tied that way (or as solved) already.
    bool use(ArticleId article, TicketId ticket, ArticleUseKind kind);

    // Adds or updates (matched by slug and language) every file, as one change.
    ImportResult import(const std::vector<ImportFile>& files);

private:
    const Actor& acting() { return tickets_.acting(); }
    std::string checked_lang(std::string_view lang) const;
    std::string language_of(const std::optional<std::string>& given, std::string_view title, std::string_view body) const;
    std::string unique_slug(const std::string& base, const std::string& lang);
    void save_version(const Article& a, std::string note);
    std::string suggestion_words(const Ticket& ticket);

    Store& store_;
    TicketService& tickets_;
    const Config& config_;
    Timestamp now_;
};

}  // namespace hd
