// Tests of folding, word splitting, stemming and stem-term expansion for knowledge-base search.
#include <doctest/doctest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "core/text/polish_stem.hpp"
#include "core/text/search_terms.hpp"
#include "core/text/stemmer.hpp"

using namespace std::string_literals;

namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (const auto& span : hd::split_words(text)) words.emplace_back(text.substr(span.begin, span.end - span.begin));
    return words;
}

}  // namespace

namespace hd {
// How doctest prints a span when a check fails.
std::ostream& operator<<(std::ostream& out, const WordSpan& span) {
    return out << '[' << span.begin << ", " << span.end << ')';
}
}  // namespace hd

namespace {

std::string stem_term(const std::string& lang, const std::string& stem) {
    return "\x01" + lang + ":" + stem;
}

bool shares_a_term(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const auto& t) { return std::find(b.begin(), b.end(), t) != b.end(); });
}

// Whether a document word in `lang` and a query word meet through their stems.
bool stems_meet(const std::string& document_word, const std::string& lang, const std::string& query_word) {
    hd::Stemmers stemmers;
    return shares_a_term(hd::document_stem_terms(document_word, lang, stemmers),
                         hd::query_stem_terms(query_word, stemmers));
}

}  // namespace

TEST_CASE("folding removes Vietnamese tones and marks, and đ") {
    CHECK(hd::fold("Mật KHẨU") == "mat khau");
    CHECK(hd::fold("Đăng nhập") == "dang nhap");
    CHECK(hd::fold("TIẾNG VIỆT") == "tieng viet");
    CHECK(hd::fold("ƯỚC Ơ") == "uoc o");
    CHECK(hd::fold("Tie\xcc\x82\xcc\x81ng") == "tieng");  // decomposed (NFD) input
}

TEST_CASE("folding removes Polish diacritics, ł included") {
    CHECK(hd::fold("Hasło") == "haslo");
    CHECK(hd::fold("użytkownik") == "uzytkownik");
    CHECK(hd::fold("ŻÓŁTY") == "zolty");
    CHECK(hd::fold("Łódź ĆWIEŃ Ęą Śź") == "lodz cwien ea sz");
}

TEST_CASE("folding lower-cases Cyrillic and merges ё with е") {
    CHECK(hd::fold("ПАРОЛЬ") == "пароль");
    CHECK(hd::fold("Ёлка") == hd::fold("елка"));
    CHECK(hd::fold("Йод") == hd::fold("йод"));  // й loses its breve: the same on both sides
}

TEST_CASE("folding handles German umlauts and sharp s") {
    CHECK(hd::fold("Straße") == "strasse");
    CHECK(hd::fold("GRÖSSE") == hd::fold("Größe"));
    CHECK(hd::fold("Ärger Übel") == "arger ubel");
    CHECK(hd::fold("\xe1\xba\x9e") == "ss");  // capital sharp s
}

TEST_CASE("folding handles French and Spanish accents and ligatures") {
    CHECK(hd::fold("Élève Noël garçon") == "eleve noel garcon");
    CHECK(hd::fold("Œuvre") == "oeuvre");
    CHECK(hd::fold("Contraseña") == "contrasena");
    CHECK(hd::fold("ÑANDÚ") == "nandu");
}

TEST_CASE("folding handles letters with no decomposition") {
    CHECK(hd::fold("Ærø") == "aero");
    CHECK(hd::fold("Øl") == "ol");
    CHECK(hd::fold("Þór") == "thor");
    CHECK(hd::fold("ðing") == "ding");
    CHECK(hd::fold("Ħal Ŧ") == "hal t");
    CHECK(hd::fold("ıspanak") == "ispanak");
    CHECK(hd::fold("İstanbul") == "istanbul");
    CHECK(hd::fold("Đ đ") == "d d");
    CHECK(hd::fold("co\xc5\x80lecci\xc3\xb3") == "colleccio");  // ŀ folds to l, not "l·"
}

TEST_CASE("folding lower-cases English and normalises compatibility forms") {
    CHECK(hd::fold("Printer VPN") == "printer vpn");
    CHECK(hd::fold("\xef\xac\x81le") == "file");                       // the "fi" ligature
    CHECK(hd::fold("\xef\xbc\xb6\xef\xbc\xb0\xef\xbc\xae") == "vpn");  // full-width ＶＰＮ
    CHECK(hd::fold("") == "");
}

TEST_CASE("folding keeps the vowel marks of scripts where they are not accents") {
    CHECK(hd::fold("किताब") == "किताब");
    CHECK(hd::fold("किताब") != hd::fold("कतब"));
}

TEST_CASE("folding drops invalid bytes and invisible characters, and is idempotent") {
    CHECK(hd::fold("ha\xffs\xc5\x82o") == "haslo");
    CHECK(hd::fold("pass\xc2\xadword") == "password");  // soft hyphen
    for (std::string word : {"Mật", "Hasło", "ПАРОЛЬ", "Straße", "Œuvre", "Ærø", "किताब", "\xef\xac\x81le"})
        CHECK(hd::fold(hd::fold(word)) == hd::fold(word));
}

TEST_CASE("words are runs of letters, marks and digits with their byte offsets") {
    auto spans = hd::split_words("Mật khẩu: đã hết hạn!");
    REQUIRE(spans.size() == 5);
    CHECK(spans[0] == hd::WordSpan{0, 5});  // "ậ" takes three bytes
    CHECK(spans[1] == hd::WordSpan{6, 12});
    CHECK(spans[4] == hd::WordSpan{25, 30});
    CHECK(words_of("Mật khẩu: đã hết hạn!") == std::vector<std::string>{"Mật", "khẩu", "đã", "hết", "hạn"});
}

TEST_CASE("apostrophes, hyphens, underscores and dots separate words") {
    CHECK(words_of("l'imprimante du 3e étage") == std::vector<std::string>{"l", "imprimante", "du", "3e", "étage"});
    CHECK(words_of("wi-fi_on don't") == std::vector<std::string>{"wi", "fi", "on", "don", "t"});
    CHECK(words_of("sqlite 3.40.1") == std::vector<std::string>{"sqlite", "3", "40", "1"});
    CHECK(words_of("vpn🙂down") == std::vector<std::string>{"vpn", "down"});
    CHECK(words_of("a\u200bb") == std::vector<std::string>{"a", "b"});  // zero-width space
}

TEST_CASE("invisible joiners stay inside a word, not at its end") {
    CHECK(hd::split_words("pass\xc2\xadword") == std::vector<hd::WordSpan>{{0, 10}});
    CHECK(hd::split_words("pass\xc2\xad x") == std::vector<hd::WordSpan>{{0, 4}, {7, 8}});
}

TEST_CASE("invalid UTF-8 separates words and text without words has none") {
    CHECK(hd::split_words("ab\377cd") == std::vector<hd::WordSpan>{{0, 2}, {3, 5}});
    CHECK(hd::split_words("\xe6\x97").empty());
    CHECK(hd::split_words("").empty());
    CHECK(hd::split_words(" --- *** ... ").empty());
}

TEST_CASE("terms are cut to the maximum length at a character boundary") {
    std::string long_word;
    for (int i = 0; i < 40; ++i) long_word += "ł";  // 80 bytes
    auto term = hd::word_term(long_word);
    CHECK(term.size() <= hd::kMaxTermBytes);
    CHECK(term == std::string(40, 'l').substr(0, hd::kMaxTermBytes));
    CHECK(hd::word_term(std::string(100, 'x')).size() == hd::kMaxTermBytes);
}

TEST_CASE("stemmers exist for the Snowball languages and Polish, not for Vietnamese") {
    for (const char* lang : {"en", "ru", "de", "fr", "es", "pl", "it", "pt", "nl", "sv"}) CHECK(hd::has_stemmer(lang));
    CHECK_FALSE(hd::has_stemmer("vi"));
    CHECK_FALSE(hd::has_stemmer("xx"));
    CHECK_FALSE(hd::has_stemmer(""));
    CHECK_FALSE(hd::Stemmer::for_language("vi").has_value());
    auto italian = hd::Stemmer::for_language("it");
    REQUIRE(italian.has_value());
    CHECK(italian->stem("stampanti") == italian->stem("stampante"));
}

TEST_CASE("a stemmer copies its result out of Snowball's buffer") {
    auto english = hd::Stemmer::for_language("en");
    REQUIRE(english.has_value());
    std::string first = english->stem("printers");
    std::string second = english->stem("connections");
    CHECK(first == "printer");
    CHECK(second == "connect");
}

TEST_CASE("English inflections meet through their stems") {
    CHECK(stems_meet("printer", "en", "printers"));
    CHECK(stems_meet("connection", "en", "connecting"));
    CHECK_FALSE(stems_meet("printer", "en", "password"));
}

TEST_CASE("Russian inflections meet through their stems, whatever the case") {
    CHECK(stems_meet("пароля", "ru", "пароль"));
    CHECK(stems_meet("пароль", "ru", "ПАРОЛЬ"));
    CHECK(stems_meet("пользователей", "ru", "пользователя"));
    CHECK(stems_meet("новая", "ru", "новый"));
}

TEST_CASE("German, French and Spanish inflections meet through their stems") {
    CHECK(stems_meet("Drucker", "de", "Druckers"));
    CHECK(stems_meet("Passwörter", "de", "Passwort"));
    CHECK(stems_meet("Passwörter", "de", "passworter"));  // typed without the umlaut
    CHECK(stems_meet("imprimantes", "fr", "imprimante"));
    CHECK(stems_meet("réseaux", "fr", "reseau"));
    CHECK(stems_meet("connectée", "fr", "connecté"));
    CHECK(stems_meet("impresoras", "es", "impresora"));
    CHECK(stems_meet("contraseñas", "es", "contrasena"));
}

TEST_CASE("Polish inflections meet through the light stemmer, with or without diacritics") {
    CHECK(stems_meet("hasło", "pl", "hasła"));
    CHECK(stems_meet("hasłem", "pl", "haslo"));
    CHECK(stems_meet("użytkowników", "pl", "użytkownik"));
    CHECK(stems_meet("użytkownika", "pl", "uzytkownikow"));
    CHECK(stems_meet("drukarki", "pl", "drukarka"));
    CHECK(stems_meet("drukarkę", "pl", "drukarka"));
    CHECK(stems_meet("sieci", "pl", "sieć"));
}

TEST_CASE("the Polish light stemmer removes one ending and keeps three letters") {
    CHECK(hd::polish_light_stem("hasłem") == "hasł");
    CHECK(hd::polish_light_stem("użytkowników") == "użytkownik");
    CHECK(hd::polish_light_stem("użytkownikiem") == "użytkownik");
    CHECK(hd::polish_light_stem("sieciach") == "siec");
    CHECK(hd::polish_light_stem("ustawienia") == "ustawien");
    CHECK(hd::polish_light_stem("sieciowego") == "sieciow");
    CHECK(hd::polish_light_stem("plik") == "plik");
    CHECK(hd::polish_light_stem("oko") == "oko");
    CHECK(hd::polish_light_stem("nie") == "nie");
    CHECK(hd::polish_light_stem("osiach") == "osi");  // "iach" would leave two letters; "ach" is next
    CHECK(hd::polish_light_stem("") == "");
}

TEST_CASE("document stem terms are in the document's language namespace") {
    hd::Stemmers stemmers;
    CHECK(hd::document_stem_terms("printers", "en", stemmers) == std::vector<std::string>{stem_term("en", "printer")});
    CHECK(hd::document_stem_terms("Hasłem", "pl", stemmers) == std::vector<std::string>{stem_term("pl", "hasl")});
    // Stemming the spelling with diacritics and the folded one can give two stems; both are kept.
    CHECK(hd::document_stem_terms("новый", "ru", stemmers) ==
          std::vector<std::string>{stem_term("ru", "нов"), stem_term("ru", "новы")});
}

TEST_CASE("Vietnamese, unknown languages and numbers get no stems") {
    hd::Stemmers stemmers;
    CHECK(hd::document_stem_terms("nhập", "vi", stemmers).empty());
    CHECK(hd::document_stem_terms("printers", "", stemmers).empty());
    CHECK(hd::document_stem_terms("printers", "xx", stemmers).empty());
    CHECK(hd::document_stem_terms("2024", "en", stemmers).empty());
    CHECK(hd::query_stem_terms("2024", stemmers).empty());
    // A language with a stemmer that search does not expand queries into is indexed without stems.
    CHECK(hd::document_stem_terms("stampanti", "it", stemmers).empty());
}

TEST_CASE("a word in another script than its document is stemmed as a query would try it") {
    hd::Stemmers stemmers;
    CHECK(hd::document_stem_terms("printers", "ru", stemmers) == std::vector<std::string>{stem_term("en", "printer")});
    CHECK(hd::document_stem_terms("пароля", "en", stemmers) == std::vector<std::string>{stem_term("ru", "парол")});
    CHECK(hd::document_stem_terms("printers", "zh", stemmers) == std::vector<std::string>{stem_term("en", "printer")});
}

TEST_CASE("query stem terms cover every searched language of the word's script") {
    hd::Stemmers stemmers;
    auto latin = hd::query_stem_terms("printers", stemmers);
    for (const char* lang : {"en", "de", "fr", "es", "pl"}) {
        CAPTURE(lang);
        CHECK(std::any_of(latin.begin(), latin.end(),
                          [&](const auto& t) { return t.starts_with("\x01"s + lang + ":"); }));
    }
    CHECK(std::none_of(latin.begin(), latin.end(), [](const auto& t) { return t.starts_with("\x01ru:"); }));
    CHECK(std::none_of(latin.begin(), latin.end(), [](const auto& t) { return t.starts_with("\x01vi:"); }));
    CHECK(hd::query_stem_terms("пароля", stemmers) == std::vector<std::string>{stem_term("ru", "парол")});
    CHECK(hd::query_stem_terms("日本語", stemmers).empty());
    auto sorted = latin;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no duplicates
}

TEST_CASE("the searched languages are the supported ones that have a stemmer") {
    CHECK(hd::search_languages() == std::vector<std::string>{"en", "pl", "ru", "de", "fr", "es"});
}

TEST_CASE("significant words are distinct, folded, long enough and not function words") {
    CHECK(hd::significant_words("The printer on floor 3 is not printing, the PRINTER shows error 50.", 10) ==
          std::vector<std::string>{"printer", "floor", "printing", "shows", "error"});
    CHECK(hd::significant_words("Mật khẩu của tôi đã hết hạn", 10) ==
          std::vector<std::string>{"mat", "khau", "het", "han"});
    CHECK(hd::significant_words("Nie mogę się zalogować, hasło wygasło", 10) ==
          std::vector<std::string>{"moge", "zalogowac", "haslo", "wygaslo"});
    CHECK(hd::significant_words("Я забыл пароль, что делать?", 10) ==
          std::vector<std::string>{"забыл", "пароль", "делать"});
}

TEST_CASE("significant words stop at the maximum and may be none") {
    CHECK(hd::significant_words("alpha bravo charlie delta echo", 3) ==
          std::vector<std::string>{"alpha", "bravo", "charlie"});
    CHECK(hd::significant_words("alpha bravo", 0).empty());
    CHECK(hd::significant_words("ok, 12345 is it", 10).empty());
    CHECK(hd::significant_words("", 10).empty());
}

TEST_CASE("significant word spellings keep the text's own spelling") {
    CHECK(hd::significant_word_spellings("Hasło HASŁO hasło wygasło", 10) ==
          std::vector<std::string_view>{"Hasło", "wygasło"});
}
