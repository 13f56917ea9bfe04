// The knowledge-base service: the rules on articles, their versions, and search.
#include "core/service/kb.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/error.hpp"
#include "core/kb/search_query.hpp"
#include "core/kb/slug.hpp"
#include "core/rules/fields.hpp"
#include "core/text/language.hpp"
#include "core/text/search_terms.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

// How many of a ticket's words a suggestion searches for.
constexpr std::size_t kSuggestionTerms = 16;

// Used when the text is too short or mixed to tell its language.
constexpr const char* kFallbackLanguage = "en";

std::vector<std::string> checked_tags(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& t : tags) out.push_back(checked_tag(t));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string checked_body(std::string_view body, const Config& config) {
    if (!is_valid_utf8(body)) fail(ErrorKind::usage, "the article is not valid UTF-8");
    if (body.size() > config.max_article_bytes)
        fail(ErrorKind::usage, "the article is " + std::to_string(body.size()) + " bytes; the limit is " +
                                   std::to_string(config.max_article_bytes) + " (limits.max_article in the config)");
    return std::string(body);
}

// Tags in files written for other tools may be phrases ("live chat"): hd's tags are single words, so
// the spaces become hyphens rather than failing the import.
std::vector<std::string> tags_from_file(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& t : tags) {
        std::string tag;
        bool space = false;
        for (char c : trim(t)) {
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && !tag.empty()) tag += '-';
            space = false;
            tag += c;
        }
        if (!tag.empty()) out.push_back(tag);
    }
    return checked_tags(out);
}

std::string article_ref(const Article& a) { return "KB" + std::to_string(a.id); }

bool same_content(const Article& a, const Article& b) {
    return a.slug == b.slug && a.title == b.title && a.body == b.body && a.lang == b.lang && a.category == b.category &&
           a.tags == b.tags && a.status == b.status;
}

}  // namespace

bool ArticleEdit::empty() const {
    return !title && !body && !slug && !lang && !category && add_tags.empty() && remove_tags.empty() && !tags;
}

KbService::KbService(Store& store, TicketService& tickets, const Config& config, Timestamp now)
    : store_(store), tickets_(tickets), config_(config), now_(now) {}

std::string KbService::checked_lang(std::string_view lang) const {
    std::string l = casefold(trim(lang));
    if (!is_language_code(l))
        fail(ErrorKind::usage, "invalid language '" + std::string(lang) + "': give a two-letter code such as en, vi, pl, ru, de, fr or es");
    return l;
}

std::string KbService::language_of(const std::optional<std::string>& given, std::string_view title,
                                   std::string_view body) const {
    if (given) return checked_lang(*given);
    std::string sample(title);
    sample += '\n';
    sample += body.substr(0, 4096);
    return detect_language(sample).value_or(kFallbackLanguage);
}

std::string KbService::unique_slug(const std::string& base, const std::string& lang) {
    std::string slug = base;
    for (int n = 2; store_.kb().find_by_slug(slug, lang); ++n) slug = base + "-" + std::to_string(n);
    return slug;
}

void KbService::save_version(const Article& a, std::string note) {
    store_.kb().add_version(ArticleVersion{a.id, a.version, a.title, a.body, a.lang, a.category, a.tags, a.status,
                                           a.updated_by, a.updated_at, std::move(note)});
}

Article KbService::add(const NewArticle& in) {
    require_kb_permission(acting(), in.draft ? KbAction::add_draft : KbAction::publish);
    Article a;
    a.title = checked_title(in.title, config_);
    a.body = checked_body(in.body, config_);
    a.lang = language_of(in.lang, a.title, a.body);
    if (in.slug) {
        a.slug = checked_slug(*in.slug);
        if (store_.kb().find_by_slug(a.slug, a.lang))
            fail(ErrorKind::usage, "an article '" + a.slug + "' in " + a.lang + " exists already (hd kb show " + a.slug + ")");
    } else {
        a.slug = unique_slug(slug_from_title(a.title), a.lang);
    }
    if (in.category) a.category = casefold(checked_name(*in.category, "category"));
    a.tags = checked_tags(in.tags);
    a.status = in.draft ? ArticleStatus::draft : ArticleStatus::published;
    a.created_by = a.updated_by = tickets_.actor();
    a.created_at = a.updated_at = now_;
    a.id = store_.kb().insert_article(a);
    save_version(a, "added");
    return a;
}

Article KbService::get(ArticleId id) {
    auto a = store_.kb().find_article(id);
    if (!a) fail(ErrorKind::not_found, "no article KB" + std::to_string(id) + " (hd kb list shows the articles)");
    return *a;
}

Article KbService::find(const std::string& ref, const std::optional<std::string>& lang) {
    std::string_view digits = ref;
    if (digits.size() > 2 && (digits.substr(0, 2) == "KB" || digits.substr(0, 2) == "kb")) digits.remove_prefix(2);
    ArticleId id = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && end == digits.data() + digits.size() && id > 0) return get(id);

    const std::string slug = trim(ref);
    if (lang) {
        if (auto a = store_.kb().find_by_slug(slug, checked_lang(*lang))) return *a;
        fail(ErrorKind::not_found, "no article '" + slug + "' in " + *lang);
    }
    auto found = store_.kb().find_by_slug(slug);
    if (found.size() == 1) return found.front();
    if (found.empty()) fail(ErrorKind::not_found, "no article '" + slug + "' (hd kb list shows the articles)");
    std::string which;
    for (const auto& a : found) which += (which.empty() ? "" : ", ") + article_ref(a) + " (" + a.lang + ")";
    fail(ErrorKind::usage, "'" + slug + "' names articles in several languages: " + which + "; give --lang or the number");
}

std::vector<ArticleVersion> KbService::history(ArticleId id) {
    get(id);
    return store_.kb().versions(id);
}

Article KbService::edit(ArticleId id, const ArticleEdit& e, bool* changed) {
    Article before = get(id);
    require_kb_permission(acting(), before.status == ArticleStatus::draft ? KbAction::edit_draft : KbAction::edit_published);
    Article a = before;
    if (e.title) a.title = checked_title(*e.title, config_);
    if (e.body) a.body = checked_body(*e.body, config_);
    if (e.lang) a.lang = checked_lang(*e.lang);
    if (e.slug) a.slug = checked_slug(*e.slug);
    if (e.category) a.category = e.category->empty() ? std::nullopt : std::optional(casefold(checked_name(*e.category, "category")));
    if (e.tags) a.tags = checked_tags(*e.tags);
    for (const auto& t : checked_tags(e.add_tags)) a.tags.push_back(t);
    for (const auto& t : checked_tags(e.remove_tags)) a.tags.erase(std::remove(a.tags.begin(), a.tags.end(), t), a.tags.end());
    a.tags = checked_tags(a.tags);
    if ((a.slug != before.slug || a.lang != before.lang) && store_.kb().find_by_slug(a.slug, a.lang))
        fail(ErrorKind::usage, "an article '" + a.slug + "' in " + a.lang + " exists already");
    const bool differs = !same_content(a, before);
    if (changed) *changed = differs;
    if (!differs) return before;
    a.version = before.version + 1;
    a.updated_by = tickets_.actor();
    a.updated_at = now_;
    store_.kb().update_article(a);
    save_version(a, "edited");
    return a;
}

Article KbService::publish(ArticleId id) {
    require_kb_permission(acting(), KbAction::publish);
    Article a = get(id);
    if (a.status == ArticleStatus::published) fail(ErrorKind::refused, article_ref(a) + " is published already");
    a.status = ArticleStatus::published;
    a.version += 1;
    a.updated_by = tickets_.actor();
    a.updated_at = now_;
    store_.kb().update_article(a);
    save_version(a, "published");
    return a;
}

Article KbService::retire(ArticleId id) {
    require_kb_permission(acting(), KbAction::retire);
    Article a = get(id);
    if (a.status == ArticleStatus::retired) fail(ErrorKind::refused, article_ref(a) + " is retired already");
    a.status = ArticleStatus::retired;
    a.version += 1;
    a.updated_by = tickets_.actor();
    a.updated_at = now_;
    store_.kb().update_article(a);
    save_version(a, "retired");
    return a;
}

std::vector<ArticleHit> KbService::search(const SearchRequest& r) {
    ArticleSearch s;
    s.fts_query = to_fts5_query(r.query);
    if (r.lang) s.lang = checked_lang(*r.lang);
    if (r.category) s.category = casefold(checked_name(*r.category, "category"));
    s.include_drafts = r.include_drafts;
    if (r.limit < 1) fail(ErrorKind::usage, "--limit must be at least 1");
    s.limit = r.limit;
    return store_.kb().search(s);
}

// The ticket's words to search for: those some article holds, leaving out the ones in a large share
// of the articles (they barely move the ranking but make the search read long lists), in the order
// the ticket has them.
std::string KbService::suggestion_words(const Ticket& t) {
    std::string text = t.title;
    if (t.description) text += "\n" + *t.description;
    const auto words = significant_word_spellings(text, 48);
    std::vector<std::string> terms;
    for (auto w : words) terms.push_back(word_term(w));
    const auto counts = store_.kb().term_document_counts(terms);
    const std::int64_t articles = store_.kb().count_articles();
    const std::int64_t too_common = std::max<std::int64_t>(articles / 10, 20);
    std::string chosen;
    std::size_t taken = 0;
    for (std::size_t i = 0; i < words.size() && taken < kSuggestionTerms; ++i) {
        if (counts[i] == 0 || counts[i] > too_common) continue;
        chosen += std::string(words[i]) + ' ';
        ++taken;
    }
    return chosen;
}

std::vector<ArticleHit> KbService::suggest(const Ticket& t, int limit) {
    ArticleSearch s;
    s.fts_query = suggestion_query(suggestion_words(t));
    s.limit = limit;
    if (s.fts_query.empty()) return {};
    return store_.kb().search(s);
}

bool KbService::use(ArticleId article, TicketId ticket, ArticleUseKind kind) {
    require_permission(acting(), Action::link);
    get(article);
    tickets_.get(ticket);
    return store_.kb().record_use(ArticleUse{article, ticket, kind, tickets_.actor(), now_});
}

ImportResult KbService::import(const std::vector<ImportFile>& files) {
    require_kb_permission(acting(), KbAction::import);
    ImportResult result;
    std::map<std::pair<std::string, std::string>, std::string> seen;  // (slug, lang) → file name
    for (const auto& f : files) {
        const ArticleFile& file = f.file;
        Article a;
        try {
            a.slug = checked_slug(file.slug ? *file.slug : f.default_slug);
            a.title = checked_title(file.title.value_or(""), config_);
            a.body = checked_body(file.body, config_);
            a.lang = language_of(file.lang, a.title, a.body);
            if (file.category) a.category = casefold(checked_name(*file.category, "category"));
            a.tags = tags_from_file(file.tags);
        } catch (const Error& e) {
            fail(e.kind(), f.name + ": " + e.what());
        }
        a.status = file.status.value_or(ArticleStatus::published);
        const auto key = std::make_pair(a.slug, a.lang);
        if (auto it = seen.find(key); it != seen.end())
            fail(ErrorKind::usage, f.name + ": the same article as " + it->second + " ('" + a.slug + "' in " + a.lang +
                                       "); give one of them another id in its front matter");
        seen.emplace(key, f.name);

        a.updated_by = tickets_.actor();
        a.updated_at = now_;
        if (auto before = store_.kb().find_by_slug(a.slug, a.lang)) {
            if (same_content(a, *before)) {
                ++result.unchanged;
                continue;
            }
            a.id = before->id;
            a.version = before->version + 1;
            a.created_by = before->created_by;
            a.created_at = before->created_at;
            a.uses = before->uses;
            store_.kb().update_article(a);
            save_version(a, "imported");
            result.updated.push_back(std::move(a));
        } else {
            a.created_by = a.updated_by;
            a.created_at = now_;
            a.id = store_.kb().insert_article(a);
            save_version(a, "imported");
            result.added.push_back(std::move(a));
        }
    }
    return result;
}

}  // namespace hd
