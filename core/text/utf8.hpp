// UTF-8 checks and folding used on every piece of user text before it is stored or compared.
#pragma once

#include <string>
#include <string_view>

namespace hd {

bool is_valid_utf8(std::string_view text);

// True when the text holds a C0 or C1 control character or DEL; with allow_layout, tab and newline
// (and CR) are allowed, as in descriptions and comments.
bool has_control_chars(std::string_view text, bool allow_layout);

// Unicode case folding (utf8proc), for case-insensitive comparison of titles, names and words.
// Invalid UTF-8 is returned unchanged.
std::string casefold(std::string_view text);

// Leading and trailing ASCII whitespace removed.
std::string trim(std::string_view text);

}  // namespace hd
