// Checks and normalises what people type into ticket fields, before anything is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"

namespace hd {

// Trimmed; non-empty, valid UTF-8, no control characters, at most max_title_bytes. Else hd::Error(usage).
std::string checked_title(std::string_view title, const Config& config);

// Descriptions, comments, notes and reasons: valid UTF-8, at most max_text_bytes; newlines and tabs
// allowed, other control characters kept (they are escaped on display, never interpreted).
// `what` names the field in the error ("description").
std::string checked_text(std::string_view text, std::string_view what, const Config& config);

// Single-line names (requester, assignee, category, tag, reason): trimmed, non-empty, valid UTF-8, no
// control characters, at most 200 bytes.
std::string checked_name(std::string_view text, std::string_view what);

// Lower-case, trimmed, no spaces or commas; "Printer" → "printer".
std::string checked_tag(std::string_view tag);

// Lower-case and, when the config lists categories, one of them (else hd::Error(usage) naming them).
std::string checked_category(std::string_view category, const Config& config);

}  // namespace hd
