// The FTS5 tokenizer "hd" for knowledge-base search: words folded (case, diacritics) and stemmed in
// the document's language, so "mat khau" finds "mật khẩu" and "пароль" finds "пароля".
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace hd::sqlite {

// Registers the tokenizer "hd" on this connection (tables use tokenize='hd'; it takes no options).
// Throws hd::Error(store) when this SQLite has no FTS5.
//
// Documents say their language with a marker at the very start of each column's text:
// "\x01" LANG "\x01" (LANG: two or three ASCII letters, ISO 639), e.g. "\x01pl\x01Zmiana hasła".
// The marker is no token; offsets given to FTS5 count it, so highlight() and snippet() line up
// with the stored text. Without a marker the words are indexed without stems (folding still works).
// Queries try the stems of every searched language that writes the word's script.
//
// The marker must be the same when a row is deleted from an external-content table as when it
// was inserted (the tokens to delete are recomputed from it), and `char(1)||lang||char(1)||title`
// is NULL when lang is NULL: use coalesce(lang, '').
void register_fts_tokenizer(sqlite3* db);

// The column text to index for a document in `lang` (empty: unknown language, no stems).
std::string with_language_marker(std::string_view lang, std::string_view text);

// The text without a leading language marker. snippet() and highlight() copy the column text,
// marker included, when they start at its first word: pass their result through this.
std::string_view without_language_marker(std::string_view text);

}  // namespace hd::sqlite
