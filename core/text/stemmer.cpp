// Snowball stemmers behind ISO 639-1 codes, and the Polish light stemmer for the language Snowball lacks.
#include "core/text/stemmer.hpp"

#include <libstemmer.h>

#include <array>
#include <utility>

#include "core/text/polish_stem.hpp"

namespace hd {

namespace {

struct SnowballName {
    std::string_view code;
    const char* algorithm;
};

// Snowball 2.2 also takes ISO codes itself, but an explicit table keeps out its other aliases
// ("porter", "kraaij_pohlmann") and documents which languages hd can stem.
constexpr std::array kSnowball{
    SnowballName{"ar", "arabic"},     SnowballName{"ca", "catalan"},    SnowballName{"da", "danish"},
    SnowballName{"de", "german"},     SnowballName{"el", "greek"},      SnowballName{"en", "english"},
    SnowballName{"es", "spanish"},    SnowballName{"eu", "basque"},     SnowballName{"fi", "finnish"},
    SnowballName{"fr", "french"},     SnowballName{"ga", "irish"},      SnowballName{"hi", "hindi"},
    SnowballName{"hu", "hungarian"},  SnowballName{"hy", "armenian"},   SnowballName{"id", "indonesian"},
    SnowballName{"it", "italian"},    SnowballName{"lt", "lithuanian"}, SnowballName{"nb", "norwegian"},
    SnowballName{"ne", "nepali"},     SnowballName{"nl", "dutch"},      SnowballName{"no", "norwegian"},
    SnowballName{"pt", "portuguese"}, SnowballName{"ro", "romanian"},   SnowballName{"ru", "russian"},
    SnowballName{"sr", "serbian"},    SnowballName{"sv", "swedish"},    SnowballName{"ta", "tamil"},
    SnowballName{"tr", "turkish"},    SnowballName{"yi", "yiddish"},
};

const char* snowball_algorithm(std::string_view lang) {
    for (const auto& entry : kSnowball)
        if (entry.code == lang) return entry.algorithm;
    return nullptr;
}

}  // namespace

bool has_stemmer(std::string_view lang) {
    return lang == "pl" || snowball_algorithm(lang) != nullptr;
}

void Stemmer::Free::operator()(sb_stemmer* stemmer) const noexcept {
    sb_stemmer_delete(stemmer);
}

std::optional<Stemmer> Stemmer::for_language(std::string_view lang) {
    if (lang == "pl") return Stemmer(nullptr);
    const char* algorithm = snowball_algorithm(lang);
    if (algorithm == nullptr) return std::nullopt;
    sb_stemmer* snowball = sb_stemmer_new(algorithm, "UTF_8");
    if (snowball == nullptr) return std::nullopt;  // out of memory, or a libstemmer built without it
    return Stemmer(snowball);
}

std::string Stemmer::stem(std::string_view lower_word) {
    if (!snowball_) return polish_light_stem(lower_word);
    const sb_symbol* stemmed = sb_stemmer_stem(snowball_.get(), reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                               static_cast<int>(lower_word.size()));
    // The result lives in the stemmer's buffer until its next call: copy it now. Null means out of
    // memory, where the unstemmed word is still a correct (if weaker) term.
    if (stemmed == nullptr) return std::string(lower_word);
    return std::string(reinterpret_cast<const char*>(stemmed),
                       static_cast<std::size_t>(sb_stemmer_length(snowball_.get())));
}

std::optional<std::string> Stemmers::stem(std::string_view lang, std::string_view lower_word) {
    auto found = by_lang_.find(lang);
    if (found == by_lang_.end()) found = by_lang_.emplace(std::string(lang), Stemmer::for_language(lang)).first;
    if (!found->second) return std::nullopt;
    return found->second->stem(lower_word);
}

}  // namespace hd
