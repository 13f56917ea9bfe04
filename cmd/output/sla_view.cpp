#include "cmd/output/sla_view.hpp"

#include "cmd/output/json_objects.hpp"

namespace hd::out {
namespace {

using json::dump;
using json::ordered_json;
ordered_json int_or_null(const std::optional<std::int64_t>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json target_object(const TargetView& t, const std::optional<Seconds>& target) {
    ordered_json j;
    j["state"] = std::string(to_string(t.state));
    j["target_seconds"] = int_or_null(target);
    j["due"] = json::opt_time(t.due);
    j["business_left_seconds"] = int_or_null(t.business_left);
    j["wall_left_seconds"] = int_or_null(t.wall_left);
    return j;
}

ordered_json sla_object(const SlaView& v) {
    const SlaClock& c = v.clock;
    ordered_json j;
    j["state"] = std::string(to_string(v.state));
    j["policy"] = c.policy.empty() ? ordered_json(nullptr) : ordered_json(c.policy);
    j["calendar"] = c.calendar;
    j["respond_due"] = json::opt_time(v.respond.due);
    j["resolve_due"] = json::opt_time(v.resolve.due);
    j["responded_at"] = json::opt_time(c.responded_at);
    j["paused"] = c.paused;
    j["respond"] = target_object(v.respond, c.respond_target);
    j["resolve"] = target_object(v.resolve, c.resolve_target);
    ordered_json ola;
    ola["tier"] = c.tier;
    ola["since"] = format_rfc3339(c.tier_since);
    ola["picked_up_at"] = json::opt_time(c.picked_up_at);
    ola["pickup"] = target_object(v.pickup, std::nullopt);
    ola["hold"] = target_object(v.hold, std::nullopt);
    j["ola"] = ola;
    return j;
}

}  // namespace

std::string sla_json(const SlaView& v) { return dump(sla_object(v)); }

std::string sla_list_json(const std::vector<std::pair<Ticket, SlaView>>& rows) {
    ordered_json j = ordered_json::array();
    for (const auto& [t, v] : rows) {
        ordered_json o;
        o["id"] = t.id;
        o["title"] = t.title;
        o["status"] = std::string(to_string(t.status));
        o["priority"] = to_string(t.priority);
        o["tier"] = t.tier;
        o["assignee"] = t.assignee ? ordered_json(*t.assignee) : ordered_json(nullptr);
        o["sla"] = sla_object(v);
        j.push_back(o);
    }
    return dump(j);
}

std::string sweep_json(std::int64_t refreshed, const std::vector<SweepLine>& lines, bool dry_run) {
    ordered_json j;
    j["dry_run"] = dry_run;
    j["refreshed"] = refreshed;
    j["breaches"] = ordered_json::array();
    for (const auto& l : lines) {
        ordered_json b;
        b["ticket"] = l.breach.ticket;
        b["target"] = l.breach.target;
        b["tier"] = l.breach.tier == 0 ? ordered_json(nullptr) : ordered_json(l.breach.tier);
        b["due"] = format_rfc3339(l.breach.due);
        b["actions"] = l.actions;
        b["done"] = l.done;
        j["breaches"].push_back(b);
    }
    return dump(j);
}

std::string describe_target(const TargetView& t, Timestamp now) {
    // Working time in hours (a working day is not a calendar day); wall-clock time as usual.
    const auto left = [&](Seconds s) { return format_hours(s < 0 ? -s : s); };
    switch (t.state) {
        case SlaState::none: return "-";
        case SlaState::met: return "met";
        case SlaState::missed: return "missed";
        case SlaState::paused: return t.business_left ? "paused, " + left(*t.business_left) + " left" : "paused";
        case SlaState::breached:
            return "breached " + (t.due ? format_duration(now - *t.due) + " ago" : std::string());  // wall clock
        case SlaState::ok:
        case SlaState::at_risk: {
            std::string out = t.business_left ? left(*t.business_left) + " left" : std::string("due");
            if (t.wall_left && t.business_left && *t.wall_left != *t.business_left)
                out += " (" + format_duration(*t.wall_left) + " wall)";
            return out;
        }
    }
    return "-";
}

}  // namespace hd::out
