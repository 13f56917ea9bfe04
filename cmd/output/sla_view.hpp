// How a ticket's service levels are shown: --json objects and the terminal's short forms.
#pragma once

#include <string>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/sla/clock.hpp"
#include "core/store/sla_store.hpp"

namespace hd::out {

// A ticket's clock as it stands at one instant.
struct SlaView {
    SlaClock clock;
    SlaState state = SlaState::none;
    TargetView respond, resolve, pickup, hold;
};

// The "sla" object of `hd show --json` and of each `hd sla --json` entry.
std::string sla_json(const SlaView& v);
// `hd sla --json`: [{id, title, priority, tier, status, assignee, sla: {...}}].
std::string sla_list_json(const std::vector<std::pair<Ticket, SlaView>>& rows);
// `hd sla sweep --json`.
struct SweepLine {
    SlaBreach breach;
    std::vector<std::string> actions;
    std::vector<std::string> done;
};
std::string sweep_json(std::int64_t refreshed, const std::vector<SweepLine>& lines, bool dry_run);

// "met", "missed", "paused (3h left)", "due Mon 10:00 (2h15m left)", "breached 1h ago": for tables.
std::string describe_target(const TargetView& t, Timestamp now);

}  // namespace hd::out
