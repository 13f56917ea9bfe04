// Service levels at work: keeping each ticket's clocks up to date as it changes, reading them, and
// the sweep that records breaches and acts on them (hd sla sweep).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/service/tickets.hpp"
#include "core/sla/clock.hpp"
#include "core/store/store.hpp"

namespace hd {

// What the sweep did about one breach.
struct SweepEntry {
    SlaBreach breach;
    std::vector<BreachAction> actions;  // what the config asked for
    std::vector<std::string> done;      // what happened: "escalated to L2", "priority P2", "on-breach hook"
};

struct SweepResult {
    std::int64_t refreshed = 0;  // stale clocks computed again (config changed, or an old store)
    std::vector<SweepEntry> entries;
};

class SlaService {
public:
    SlaService(Store& store, const Config& config, Timestamp now);

    // Computes and stores the clocks of these tickets (those a command changed). Ids of tickets that
    // no longer exist are passed over.
    void refresh(const std::set<TicketId>& ids);
    // The ticket's clock: the stored one when it is fresh, else computed now.
    SlaClock clock(const Ticket& ticket);
    const Calendar& calendar(const std::string& name) const { return calendars_.get(name); }
    const ServiceLevels& levels() const { return config_.service_levels; }

    // Refreshes stale clocks, records each breach not yet recorded (once per ticket and target), and
    // applies the on_breach actions through `tickets` on the config's authority. An `breached` event
    // is recorded for each breach; its new_value lists the actions, so that hooks (on-breach) see it.
    SweepResult sweep(TicketService& tickets);

private:
    SlaClock compute(const Ticket& ticket);
    bool is_agent(const std::string& name, const Ticket& ticket);

    Store& store_;
    const Config& config_;
    Timestamp now_;
    Calendars calendars_;
    std::string fingerprint_;
    std::optional<bool> store_has_agents_;
    std::map<std::string, bool> agents_;
};

}  // namespace hd
