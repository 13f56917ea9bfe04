// The lifecycle table and the ITIL priority matrix.
#include <doctest/doctest.h>

#include "core/rules/lifecycle.hpp"
#include "core/rules/priority.hpp"

using namespace hd;

TEST_CASE("the lifecycle allows the moves of the brief") {
    CHECK(apply_move(Status::new_, Move::start) == Status::open);
    CHECK(apply_move(Status::open, Move::pend) == Status::pending);
    CHECK(apply_move(Status::pending, Move::start) == Status::open);
    CHECK(apply_move(Status::open, Move::resolve) == Status::resolved);
    CHECK(apply_move(Status::resolved, Move::close) == Status::closed);
    CHECK(apply_move(Status::resolved, Move::reopen) == Status::open);
}

TEST_CASE("a request solved on first contact resolves straight from new") {
    CHECK(apply_move(Status::new_, Move::resolve) == Status::resolved);
    CHECK(apply_move(Status::pending, Move::resolve) == Status::resolved);
}

TEST_CASE("closing a ticket that was never resolved is refused") {
    for (Status s : {Status::new_, Status::open, Status::pending}) CHECK_FALSE(apply_move(s, Move::close));
}

TEST_CASE("a closed ticket is final") {
    for (Move m : {Move::start, Move::pend, Move::resolve, Move::close, Move::reopen})
        CHECK_FALSE(apply_move(Status::closed, m));
    CHECK(legal_moves(Status::closed).empty());
}

TEST_CASE("only a resolved ticket can be reopened") {
    for (Status s : {Status::new_, Status::open, Status::pending, Status::closed}) CHECK_FALSE(apply_move(s, Move::reopen));
}

TEST_CASE("the refusal names the status and the legal moves") {
    const std::string msg = illegal_move_message(7, Status::open, Move::close);
    CHECK(msg.find("cannot close #7") != std::string::npos);
    CHECK(msg.find("it is open") != std::string::npos);
    CHECK(msg.find("pend, resolve") != std::string::npos);
    CHECK(illegal_move_message(3, Status::closed, Move::resolve).find("final") != std::string::npos);
}

TEST_CASE("the priority matrix follows ITIL") {
    CHECK(priority_from_matrix(Level::high, Level::high).value == 1);
    CHECK(priority_from_matrix(Level::high, Level::medium).value == 2);
    CHECK(priority_from_matrix(Level::medium, Level::high).value == 2);
    CHECK(priority_from_matrix(Level::high, Level::low).value == 3);
    CHECK(priority_from_matrix(Level::medium, Level::medium).value == 3);
    CHECK(priority_from_matrix(Level::low, Level::high).value == 3);
    CHECK(priority_from_matrix(Level::medium, Level::low).value == 4);
    CHECK(priority_from_matrix(Level::low, Level::low).value == 4);
}

TEST_CASE("a missing half of the matrix counts as medium") {
    CHECK(priority_from_matrix(Level::high, std::nullopt).value == 2);
    CHECK(priority_from_matrix(std::nullopt, Level::low).value == 4);
    CHECK(priority_from_matrix(std::nullopt, std::nullopt).value == 3);
}
