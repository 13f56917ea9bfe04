// What a user types into a knowledge-base search, turned into an SQLite FTS5 MATCH expression that
// can never be an FTS5 syntax error. No SQLite here.
#pragma once

#include <string>
#include <string_view>

namespace hd {

// Translates user search syntax into FTS5:
//   printer jam          both words (implicit AND; "AND" may be written)
//   "reset password"     the words next to each other, in this order
//   vpn*                 a word starting with "vpn" ("reset pass"* also works)
//   vpn OR proxy         either; binds looser than AND: a b OR c = (a b) OR c
//   printer NOT laser    printer, without laser; also printer -laser
//   (vpn OR proxy) slow  grouping
// Every word and phrase is passed to FTS5 quoted, so FTS5 operators, column filters, NEAR and "^"
// typed by the user are plain text, and parts without a letter or digit ("&", "***") are dropped.
// Lower-case and, or, not are words. A "-" with nothing before it in its group is only a hyphen.
//
// An unbalanced double quote or parenthesis makes the whole query plain words (quotes, parentheses
// and operators dropped). Throws hd::Error(usage) for an empty query and for misplaced operators
// ("printer OR", "AND AND", a leading NOT): there is no way to read them that the user surely meant;
// also for parentheses nested more than 16 deep (FTS5's own parser gives up not far beyond).
std::string to_fts5_query(std::string_view user_query);

// An FTS5 query for articles that may answer a ticket: its significant words joined with OR, best
// ranked by bm25. Empty when the text has no such words.
std::string suggestion_query(std::string_view text);

}  // namespace hd
