// Word stemmers by ISO 639-1 language code: Snowball (libstemmer) where it has the language, a light
// Polish stemmer of our own, nothing for the rest (Vietnamese needs none: it does not inflect).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace hd {

// True when stem() can reduce words of this language: en, ru, de, fr, es, pl and the other
// languages Snowball 2.2 knows (it, pt, nl, sv, da, no, fi, hu, ro, tr, ...).
bool has_stemmer(std::string_view lang);

// One language's stemmer. Not thread-safe: Snowball keeps its result in the stemmer's own buffer.
class Stemmer {
public:
    // nullopt when has_stemmer(lang) is false (or Snowball cannot allocate the stemmer).
    static std::optional<Stemmer> for_language(std::string_view lang);

    // The stem of a lower-case (case-folded) UTF-8 word; the word itself when it has no suffix to
    // remove.
    std::string stem(std::string_view lower_word);

private:
    struct Free {
        void operator()(sb_stemmer* stemmer) const noexcept;
    };
    explicit Stemmer(sb_stemmer* snowball) : snowball_(snowball) {}

    std::unique_ptr<sb_stemmer, Free> snowball_;  // null for the Polish light stemmer
};

// The stemmers of several languages, each created on first use and kept: creating a Snowball stemmer
// allocates, and a tokenizer stems every word it sees. One set per thread or per FTS5 tokenizer.
class Stemmers {
public:
    // nullopt when the language has no stemmer.
    std::optional<std::string> stem(std::string_view lang, std::string_view lower_word);

private:
    std::map<std::string, std::optional<Stemmer>, std::less<>> by_lang_;
};

}  // namespace hd
