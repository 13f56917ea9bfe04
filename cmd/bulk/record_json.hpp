// Tickets with their comments, events and links as JSON Lines: what hd export writes and hd import reads.
// nlohmann/json stays inside record_json.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/bulk/record_fields.hpp"
#include "core/store/store.hpp"

namespace hd::cmd::bulk {

// One record as one line of JSON, without the line end: the ticket's fields as `hd show --json` prints
// them (same names, same order, fcr included), then "comments" and "events" (each as hd show and hd log
// --json print them) and "links", the outgoing ones: {kind, ticket, created_at, actor}.
std::string record_json(const TicketRecord& record);

// One line of JSON Lines, read and checked as hd import does (see hd-import(1)); ids are those of the
// file (0 where it gives none). A record without "events" gets one `created` event, by defaults.actor at
// its created_at, noted "imported". Links given with "direction": "in" have from = the other ticket.
// Throws hd::Error(usage) naming the field ("field 'comments[1].body': the comment is empty"), never
// the line: the caller knows it.
TicketRecord record_from_json(std::string_view json, const ImportDefaults& defaults);

// The top-level "id" of a line, found without reading the rest (hd import's first pass over the file,
// which needs every id before it writes anything that refers to one). nullopt when there is none, or
// when the line is not a plain JSON object; record_from_json then says what is wrong.
std::optional<TicketId> scan_record_id(std::string_view json);

// Every record of a JSON Lines text (blank lines skipped); an error names the line: "LINE 3: ...".
std::vector<TicketRecord> read_ticket_records(std::string_view jsonl, const ImportDefaults& defaults);

}  // namespace hd::cmd::bulk
