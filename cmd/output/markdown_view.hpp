// Knowledge-base articles (Markdown) rendered for a terminal, as `hd kb show` prints them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/output/terminal.hpp"

namespace hd::out {

// The article body as terminal lines (no '\n' in them), wrapped to `width` display columns.
// Headings bold (H1 and H2 underlined by a rule of ═ / ─), paragraphs wrapped, lists with • ◦ ▪ or
// their numbers and a hanging indent, quotes behind "│ ", DocFX alerts as a bold "Note:", code
// blocks indented by 4 and cut (not wrapped) at the width, tables aligned and shrunk to fit, links
// as "text (url)" ("text (slug)" for a link to another article), images as "[image: alt]".
// With colour off there is no SGR at all; every piece of article text passes through
// out::sanitize. No trailing spaces, no leading, trailing or doubled blank lines. A word wider
// than the width (a URL) overflows its line rather than being broken.
std::vector<std::string> render_markdown(std::string_view markdown, std::size_t width, const Style& style);

}  // namespace hd::out
