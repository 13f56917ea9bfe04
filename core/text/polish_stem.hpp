// A light stemmer for Polish, which Snowball does not have: it removes one common inflectional ending.
#pragma once

#include <string>
#include <string_view>

namespace hd {

// Removes the longest common case ending of a Polish noun or adjective (hasłem → hasł, użytkowników →
// użytkownik, drukarki → drukark, sieciach → siec) from a lower-case word, keeping at least three
// letters; words without such an ending come back unchanged.
//
// It is deliberately light: one suffix, no verbs, no stem alternations (drukarce → drukarc, not
// drukark; haseł stays haseł). Its job is to let search find the forms a help text and a question
// most often differ by, not to be a dictionary. Endings are listed with and without diacritics
// (ów and ow), so a word typed without them stems the same way once folded.
std::string polish_light_stem(std::string_view lower_word);

}  // namespace hd
