// Text forms of the ticket enums and ids.
#include <doctest/doctest.h>

#include "core/model/ticket.hpp"

using namespace hd;

TEST_CASE("ticket ids accept 42 and #42 and nothing else") {
    CHECK(parse_ticket_id("42") == 42);
    CHECK(parse_ticket_id("#42") == 42);
    CHECK_FALSE(parse_ticket_id("0"));
    CHECK_FALSE(parse_ticket_id("-3"));
    CHECK_FALSE(parse_ticket_id("4x"));
    CHECK_FALSE(parse_ticket_id(""));
    CHECK_FALSE(parse_ticket_id("#"));
    CHECK_FALSE(parse_ticket_id("99999999999999999999"));
}

TEST_CASE("priorities read P1..P4 in any case and bare digits") {
    CHECK(parse_priority("P1")->value == 1);
    CHECK(parse_priority("p4")->value == 4);
    CHECK(parse_priority("2")->value == 2);
    CHECK_FALSE(parse_priority("P9"));
    CHECK_FALSE(parse_priority("P0"));
    CHECK_FALSE(parse_priority("high"));
    CHECK(to_string(Priority{3}) == "P3");
}

TEST_CASE("enum names round-trip and parse in any case") {
    for (auto t : {TicketType::incident, TicketType::request, TicketType::problem, TicketType::change})
        CHECK(parse_ticket_type(to_string(t)) == t);
    for (auto s : {Status::new_, Status::open, Status::pending, Status::resolved, Status::closed})
        CHECK(parse_status(to_string(s)) == s);
    CHECK(parse_channel("EMAIL") == Channel::email);
    CHECK(parse_resolution_code("no-fault") == ResolutionCode::no_fault);
    CHECK(parse_resolution_code("no_fault") == ResolutionCode::no_fault);
    CHECK_FALSE(parse_status("done"));
    CHECK(status_names() == "new, open, pending, resolved, closed");
}
