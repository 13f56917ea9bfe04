// Articles, versions, uses and search in SQLite. The full-text index (kb_fts) follows kb_articles
// through triggers (see migration 3), so nothing here writes to it directly.
#include "core/store/sqlite/kb_store.hpp"

#include <algorithm>

#include "core/store/sqlite/fts_tokenizer.hpp"
#include "core/text/markdown_text.hpp"

namespace hd::sqlite {
namespace {

// Tags travel joined by the unit separator, which tags cannot contain.
std::string join_tags(const std::vector<std::string>& tags, char sep) {
    std::string out;
    for (const auto& t : tags) {
        if (!out.empty()) out += sep;
        out += t;
    }
    return out;
}

std::vector<std::string> split_tags(std::string_view joined, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < joined.size()) {
        auto end = joined.find(sep, start);
        if (end == std::string_view::npos) end = joined.size();
        if (end > start) out.emplace_back(joined.substr(start, end - start));
        start = end + 1;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
    return out;
}

// Column order of kArticleColumns.
constexpr const char* kArticleColumns =
    "a.id, a.slug, a.lang, a.title, a.category, a.tags, a.status, a.version, a.created_by, a.created_at, "
    "a.updated_by, a.updated_at, a.uses";

Article read_article(const Stmt& s) {
    Article a;
    a.id = s.int64(0);
    a.slug = s.text(1);
    a.lang = s.text(2);
    a.title = s.text(3);
    a.category = s.opt_text(4);
    a.tags = split_tags(s.text(5), ' ');
    a.status = parse_article_status(s.text(6)).value_or(ArticleStatus::published);
    a.version = static_cast<int>(s.int64(7));
    a.created_by = s.text(8);
    a.created_at = s.int64(9);
    a.updated_by = s.text(10);
    a.updated_at = s.int64(11);
    a.uses = s.int64(12);
    return a;
}

class SqliteKbStore final : public KbStore {
public:
    explicit SqliteKbStore(std::unique_ptr<Db>& db) : db_(db) {}

    ArticleId insert_article(const Article& a) override {
        auto s = db_->prepare(
            "INSERT INTO kb_articles (slug, lang, title, body, body_text, category, tags, status, version, "
            "created_by, created_at, updated_by, updated_at, uses) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        bind_article(s, a);
        s.run();
        const ArticleId id = db_->last_insert_rowid();
        write_tags(id, a.tags);
        return id;
    }

    void update_article(const Article& a) override {
        auto s = db_->prepare(
            "UPDATE kb_articles SET slug = ?, lang = ?, title = ?, body = ?, body_text = ?, category = ?, tags = ?, "
            "status = ?, version = ?, created_by = ?, created_at = ?, updated_by = ?, updated_at = ?, uses = ? "
            "WHERE id = ?");
        bind_article(s, a);
        s.bind(15, a.id);
        s.run();
        auto d = db_->prepare("DELETE FROM kb_article_tags WHERE article_id = ?");
        d.bind(1, a.id);
        d.run();
        write_tags(a.id, a.tags);
    }

    std::optional<Article> find_article(ArticleId id) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(std::string("SELECT ") + kArticleColumns + ", a.body FROM kb_articles a WHERE a.id = ?");
        s.bind(1, id);
        return one_with_body(s);
    }

    std::vector<Article> find_by_slug(const std::string& slug) override {
        std::vector<Article> out;
        if (!db_) return out;
        auto s = db_->prepare(std::string("SELECT ") + kArticleColumns +
                              ", a.body FROM kb_articles a WHERE a.slug = ? ORDER BY a.lang");
        s.bind(1, std::string_view(slug));
        while (s.step()) {
            out.push_back(read_article(s));
            out.back().body = s.text(13);
        }
        return out;
    }

    std::optional<Article> find_by_slug(const std::string& slug, const std::string& lang) override {
        if (!db_) return std::nullopt;
        auto s = db_->prepare(std::string("SELECT ") + kArticleColumns +
                              ", a.body FROM kb_articles a WHERE a.slug = ? AND a.lang = ?");
        s.bind(1, std::string_view(slug)).bind(2, std::string_view(lang));
        return one_with_body(s);
    }

    std::vector<Article> list_articles(const ArticleQuery& q) override {
        std::vector<Article> out;
        if (!db_) return out;
        std::string sql = std::string("SELECT ") + kArticleColumns + " FROM kb_articles a WHERE 1";
        std::vector<SqlValue> values;
        const auto& f = q.filter;
        if (!f.langs.empty()) {
            sql += " AND a.lang IN (" + placeholders(f.langs.size()) + ")";
            for (const auto& v : f.langs) values.emplace_back(v);
        }
        if (!f.categories.empty()) {
            sql += " AND (0";
            for (const auto& v : f.categories) {
                if (v.empty()) {
                    sql += " OR a.category IS NULL";
                } else {
                    sql += " OR a.category = ?";
                    values.emplace_back(v);
                }
            }
            sql += ")";
        }
        for (const auto& group : f.tags) {
            sql += " AND a.id IN (SELECT article_id FROM kb_article_tags WHERE tag IN (" + placeholders(group.size()) + "))";
            for (const auto& tag : group) values.emplace_back(tag);
        }
        if (f.statuses.empty()) {
            sql += " AND a.status IN ('draft', 'published')";
        } else {
            sql += " AND a.status IN (" + placeholders(f.statuses.size()) + ")";
            for (auto st : f.statuses) values.emplace_back(std::string(to_string(st)));
        }
        for (const auto& w : f.words) {
            sql += " AND hd_contains(a.title, ?)";
            values.emplace_back(w);
        }
        switch (q.sort) {
            case ArticleSort::id: sql += " ORDER BY a.id"; break;
            case ArticleSort::title: sql += " ORDER BY a.title COLLATE NOCASE, a.id"; break;
            case ArticleSort::updated: sql += " ORDER BY a.updated_at DESC, a.id DESC"; break;
            case ArticleSort::used: sql += " ORDER BY a.uses DESC, a.id"; break;
            case ArticleSort::lang: sql += " ORDER BY a.lang, a.id"; break;
        }
        if (q.limit) sql += " LIMIT " + std::to_string(*q.limit);
        auto s = db_->prepare(sql);
        s.bind_all(values);
        while (s.step()) out.push_back(read_article(s));
        return out;
    }

    std::vector<Article> all_articles() override {
        std::vector<Article> out;
        if (!db_) return out;
        auto s = db_->prepare(std::string("SELECT ") + kArticleColumns + ", a.body FROM kb_articles a ORDER BY a.id");
        while (s.step()) {
            out.push_back(read_article(s));
            out.back().body = s.text(13);
        }
        return out;
    }

    void add_version(const ArticleVersion& v) override {
        auto s = db_->prepare(
            "INSERT INTO kb_versions (article_id, version, title, body, lang, category, tags, status, by, at, note) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        s.bind(1, v.article).bind(2, std::int64_t{v.version}).bind(3, std::string_view(v.title));
        s.bind(4, std::string_view(v.body)).bind(5, std::string_view(v.lang)).bind(6, v.category);
        s.bind(7, std::string_view(join_tags(v.tags, ' '))).bind(8, to_string(v.status)).bind(9, std::string_view(v.by));
        s.bind(10, v.at).bind(11, std::string_view(v.note));
        s.run();
    }

    std::vector<ArticleVersion> versions(ArticleId id) override {
        std::vector<ArticleVersion> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT article_id, version, title, body, lang, category, tags, status, by, at, note FROM kb_versions "
            "WHERE article_id = ? ORDER BY version");
        s.bind(1, id);
        while (s.step()) {
            ArticleVersion v;
            v.article = s.int64(0);
            v.version = static_cast<int>(s.int64(1));
            v.title = s.text(2);
            v.body = s.text(3);
            v.lang = s.text(4);
            v.category = s.opt_text(5);
            v.tags = split_tags(s.text(6), ' ');
            v.status = parse_article_status(s.text(7)).value_or(ArticleStatus::published);
            v.by = s.text(8);
            v.at = s.int64(9);
            v.note = s.text(10);
            out.push_back(std::move(v));
        }
        return out;
    }

    std::vector<ArticleHit> search(const ArticleSearch& q) override {
        std::vector<ArticleHit> out;
        if (!db_ || q.fts_query.empty()) return out;
        // FTS5 returns rows in rank order itself (ORDER BY rank), so the snippet is made only for the
        // rows that pass the filters, up to the limit.
        auto s = db_->prepare(std::string("SELECT ") + kArticleColumns +
                              ", kb_fts.rank, snippet(kb_fts, -1, char(2), char(3), '…', 24) "
                              "FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid "
                              "WHERE kb_fts MATCH ?1 AND a.status IN ('published', ?2) "
                              "AND (?3 IS NULL OR a.lang = ?3) AND (?4 IS NULL OR a.category = ?4) "
                              "ORDER BY kb_fts.rank LIMIT ?5");
        s.bind(1, std::string_view(q.fts_query));
        s.bind(2, std::string_view(q.include_drafts ? "draft" : "published"));
        s.bind(3, q.lang).bind(4, q.category).bind(5, std::int64_t{q.limit});
        while (s.step()) {
            ArticleHit hit;
            hit.article = read_article(s);
            hit.score = s.double_value(13);
            hit.snippet = std::string(without_language_marker(s.text(14)));
            out.push_back(std::move(hit));
        }
        return out;
    }

    std::vector<std::int64_t> term_document_counts(const std::vector<std::string>& terms) override {
        std::vector<std::int64_t> out(terms.size(), 0);
        if (!db_ || terms.empty()) return out;
        // fts5vocab reads the index's term list directly (a seek per term); a temp table, so the
        // schema stays as the migrations made it.
        db_->exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kb_vocab USING fts5vocab(main, kb_fts, row)",
                  "reading the search index");
        auto s = db_->prepare("SELECT doc FROM temp.kb_vocab WHERE term = ?");
        for (std::size_t i = 0; i < terms.size(); ++i) {
            s.bind(1, std::string_view(terms[i]));
            if (s.step()) out[i] = s.int64(0);
            s.reset();
        }
        return out;
    }

    std::int64_t count_articles() override {
        if (!db_) return 0;
        auto s = db_->prepare("SELECT count(*) FROM kb_articles");
        return s.step() ? s.int64(0) : 0;
    }

    bool record_use(const ArticleUse& u) override {
        auto find = db_->prepare("SELECT kind FROM kb_uses WHERE article_id = ? AND ticket_id = ?");
        find.bind(1, u.article).bind(2, u.ticket);
        std::optional<std::string> kind;
        if (find.step()) kind = find.text(0);
        if (kind && (*kind == "solved" || u.kind == ArticleUseKind::linked)) return false;
        if (kind) {
            auto s = db_->prepare("UPDATE kb_uses SET kind = 'solved', by = ?, at = ? WHERE article_id = ? AND ticket_id = ?");
            s.bind(1, std::string_view(u.by)).bind(2, u.at).bind(3, u.article).bind(4, u.ticket);
            s.run();
            return true;
        }
        auto s = db_->prepare("INSERT INTO kb_uses (article_id, ticket_id, kind, by, at) VALUES (?,?,?,?,?)");
        s.bind(1, u.article).bind(2, u.ticket).bind(3, to_string(u.kind)).bind(4, std::string_view(u.by)).bind(5, u.at);
        s.run();
        auto c = db_->prepare("UPDATE kb_articles SET uses = uses + 1 WHERE id = ?");
        c.bind(1, u.article);
        c.run();
        return true;
    }

    std::vector<TicketArticle> ticket_articles(TicketId ticket) override {
        std::vector<TicketArticle> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT u.article_id, u.ticket_id, u.kind, u.by, u.at, a.slug, a.title, a.lang FROM kb_uses u "
            "JOIN kb_articles a ON a.id = u.article_id WHERE u.ticket_id = ? ORDER BY u.at, u.article_id");
        s.bind(1, ticket);
        while (s.step()) out.push_back(TicketArticle{read_use(s), s.text(5), s.text(6), s.text(7)});
        return out;
    }

    std::vector<ArticleUse> article_uses(ArticleId id) override {
        std::vector<ArticleUse> out;
        if (!db_) return out;
        auto s = db_->prepare(
            "SELECT article_id, ticket_id, kind, by, at FROM kb_uses WHERE article_id = ? ORDER BY at, ticket_id");
        s.bind(1, id);
        while (s.step()) out.push_back(read_use(s));
        return out;
    }

private:
    static ArticleUse read_use(const Stmt& s) {
        return ArticleUse{s.int64(0), s.int64(1), s.text(2) == "solved" ? ArticleUseKind::solved : ArticleUseKind::linked,
                          s.text(3), s.int64(4)};
    }

    std::optional<Article> one_with_body(Stmt& s) {
        if (!s.step()) return std::nullopt;
        Article a = read_article(s);
        a.body = s.text(13);
        return a;
    }

    void bind_article(Stmt& s, const Article& a) {
        s.bind(1, std::string_view(a.slug)).bind(2, std::string_view(a.lang)).bind(3, std::string_view(a.title));
        s.bind(4, std::string_view(a.body)).bind(5, std::string_view(markdown_plain_text(a.body))).bind(6, a.category);
        s.bind(7, std::string_view(join_tags(a.tags, ' '))).bind(8, to_string(a.status)).bind(9, std::int64_t{a.version});
        s.bind(10, std::string_view(a.created_by)).bind(11, a.created_at);
        s.bind(12, std::string_view(a.updated_by)).bind(13, a.updated_at).bind(14, a.uses);
    }

    void write_tags(ArticleId id, const std::vector<std::string>& tags) {
        auto s = db_->prepare("INSERT OR IGNORE INTO kb_article_tags (article_id, tag) VALUES (?, ?)");
        for (const auto& tag : tags) {
            s.bind(1, id).bind(2, std::string_view(tag));
            s.run();
        }
    }

    std::unique_ptr<Db>& db_;
};

}  // namespace

std::unique_ptr<KbStore> make_kb_store(std::unique_ptr<Db>& db) { return std::make_unique<SqliteKbStore>(db); }

}  // namespace hd::sqlite
