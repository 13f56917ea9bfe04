// The "hd" FTS5 tokenizer: search_terms.hpp does the linguistics, this file speaks FTS5's C API.
#include "core/store/sqlite/fts_tokenizer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <new>
#include <vector>

#include "core/error.hpp"
#include "core/text/search_terms.hpp"

namespace hd::sqlite {

namespace {

constexpr char kMarker = '\x01';

// One per FTS5 table and connection. FTS5 never calls one tokenizer from two threads at once (the
// connection serialises), so its stemmers need no lock.
struct Tokenizer {
    Stemmers stemmers;
};

struct Marker {
    std::size_t length = 0;  // bytes the marker takes at the start of the text; 0 for none
    std::string lang;
};

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "\x01" + 0 to 3 ASCII letters + "\x01"; the empty language is the unknown one.
Marker read_marker(std::string_view text) {
    Marker marker;
    if (text.empty() || text[0] != kMarker) return marker;
    std::size_t end = 1;
    while (end < text.size() && end < 4 && is_ascii_letter(text[end])) ++end;
    if (end >= text.size() || text[end] != kMarker) return marker;
    for (std::size_t i = 1; i < end; ++i) marker.lang += static_cast<char>(text[i] | 0x20);  // lower case
    marker.length = end + 1;
    return marker;
}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int emit(TokenCallback x_token, void* ctx, int flags, const std::string& term, std::size_t begin, std::size_t end) {
    return x_token(ctx, flags, term.data(), static_cast<int>(term.size()), static_cast<int>(begin),
                   static_cast<int>(end));
}

int tokenize_document(Tokenizer& tokenizer, void* ctx, std::string_view text, bool with_stems, TokenCallback x_token) {
    Marker marker = read_marker(text);
    std::string_view body = text.substr(marker.length);
    for (const auto& span : split_words(body)) {
        std::string_view word = body.substr(span.begin, span.end - span.begin);
        std::string term = word_term(word);
        if (term.empty()) continue;
        const std::size_t begin = marker.length + span.begin;
        const std::size_t end = marker.length + span.end;
        if (int rc = emit(x_token, ctx, 0, term, begin, end); rc != SQLITE_OK) return rc;
        if (marker.lang.empty() || !with_stems) continue;
        for (const auto& stem : document_stem_terms(word, marker.lang, tokenizer.stemmers))
            if (int rc = emit(x_token, ctx, FTS5_TOKEN_COLOCATED, stem, begin, end); rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

// A query string is one FTS5 phrase. With a trailing "*" FTS5 applies the prefix to the phrase's last
// token and all its colocated tokens, so that token gets no stems (a stem is not a prefix of what
// the user typed); the words before it are whole words and keep theirs.
int tokenize_query(Tokenizer& tokenizer, void* ctx, std::string_view text, bool prefix, TokenCallback x_token) {
    struct Word {
        std::string_view text;
        std::string term;
        WordSpan span;
    };
    std::vector<Word> words;
    for (const auto& span : split_words(text)) {
        std::string_view word = text.substr(span.begin, span.end - span.begin);
        if (std::string term = word_term(word); !term.empty()) words.push_back({word, std::move(term), span});
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const Word& word = words[i];
        if (int rc = emit(x_token, ctx, 0, word.term, word.span.begin, word.span.end); rc != SQLITE_OK) return rc;
        if (prefix && i + 1 == words.size()) break;
        for (const auto& stem : query_stem_terms(word.text, tokenizer.stemmers))
            if (int rc = emit(x_token, ctx, FTS5_TOKEN_COLOCATED, stem, word.span.begin, word.span.end);
                rc != SQLITE_OK)
                return rc;
    }
    return SQLITE_OK;
}

int x_create(void*, const char**, int n_args, Fts5Tokenizer** out) {
    *out = nullptr;
    if (n_args != 0) return SQLITE_ERROR;  // tokenize='hd something': a typo, not a silent default
    auto* tokenizer = new (std::nothrow) Tokenizer;
    if (tokenizer == nullptr) return SQLITE_NOMEM;
    *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
    return SQLITE_OK;
}

void x_delete(Fts5Tokenizer* tokenizer) {
    delete reinterpret_cast<Tokenizer*>(tokenizer);
}

int x_tokenize(Fts5Tokenizer* handle, void* ctx, int flags, const char* text, int n_text, TokenCallback x_token) {
    // No exception may cross into SQLite's C code.
    try {
        auto& tokenizer = *reinterpret_cast<Tokenizer*>(handle);
        std::string_view view(text == nullptr ? "" : text,
                              text == nullptr || n_text < 0 ? 0 : static_cast<std::size_t>(n_text));
        if (flags & FTS5_TOKENIZE_QUERY)
            return tokenize_query(tokenizer, ctx, view, (flags & FTS5_TOKENIZE_PREFIX) != 0, x_token);
        // snippet() and highlight() (FTS5_TOKENIZE_AUX) count token positions and skip colocated
        // tokens: stemming every word of the hits' text for them would be wasted.
        return tokenize_document(tokenizer, ctx, view, (flags & FTS5_TOKENIZE_AUX) == 0, x_token);
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
}

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

}  // namespace

void register_fts_tokenizer(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (api == nullptr)
        fail(ErrorKind::store,
             "cannot set up knowledge-base search: this SQLite library was built without full-text search (FTS5)");
    fts5_tokenizer tokenizer{x_create, x_delete, x_tokenize};
    // FTS5 copies the struct; "hd" replaces any earlier registration on this connection.
    if (api->xCreateTokenizer(api, "hd", nullptr, &tokenizer, nullptr) != SQLITE_OK)
        fail(ErrorKind::store, "cannot set up knowledge-base search: registering its tokenizer failed");
}

std::string with_language_marker(std::string_view lang, std::string_view text) {
    // A code the tokenizer would not read as one would turn into words of the text.
    if (lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), is_ascii_letter)) lang = {};
    std::string marked;
    marked.reserve(lang.size() + text.size() + 2);
    marked += kMarker;
    marked += lang;
    marked += kMarker;
    marked += text;
    return marked;
}

std::string_view without_language_marker(std::string_view text) {
    return text.substr(read_marker(text).length);
}

}  // namespace hd::sqlite
