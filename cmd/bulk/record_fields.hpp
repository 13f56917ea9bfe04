// The field checks that hd import (JSONL and CSV) and hd open --from-json share: each turns the text
// of one field into its value, or throws hd::Error(usage) naming the field ("field 'status': ...").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/error.hpp"
#include "core/model/ticket.hpp"

namespace hd::cmd::bulk {

// What a record that leaves a field out gets: the config's defaults, the time of the import for
// created_at, and the importer as the actor of the `created` event an import adds to a record that
// carries no events.
struct ImportDefaults {
    const Config& config;
    Timestamp now = 0;
    std::string actor;
};

// "field 'status': 'done' is not a status (new, open, ...)"; `path` is the field's name or a path
// into the record ("comments[2].body").
[[noreturn]] void field_error(std::string_view path, const std::string& what);

// Runs `check` and, when it throws hd::Error(usage), throws it again with "field 'PATH': " in front.
template <typename Check>
auto in_field(std::string_view path, Check&& check) -> decltype(check()) {
    try {
        return check();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::usage) throw;
        field_error(path, e.what());
    }
}

TicketType type_field(std::string_view path, std::string_view text);
Status status_field(std::string_view path, std::string_view text);
Priority priority_field(std::string_view path, std::string_view text);  // "P2", "p2", "2"
Level level_field(std::string_view path, std::string_view text);
Channel channel_field(std::string_view path, std::string_view text);
ResolutionCode resolution_field(std::string_view path, std::string_view text);
LinkKind link_kind_field(std::string_view path, std::string_view text);
Timestamp time_field(std::string_view path, std::string_view text);  // RFC 3339
// A tier of the config: its level ("2"), label ("L2") or name ("Support").
int tier_field(std::string_view path, std::string_view text, const Config& config);
int tier_field(std::string_view path, std::int64_t level, const Config& config);
// A whole number in text (CSV), at least `min`.
std::int64_t count_field(std::string_view path, std::string_view text, std::int64_t min);
std::int64_t count_field(std::string_view path, std::int64_t value, std::int64_t min);
TicketId ticket_id_field(std::string_view path, std::int64_t value);

// Text fields, checked as hd open and hd comment check them (UTF-8, control characters, limits).
std::string title_field(std::string_view path, std::string_view text, const Config& config);
std::optional<std::string> description_field(std::string_view path, std::string_view text, const Config& config);
std::string name_field(std::string_view path, std::string_view text, std::string_view what);
std::string category_field(std::string_view path, std::string_view text, const Config& config);
std::string text_field(std::string_view path, std::string_view text, std::string_view what, const Config& config);
// Tags and cc: checked, sorted, without duplicates.
std::vector<std::string> tags_field(std::string_view path, const std::vector<std::string>& tags);
std::vector<std::string> names_field(std::string_view path, const std::vector<std::string>& names);

// The rules a whole ticket keeps, once every field is read: a tier the config has, counts in range.
void check_ticket(Ticket& ticket, const Config& config);

}  // namespace hd::cmd::bulk
