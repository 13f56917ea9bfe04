// Tests of the "hd" FTS5 tokenizer inside a real SQLite: folding, stemming, the language marker,
// snippets, and user queries (through to_fts5_query) that must never be an SQL error.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/kb/search_query.hpp"
#include "core/store/sqlite/fts_tokenizer.hpp"

using namespace std::string_literals;
using hd::sqlite::with_language_marker;
using Ids = std::vector<std::int64_t>;

namespace {

// An in-memory database with the tokenizer registered.
class MemoryDb {
public:
    MemoryDb() {
        REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK);
        hd::sqlite::register_fts_tokenizer(db_);
    }
    ~MemoryDb() { sqlite3_close(db_); }
    MemoryDb(const MemoryDb&) = delete;
    MemoryDb& operator=(const MemoryDb&) = delete;

    sqlite3* handle() { return db_; }

    int try_exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }
    void exec(const std::string& sql) {
        INFO(sql);
        REQUIRE(try_exec(sql) == SQLITE_OK);
    }

    // Runs sql with text parameters; each row's columns as text. Fails the test on an SQL error.
    std::vector<std::vector<std::string>> rows(const std::string& sql, const std::vector<std::string>& params) {
        std::vector<std::vector<std::string>> result;
        int rc = run(sql, params, &result);
        INFO(sql << " / " << (params.empty() ? "" : params[0]) << ": " << sqlite3_errmsg(db_));
        REQUIRE(rc == SQLITE_DONE);
        return result;
    }

    // The SQLite result of running sql to the end: SQLITE_DONE, or the error code.
    int run(const std::string& sql, const std::vector<std::string>& params,
            std::vector<std::vector<std::string>>* out = nullptr) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
        if (rc != SQLITE_OK) return rc;
        for (std::size_t i = 0; i < params.size(); ++i)
            sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                              SQLITE_TRANSIENT);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (out == nullptr) continue;
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                row.emplace_back(
                    text == nullptr ? "" : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
            }
            out->push_back(std::move(row));
        }
        sqlite3_finalize(stmt);
        return rc;
    }

private:
    sqlite3* db_ = nullptr;
};

// A plain FTS5 table holding one short text per supported language (and some English decoys).
struct Corpus {
    MemoryDb db;
    Corpus() {
        db.exec("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='hd')");
        add(1, "vi", "Thay đổi mật khẩu của bạn thường xuyên.");
        add(2, "vi", "Không thể đăng nhập vào máy tính.");
        add(3, "pl", "Warto co jakiś czas zmieniać swoje hasło.");
        add(4, "pl", "Zmiana hasła innego użytkownika wymaga uprawnień administratora.");
        add(5, "pl", "Lista użytkowników i drukarki w sieci.");
        add(6, "ru", "Изменение пароля учётной записи.");
        add(7, "ru", "Забыли ПАРОЛЬ?");
        add(8, "de", "Der Drucker druckt nicht, die Druckerwarteschlange ist leer.");
        add(9, "fr", "Changer votre mot de passe. L'imprimante ne répond pas.");
        add(10, "es", "Cambiar la contraseña. La impresora no imprime.");
        add(11, "en", "Reset your password if you forgot it. The printer is connected.");
        add(12, "en", "Establish a connection to the office VPN.");
        add(13, "en", "Change the desktop background and wallpaper.");
        add(14, "pl", "Konto: użytkownik");
    }

    void add(int id, const std::string& lang, const std::string& text) {
        db.rows("INSERT INTO docs(rowid, body) VALUES (" + std::to_string(id) + ", ?1)",
                {with_language_marker(lang, text)});
    }

    // The ids of the documents a user query finds, translated by to_fts5_query.
    Ids search(const std::string& user_query) {
        Ids ids;
        for (const auto& row :
             db.rows("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rowid", {hd::to_fts5_query(user_query)}))
            ids.push_back(std::stoll(row[0]));
        return ids;
    }
};

struct Token {
    std::string term;
    bool colocated = false;
    int begin = 0;
    int end = 0;
    friend bool operator==(const Token&, const Token&) = default;
};

// Calls the registered tokenizer directly, as FTS5 would, with these flags.
struct DirectTokenizer {
    MemoryDb db;
    fts5_tokenizer api{};
    Fts5Tokenizer* instance = nullptr;
    int stop_after = -1;  // the callback returns SQLITE_ABORT on this call (counting from 0)

    DirectTokenizer() {
        fts5_api* fts5 = nullptr;
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db.handle(), "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK);
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&fts5), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        REQUIRE(fts5 != nullptr);
        void* user_data = nullptr;
        REQUIRE(fts5->xFindTokenizer(fts5, "hd", &user_data, &api) == SQLITE_OK);
        REQUIRE(api.xCreate(user_data, nullptr, 0, &instance) == SQLITE_OK);
    }
    ~DirectTokenizer() { api.xDelete(instance); }

    struct Collected {
        std::vector<Token> tokens;
        int stop_after = -1;
    };

    static int collect(void* ctx, int flags, const char* term, int n, int begin, int end) {
        auto& out = *static_cast<Collected*>(ctx);
        if (static_cast<int>(out.tokens.size()) == out.stop_after) return SQLITE_ABORT;
        out.tokens.push_back(
            {std::string(term, static_cast<std::size_t>(n)), (flags & FTS5_TOKEN_COLOCATED) != 0, begin, end});
        return SQLITE_OK;
    }

    std::vector<Token> tokens(int flags, const std::string& text, int* rc = nullptr) {
        Collected out{{}, stop_after};
        int result = api.xTokenize(instance, &out, flags, text.data(), static_cast<int>(text.size()), collect);
        if (rc != nullptr) *rc = result;
        return out.tokens;
    }
};

}  // namespace

TEST_CASE("words are found whatever their case and diacritics") {
    Corpus c;
    CHECK(c.search("mat khau") == Ids{1});
    CHECK(c.search("MẬT KHẨU") == Ids{1});
    CHECK(c.search("dang nhap") == Ids{2});
    CHECK(c.search("haslo") == Ids{3, 4});  // hasło, and hasła through the Polish stem
    CHECK(c.search("uzytkownik") == Ids{4, 5, 14});
    CHECK(c.search("ПАРОЛЬ") == Ids{6, 7});
    CHECK(c.search("password") == Ids{11});
    CHECK(c.search("PASSWORD") == Ids{11});
}

TEST_CASE("inflected forms are found through their stems") {
    Corpus c;
    CHECK(c.search("пароль") == Ids{6, 7});        // пароля
    CHECK(c.search("printers") == Ids{11});        // printer
    CHECK(c.search("connecting") == Ids{11, 12});  // connected, connection
    CHECK(c.search("hasłem") == Ids{3, 4});        // hasło, hasła
    CHECK(c.search("użytkowników") == Ids{4, 5, 14});
    CHECK(c.search("drukarka") == Ids{5});         // drukarki
    CHECK(c.search("imprimantes") == Ids{9, 10});  // imprimante; Spanish "imprime" shares the stem
    CHECK(c.search("impresoras") == Ids{10});
    CHECK(c.search("Druckers") == Ids{8});
}

TEST_CASE("a word does not find unrelated documents") {
    Corpus c;
    CHECK(c.search("printers") == Ids{11});
    CHECK(c.search("wallpapers") == Ids{13});
    CHECK(c.search("khau") == Ids{1});
    CHECK(c.search("keyboard").empty());
}

TEST_CASE("phrases, stems included, keep their word order") {
    Corpus c;
    CHECK(c.search("\"reset your password\"") == Ids{11});
    CHECK(c.search("\"your passwords\"") == Ids{11});
    CHECK(c.search("\"password your\"").empty());
    CHECK(c.search("\"mat khau cua\"") == Ids{1});
    CHECK(c.search("\"mot de passe\"") == Ids{9});
}

TEST_CASE("prefix queries match the beginnings of words, never of stems") {
    Corpus c;
    CHECK(c.search("vpn*") == Ids{12});
    CHECK(c.search("conn*") == Ids{11, 12});
    CHECK(c.search("druck*") == Ids{8});
    CHECK(c.search("uzytk*") == Ids{4, 5, 14});
    CHECK(c.search("en*").empty());  // every English document has "\x01en:..." stems
    CHECK(c.search("\"reset you\"*") == Ids{11});
}

TEST_CASE("OR and NOT combine documents") {
    Corpus c;
    CHECK(c.search("haslo OR contraseña") == Ids{3, 4, 10});
    CHECK(c.search("printer OR drucker") == Ids{8, 11});
    CHECK(c.search("(printer OR drucker) -connected") == Ids{8});
    CHECK(c.search("password NOT desktop") == Ids{11});
    CHECK(c.search("password NOT forgot").empty());
}

TEST_CASE("a document without a language marker is folded but not stemmed") {
    MemoryDb db;
    db.exec("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='hd')");
    db.rows("INSERT INTO docs(rowid, body) VALUES (1, ?1)", {"The printer and the Mật khẩu"});
    db.rows("INSERT INTO docs(rowid, body) VALUES (2, ?1)", {with_language_marker("", "Another printer")});
    auto count = [&](const std::string& q) {
        return db.rows("SELECT count(*) FROM docs WHERE docs MATCH ?1", {hd::to_fts5_query(q)}).at(0).at(0);
    };
    CHECK(count("printer") == "2");
    CHECK(count("mat khau") == "1");
    CHECK(count("printers") == "0");
}

TEST_CASE("the tokenizer takes no options") {
    MemoryDb db;
    CHECK(db.try_exec("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='hd porter')") != SQLITE_OK);
}

TEST_CASE("document tokens: folded words, colocated stems, offsets past the marker") {
    DirectTokenizer t;
    std::string text = with_language_marker("en", "Printers, OK");
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, text) == std::vector<Token>{{"printers", false, 4, 12},
                                                                       {"\001en:printer", true, 4, 12},
                                                                       {"ok", false, 14, 16},
                                                                       {"\001en:ok", true, 14, 16}});
    // snippet() and highlight() only count positions: the same words, without the colocated stems.
    CHECK(t.tokens(FTS5_TOKENIZE_AUX, text) == std::vector<Token>{{"printers", false, 4, 12}, {"ok", false, 14, 16}});
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "\001vi\001Mật") == std::vector<Token>{{"mat", false, 4, 9}});
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "\001EN\001cats") ==
          std::vector<Token>{{"cats", false, 4, 8}, {"\001en:cat", true, 4, 8}});
}

TEST_CASE("only a well-formed marker at the very start is a marker") {
    DirectTokenizer t;
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "\001english\001cats").front() == Token{"english", false, 1, 8});
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "x\001en\001cats").size() == 3);  // x, en, cats: no stems
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "\001en").front() == Token{"en", false, 1, 3});
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "\001en\001").empty());
    CHECK(t.tokens(FTS5_TOKENIZE_DOCUMENT, "").empty());
}

TEST_CASE("query tokens: stems of every fitting language; none for the prefix word") {
    DirectTokenizer t;
    auto query = t.tokens(FTS5_TOKENIZE_QUERY, "пароля");
    CHECK(query == std::vector<Token>{{"пароля", false, 0, 12}, {"\001ru:парол", true, 0, 12}});
    auto prefix = t.tokens(FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "reset pass");
    REQUIRE(prefix.size() >= 3);
    CHECK(prefix.front() == Token{"reset", false, 0, 5});
    CHECK(prefix[1].colocated);
    CHECK(prefix.back() == Token{"pass", false, 6, 10});
    // A marker means nothing in a query: it is not a language, just a separator.
    CHECK(t.tokens(FTS5_TOKENIZE_QUERY, "\001en\001").front() == Token{"en", false, 1, 3});
}

TEST_CASE("the tokenizer stops when FTS5 says so") {
    DirectTokenizer t;
    t.stop_after = 1;
    int rc = SQLITE_OK;
    auto tokens = t.tokens(FTS5_TOKENIZE_DOCUMENT, with_language_marker("en", "printers jam often"), &rc);
    CHECK(rc == SQLITE_ABORT);
    CHECK(tokens.size() == 1);
    tokens = t.tokens(FTS5_TOKENIZE_QUERY, "printers jam", &rc);
    CHECK(rc == SQLITE_ABORT);
    CHECK(tokens.size() == 1);
}

TEST_CASE("external content: snippets and highlights line up with the stored text") {
    MemoryDb db;
    db.exec("CREATE TABLE articles(id INTEGER PRIMARY KEY, lang TEXT, title TEXT, tags TEXT, body TEXT)");
    db.exec(
        "CREATE VIEW kb_fts_source AS SELECT id, char(1)||coalesce(lang,'')||char(1)||title AS title, "
        "char(1)||coalesce(lang,'')||char(1)||tags AS tags, char(1)||coalesce(lang,'')||char(1)||body AS body "
        "FROM articles");
    db.exec(
        "CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, content='kb_fts_source', content_rowid='id', "
        "tokenize='hd')");
    db.rows("INSERT INTO articles VALUES (1, 'vi', ?1, 'tài khoản', ?2)",
            {"Thay đổi mật khẩu của bạn",
             "Bạn nên đổi mật khẩu thường xuyên, đặc biệt nếu bạn nghĩ ai đó biết mật khẩu của bạn."});
    db.rows("INSERT INTO articles VALUES (2, 'ru', ?1, 'пароль', ?2)",
            {"Изменение пароля", "Полезно время от времени менять свой пароль."});
    db.rows("INSERT INTO articles VALUES (3, NULL, 'Printer', '', 'The printer is jammed.')", {});
    db.exec("INSERT INTO kb_fts(kb_fts) VALUES ('rebuild')");

    auto hit = [&](const std::string& user_query) {
        return db.rows(
            "SELECT rowid, snippet(kb_fts, -1, char(2), char(3), '…', 16), highlight(kb_fts, 0, char(2), "
            "char(3)) FROM kb_fts WHERE kb_fts MATCH ?1 ORDER BY bm25(kb_fts)",
            {hd::to_fts5_query(user_query)});
    };

    auto vi = hit("\"mat khau\"");
    REQUIRE(vi.size() == 1);
    CHECK(vi[0][0] == "1");
    CHECK(hd::sqlite::without_language_marker(vi[0][2]) == "Thay đổi \x02mật khẩu\x03 của bạn");
    CHECK(vi[0][1].find("\x02mật khẩu\x03") != std::string::npos);

    auto ru = hit("ПАРОЛЬ");
    REQUIRE(ru.size() == 1);
    CHECK(hd::sqlite::without_language_marker(ru[0][2]) == "Изменение \x02пароля\x03");

    for (const auto& rows : {vi, ru, hit("printer")}) {
        for (const auto& row : rows) {
            for (const std::string& text : {row[1], row[2]}) {
                CAPTURE(text);
                // The marker can only lead the text (snippet and highlight copy it from there), and no
                // highlighted span starts before a word.
                auto plain = hd::sqlite::without_language_marker(text);
                CHECK(plain.find('\x01') == std::string::npos);
                auto open = plain.find('\x02');
                REQUIRE(open != std::string::npos);
                CHECK(plain.substr(open + 1, plain.find('\x03') - open - 1).find('\x01') == std::string::npos);
            }
        }
    }

    // Deleting recomputes the tokens from the same marked text: the row is gone, the index intact.
    db.exec(
        "INSERT INTO kb_fts(kb_fts, rowid, title, tags, body) SELECT 'delete', id, title, tags, body "
        "FROM kb_fts_source WHERE id = 2");
    db.exec("DELETE FROM articles WHERE id = 2");
    CHECK(hit("пароль").empty());
    db.exec("INSERT INTO kb_fts(kb_fts) VALUES ('integrity-check')");
}

TEST_CASE("the language marker helpers") {
    CHECK(with_language_marker("pl", "Hasło") == "\x01pl\x01Hasło");
    CHECK(with_language_marker("", "x") == "\x01\x01x");
    CHECK(with_language_marker("english", "x") == "\x01\x01x");  // not a code the tokenizer reads
    CHECK(hd::sqlite::without_language_marker("\x01pl\x01Hasło") == "Hasło");
    CHECK(hd::sqlite::without_language_marker("\x01\x01x") == "x");
    CHECK(hd::sqlite::without_language_marker("Hasło") == "Hasło");
    CHECK(hd::sqlite::without_language_marker("\001english\001x") == "\001english\001x");
}

TEST_CASE("hostile user queries are a usage error or a valid FTS5 query, never an SQL error") {
    Corpus c;
    auto check_query = [&](const std::string& user_query) {
        CAPTURE(user_query);
        std::string fts;
        try {
            fts = hd::to_fts5_query(user_query);
        } catch (const hd::Error& e) {
            CHECK(e.kind() == hd::ErrorKind::usage);
            return;
        }
        CAPTURE(fts);
        CHECK(c.db.run("SELECT rowid FROM docs WHERE docs MATCH ?1", {fts}) == SQLITE_DONE);
    };
    const std::vector<std::string> hostile{"\"unbalanced", "AND AND",      "a) OR (b",     "***",
                                           "\"",           "NEAR(",        "title:x",      "^x",
                                           "{a b}:c",      "NEAR(a b, 2)", "body:printer", "- printer",
                                           "a + b",        "\"a\"\"b\"",   "\"\"\"\"",     "a*b*c",
                                           "* OR *",       "(((((",        ")))",          "a NOT (b OR (c -d))",
                                           "--a",          "vpn*)",        "x\001en\001y", "\001en:printer",
                                           "a\0b"s,        "\xff\xfe",     "printer -",    "'; DROP TABLE docs; --"};
    for (const auto& query : hostile) check_query(query);

    // Long and deep queries stay within FTS5's parser stack and expression depth.
    std::string nots = "a", ors = "a", nested_ors;
    for (int i = 0; i < 1000; ++i) {
        nots += " NOT b" + std::to_string(i);
        ors += " OR b" + std::to_string(i) + " c";
    }
    for (int i = 0; i < 16; ++i) nested_ors += "(x OR y NOT ";
    nested_ors += "a" + std::string(16, ')');
    for (const auto& query : {nots, ors, nested_ors}) {
        CAPTURE(query.substr(0, 40));
        CHECK(c.db.run("SELECT rowid FROM docs WHERE docs MATCH ?1", {hd::to_fts5_query(query)}) == SQLITE_DONE);
    }

    // And a few thousand random strings of syntax characters and operator words.
    const std::vector<std::string> pieces{"\"",   "(", ")",   "*",   "-",     "^",      ":",    "+",
                                          "{",    "}", ",",   " ",   " ",     "OR",     "AND",  "NOT",
                                          "NEAR", "a", "vpn", "mật", "hasło", "пароль", "\x01", "'"};
    std::mt19937 random(20240607);
    for (int i = 0; i < 3000; ++i) {
        std::string query;
        auto length = random() % 12;
        for (std::size_t j = 0; j < length; ++j) query += pieces[random() % pieces.size()];
        check_query(query);
    }
}
