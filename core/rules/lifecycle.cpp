// The lifecycle table and its refusal messages.
#include "core/rules/lifecycle.hpp"

#include <array>

namespace hd {
namespace {

struct Transition {
    Status from;
    Move move;
    Status to;
};

// The whole lifecycle in one table: anything not listed is refused.
constexpr std::array<Transition, 9> kTransitions{{
    {Status::new_, Move::start, Status::open},
    {Status::pending, Move::start, Status::open},
    {Status::new_, Move::pend, Status::pending},
    {Status::open, Move::pend, Status::pending},
    {Status::new_, Move::resolve, Status::resolved},
    {Status::open, Move::resolve, Status::resolved},
    {Status::pending, Move::resolve, Status::resolved},
    {Status::resolved, Move::close, Status::closed},
    {Status::resolved, Move::reopen, Status::open},
}};

constexpr std::array<Move, 5> kAllMoves{Move::start, Move::pend, Move::resolve, Move::close, Move::reopen};

}  // namespace

std::string_view to_string(Move m) {
    switch (m) {
        case Move::start: return "start";
        case Move::pend: return "pend";
        case Move::resolve: return "resolve";
        case Move::close: return "close";
        case Move::reopen: return "reopen";
    }
    return "?";
}

std::optional<Status> apply_move(Status from, Move move) {
    for (const auto& t : kTransitions)
        if (t.from == from && t.move == move) return t.to;
    return std::nullopt;
}

std::vector<Move> legal_moves(Status from) {
    std::vector<Move> out;
    for (Move m : kAllMoves)
        if (apply_move(from, m)) out.push_back(m);
    return out;
}

std::string illegal_move_message(TicketId id, Status from, Move move) {
    std::string msg = "cannot " + std::string(to_string(move)) + " #" + std::to_string(id) + ": it is " +
                      std::string(to_string(from));
    const auto moves = legal_moves(from);
    if (moves.empty()) {
        msg += "; a closed ticket is final (open a new ticket if the problem came back)";
        return msg;
    }
    msg += "; from " + std::string(to_string(from)) + " you can: ";
    for (std::size_t i = 0; i < moves.size(); ++i) {
        if (i) msg += ", ";
        msg += to_string(moves[i]);
    }
    return msg;
}

}  // namespace hd
