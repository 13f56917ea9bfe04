// The ticket and what hangs off it: enums with their text forms, comments, events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/time.hpp"

namespace hd {

using TicketId = std::int64_t;

enum class TicketType { incident, request, problem, change };
enum class Status { new_, open, pending, resolved, closed };
enum class Channel { phone, email, chat, web, cli, monitoring };
enum class Level { high, medium, low };  // ITIL impact and urgency
enum class ResolutionCode { fixed, workaround, duplicate, no_fault };

// Priority 1 (P1, most urgent) .. 4 (P4).
struct Priority {
    int value = 3;
    friend bool operator==(Priority, Priority) = default;
};

std::string_view to_string(TicketType);
std::string_view to_string(Status);
std::string_view to_string(Channel);
std::string_view to_string(Level);
std::string_view to_string(ResolutionCode);
std::string to_string(Priority);  // "P3"

// Parsers accept any case; they return nullopt for unknown text.
std::optional<TicketType> parse_ticket_type(std::string_view);
std::optional<Status> parse_status(std::string_view);
std::optional<Channel> parse_channel(std::string_view);
std::optional<Level> parse_level(std::string_view);
std::optional<ResolutionCode> parse_resolution_code(std::string_view);
std::optional<Priority> parse_priority(std::string_view);  // "P1".."P4", "p2", "1".."4"

// The valid words, for error messages and completions: "incident, request, problem, change".
std::string ticket_type_names();
std::string status_names();
std::string channel_names();
std::string level_names();
std::string resolution_code_names();

// Ticket ids: "42" and "#42" both name ticket 42.
std::optional<TicketId> parse_ticket_id(std::string_view);

struct Ticket {
    TicketId id = 0;
    TicketType type = TicketType::incident;
    std::string title;
    std::optional<std::string> description;
    Status status = Status::new_;
    Priority priority;
    std::optional<Level> impact;
    std::optional<Level> urgency;
    std::optional<std::string> category;
    int tier = 1;
    std::optional<std::string> assignee;
    std::optional<std::string> team;  // set by routing or by hand
    std::optional<std::string> requester;
    std::vector<std::string> cc;      // further requesters, such as those of tickets merged into this one
    std::optional<Channel> channel;
    std::vector<std::string> tags;  // sorted, unique
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    std::optional<Timestamp> resolved_at;
    std::optional<Timestamp> closed_at;
    std::optional<ResolutionCode> resolution_code;
    std::optional<std::string> dedup_key;
    std::int64_t occurrences = 1;
    std::optional<Timestamp> last_seen_at;  // with a dedup key: when the problem was last reported
    std::int64_t escalations = 0;  // how many times it went up a tier

    bool is_active() const { return status == Status::new_ || status == Status::open || status == Status::pending; }
    // First-contact resolution: solved at tier 1 without ever going up. Unknown (nullopt) until solved.
    std::optional<bool> first_contact_resolution() const {
        if (status != Status::resolved && status != Status::closed) return std::nullopt;
        return tier == 1 && escalations == 0;
    }
    friend bool operator==(const Ticket&, const Ticket&) = default;
};

enum class LinkKind { relates, duplicate_of, caused_by, parent };
std::string_view to_string(LinkKind);
std::optional<LinkKind> parse_link_kind(std::string_view);  // "relates", "duplicate-of", "caused-by", "parent"

// "A duplicate-of B": from = A, to = B. `parent` reads "A's parent is B".
struct Link {
    TicketId from = 0;
    TicketId to = 0;
    LinkKind kind = LinkKind::relates;
    Timestamp created_at = 0;
    std::string actor;
};

struct Comment {
    std::int64_t id = 0;
    TicketId ticket = 0;
    Timestamp at = 0;
    std::string author;
    std::string body;
    bool internal = false;
};

// One entry of the append-only audit log: who did what, when, and the old → new value.
struct Event {
    std::int64_t id = 0;
    TicketId ticket = 0;
    Timestamp at = 0;
    std::string actor;
    std::string kind;                  // created, status, assigned, field, tagged, untagged, commented, ...
    std::optional<std::string> field;  // for kind "field": which one
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
    std::optional<std::string> note;  // a reason, a resolution note
    std::optional<TicketId> merged_from;  // set on events copied from a ticket merged into this one
};

}  // namespace hd
