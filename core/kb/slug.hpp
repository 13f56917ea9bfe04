// Article slugs: the name an article has outside hd (a file name, a front matter `id`).
#pragma once

#include <string>
#include <string_view>

namespace hd {

// "Reset your password" → "reset-your-password"; "Đổi mật khẩu" → "doi-mat-khau". Letters are folded
// (case and diacritics) the way search folds them; scripts without Latin letters keep theirs.
// "article" when nothing is left.
std::string slug_from_title(std::string_view title);

// A slug as given (`--slug`, front matter `id`, a path below an imported folder): trimmed, valid
// UTF-8, no control characters, spaces or backslashes, at most 200 bytes, and when it has '/' no
// empty, "." or ".." part (export writes it as a path). Throws hd::Error(usage) naming the problem.
std::string checked_slug(std::string_view slug);

}  // namespace hd
