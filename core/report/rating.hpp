// A requester's satisfaction with a solved ticket (`hd rate`): one per ticket, rating again replaces it.
#pragma once

#include <optional>
#include <string>

#include "core/model/ticket.hpp"

namespace hd {

constexpr int kLowestScore = 1;
constexpr int kHighestScore = 5;
// Scores of 4 and 5 count as "satisfied" in the reports.
constexpr int kSatisfiedScore = 4;

struct Rating {
    TicketId ticket = 0;
    int score = 0;  // 1 (very dissatisfied) .. 5 (very satisfied)
    std::optional<std::string> comment;
    std::string rated_by;
    Timestamp rated_at = 0;
};

// "4" → 4; nullopt for anything but a whole number from 1 to 5.
std::optional<int> parse_score(std::string_view text);

}  // namespace hd
