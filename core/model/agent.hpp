// An agent: a person who works tickets, at a support tier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/time.hpp"

namespace hd {

struct Agent {
    std::string name;
    int tier = 1;
    std::optional<std::string> email;
    std::optional<std::string> team;
    Timestamp created_at = 0;
    std::optional<Timestamp> last_assigned_at;  // for auto-assignment: ties go to the one idle longest
};

// How busy an agent is, for `hd assign --auto` and `hd agent list`.
struct AgentLoad {
    Agent agent;
    std::int64_t active_tickets = 0;  // assigned and new, open or pending
};

// Per tier: tickets not yet resolved, and how many of them nobody holds.
struct TierCounts {
    int tier = 1;
    std::int64_t active = 0;
    std::int64_t unassigned = 0;
};

}  // namespace hd
