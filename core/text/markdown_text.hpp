// The readable text of a Markdown article (for the full-text index and search snippets) and its title.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hd {

// The md4c dialect every reader of articles uses: GitHub-style tables, strikethrough, task lists and
// bare URLs / www. / e-mail autolinks (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
// MD_FLAG_PERMISSIVEAUTOLINKS).
unsigned markdown_dialect();

// The text a reader sees, without markup: one line per paragraph, heading, list item, table row and
// code line (no blank lines). Link and image text is kept, URLs dropped; inline code and code
// blocks kept; HTML tags dropped but their text kept (<br> and table cells become spaces, block
// tags line breaks; a non-HTML "<username>" placeholder stays); entities decoded (&nbsp; as a plain
// space); table cells joined by " | "; DocFX directives, includes and alert markers dropped.
// Markdown never fails to parse, so neither does this; invalid UTF-8 passes through unchanged.
std::string markdown_plain_text(std::string_view markdown);

// The plain text of the first level-1 heading (ATX "# …" or setext "…\n==="), if any. Parsing stops
// there, so this is cheap even for a long article.
std::optional<std::string> markdown_first_heading(std::string_view markdown);

}  // namespace hd
