// Managing agents: add, change, remove (handing their tickets to someone else), and list with loads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/events/journal.hpp"
#include "core/model/agent.hpp"
#include "core/service/tickets.hpp"
#include "core/store/store.hpp"

namespace hd {

struct AgentChange {
    std::optional<int> tier;
    std::optional<std::string> email;  // "" clears
    std::optional<std::string> team;   // "" clears
};

class AgentService {
public:
    AgentService(Store& store, TicketService& tickets, const Config& config, Timestamp now);

    Agent add(const std::string& name, int tier, const std::optional<std::string>& email,
              const std::optional<std::string>& team);
    Agent set(const std::string& name, const AgentChange& change);
    // Refused (exit 4) while the agent holds new, open or pending tickets, unless `reassign_to` names
    // an agent to hand them to. Returns the ids handed over.
    std::vector<TicketId> remove(const std::string& name, const std::optional<std::string>& reassign_to);
    Agent get(const std::string& name);  // hd::Error(not_found) when there is none

private:
    int checked_tier(int tier) const;

    Store& store_;
    TicketService& tickets_;
    const Config& config_;
    Timestamp now_;
};

}  // namespace hd
