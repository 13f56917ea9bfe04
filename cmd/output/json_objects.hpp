// The JSON objects every --json document and hd export line is built from, so that a ticket, comment
// or event has one set of field names everywhere (the contract). nlohmann/json stays inside
// cmd/output/ and cmd/bulk/, which include this header.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cmd/output/format.hpp"
#include "core/model/ticket.hpp"

namespace hd::out::json {

using nlohmann::ordered_json;

// null where unset; times in RFC 3339 UTC; enums as their words.
ordered_json opt(const std::optional<std::string>& v);
ordered_json opt_time(const std::optional<Timestamp>& v);
template <typename E>
ordered_json opt_enum(const std::optional<E>& v) {
    return v ? ordered_json(std::string(to_string(*v))) : ordered_json(nullptr);
}

// Two-space indentation; invalid UTF-8 replaced rather than thrown on.
std::string dump(const ordered_json& j);

ordered_json ticket_object(const Ticket& t);
ordered_json comment_object(const Comment& c);
ordered_json event_object(const Event& e);

// One object as text fields, for --format and --csv: null is "", arrays are joined with commas,
// numbers and booleans written as in JSON.
FlatRecord flatten(const ordered_json& object);

}  // namespace hd::out::json
