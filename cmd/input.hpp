// Input from the user beyond argv: ticket ids, stdin, and $EDITOR.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"

namespace hd::cmd {

class Context;

// "42" and "#42"; anything else is hd::Error(usage). Duplicates are dropped, order kept.
std::vector<TicketId> parse_ids(const std::vector<std::string>& words);
TicketId parse_id(const std::string& word);

// All of stdin, refusing (hd::Error(usage)) more than `limit` bytes without reading the rest.
std::string read_stdin(std::size_t limit, std::string_view what);

// The value of a text option: "-" means stdin.
std::string text_or_stdin(const std::string& value, std::size_t limit, std::string_view what);

// The whole file at `path` ("-": standard input), refusing more than `limit` bytes. A file that cannot be
// read is hd::Error(usage) naming it and why.
std::string read_text_file(const std::string& path, std::size_t limit, std::string_view what);

// Opens $VISUAL, $EDITOR or vi on `initial` and returns what was saved. Only on a terminal: without one
// it is hd::Error(usage) saying which option gives the text instead.
std::string edit_in_editor(Context& ctx, const std::string& initial, std::string_view missing_what);

}  // namespace hd::cmd
