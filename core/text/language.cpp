// Language detection with CLD2: only an answer CLD2 is sure of, or a clear one on enough text.
#include "core/text/language.hpp"

// compact_lang_det.h uses NULL and friends without including what declares them: <cstdio> first.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>

#include <climits>

#include "core/text/utf8.hpp"

namespace hd {

namespace {

// CLD2 calls a sentence unreliable when part of it is unscored (a product name, an English word in a
// Russian sentence: "Ваш адаптер Bluetooth может быть не распознан" scores ru 53%, nothing else).
// Such an answer is still taken when there is enough text and no rival language comes close; on
// less text CLD2 guesses (it calls "mat khau" Norwegian), so there it must be reliable.
constexpr int kMinUnreliableTextBytes = 32;
constexpr int kMinUnreliablePercent = 50;

bool clear_winner(CLD2::Language language, const CLD2::Language* top3, const int* percent3, int text_bytes) {
    return top3[0] == language && text_bytes >= kMinUnreliableTextBytes && percent3[0] >= kMinUnreliablePercent &&
           percent3[1] * 2 < percent3[0];
}

}  // namespace

std::optional<std::string> detect_language(std::string_view text) {
    if (text.empty() || text.size() > static_cast<std::size_t>(INT_MAX) || !is_valid_utf8(text)) return std::nullopt;
    CLD2::Language top3[3];
    int percent3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    CLD2::Language language = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, top3,
                                                          percent3, &text_bytes, &reliable);
    if (language == CLD2::UNKNOWN_LANGUAGE) return std::nullopt;
    if (!reliable && !clear_winner(language, top3, percent3, text_bytes)) return std::nullopt;
    // Codes such as "zh-Hant" carry a script or region; hd keeps the language part only.
    std::string_view code = CLD2::LanguageCode(language);
    code = code.substr(0, code.find('-'));
    if (!is_language_code(code)) return std::nullopt;
    return std::string(code);
}

std::vector<std::string> supported_languages() {
    return {"en", "vi", "pl", "ru", "de", "fr", "es"};
}

bool is_language_code(std::string_view code) {
    return code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
}

}  // namespace hd
