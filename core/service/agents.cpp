// Agent management and its rules.
#include "core/service/agents.hpp"

#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/rules/permissions.hpp"

namespace hd {
namespace {

std::optional<std::string> cleared_or_checked(const std::optional<std::string>& value, const char* what) {
    if (!value || value->empty()) return std::nullopt;
    return checked_name(*value, what);
}

}  // namespace

AgentService::AgentService(Store& store, TicketService& tickets, const Config& config, Timestamp now)
    : store_(store), tickets_(tickets), config_(config), now_(now) {}

int AgentService::checked_tier(int tier) const {
    if (!tier_by_level(config_, tier))
        fail(ErrorKind::usage, "there is no tier " + std::to_string(tier) + " (tiers L1..L" +
                                   std::to_string(config_.tiers.size()) + ")");
    return tier;
}

Agent AgentService::get(const std::string& name) {
    auto agent = store_.find_agent(name);
    if (!agent) fail(ErrorKind::not_found, "no agent '" + name + "' (hd agent list shows the agents)");
    return *agent;
}

Agent AgentService::add(const std::string& name, int tier, const std::optional<std::string>& email,
                        const std::optional<std::string>& team) {
    // The first agent may be added by anyone: that is how a helpdesk sets itself up.
    require_permission(tickets_.acting(), Action::manage_agents);
    Agent a;
    a.name = checked_name(name, "agent name");
    if (a.name.find_first_of(" ,") != std::string::npos || a.name[0] == '-')
        fail(ErrorKind::usage, "agent names are single words that do not start with '-' (got '" + a.name + "')");
    if (a.name == "me" || a.name == "none")
        fail(ErrorKind::usage, "'" + a.name + "' is reserved by the filter language; choose another agent name");
    if (store_.find_agent(a.name)) fail(ErrorKind::usage, "there is already an agent '" + a.name + "'");
    a.tier = checked_tier(tier);
    a.email = cleared_or_checked(email, "email");
    a.team = cleared_or_checked(team, "team");
    a.created_at = now_;
    store_.insert_agent(a);
    return a;
}

Agent AgentService::set(const std::string& name, const AgentChange& change) {
    require_permission(tickets_.acting(), Action::manage_agents);
    Agent a = get(name);
    if (change.tier) a.tier = checked_tier(*change.tier);
    if (change.email) a.email = cleared_or_checked(change.email, "email");
    if (change.team) a.team = cleared_or_checked(change.team, "team");
    store_.update_agent(a);
    return a;
}

std::vector<TicketId> AgentService::remove(const std::string& name, const std::optional<std::string>& reassign_to) {
    require_permission(tickets_.acting(), Action::manage_agents);
    const Agent a = get(name);
    TicketQuery q;
    q.filter.conditions.push_back(FilterCondition{FilterField::assignee, Compare::eq, {a.name}});
    q.filter.conditions.push_back(
        FilterCondition{FilterField::status, Compare::eq, {std::string("new"), std::string("open"), std::string("pending")}});
    const auto held = store_.list_tickets(q);
    std::vector<TicketId> moved;
    if (!held.empty()) {
        if (!reassign_to)
            fail(ErrorKind::refused, "cannot remove agent '" + a.name + "': they hold " + std::to_string(held.size()) +
                                         " unresolved ticket(s); use --reassign OTHER, or resolve them first");
        if (*reassign_to == a.name) fail(ErrorKind::usage, "--reassign names the agent being removed");
        get(*reassign_to);  // unknown → not found, before anything moves
        for (const auto& t : held) {
            tickets_.assign(t.id, *reassign_to);
            moved.push_back(t.id);
        }
    }
    store_.delete_agent(a.name);
    return moved;
}

}  // namespace hd
