// Who may do what: the tier and role rules that keep a team honest. (The security boundary of an
// embedded store is its file's permissions; these are workflow rules.)
#pragma once

#include <optional>
#include <string>

#include "core/model/agent.hpp"
#include "core/model/ticket.hpp"

namespace hd {

// What is being done, for the refusal messages.
enum class Action { open, comment, rate, edit, assign, take, move, resolve, escalate, link, merge, manage_agents };

// The person acting, as the rules see them.
struct Actor {
    std::string name;
    std::optional<Agent> agent;    // nullopt: not an agent
    bool store_has_agents = false; // with no agents at all, everyone may do everything
};

// Throws hd::Error(refused) when the actor may not do `action` (on `ticket`, when given):
// - who is not an agent may open, comment on and rate tickets, nothing more (unless the store has no agents);
// - resolving needs an agent of the ticket's tier or higher.
void require_permission(const Actor& actor, Action action, const Ticket* ticket = nullptr);

// What is being done to the knowledge base.
enum class KbAction { add_draft, publish, edit_draft, edit_published, retire, import };

// Throws hd::Error(refused) when the actor may not do `action` to the knowledge base: agents of tier 2
// and up publish, edit, retire and import; tier 1 adds and edits drafts; everyone reads (unless the
// store has no agents: then everyone may do everything).
void require_kb_permission(const Actor& actor, KbAction action);

// Throws hd::Error(refused) when `agent` may not hold `ticket`: an agent holds tickets at or below
// their own tier.
void require_can_hold(const Agent& agent, const Ticket& ticket);

}  // namespace hd
