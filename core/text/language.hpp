// Which language a piece of text is written in (CLD2), and the language codes hd documents.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

// The ISO 639-1 code of the language the text is most likely written in, or nullopt when the text
// is too short, mixed or not language at all to say. Invalid UTF-8 gives nullopt.
std::optional<std::string> detect_language(std::string_view text);

// The languages hd documents and tests search in: en, vi, pl, ru, de, fr, es.
std::vector<std::string> supported_languages();

// Two lower-case ASCII letters, the shape of an ISO 639-1 code ("en", "vi").
bool is_language_code(std::string_view code);

}  // namespace hd
