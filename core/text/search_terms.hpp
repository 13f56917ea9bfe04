// What knowledge-base search indexes and looks for: words cut from text, folded so that case and
// diacritics never matter, and stemmed so that inflected forms meet. No SQLite here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/stemmer.hpp"

namespace hd {

// A word's place in the text it was cut from, in bytes: [begin, end).
struct WordSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const WordSpan&, const WordSpan&) = default;
};

// Terms longer than this are cut (at a character boundary): nobody types them, and they would only
// bloat the index.
inline constexpr std::size_t kMaxTermBytes = 64;

// Stem terms start with this byte ("\x01en:connect"). Words never contain it, so a stem cannot be
// confused with a word and a prefix query ("conn*") only ever reaches words.
inline constexpr char kStemTermMark = '\x01';

// Case-folded, compatibility-normalised (NFKC), without diacritics on Latin, Greek and Cyrillic
// letters, and with the letters that have no decomposition folded by hand (đ→d, ł→l, ø→o, æ→ae,
// œ→oe, ß→ss, þ→th, ı→i, ...): "Mật KHẨU" → "mat khau", "Hasło" → "haslo", "ПАРОЛЬ" → "пароль".
// Marks on other scripts stay: there they are vowels, not accents. Invalid bytes are dropped.
std::string fold(std::string_view word);

// The words of a text: maximal runs of letters, marks and digits. Everything else separates words,
// including apostrophes, hyphens and underscores ("l'imprimante" → "l", "imprimante"); invisible
// format characters (soft hyphen, zero-width joiner) inside a word do not. Invalid UTF-8 separates.
std::vector<WordSpan> split_words(std::string_view text);

// fold(word), cut to kMaxTermBytes: the term a word is indexed and searched under. Empty when the
// word folds to nothing (a lone combining mark).
std::string word_term(std::string_view word);

// The stem terms of a word in a document of language `lang` (ISO 639-1), one for each distinct X in
// { fold(stem(casefold(word))), stem(fold(word)) }: stemming both spellings keeps "haslo" typed
// without diacritics meeting "hasłem". Empty for a language search does not stem (vi: Vietnamese
// does not inflect; an unknown or empty code) and for words without letters. A word in another
// script than the document's (an English product name in a Russian article) is stemmed as English
// (Latin) or Russian (Cyrillic), the languages a query would try for it.
std::vector<std::string> document_stem_terms(std::string_view word, std::string_view lang, Stemmers& stemmers);

// The stem terms a query word is looked up under when its language is unknown: its stem terms in
// every language of search_languages() written in the word's script (Latin: en, de, fr, es, pl;
// Cyrillic: ru), without duplicates.
std::vector<std::string> query_stem_terms(std::string_view word, Stemmers& stemmers);

// The languages search stems: those of supported_languages() that have a stemmer. Documents in any
// other language are indexed by their folded words alone, since no query would ask for their stems.
const std::vector<std::string>& search_languages();

// The distinct folded words of a text that say what it is about, in order of first appearance, at
// most max_words: words of at least three letters that are neither numbers nor common function words
// ("the", "của", "się", "что", ...). For suggesting articles that may answer a ticket.
std::vector<std::string> significant_words(std::string_view text, std::size_t max_words);

// The same words as significant_words, each as first spelled in the text (a view into it). A query
// built from these keeps the diacritics the stemmers need ("новый" stems to "нов", its folded
// "новыи" does not).
std::vector<std::string_view> significant_word_spellings(std::string_view text, std::size_t max_words);

}  // namespace hd
