#include "core/sla/clock.hpp"

#include <algorithm>
#include <cmath>

namespace hd {
namespace {

// A stretch of time in which the clocks run; `to` unset: still running.
struct Span {
    Timestamp from;
    std::optional<Timestamp> to;
};

bool runs(Status s) { return s == Status::new_ || s == Status::open; }
bool solved(Status s) { return s == Status::resolved || s == Status::closed; }

// The ticket's own events (not those copied in by a merge), oldest first.
std::vector<const Event*> own_events(const std::vector<Event>& events) {
    std::vector<const Event*> out;
    for (const auto& e : events)
        if (!e.merged_from) out.push_back(&e);
    std::stable_sort(out.begin(), out.end(), [](const Event* a, const Event* b) { return a->at < b->at; });
    return out;
}

// When the ticket was in a running status (new, open), from `start` on.
std::vector<Span> running_spans(const Ticket& t, const std::vector<const Event*>& events, Timestamp start) {
    std::vector<std::pair<Timestamp, Status>> changes;
    std::optional<Status> initial;
    for (const Event* e : events) {
        if (e->kind != "status" || !e->new_value) continue;
        const auto to = parse_status(*e->new_value);
        if (!to) continue;
        if (!initial && e->old_value) initial = parse_status(*e->old_value);
        changes.emplace_back(e->at, *to);
    }
    Status status = initial.value_or(changes.empty() ? t.status : Status::new_);
    std::vector<Span> spans;
    std::optional<Timestamp> open_since;
    if (runs(status)) open_since = t.created_at;
    for (const auto& [at, to] : changes) {
        if (open_since && !runs(to)) {
            spans.push_back({*open_since, at});
            open_since.reset();
        } else if (!open_since && runs(to)) {
            open_since = at;
        }
        status = to;
    }
    if (open_since) spans.push_back({*open_since, std::nullopt});
    // Clip to [start, ...).
    std::vector<Span> out;
    for (Span s : spans) {
        if (s.to && *s.to <= start) continue;
        s.from = std::max(s.from, start);
        out.push_back(s);
    }
    return out;
}

// The spans cut at `stop`: nothing runs from then on.
std::vector<Span> until(std::vector<Span> spans, Timestamp stop) {
    std::vector<Span> out;
    for (Span s : spans) {
        if (s.from >= stop) break;
        if (!s.to || *s.to > stop) s.to = stop;
        out.push_back(s);
    }
    return out;
}

struct Walked {
    std::optional<Timestamp> due;  // when `target` working seconds were (or will be) used up
    Seconds left = 0;              // when the spans ended before that: what was left
};

Walked walk(const std::vector<Span>& spans, Seconds target, const Calendar& calendar) {
    Seconds remaining = target;
    for (const Span& s : spans) {
        if (!s.to) return {calendar.add(s.from, remaining), 0};
        const Seconds worked = calendar.between(s.from, *s.to);
        if (worked >= remaining) return {calendar.add(s.from, remaining), 0};
        remaining -= worked;
    }
    return {std::nullopt, remaining};
}

Seconds risk_part(Seconds target, double at_risk) {
    return target - static_cast<Seconds>(std::llround(static_cast<double>(target) * at_risk));
}

// One target over the spans. `stop`: when the clock stopped for good (responded, resolved).
struct Target {
    std::optional<Timestamp> due, risk_at;
    std::optional<Seconds> left;
    std::optional<bool> met;
};

Target run_target(const std::vector<Span>& spans, Seconds target, std::optional<Timestamp> stop, bool paused,
                  double at_risk, const Calendar& calendar) {
    Target out;
    const Walked w = walk(stop ? until(spans, *stop) : spans, target, calendar);
    out.due = w.due;
    if (stop) {
        out.met = !w.due || *w.due >= *stop;
        if (!w.due) out.left = w.left;
        return out;
    }
    if (!w.due) out.left = w.left;
    if (!paused || w.due) {
        const Walked r = walk(spans, risk_part(target, at_risk), calendar);
        out.risk_at = r.due;
    }
    return out;
}

}  // namespace

SlaClock compute_clock(const Ticket& t, const std::vector<Event>& all_events, const ServiceLevels& levels,
                       const Calendars& calendars, const IsAgent& is_agent) {
    const auto events = own_events(all_events);
    const SlaPolicy policy = sla_policy(levels, t);
    const Calendar& calendar = calendars.get(policy.calendar);
    SlaClock c;
    c.policy = policy.name;
    c.calendar = policy.calendar;
    c.paused = t.status == Status::pending;
    c.tier = t.tier;
    c.tier_since = t.created_at;

    // The first response, and the moment the ticket entered its tier.
    for (const Event* e : events) {
        const bool response =
            (e->kind == "assigned" && e->new_value && !e->new_value->empty()) ||
            (e->kind == "commented" && e->note != "internal" && is_agent(e->actor)) ||
            (e->kind == "status" && is_agent(e->actor));
        if (response && !c.responded_at) c.responded_at = e->at;
        if (e->kind == "escalated" || e->kind == "deescalated") c.tier_since = e->at;
    }
    const std::optional<Timestamp> solved_at =
        solved(t.status) ? std::optional<Timestamp>(t.resolved_at.value_or(t.closed_at.value_or(t.updated_at)))
                         : std::nullopt;
    const std::vector<Span> spans = running_spans(t, events, t.created_at);

    if (policy.respond) {
        c.respond_target = policy.respond;
        std::optional<Timestamp> stop = c.responded_at;
        if (solved_at && (!stop || *solved_at < *stop)) stop = solved_at;
        const Target r = run_target(spans, *policy.respond, stop, c.paused, levels.at_risk, calendar);
        c.respond_due = r.due, c.respond_risk_at = r.risk_at, c.respond_left = r.left, c.respond_met = r.met;
    }
    if (policy.resolve) {
        c.resolve_target = policy.resolve;
        const Target r = run_target(spans, *policy.resolve, solved_at, c.paused, levels.at_risk, calendar);
        c.resolve_due = r.due, c.resolve_risk_at = r.risk_at, c.resolve_left = r.left, c.resolve_met = r.met;
    }

    // OLAs: only while the ticket is active in its tier.
    for (const Event* e : events)
        if (e->kind == "assigned" && e->new_value && !e->new_value->empty() && e->at >= c.tier_since) {
            c.picked_up_at = e->at;
            break;
        }
    if (!c.picked_up_at && t.assignee) c.picked_up_at = c.tier_since;
    const OlaPolicy ola = ola_policy(levels, t.tier, policy.calendar);
    if (t.is_active() && !c.paused && (ola.pickup || ola.hold)) {
        const Calendar& ola_calendar = calendars.get(ola.calendar);
        const std::vector<Span> in_tier = running_spans(t, events, c.tier_since);
        if (ola.pickup && !c.picked_up_at) c.pickup_due = walk(in_tier, *ola.pickup, ola_calendar).due;
        if (ola.hold) c.hold_due = walk(in_tier, *ola.hold, ola_calendar).due;
    }
    c.fingerprint = service_levels_fingerprint(levels);
    return c;
}

std::string_view to_string(SlaState state) {
    switch (state) {
        case SlaState::none: return "none";
        case SlaState::ok: return "ok";
        case SlaState::at_risk: return "at-risk";
        case SlaState::breached: return "breached";
        case SlaState::paused: return "paused";
        case SlaState::met: return "met";
        case SlaState::missed: return "missed";
    }
    return "none";
}

namespace {

TargetView running_view(std::optional<Timestamp> due, std::optional<Timestamp> risk_at, Timestamp now,
                        const Calendar& calendar) {
    TargetView v;
    v.due = due;
    if (!due) return v;
    v.wall_left = *due - now;
    v.business_left = *due >= now ? calendar.between(now, *due) : -calendar.between(*due, now);
    if (now >= *due)
        v.state = SlaState::breached;
    else if (risk_at && now >= *risk_at)
        v.state = SlaState::at_risk;
    else
        v.state = SlaState::ok;
    return v;
}

TargetView target_view(const std::optional<Seconds>& target, const std::optional<bool>& met,
                       const std::optional<Timestamp>& due, const std::optional<Timestamp>& risk_at,
                       const std::optional<Seconds>& left, bool paused, Timestamp now, const Calendar& calendar) {
    TargetView v;
    if (!target) return v;
    if (met) {
        v.state = *met ? SlaState::met : SlaState::missed;
        v.due = due;
        v.business_left = left;
        return v;
    }
    if (paused && !due) {
        v.state = SlaState::paused;
        v.business_left = left;
        return v;
    }
    return running_view(due, risk_at, now, calendar);
}

}  // namespace

TargetView respond_state(const SlaClock& c, Timestamp now, const Calendar& calendar) {
    return target_view(c.respond_target, c.respond_met, c.respond_due, c.respond_risk_at, c.respond_left, c.paused,
                       now, calendar);
}

TargetView resolve_state(const SlaClock& c, Timestamp now, const Calendar& calendar) {
    return target_view(c.resolve_target, c.resolve_met, c.resolve_due, c.resolve_risk_at, c.resolve_left, c.paused,
                       now, calendar);
}

TargetView pickup_state(const SlaClock& c, Timestamp now, const Calendar& calendar) {
    if (c.picked_up_at) {
        TargetView v;
        v.state = SlaState::met;
        return v;
    }
    return running_view(c.pickup_due, std::nullopt, now, calendar);
}

TargetView hold_state(const SlaClock& c, Timestamp now, const Calendar& calendar) {
    return running_view(c.hold_due, std::nullopt, now, calendar);
}

SlaState overall_state(const SlaClock& c, bool active, Timestamp now) {
    const Calendar always = Calendar::always();
    const SlaState r = respond_state(c, now, always).state;
    const SlaState s = resolve_state(c, now, always).state;
    const auto either = [&](SlaState x) { return r == x || s == x; };
    if (!active) {
        if (either(SlaState::missed)) return SlaState::missed;
        return either(SlaState::met) ? SlaState::met : SlaState::none;
    }
    if (either(SlaState::breached) || either(SlaState::missed)) return SlaState::breached;
    if (either(SlaState::at_risk)) return SlaState::at_risk;
    if (either(SlaState::ok)) return SlaState::ok;
    if (either(SlaState::paused)) return SlaState::paused;
    if (either(SlaState::met)) return SlaState::ok;
    return SlaState::none;
}

}  // namespace hd
