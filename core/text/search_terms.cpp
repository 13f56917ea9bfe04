// Folding, word splitting and stem-term expansion shared by the FTS5 tokenizer and search suggestions.
#include "core/text/search_terms.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <set>

#include "core/text/language.hpp"
#include "core/text/utf8.hpp"

namespace hd {

namespace {

enum class Script { none, latin, cyrillic, other };

const utf8proc_uint8_t* bytes(std::string_view text) {
    return reinterpret_cast<const utf8proc_uint8_t*>(text.data());
}

// The next code point at `at`, and its length in bytes; -1 (length 1) for a byte that does not start
// valid UTF-8.
std::pair<utf8proc_int32_t, std::size_t> next_code_point(std::string_view text, std::size_t at) {
    auto first = static_cast<unsigned char>(text[at]);
    if (first < 0x80) return {first, 1};
    utf8proc_int32_t cp = -1;
    auto n = utf8proc_iterate(bytes(text) + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
    if (n <= 0 || cp < 0) return {-1, 1};
    return {cp, static_cast<std::size_t>(n)};
}

bool is_mark(utf8proc_int32_t cp) {
    auto category = utf8proc_category(cp);
    return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC || category == UTF8PROC_CATEGORY_ME;
}

bool is_letter(utf8proc_int32_t cp) {
    auto category = utf8proc_category(cp);
    return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool is_word_char(utf8proc_int32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    auto category = utf8proc_category(cp);
    return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_NO;  // L*, M*, N*
}

// Soft hyphen, zero-width (non-)joiner, word joiner, bidi marks: invisible, and in the middle of a
// word they must not cut it in two. Zero-width space and the BOM are real separators.
bool is_invisible_joiner(utf8proc_int32_t cp) {
    return cp != 0x200B && cp != 0xFEFF && cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_CF;
}

// Scripts whose marks are accents a user may leave out (Latin, Greek, Cyrillic and their
// extensions). Elsewhere (Devanagari, Thai, ...) marks are vowels, and dropping them would merge
// unrelated words.
bool has_optional_marks(utf8proc_int32_t cp) {
    return cp < 0x0530 || (cp >= 0x1D00 && cp < 0x2000) || (cp >= 0x2C60 && cp < 0x2C80) ||
           (cp >= 0xA640 && cp < 0xA6A0) || (cp >= 0xA720 && cp < 0xA800) || (cp >= 0xAB30 && cp < 0xAB70);
}

Script script_of(utf8proc_int32_t cp) {
    if ((cp >= 0x0400 && cp < 0x0530) || (cp >= 0x1C80 && cp < 0x1C90) || (cp >= 0x2DE0 && cp < 0x2E00) ||
        (cp >= 0xA640 && cp < 0xA6A0))
        return Script::cyrillic;
    if (cp < 0x0250 || (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0x2C60 && cp < 0x2C80) || (cp >= 0xA720 && cp < 0xA800))
        return Script::latin;
    return Script::other;
}

// The script of a word's first letter; none for a number.
Script script_of_word(std::string_view word) {
    for (std::size_t at = 0; at < word.size();) {
        auto [cp, length] = next_code_point(word, at);
        if (cp >= 0 && is_letter(cp)) return script_of(cp);
        at += length;
    }
    return Script::none;
}

Script script_of_language(std::string_view lang) {
    static const std::set<std::string_view> cyrillic{"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn"};
    static const std::set<std::string_view> other{"el", "ar", "fa", "he", "yi", "hi", "ne", "mr", "ta", "hy",
                                                  "ka", "zh", "ja", "ko", "th", "bn", "te", "am", "km", "lo"};
    if (cyrillic.contains(lang)) return Script::cyrillic;
    if (other.contains(lang)) return Script::other;
    return Script::latin;
}

// Letters without a Unicode decomposition, which stripping marks cannot reach (after case folding,
// so lower case only). ß needs no entry: case folding already makes it "ss".
struct LetterFold {
    utf8proc_int32_t letter;
    const char* ascii;
};
constexpr LetterFold kLetterFolds[] = {
    {0x00E6, "ae"}, {0x00F0, "d"}, {0x00F8, "o"}, {0x00FE, "th"}, {0x0111, "d"},  {0x0127, "h"},
    {0x0131, "i"},  {0x0138, "k"}, {0x0142, "l"}, {0x014B, "n"},  {0x0153, "oe"}, {0x0167, "t"},
    {0x0180, "b"},  {0x0188, "c"}, {0x018C, "d"}, {0x0192, "f"},  {0x0199, "k"},  {0x019A, "l"},
    {0x01B4, "y"},  {0x01B6, "z"}, {0x023C, "c"}, {0x0247, "e"},  {0x0249, "j"},  {0x024D, "r"},
    {0x024F, "y"},  {0x0253, "b"}, {0x0257, "d"}, {0x0268, "i"},  {0x0289, "u"},
};

void append_folded_letter(utf8proc_int32_t cp, std::vector<utf8proc_int32_t>& out) {
    if (cp >= 0x00E6 && cp <= 0x0289) {
        for (const auto& fold : kLetterFolds) {
            if (fold.letter != cp) continue;
            for (const char* c = fold.ascii; *c != '\0'; ++c) out.push_back(static_cast<unsigned char>(*c));
            return;
        }
    }
    out.push_back(cp);
}

// Runs before compatibility decomposition, which would turn ŀ (Catalan l with middle dot) into "l·".
utf8proc_int32_t fold_before_decomposition(utf8proc_int32_t cp, void*) {
    return cp == 0x013F || cp == 0x0140 ? 'l' : cp;
}

std::string ascii_lower(std::string_view word) {
    std::string lower(word);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::string without_invalid_bytes(std::string_view text) {
    std::string valid;
    valid.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        auto [cp, length] = next_code_point(text, at);
        if (cp >= 0) valid.append(text.substr(at, length));
        at += length;
    }
    return valid;
}

std::string cut(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
}

std::size_t code_point_count(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The language whose stems a document word gets: the document's when the word is in its script,
// otherwise the language a query would try first for that script.
std::string_view document_stem_language(Script word_script, std::string_view lang) {
    if (word_script == Script::none || lang.empty()) return {};
    if (word_script == script_of_language(lang)) {
        const auto& searched = search_languages();
        return std::find(searched.begin(), searched.end(), lang) != searched.end() ? lang : std::string_view{};
    }
    if (word_script == Script::latin) return "en";
    if (word_script == Script::cyrillic) return "ru";
    return {};
}

void add_stem_terms(std::string_view word, const std::string& folded, std::string_view lang, Stemmers& stemmers,
                    std::vector<std::string>& terms) {
    auto add = [&](const std::string& stem) {
        std::string term = std::string(1, kStemTermMark) + std::string(lang) + ":" + cut(stem, kMaxTermBytes);
        if (stem.empty() || std::find(terms.begin(), terms.end(), term) != terms.end()) return;
        terms.push_back(std::move(term));
    };
    if (auto stem = stemmers.stem(lang, cut(casefold(word), kMaxTermBytes))) add(fold(*stem));
    if (auto stem = stemmers.stem(lang, folded)) add(*stem);
}

// Folded forms of the most common function and courtesy words of the supported languages, three
// letters or more (shorter words are dropped anyway). They would fill a suggestion query and match
// every article. Vietnamese lists only syllables that are rarely content words once folded.
constexpr std::string_view kStopwords[] = {
    // en
    "about after again all also and any are been before being but can cannot could did does doesn don each for "
    "from get got had has have hello here how into isn its just may more most not now one only other our out over "
    "please should since some still such than thanks that the their them then there these they this those very was "
    "were what when which who why will with would you your",
    // vi
    "cac cho cua cung duoc hoac khi khong mot neu nhu nhung thi toi trong vao voi",
    // pl
    "aby ale bardzo byc czy dla dobry dzien gdy jak jako jego jej jesli jest jestem juz lub mam mnie moje mozna nie "
    "oraz przez przy prosze sie tak tego tej ten tylko tym",
    // ru (folded: й → и, ё → е)
    "без был была было быть вас ваш все где его если еще здравствуите как когда кто меня мне мои моя можно нас наш "
    "нет нужно она они оно очень пожалуиста после при про спасибо так также там только уже что чтобы это",
    // de
    "aber auch aus bei bitte danke das dass dem den der des die ein eine einem einen einer fur habe haben hallo hat "
    "ich ist kann mein meine mit nach nicht noch nur oder schon sich sie sind und von wenn wie wir wird zum zur",
    // fr
    "aux avec avoir bonjour ces cette comme dans des elle est etre ils les leur mais merci mes mon nous par pas peut "
    "plus pour que qui ses son sont sur tous tout une vous",
    // es
    "como con cuando del donde esta este esto gracias hay hola las los mas mis muy para pero por porque puedo sin "
    "sobre sus tambien tengo tiene una uno",
};

bool is_stopword(std::string_view folded) {
    static const std::set<std::string_view> stopwords = [] {
        std::set<std::string_view> words;
        for (std::string_view list : kStopwords) {
            while (!list.empty()) {
                auto space = std::min(list.find(' '), list.size());
                words.insert(list.substr(0, space));
                list.remove_prefix(std::min(space + 1, list.size()));
            }
        }
        return words;
    }();
    return stopwords.contains(folded);
}

}  // namespace

std::string fold(std::string_view word) {
    if (std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return ascii_lower(word);
    // utf8proc refuses a whole string for one bad byte; a search term should lose the byte only.
    std::string valid = is_valid_utf8(word) ? std::string(word) : without_invalid_bytes(word);

    // NFKD with case folding, default-ignorable characters (soft hyphen, ZWJ) removed.
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                        UTF8PROC_IGNORE | UTF8PROC_STABLE);
    std::vector<utf8proc_int32_t> decomposed(valid.size() + 1);
    utf8proc_ssize_t n = 0;
    for (;;) {
        n = utf8proc_decompose_custom(bytes(valid), static_cast<utf8proc_ssize_t>(valid.size()), decomposed.data(),
                                      static_cast<utf8proc_ssize_t>(decomposed.size()), options,
                                      fold_before_decomposition, nullptr);
        if (n < 0) return ascii_lower(valid);  // cannot happen for valid UTF-8 with these options
        if (static_cast<std::size_t>(n) <= decomposed.size()) break;
        decomposed.resize(static_cast<std::size_t>(n));
    }

    std::vector<utf8proc_int32_t> folded;
    folded.reserve(static_cast<std::size_t>(n) + 1);
    bool marks_optional = true;  // a mark with no letter before it is dropped too
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
        utf8proc_int32_t cp = decomposed[static_cast<std::size_t>(i)];
        if (is_mark(cp)) {
            if (!marks_optional) folded.push_back(cp);
            continue;
        }
        marks_optional = has_optional_marks(cp);
        append_folded_letter(cp, folded);
    }
    // Recompose what is left (marks kept on other scripts) to NFC; reencode writes UTF-8 in place
    // and needs one spare element.
    auto length = folded.size();
    folded.push_back(0);
    auto written = utf8proc_reencode(folded.data(), static_cast<utf8proc_ssize_t>(length),
                                     static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    if (written < 0) return ascii_lower(valid);
    return std::string(reinterpret_cast<const char*>(folded.data()), static_cast<std::size_t>(written));
}

std::vector<WordSpan> split_words(std::string_view text) {
    std::vector<WordSpan> words;
    bool in_word = false;
    WordSpan word;
    for (std::size_t at = 0; at < text.size();) {
        auto [cp, length] = next_code_point(text, at);
        if (cp >= 0 && is_word_char(cp)) {
            if (!in_word) word.begin = at;
            in_word = true;
            word.end = at + length;
        } else if (in_word && !(cp >= 0 && is_invisible_joiner(cp))) {
            // The word ends at its last word character: a trailing joiner is not part of it.
            words.push_back(word);
            in_word = false;
        }
        at += length;
    }
    if (in_word) words.push_back(word);
    return words;
}

std::string word_term(std::string_view word) {
    return cut(fold(word), kMaxTermBytes);
}

std::vector<std::string> document_stem_terms(std::string_view word, std::string_view lang, Stemmers& stemmers) {
    std::vector<std::string> terms;
    std::string folded = word_term(word);
    std::string_view stem_lang = document_stem_language(script_of_word(folded), lang);
    if (!stem_lang.empty()) add_stem_terms(word, folded, stem_lang, stemmers, terms);
    return terms;
}

std::vector<std::string> query_stem_terms(std::string_view word, Stemmers& stemmers) {
    std::vector<std::string> terms;
    std::string folded = word_term(word);
    Script script = script_of_word(folded);
    if (script == Script::none) return terms;
    for (const auto& lang : search_languages())
        if (script_of_language(lang) == script) add_stem_terms(word, folded, lang, stemmers, terms);
    return terms;
}

const std::vector<std::string>& search_languages() {
    // Vietnamese is left out on purpose: it is an isolating language, its words never change form
    // ("mật khẩu" is "mật khẩu" in every sentence), so folding alone makes them match.
    static const std::vector<std::string> languages = [] {
        std::vector<std::string> stemmed;
        for (auto& lang : supported_languages())
            if (has_stemmer(lang)) stemmed.push_back(lang);
        return stemmed;
    }();
    return languages;
}

std::vector<std::string_view> significant_word_spellings(std::string_view text, std::size_t max_words) {
    std::vector<std::string_view> words;
    std::set<std::string, std::less<>> seen;
    for (const auto& span : split_words(text)) {
        if (words.size() >= max_words) break;
        std::string_view word = text.substr(span.begin, span.end - span.begin);
        std::string folded = word_term(word);
        if (code_point_count(folded) < 3 || script_of_word(folded) == Script::none || is_stopword(folded)) continue;
        if (seen.insert(std::move(folded)).second) words.push_back(word);
    }
    return words;
}

std::vector<std::string> significant_words(std::string_view text, std::size_t max_words) {
    std::vector<std::string> words;
    for (std::string_view word : significant_word_spellings(text, max_words)) words.push_back(word_term(word));
    return words;
}

}  // namespace hd
