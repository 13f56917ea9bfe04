// The ticket lifecycle: new → open → pending ⇄ open → resolved → closed, and resolved → open (reopen).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"

namespace hd {

// The moves a person asks for; each is a command (`hd start`, `hd pend`, ...).
enum class Move { start, pend, resolve, close, reopen };

std::string_view to_string(Move);

// Where the move leads from `from`, or nullopt when the lifecycle does not allow it.
// Resolving straight from new or pending is allowed: a request solved on first contact needs no
// detour through open, and a ticket waiting on the requester may be found solved.
std::optional<Status> apply_move(Status from, Move move);

// The moves allowed from a status, in lifecycle order ("start, pend, resolve").
std::vector<Move> legal_moves(Status from);

// "cannot close #7: it is open; from open you can: pend, resolve" — the message of the refusal.
std::string illegal_move_message(TicketId id, Status from, Move move);

}  // namespace hd
