// The permission rules and their refusal messages.
#include "core/rules/permissions.hpp"

#include "core/error.hpp"

namespace hd {
namespace {

std::string_view verb(Action a) {
    switch (a) {
        case Action::open: return "open tickets";
        case Action::comment: return "comment on tickets";
        case Action::rate: return "rate tickets";
        case Action::edit: return "edit tickets";
        case Action::assign: return "assign tickets";
        case Action::take: return "take tickets";
        case Action::move: return "change a ticket's status";
        case Action::resolve: return "resolve tickets";
        case Action::escalate: return "move tickets between tiers";
        case Action::link: return "link tickets";
        case Action::merge: return "merge tickets";
        case Action::manage_agents: return "manage agents";
    }
    return "do that";
}

}  // namespace

void require_permission(const Actor& actor, Action action, const Ticket* ticket) {
    if (!actor.store_has_agents) return;  // a one-person helpdesk needs no set-up
    if (action == Action::open || action == Action::comment || action == Action::rate) return;
    if (!actor.agent)
        fail(ErrorKind::refused, actor.name + " is not an agent and may not " + std::string(verb(action)) +
                                     " (only open, comment and rate); an agent can add you with hd agent add");
    if (action == Action::resolve && ticket && actor.agent->tier < ticket->tier)
        fail(ErrorKind::refused, "cannot resolve #" + std::to_string(ticket->id) + ": it is at tier L" +
                                     std::to_string(ticket->tier) + " and " + actor.name + " is an L" +
                                     std::to_string(actor.agent->tier) + " agent; de-escalate it or ask an L" +
                                     std::to_string(ticket->tier) + " agent");
}

void require_kb_permission(const Actor& actor, KbAction action) {
    if (!actor.store_has_agents) return;
    const bool drafts = action == KbAction::add_draft || action == KbAction::edit_draft;
    std::string_view what;
    switch (action) {
        case KbAction::add_draft: what = "add articles"; break;
        case KbAction::publish: what = "publish articles"; break;
        case KbAction::edit_draft: what = "edit draft articles"; break;
        case KbAction::edit_published: what = "edit published articles"; break;
        case KbAction::retire: what = "retire articles"; break;
        case KbAction::import: what = "import articles"; break;
    }
    if (!actor.agent)
        fail(ErrorKind::refused, actor.name + " is not an agent and may not " + std::string(what) +
                                     " (only read and search the knowledge base)");
    if (drafts || actor.agent->tier >= 2) return;
    fail(ErrorKind::refused, actor.name + " is an L" + std::to_string(actor.agent->tier) + " agent and may not " +
                                 std::string(what) + ": agents of tier L2 and up do that" +
                                 (action == KbAction::publish ? "; add it as a draft with --draft" : ""));
}

void require_can_hold(const Agent& agent, const Ticket& ticket) {
    if (agent.tier >= ticket.tier) return;
    fail(ErrorKind::refused, agent.name + " is an L" + std::to_string(agent.tier) + " agent and cannot hold #" +
                                 std::to_string(ticket.id) + ", which is at L" + std::to_string(ticket.tier) +
                                 "; assign it to an agent of tier L" + std::to_string(ticket.tier) + " or higher");
}

}  // namespace hd
