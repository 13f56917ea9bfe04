// Moving tickets between tiers: escalation up, de-escalation down, each with its reason.
#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/service/tickets.hpp"
#include "core/text/utf8.hpp"

namespace hd {

Ticket TicketService::escalate(TicketId id, std::optional<int> to, const std::string& reason,
                               const std::optional<std::string>& assign) {
    return change_tier(id, to, reason, assign, true);
}

Ticket TicketService::deescalate(TicketId id, std::optional<int> to, const std::string& reason,
                                 const std::optional<std::string>& assign) {
    return change_tier(id, to, reason, assign, false);
}

Ticket TicketService::change_tier(TicketId id, std::optional<int> to, const std::string& reason,
                                  const std::optional<std::string>& assign, bool up) {
    Ticket t = get(id);
    require_permission(acting(), Action::escalate, &t);
    const char* verb = up ? "escalate" : "de-escalate";
    const std::string label = "#" + std::to_string(id);
    if (!t.is_active())
        fail(ErrorKind::refused, std::string("cannot ") + verb + " " + label + ": it is " +
                                     std::string(to_string(t.status)) + "; only new, open and pending tickets move between tiers");
    const std::string why = trim(checked_text(reason, "reason", config_));
    if (why.empty()) fail(ErrorKind::usage, std::string(up ? "escalating " : "de-escalating ") + label + " needs --reason");

    const int top = static_cast<int>(config_.tiers.size());
    const int target = to.value_or(up ? t.tier + 1 : t.tier - 1);
    if (up) {
        if (target > top)
            fail(ErrorKind::refused, "cannot escalate " + label + ": it is at L" + std::to_string(t.tier) +
                                         ", the top tier (" + config_.tiers.back().name + ")");
        if (target <= t.tier)
            fail(ErrorKind::usage, "cannot escalate " + label + " to L" + std::to_string(target) + ": it is at L" +
                                       std::to_string(t.tier) + "; use hd deescalate to move it down");
    } else {
        if (target < 1)
            fail(ErrorKind::refused, "cannot de-escalate " + label + ": it is at L1, the first tier");
        if (target >= t.tier)
            fail(ErrorKind::usage, "cannot de-escalate " + label + " to L" + std::to_string(target) + ": it is at L" +
                                       std::to_string(t.tier) + "; use hd escalate to move it up");
    }

    Event e = event(id, up ? "escalated" : "deescalated");
    e.old_value = std::to_string(t.tier);
    e.new_value = std::to_string(target);
    e.note = why;
    journal_.record(e);
    t.tier = target;
    if (up) ++t.escalations;

    // The new tier decides who works it: nobody, unless an agent who may hold it is named.
    if (assign)
        set_assignee(t, assign);
    else
        set_assignee(t, std::nullopt);
    t.updated_at = now_;
    store_.update_ticket(t);
    return t;
}

}  // namespace hd
