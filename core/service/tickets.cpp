// The ticket operations: rules first, then the store and the journal.
#include "core/service/tickets.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/rules/priority.hpp"
#include "core/text/utf8.hpp"

namespace hd {
namespace {

std::optional<std::string> text_of(const auto& value) {
    if (!value) return std::nullopt;
    return std::string(to_string(*value));
}

std::optional<std::string> cleared_if_empty(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

void refuse_if_closed(const Ticket& t, std::string_view doing) {
    if (t.status == Status::closed)
        fail(ErrorKind::refused, "cannot " + std::string(doing) + " #" + std::to_string(t.id) +
                                     ": it is closed, and a closed ticket is final (open a new ticket and link it)");
}

std::vector<std::string> normalised_tags(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& tag : tags) out.push_back(checked_tag(tag));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

bool TicketEdit::empty() const {
    return !title && !description && !type && !priority && !impact && !urgency && !category && !requester &&
           !channel && add_tags.empty() && remove_tags.empty();
}

TicketService::TicketService(Store& store, Journal& journal, const Config& config, Timestamp now, std::string actor)
    : store_(store), journal_(journal), config_(config), now_(now), actor_(std::move(actor)) {}

Event TicketService::event(TicketId id, std::string kind) const {
    Event e;
    e.ticket = id;
    e.at = now_;
    e.actor = actor_;
    e.kind = std::move(kind);
    return e;
}

const Actor& TicketService::acting() {
    if (!acting_) {
        Actor a;
        a.name = actor_;
        a.store_has_agents = store_.count_agents() > 0;
        if (a.store_has_agents) a.agent = store_.find_agent(actor_);
        acting_ = std::move(a);
    }
    return *acting_;
}

void TicketService::act_on_policy() {
    Actor a;
    a.name = actor_;
    a.store_has_agents = false;  // everyone may do everything: see require_permission
    acting_ = std::move(a);
}

void TicketService::record_breach(TicketId id, const std::string& target, Timestamp due, const std::string& actions) {
    Event e = event(id, "breached");
    e.field = target;
    e.old_value = format_rfc3339(due);
    e.new_value = actions;
    journal_.record(e);
}

std::optional<Agent> TicketService::checked_agent(const std::string& name) {
    const std::string checked = checked_name(name, "agent");
    if (!acting().store_has_agents) return std::nullopt;
    auto agent = store_.find_agent(checked);
    if (!agent) fail(ErrorKind::not_found, "no agent '" + checked + "' (hd agent list shows the agents)");
    return agent;
}

// Records the assignment and, for a real agent, when they last got a ticket (auto-assignment's tie-break).
void TicketService::set_assignee(Ticket& t, const std::optional<std::string>& to) {
    std::optional<std::string> name;
    if (to) {
        name = checked_name(*to, "agent");
        if (auto agent = checked_agent(*name)) {
            require_can_hold(*agent, t);
            agent->last_assigned_at = now_;
            store_.update_agent(*agent);
        }
    }
    if (t.assignee == name) return;
    Event e = event(t.id, "assigned");
    e.old_value = t.assignee;
    e.new_value = name;
    journal_.record(e);
    t.assignee = name;
}

void TicketService::assign_and_save(Ticket& t, const std::optional<std::string>& to) {
    const auto before = t.assignee;
    set_assignee(t, to);
    if (t.assignee == before) return;
    t.updated_at = now_;
    store_.update_ticket(t);
}

RoutingDecision TicketService::route(const RoutingInput& input) const { return route_ticket(config_, input); }

Ticket TicketService::open(const NewTicket& in) {
    require_permission(acting(), Action::open);
    Ticket t;
    t.title = checked_title(in.title, config_);
    if (in.description && !in.description->empty()) t.description = checked_text(*in.description, "description", config_);
    t.type = in.type.value_or(config_.default_type);
    t.impact = in.impact;
    t.urgency = in.urgency;
    if (in.priority)
        t.priority = *in.priority;
    else if (in.impact || in.urgency)
        t.priority = priority_from_matrix(in.impact, in.urgency);
    else
        t.priority = config_.default_priority;
    if (in.category) t.category = checked_category(*in.category, config_);
    if (in.requester) t.requester = checked_name(*in.requester, "requester");
    t.channel = in.channel ? in.channel : config_.default_channel;
    t.tags = normalised_tags(in.tags);
    if (in.dedup_key) t.dedup_key = checked_name(*in.dedup_key, "dedup key");
    t.status = Status::new_;
    t.created_at = t.updated_at = now_;

    // The first tier: given, or from the first routing rule that matches.
    std::optional<std::string> routed_agent;
    std::string routed_by;
    if (in.tier) {
        t.tier = *in.tier;
    } else {
        const RoutingDecision d = route_ticket(config_, RoutingInput{t.category, t.type, t.channel, t.title});
        t.tier = d.tier;
        t.team = d.team;
        routed_agent = d.agent;
        if (d.rule) routed_by = "routed by " + d.rule->name;
    }
    if (!tier_by_level(config_, t.tier))
        fail(ErrorKind::usage, "there is no tier " + std::to_string(t.tier) + " (tiers 1.." +
                                   std::to_string(config_.tiers.size()) + ")");
    if (in.team) t.team = checked_name(*in.team, "team");

    t.id = store_.insert_ticket(t);
    Event created = event(t.id, "created");
    created.new_value = t.title;
    if (!routed_by.empty()) created.note = routed_by;
    journal_.record(created);
    if (in.assignee) {
        require_permission(acting(), Action::assign);
        set_assignee(t, in.assignee);
        store_.update_ticket(t);
    } else if (routed_agent) {
        // A rule naming an agent who is gone (or of too low a tier) must not stop tickets from being
        // filed, by monitoring at 3 a.m. least of all: the ticket waits in its tier's queue instead,
        // and its log says why.
        try {
            set_assignee(t, routed_agent);
            store_.update_ticket(t);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::not_found && e.kind() != ErrorKind::refused) throw;
            Event skipped = event(t.id, "unrouted");
            skipped.new_value = routed_agent;
            skipped.note = std::string("not assigned by the route: ") + e.what();
            journal_.record(skipped);
        }
    }
    return t;
}

Ticket TicketService::get(TicketId id) {
    auto t = store_.find_ticket(id);
    if (!t) fail(ErrorKind::not_found, "no ticket #" + std::to_string(id) + " (hd list shows the tickets there are)");
    return *t;
}

bool TicketService::record_field(TicketId id, const char* field, const std::optional<std::string>& from,
                                 const std::optional<std::string>& to) {
    if (from == to) return false;
    Event e = event(id, "field");
    e.field = field;
    e.old_value = from;
    e.new_value = to;
    journal_.record(e);
    return true;
}

Ticket TicketService::edit(TicketId id, const TicketEdit& in, bool* changed) {
    const Ticket before = get(id);
    require_permission(acting(), Action::edit, &before);
    refuse_if_closed(before, "edit");
    Ticket t = before;
    if (in.title) t.title = checked_title(*in.title, config_);
    if (in.description) t.description = cleared_if_empty(checked_text(*in.description, "description", config_));
    if (in.type) t.type = *in.type;
    if (in.impact) t.impact = in.impact;
    if (in.urgency) t.urgency = in.urgency;
    if (in.priority)
        t.priority = *in.priority;
    else if (in.impact || in.urgency)
        t.priority = priority_from_matrix(t.impact, t.urgency);
    if (in.category) t.category = in.category->empty() ? std::nullopt : std::optional(checked_category(*in.category, config_));
    if (in.requester) t.requester = in.requester->empty() ? std::nullopt : std::optional(checked_name(*in.requester, "requester"));
    if (in.channel) t.channel = in.channel;
    if (in.team) t.team = in.team->empty() ? std::nullopt : std::optional(checked_name(*in.team, "team"));
    for (const auto& tag : normalised_tags(in.add_tags))
        if (std::find(t.tags.begin(), t.tags.end(), tag) == t.tags.end()) t.tags.push_back(tag);
    for (const auto& tag : normalised_tags(in.remove_tags)) std::erase(t.tags, tag);
    std::sort(t.tags.begin(), t.tags.end());

    bool any = false;
    any |= record_field(id, "title", before.title, t.title);
    any |= record_field(id, "description", before.description, t.description);
    any |= record_field(id, "type", std::string(to_string(before.type)), std::string(to_string(t.type)));
    any |= record_field(id, "priority", to_string(before.priority), to_string(t.priority));
    any |= record_field(id, "impact", text_of(before.impact), text_of(t.impact));
    any |= record_field(id, "urgency", text_of(before.urgency), text_of(t.urgency));
    any |= record_field(id, "category", before.category, t.category);
    any |= record_field(id, "requester", before.requester, t.requester);
    any |= record_field(id, "channel", text_of(before.channel), text_of(t.channel));
    any |= record_field(id, "team", before.team, t.team);
    for (const auto& tag : t.tags)
        if (std::find(before.tags.begin(), before.tags.end(), tag) == before.tags.end()) {
            Event e = event(id, "tagged");
            e.new_value = tag;
            journal_.record(e);
            any = true;
        }
    for (const auto& tag : before.tags)
        if (std::find(t.tags.begin(), t.tags.end(), tag) == t.tags.end()) {
            Event e = event(id, "untagged");
            e.old_value = tag;
            journal_.record(e);
            any = true;
        }
    if (changed) *changed = any;
    if (!any) return before;
    t.updated_at = now_;
    store_.update_ticket(t);
    return t;
}

Comment TicketService::comment(TicketId id, const std::string& body, bool internal) {
    Ticket t = get(id);
    require_permission(acting(), Action::comment, &t);
    Comment c;
    c.ticket = id;
    c.at = now_;
    c.author = actor_;
    c.body = checked_text(body, "comment", config_);
    if (trim(c.body).empty()) fail(ErrorKind::usage, "the comment is empty");
    c.internal = internal;
    c.id = store_.insert_comment(c);
    Event e = event(id, "commented");
    e.new_value = std::to_string(c.id);
    if (internal) e.note = "internal";
    journal_.record(e);
    t.updated_at = now_;
    store_.update_ticket(t);
    return c;
}

Ticket TicketService::assign(TicketId id, const std::optional<std::string>& agent) {
    Ticket t = get(id);
    require_permission(acting(), Action::assign, &t);
    refuse_if_closed(t, agent ? "assign" : "unassign");
    assign_and_save(t, agent);
    return t;
}

Ticket TicketService::take(TicketId id) {
    Ticket t = get(id);
    require_permission(acting(), Action::take, &t);
    if (t.status == Status::resolved || t.status == Status::closed)
        fail(ErrorKind::refused, "cannot take #" + std::to_string(id) + ": it is " + std::string(to_string(t.status)) +
                                     (t.status == Status::resolved ? "; reopen it first" : ""));
    assign_and_save(t, actor_);
    if (t.status != Status::open) t = set_status(t, Status::open, Move::start, std::nullopt);
    return t;
}

Ticket TicketService::move(TicketId id, Move move, const std::optional<std::string>& note,
                           std::optional<ResolutionCode> code) {
    Ticket t = get(id);
    require_permission(acting(), move == Move::resolve ? Action::resolve : Action::move, &t);
    const auto to = apply_move(t.status, move);
    if (!to) fail(ErrorKind::refused, illegal_move_message(id, t.status, move));
    std::optional<std::string> checked_note;
    if (note) {
        // A note piped from a command ends with a newline that is not part of it.
        checked_note = trim(checked_text(*note, move == Move::resolve ? "resolution note" : "reason", config_));
        if (checked_note->empty()) checked_note.reset();
    }
    if (move == Move::resolve && !checked_note)
        fail(ErrorKind::usage, "resolving #" + std::to_string(id) + " needs --note saying what solved it");
    if (move == Move::reopen && !checked_note)
        fail(ErrorKind::usage, "reopening #" + std::to_string(id) + " needs --reason saying why");
    if (move == Move::resolve) {
        const auto old_code = text_of(t.resolution_code);
        t.resolution_code = code.value_or(ResolutionCode::fixed);
        record_field(id, "resolution_code", old_code, text_of(t.resolution_code));
    }
    return set_status(t, *to, move, checked_note);
}

Ticket TicketService::set_status(Ticket t, Status to, Move move, const std::optional<std::string>& note) {
    Event e = event(t.id, "status");
    e.old_value = std::string(to_string(t.status));
    e.new_value = std::string(to_string(to));
    e.note = note;
    journal_.record(e);
    t.status = to;
    switch (to) {
        case Status::resolved: t.resolved_at = now_; break;
        case Status::closed: t.closed_at = now_; break;
        case Status::open:
            if (move == Move::reopen) {
                t.resolved_at.reset();
                t.resolution_code.reset();
            }
            break;
        default: break;
    }
    t.updated_at = now_;
    store_.update_ticket(t);
    return t;
}

}  // namespace hd
