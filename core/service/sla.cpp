#include "core/service/sla.hpp"

#include <algorithm>

namespace hd {
namespace {

// Enough for any backlog a sweep meets in one minute; the rest waits for the next run.
constexpr int kSweepLimit = 10000;

std::string joined(const std::vector<BreachAction>& actions) {
    std::string out;
    for (BreachAction a : actions) out += (out.empty() ? "" : ",") + std::string(to_string(a));
    return out;
}

}  // namespace

SlaService::SlaService(Store& store, const Config& config, Timestamp now)
    : store_(store), config_(config), now_(now), calendars_(config.service_levels),
      fingerprint_(service_levels_fingerprint(config.service_levels)) {}

// An agent, for the first response: a registered agent; with no agents at all, anyone but the
// ticket's requester.
bool SlaService::is_agent(const std::string& name, const Ticket& ticket) {
    if (!store_has_agents_) store_has_agents_ = store_.count_agents() > 0;
    if (!*store_has_agents_) return !ticket.requester || *ticket.requester != name;
    auto it = agents_.find(name);
    if (it == agents_.end()) it = agents_.emplace(name, store_.find_agent(name).has_value()).first;
    return it->second;
}

SlaClock SlaService::compute(const Ticket& ticket) {
    return compute_clock(ticket, store_.events(ticket.id), config_.service_levels, calendars_,
                         [&](const std::string& name) { return is_agent(name, ticket); });
}

void SlaService::refresh(const std::set<TicketId>& ids) {
    for (TicketId id : ids)
        if (auto t = store_.find_ticket(id)) store_.sla().put_clock(id, compute(*t));
}

SlaClock SlaService::clock(const Ticket& ticket) {
    if (auto stored = store_.sla().find_clock(ticket.id); stored && stored->fingerprint == fingerprint_) return *stored;
    return compute(ticket);
}

SweepResult SlaService::sweep(TicketService& tickets) {
    SweepResult result;
    const auto stale = store_.sla().stale_clocks(fingerprint_, kSweepLimit);
    refresh(std::set<TicketId>(stale.begin(), stale.end()));
    result.refreshed = static_cast<std::int64_t>(stale.size());

    tickets.act_on_policy();
    std::set<TicketId> escalated, raised;
    const int top = static_cast<int>(config_.tiers.size());
    for (SlaBreach b : store_.sla().unrecorded_breaches(now_, kSweepLimit)) {
        auto ticket = store_.find_ticket(b.ticket);
        if (!ticket || !ticket->is_active()) continue;
        SweepEntry entry;
        const SlaPolicy sla = sla_policy(config_.service_levels, *ticket);
        entry.actions = (b.target == "respond" || b.target == "resolve")
                            ? sla.on_breach
                            : ola_policy(config_.service_levels, b.tier, sla.calendar).on_breach;
        const std::string label = b.target == "respond" || b.target == "resolve"
                                      ? b.target + " target (" + (sla.name.empty() ? "sla" : sla.name) + ")"
                                      : b.target + " target of L" + std::to_string(b.tier);
        for (BreachAction a : entry.actions) {
            if (a == BreachAction::escalate) {
                if (escalated.count(b.ticket)) continue;
                if (ticket->tier >= top) {
                    entry.done.push_back("not escalated: at the top tier");
                    continue;
                }
                *ticket = tickets.escalate(b.ticket, std::nullopt, "SLA breach: " + label + " was due " +
                                                                       format_rfc3339(b.due), std::nullopt);
                escalated.insert(b.ticket);
                entry.done.push_back("escalated to L" + std::to_string(ticket->tier));
            } else if (a == BreachAction::priority) {
                if (raised.count(b.ticket)) continue;
                if (ticket->priority.value <= 1) {
                    entry.done.push_back("priority not raised: P1 already");
                    continue;
                }
                TicketEdit edit;
                edit.priority = Priority{ticket->priority.value - 1};
                *ticket = tickets.edit(b.ticket, edit);
                raised.insert(b.ticket);
                entry.done.push_back("priority raised to " + to_string(ticket->priority));
            } else if (a == BreachAction::hook) {
                entry.done.push_back("on-breach hook");
            }
        }
        b.recorded_at = now_;
        const std::string actions = joined(entry.actions);
        if (!actions.empty()) b.action = actions;
        store_.sla().record_breach(b);
        tickets.record_breach(b.ticket, b.target, b.due, actions);
        entry.breach = b;
        result.entries.push_back(std::move(entry));
    }
    return result;
}

}  // namespace hd
