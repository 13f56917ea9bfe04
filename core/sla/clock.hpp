// A ticket's service-level clocks, computed from the ticket, its audit log and the config: a pure
// function, so that due times follow every change (priority, type, category, pending, reopening,
// escalation) by being computed again, and can be tested with fixed clocks.
//
// Rules (hd-sla(1) documents them):
// - Both SLA clocks start when the ticket is created and run in the calendar's working hours; they
//   stop counting while the ticket is pending and start again when it leaves pending.
// - The respond clock stops at the first response: the first public comment by an agent, the first
//   assignment (by anyone, at creation too), or the first status move by an agent.
// - The resolve clock stops when the ticket is resolved (or closed), and runs on if it is reopened.
// - Targets come from the ticket's current priority, type and category: a change re-targets the
//   clock, and the working time already spent counts against the new target.
// - OLAs: pickup runs from when the ticket entered its tier until someone is assigned in that tier;
//   hold runs from then until it is resolved or leaves the tier; both stop while pending.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/sla/policy.hpp"

namespace hd {

struct SlaClock {
    std::string policy;    // the section that applies; "" when no target does
    std::string calendar;  // the SLA calendar's name
    std::optional<Seconds> respond_target;
    std::optional<Timestamp> responded_at;
    std::optional<Timestamp> respond_due;      // unset: no target, paused, or stopped before it was due
    std::optional<Timestamp> respond_risk_at;  // when less than at_risk of the target is left
    std::optional<Seconds> respond_left;       // paused or stopped: working seconds that were left
    std::optional<bool> respond_met;           // once stopped
    std::optional<Seconds> resolve_target;
    std::optional<Timestamp> resolve_due;
    std::optional<Timestamp> resolve_risk_at;
    std::optional<Seconds> resolve_left;
    std::optional<bool> resolve_met;
    bool paused = false;  // pending: the clocks do not run
    int tier = 1;
    Timestamp tier_since = 0;
    std::optional<Timestamp> picked_up_at;
    std::optional<Timestamp> pickup_due;
    std::optional<Timestamp> hold_due;
    std::string fingerprint;  // of the service levels it was computed under
};

// Who counts as an agent for the first response.
using IsAgent = std::function<bool(const std::string& name)>;

SlaClock compute_clock(const Ticket& ticket, const std::vector<Event>& events, const ServiceLevels& levels,
                       const Calendars& calendars, const IsAgent& is_agent);

// How one target or the whole ticket stands at an instant.
enum class SlaState { none, ok, at_risk, breached, paused, met, missed };
std::string_view to_string(SlaState state);  // "none", "ok", "at-risk", "breached", "paused", "met", "missed"

struct TargetView {
    SlaState state = SlaState::none;
    std::optional<Timestamp> due;
    std::optional<Seconds> business_left;  // working seconds to the due time (negative: overdue)
    std::optional<Seconds> wall_left;      // wall-clock seconds to it
};

TargetView respond_state(const SlaClock& clock, Timestamp now, const Calendar& calendar);
TargetView resolve_state(const SlaClock& clock, Timestamp now, const Calendar& calendar);
TargetView pickup_state(const SlaClock& clock, Timestamp now, const Calendar& calendar);
TargetView hold_state(const SlaClock& clock, Timestamp now, const Calendar& calendar);
// While the ticket is active, the worst of respond and resolve: breached (a target missed or past
// due), at-risk, ok, paused. For a solved ticket, missed when either target was missed, else met.
// none when no target applies.
SlaState overall_state(const SlaClock& clock, bool active, Timestamp now);

}  // namespace hd
