// The Polish light stemmer: strip one noun or adjective ending, longest first.
#include "core/text/polish_stem.hpp"

namespace hd {

namespace {

// Case endings of nouns and adjectives, longest first so "iach" wins over "ach" and "ach" over "a".
// The soft-stem forms ("ia", "iem", "iach") take their "i" along, so sieci, sieciach and siecią all
// become "siec", which folds to the same term as sieć. "ów" has the folded twin "ow": the search
// layer also stems the folded spelling, so a word typed without diacritics still loses its ending.
constexpr std::string_view kEndings[] = {
    "iach", "iami",                                                   // sieciach, ustawieniami
    "ach",  "ami",  "owi", "ego", "emu", "ymi", "imi", "ych", "ich",  // drukarkach, sieciowego
    "iem",  "iom",                                                    // użytkownikiem
    "ią",   "ię",   "ia",  "ie",  "ii",  "iu",                        // siecią, linia, linie, linii
    "ów",   "ow",   "om",  "em",  "ym",  "im",  "ej",                 // użytkowników, hasłem
    "ą",    "ę",    "a",   "e",   "i",   "o",   "u",   "y",           // drukarką, hasło, pliki
};

constexpr std::size_t kMinStemLetters = 3;

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

}  // namespace

std::string polish_light_stem(std::string_view lower_word) {
    for (std::string_view ending : kEndings) {
        if (!lower_word.ends_with(ending)) continue;
        std::string_view stem = lower_word.substr(0, lower_word.size() - ending.size());
        // Short words (nie, się, oko) are mostly function words or too ambiguous to cut.
        if (code_points(stem) >= kMinStemLetters) return std::string(stem);
    }
    return std::string(lower_word);
}

}  // namespace hd
