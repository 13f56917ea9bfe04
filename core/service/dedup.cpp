// Idempotent filing for cron and monitoring: `hd open --dedup KEY`.
#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/service/tickets.hpp"

namespace hd {

std::string_view to_string(Filing f) {
    switch (f) {
        case Filing::opened: return "opened";
        case Filing::occurred: return "occurred";
        case Filing::reopened: return "reopened";
        case Filing::followed_up: return "followed-up";
    }
    return "?";
}

Filed TicketService::file(const NewTicket& in) {
    if (!in.dedup_key) return Filed{open(in), Filing::opened, std::nullopt};
    NewTicket keyed = in;
    keyed.dedup_key = checked_name(*in.dedup_key, "dedup key");
    const auto last = store_.find_by_dedup_key(*keyed.dedup_key);
    if (!last) return Filed{open(keyed), Filing::opened, std::nullopt};

    // The problem came back after it was solved: reopen it (the reporter need not be an agent; the
    // store does it on their behalf, as it files new tickets for them), or file a new one after it.
    const auto reopen = [&](Ticket t) {
        t = set_status(std::move(t), Status::open, Move::reopen, "reported again (dedup key " + *keyed.dedup_key + ")");
        return Filed{record_occurrence(std::move(t), keyed), Filing::reopened, std::nullopt};
    };
    const auto follow_up = [&](const Ticket& earlier) {
        Ticket t = open(keyed);
        store_.insert_link(Link{t.id, earlier.id, LinkKind::relates, now_, actor_});
        Event e = event(t.id, "linked");
        e.new_value = "relates to #" + std::to_string(earlier.id);
        e.note = "reported again after #" + std::to_string(earlier.id) + " was " + std::string(to_string(earlier.status));
        journal_.record(e);
        return Filed{std::move(t), Filing::followed_up, earlier.id};
    };

    if (last->is_active()) return Filed{record_occurrence(*last, keyed), Filing::occurred, std::nullopt};
    if (last->status == Status::resolved) {
        switch (config_.dedup_on_resolved) {
            case DedupOnResolved::reopen: return reopen(*last);
            case DedupOnResolved::append: return Filed{record_occurrence(*last, keyed), Filing::occurred, std::nullopt};
            case DedupOnResolved::new_ticket: return follow_up(*last);
        }
    }
    if (config_.dedup_on_closed == DedupOnClosed::reopen) return reopen(*last);
    return follow_up(*last);
}

Ticket TicketService::record_occurrence(Ticket t, const NewTicket& in) {
    require_permission(acting(), Action::open);
    Event e = event(t.id, "occurred");
    e.field = "occurrences";
    e.old_value = std::to_string(t.occurrences);
    e.new_value = std::to_string(t.occurrences + 1);
    journal_.record(e);
    t.occurrences += 1;
    t.last_seen_at = now_;
    t.updated_at = now_;
    store_.update_ticket(t);

    // What the reporter says this time, when it is news: compared with the last thing they said
    // (their last comment on the ticket, else its description).
    if (in.description && !in.description->empty()) {
        const std::string text = checked_text(*in.description, "description", config_);
        std::optional<std::string> last_said = t.description;
        for (const auto& c : store_.comments(t.id))
            if (c.author == actor_) last_said = c.body;
        if (text != last_said.value_or("")) comment(t.id, text, false);
    }
    return store_.find_ticket(t.id).value_or(t);
}

}  // namespace hd
