// Tiers through the ticket service on a temporary store: permissions, escalation, auto-assignment.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/service/agents.hpp"
#include "core/service/tickets.hpp"
#include "tests/unit/test_support.hpp"

using namespace hd;
namespace fs = std::filesystem;

using hd::test::kind_of;

namespace {

// A store with agents alice (L1), bob (L2), carol (L3), and one new ticket per tier: #1 at L1, #2 at L2.
struct Desk {
    test::TempDir dir;
    Config config = default_config();
    std::unique_ptr<Store> store;
    Timestamp now = 1'800'000'000;

    Desk() {
        StoreOptions o;
        o.path = dir.path / "hd.db";
        o.create = true;
        store = open_sqlite_store(o);
        as("root", [&](TicketService& t) {
            AgentService agents(*store, t, config, now);
            agents.add("alice", 1, std::nullopt, std::nullopt);
            agents.add("bob", 2, std::nullopt, std::nullopt);
            agents.add("carol", 3, std::nullopt, std::nullopt);
        });
        as("alice", [&](TicketService& t) {
            NewTicket a;
            a.title = "printer jams";
            t.open(a);
            NewTicket b;
            b.title = "AD sync broken";
            b.tier = 2;
            t.open(b);
        });
    }
    ~Desk() { store.reset(); }  // closed before the directory goes

    // Runs `f` as `who` in one write transaction.
    template <typename F>
    void as(const std::string& who, F&& f) {
        Journal journal(*store);
        TicketService tickets(*store, journal, config, ++now, who);
        Transaction tx(*store, Transaction::Mode::write);
        f(tickets);
        tx.commit();
    }

    Ticket ticket(TicketId id) {
        Transaction tx(*store, Transaction::Mode::read);
        return *store->find_ticket(id);
    }
};

}  // namespace

TEST_CASE("who is not an agent may open and comment, nothing more, once agents exist") {
    Desk d;
    CHECK_NOTHROW(d.as("mallory", [](TicketService& t) { t.comment(1, "me too", false); }));
    CHECK(kind_of([&] { d.as("mallory", [](TicketService& t) { t.take(1); }); }) == ErrorKind::refused);
    CHECK(kind_of([&] { d.as("mallory", [](TicketService& t) { t.move(1, Move::resolve, "x"); }); }) == ErrorKind::refused);
}

TEST_CASE("an agent cannot hold a ticket above their tier") {
    Desk d;
    CHECK(kind_of([&] { d.as("alice", [](TicketService& t) { t.take(2); }); }) == ErrorKind::refused);
    CHECK(kind_of([&] { d.as("bob", [](TicketService& t) { t.assign(2, "alice"); }); }) == ErrorKind::refused);
    d.as("carol", [](TicketService& t) { t.assign(1, "bob"); });  // at or below their tier is fine
    CHECK(d.ticket(1).assignee == "bob");
}

TEST_CASE("assigning to an unknown agent is not found") {
    Desk d;
    CHECK(kind_of([&] { d.as("bob", [](TicketService& t) { t.assign(1, "zed"); }); }) == ErrorKind::not_found);
}

TEST_CASE("resolving needs an agent of the ticket's tier or higher") {
    Desk d;
    CHECK(kind_of([&] { d.as("alice", [](TicketService& t) { t.move(2, Move::resolve, "done"); }); }) ==
          ErrorKind::refused);
    d.as("carol", [](TicketService& t) { t.move(2, Move::resolve, "done"); });
    CHECK(d.ticket(2).status == Status::resolved);
}

TEST_CASE("escalation goes one tier up, unassigns, counts, and stops at the top") {
    Desk d;
    d.as("alice", [](TicketService& t) { t.take(1); });
    d.as("alice", [](TicketService& t) { t.escalate(1, std::nullopt, "needs AD", std::nullopt); });
    Ticket t = d.ticket(1);
    CHECK(t.tier == 2);
    CHECK_FALSE(t.assignee);
    CHECK(t.escalations == 1);
    d.as("bob", [](TicketService& s) { s.escalate(1, std::nullopt, "data loss", std::string("carol")); });
    CHECK(d.ticket(1).assignee == "carol");
    CHECK(kind_of([&] { d.as("carol", [](TicketService& s) { s.escalate(1, std::nullopt, "x", std::nullopt); }); }) ==
          ErrorKind::refused);
}

TEST_CASE("de-escalation goes down and stops at tier 1") {
    Desk d;
    d.as("bob", [](TicketService& t) { t.deescalate(2, std::nullopt, "known fix", std::string("alice")); });
    CHECK(d.ticket(2).tier == 1);
    CHECK(d.ticket(2).assignee == "alice");
    CHECK(kind_of([&] { d.as("bob", [](TicketService& t) { t.deescalate(2, std::nullopt, "x", std::nullopt); }); }) ==
          ErrorKind::refused);
}

TEST_CASE("first-contact resolution means resolved at tier 1 without an escalation") {
    Desk d;
    CHECK_FALSE(d.ticket(1).first_contact_resolution());
    d.as("alice", [](TicketService& t) { t.move(1, Move::resolve, "cleared the jam"); });
    CHECK(d.ticket(1).first_contact_resolution() == true);
    d.as("bob", [](TicketService& t) {
        t.deescalate(2, std::nullopt, "known fix", std::nullopt);
        t.move(2, Move::resolve, "applied the fix");
    });
    CHECK(d.ticket(2).first_contact_resolution() == true);  // started at L2 but never went up
}

TEST_CASE("auto-assignment picks the least-loaded agent, then the one idle longest") {
    Desk d;
    d.as("bob", [&](TicketService& t) { AgentService(*d.store, t, d.config, d.now).add("dave", 1, std::nullopt, std::nullopt); });
    d.as("alice", [](TicketService& t) {
        NewTicket n;
        n.title = "third";
        t.open(n);
    });
    d.as("alice", [](TicketService& t) { t.auto_assign(1); });  // both idle: never assigned, name breaks the tie
    CHECK(d.ticket(1).assignee == "alice");
    d.as("alice", [](TicketService& t) { t.auto_assign(3); });  // alice holds one now
    CHECK(d.ticket(3).assignee == "dave");
}

TEST_CASE("next takes the top of my tier's queue, by priority then age") {
    Desk d;
    d.as("alice", [](TicketService& t) {
        NewTicket urgent;
        urgent.title = "CEO cannot log in";
        urgent.priority = Priority{1};
        t.open(urgent);
    });
    std::optional<Ticket> got;
    d.as("alice", [&](TicketService& t) { got = t.next(); });
    REQUIRE(got);
    CHECK(got->id == 3);
    CHECK(got->status == Status::open);
    d.as("alice", [&](TicketService& t) { got = t.next(); });
    CHECK(got->id == 1);
    d.as("alice", [&](TicketService& t) { got = t.next(); });
    CHECK_FALSE(got);
}

TEST_CASE("removing an agent who holds tickets is refused unless they are handed over") {
    Desk d;
    d.as("alice", [](TicketService& t) { t.take(1); });
    CHECK(kind_of([&] {
              d.as("bob", [&](TicketService& t) { AgentService(*d.store, t, d.config, d.now).remove("alice", std::nullopt); });
          }) == ErrorKind::refused);
    d.as("bob", [&](TicketService& t) { AgentService(*d.store, t, d.config, d.now).remove("alice", std::string("bob")); });
    CHECK(d.ticket(1).assignee == "bob");
}
