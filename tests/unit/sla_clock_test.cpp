// SLA clocks with fixed instants: due times across nights, weekends and holidays, a DST change in the
// calendar's zone, pauses in pending, a priority change midway, the first response, and the states.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/sla/clock.hpp"

using namespace hd;

namespace {

Timestamp at(const char* text) {
    const auto t = parse_rfc3339(text);
    REQUIRE(t);
    return *t;
}

std::string text(std::optional<Timestamp> t) { return t ? format_rfc3339(*t) : "-"; }

// Office hours in Warsaw (UTC+1 in winter, +2 in summer), a holiday on 2026-12-25; P2 respond 1h,
// resolve 8h; P3 resolve 16h; at_risk 25 %.
ServiceLevels office_levels() {
    ServiceLevels l;
    CalendarConfig office;
    office.name = "office";
    office.hours = "Mon-Fri 09:00-17:00";
    office.holidays = {"2026-12-25"};
    office.timezone = "Europe/Warsaw";
    l.calendars["office"] = office;
    l.sla.calendar = "office";
    l.at_risk = 0.25;
    l.policies["P2"].respond = 3600;
    l.policies["P2"].resolve = 8 * 3600;
    l.policies["P3"].resolve = 16 * 3600;
    return l;
}

Ticket ticket(Timestamp created, int priority = 2) {
    Ticket t;
    t.id = 1;
    t.created_at = created;
    t.updated_at = created;
    t.priority = Priority{priority};
    t.requester = "carol";
    return t;
}

Event status(Timestamp when, const char* from, const char* to, const char* actor = "alice") {
    Event e;
    e.ticket = 1;
    e.at = when;
    e.actor = actor;
    e.kind = "status";
    e.old_value = from;
    e.new_value = to;
    return e;
}

Event comment(Timestamp when, const char* actor, bool internal = false) {
    Event e;
    e.ticket = 1;
    e.at = when;
    e.actor = actor;
    e.kind = "commented";
    if (internal) e.note = "internal";
    return e;
}

struct Fixture {
    ServiceLevels levels = office_levels();
    Calendars calendars{levels};
    IsAgent agents = [](const std::string& name) { return name == "alice"; };
    SlaClock run(const Ticket& t, const std::vector<Event>& events = {}) {
        return compute_clock(t, events, levels, calendars, agents);
    }
};

}  // namespace

TEST_CASE("due times skip nights and weekends, in the calendar's zone") {
    Fixture f;
    // Friday 16:00 Warsaw: 1h today, the rest from Monday 09:00.
    const SlaClock c = f.run(ticket(at("2026-11-27T15:00:00Z")));
    CHECK(c.policy == "P2");
    CHECK(text(c.respond_due) == "2026-11-27T16:00:00Z");
    CHECK(text(c.resolve_due) == "2026-11-30T15:00:00Z");  // Monday 16:00 Warsaw
    // At risk with 25 % left: 45 working minutes in for respond, 6h in for resolve.
    CHECK(text(c.respond_risk_at) == "2026-11-27T15:45:00Z");
    CHECK(text(c.resolve_risk_at) == "2026-11-30T13:00:00Z");
    // Opened at night: the clocks start at 09:00.
    const SlaClock night = f.run(ticket(at("2026-11-24T22:00:00Z")));
    CHECK(text(night.respond_due) == "2026-11-25T09:00:00Z");
}

TEST_CASE("holidays are skipped") {
    Fixture f;
    // Thursday 2026-12-24 16:00 Warsaw; Friday is a holiday; the weekend follows.
    const SlaClock c = f.run(ticket(at("2026-12-24T15:00:00Z")));
    CHECK(text(c.respond_due) == "2026-12-24T16:00:00Z");
    CHECK(text(c.resolve_due) == "2026-12-28T15:00:00Z");
}

TEST_CASE("a DST change in the calendar's zone moves the UTC due time") {
    Fixture f;
    // Friday 2026-10-23 16:00 Warsaw is 14:00 UTC (summer time); Monday after the change, 16:00 is 15:00 UTC.
    const SlaClock c = f.run(ticket(at("2026-10-23T14:00:00Z")));
    CHECK(text(c.resolve_due) == "2026-10-26T15:00:00Z");
}

TEST_CASE("pending pauses the clocks; leaving it starts them again") {
    Fixture f;
    Ticket t = ticket(at("2026-11-23T08:00:00Z"), 3);  // Monday 09:00 Warsaw, resolve 16h
    const Timestamp pend = at("2026-11-23T10:00:00Z"), back = at("2026-11-25T08:00:00Z");
    t.status = Status::pending;
    SlaClock paused = f.run(t, {status(pend, "new", "pending")});
    CHECK(paused.paused);
    CHECK_FALSE(paused.resolve_due);
    CHECK(paused.resolve_left == 14 * 3600);
    const Calendar always = Calendar::always();
    CHECK(resolve_state(paused, at("2026-12-01T00:00:00Z"), always).state == SlaState::paused);
    CHECK(overall_state(paused, true, at("2026-12-01T00:00:00Z")) == SlaState::paused);

    t.status = Status::open;
    const SlaClock resumed = f.run(t, {status(pend, "new", "pending"), status(back, "pending", "open")});
    CHECK_FALSE(resumed.paused);
    // 14h from Wednesday 09:00: 8h Wednesday, 6h Thursday.
    CHECK(text(resumed.resolve_due) == "2026-11-26T14:00:00Z");
}

TEST_CASE("a priority change midway re-targets, and the time worked counts") {
    Fixture f;
    Ticket t = ticket(at("2026-11-23T08:00:00Z"), 3);
    CHECK(text(f.run(t).resolve_due) == "2026-11-24T16:00:00Z");  // P3: 16h
    t.priority = Priority{2};
    CHECK(text(f.run(t).resolve_due) == "2026-11-23T16:00:00Z");  // P2: 8h from the same start
}

TEST_CASE("the first response: an agent's public comment, an assignment, an agent's status move") {
    Fixture f;
    const Ticket t = ticket(at("2026-11-23T08:00:00Z"));
    // The requester's comment and an internal note are no response.
    SlaClock c = f.run(t, {comment(at("2026-11-23T08:10:00Z"), "carol"), comment(at("2026-11-23T08:20:00Z"), "alice", true)});
    CHECK_FALSE(c.responded_at);
    c = f.run(t, {comment(at("2026-11-23T08:30:00Z"), "alice")});
    CHECK(text(c.responded_at) == "2026-11-23T08:30:00Z");
    CHECK(c.respond_met == true);
    Event assigned;
    assigned.at = at("2026-11-23T09:30:00Z");
    assigned.actor = "bob";
    assigned.kind = "assigned";
    assigned.new_value = "alice";
    c = f.run(t, {assigned});
    CHECK(text(c.responded_at) == "2026-11-23T09:30:00Z");
    CHECK(c.respond_met == false);  // due at 09:00
    c = f.run(t, {status(at("2026-11-23T08:05:00Z"), "new", "open", "alice")});
    CHECK(text(c.responded_at) == "2026-11-23T08:05:00Z");
}

TEST_CASE("states at chosen instants, and a resolution stopping the clock") {
    Fixture f;
    const Calendar& office = f.calendars.get("office");
    Ticket t = ticket(at("2026-11-23T08:00:00Z"));
    const SlaClock c = f.run(t);
    CHECK(respond_state(c, at("2026-11-23T08:30:00Z"), office).state == SlaState::ok);
    CHECK(respond_state(c, at("2026-11-23T08:50:00Z"), office).state == SlaState::at_risk);
    const TargetView late = respond_state(c, at("2026-11-23T09:10:00Z"), office);
    CHECK(late.state == SlaState::breached);
    CHECK(late.business_left == -600);
    CHECK(overall_state(c, true, at("2026-11-23T09:10:00Z")) == SlaState::breached);
    // Overnight, the wall clock runs on but the working time does not.
    const TargetView overnight = resolve_state(c, at("2026-11-23T20:00:00Z"), office);
    CHECK(overnight.business_left == 0);  // due 16:00 UTC, 17:00 in Warsaw: closed since
    CHECK(overnight.wall_left == -4 * 3600);

    t.status = Status::resolved;
    t.resolved_at = at("2026-11-23T12:00:00Z");
    const SlaClock done = f.run(t, {status(*t.resolved_at, "new", "resolved", "alice")});
    CHECK(done.resolve_met == true);
    CHECK(done.respond_met == false);  // the resolution was the first response, 3h after the 1h target
    CHECK(overall_state(done, false, at("2026-11-30T00:00:00Z")) == SlaState::missed);
}

TEST_CASE("no target: state none") {
    Fixture f;
    f.levels.policies.clear();
    const SlaClock c = f.run(ticket(at("2026-11-23T08:00:00Z")));
    CHECK(c.policy.empty());
    CHECK(overall_state(c, true, at("2026-11-23T08:00:00Z")) == SlaState::none);
}
