// Queues: the next ticket for me, and auto-assignment to the least-loaded agent of a tier.
#include <algorithm>

#include "core/error.hpp"
#include "core/service/tickets.hpp"

namespace hd {

int TicketService::my_tier() {
    const Actor& a = acting();
    return a.agent ? a.agent->tier : 1;
}

std::optional<Ticket> TicketService::next() {
    require_permission(acting(), Action::take);
    // The caller holds the write lock (BEGIN IMMEDIATE) from before this read to its commit, so two
    // agents asking at the same moment are served one after the other and never get the same ticket.
    const auto top = store_.queue(my_tier(), 1);
    if (top.empty()) return std::nullopt;
    return take(top.front().id);
}

Ticket TicketService::auto_assign(TicketId id) {
    Ticket t = get(id);
    require_permission(acting(), Action::assign, &t);
    if (!t.is_active())
        fail(ErrorKind::refused, "cannot assign #" + std::to_string(id) + ": it is " + std::string(to_string(t.status)));
    auto loads = store_.agent_loads(t.tier);
    if (loads.empty())
        fail(ErrorKind::refused, "cannot auto-assign #" + std::to_string(id) + ": tier L" + std::to_string(t.tier) +
                                     " has no agents (hd agent add NAME --tier " + std::to_string(t.tier) + ")");
    // Least loaded first; among equals, the one idle longest (never assigned counts as longest).
    const auto best = std::min_element(loads.begin(), loads.end(), [](const AgentLoad& a, const AgentLoad& b) {
        if (a.active_tickets != b.active_tickets) return a.active_tickets < b.active_tickets;
        const Timestamp ta = a.agent.last_assigned_at.value_or(INT64_MIN);
        const Timestamp tb = b.agent.last_assigned_at.value_or(INT64_MIN);
        if (ta != tb) return ta < tb;
        return a.agent.name < b.agent.name;
    });
    assign_and_save(t, best->agent.name);
    return t;
}

}  // namespace hd
