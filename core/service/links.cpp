// Working tickets together: links between tickets, and merging one ticket into another.
#include <algorithm>

#include "core/error.hpp"
#include "core/service/tickets.hpp"

namespace hd {

void TicketService::link(TicketId from, TicketId to, LinkKind kind) {
    if (from == to) fail(ErrorKind::usage, "cannot link #" + std::to_string(from) + " to itself");
    Ticket a = get(from);
    get(to);
    require_permission(acting(), Action::link, &a);
    if (!store_.insert_link(Link{from, to, kind, now_, actor_})) return;  // already linked so
    Event e = event(from, "linked");
    e.field = std::string(to_string(kind));
    e.new_value = "#" + std::to_string(to);
    journal_.record(e);
    Event back = event(to, "linked");
    back.field = std::string(to_string(kind));
    back.old_value = "#" + std::to_string(from);  // the link points here, from `from`
    journal_.record(back);
    a.updated_at = now_;
    store_.update_ticket(a);
}

void TicketService::unlink(TicketId a, TicketId b) {
    Ticket first = get(a);
    get(b);
    require_permission(acting(), Action::link, &first);
    if (!store_.delete_links(a, b))
        fail(ErrorKind::not_found, "#" + std::to_string(a) + " and #" + std::to_string(b) + " are not linked");
    for (auto [self, other] : {std::pair{a, b}, std::pair{b, a}}) {
        Event e = event(self, "unlinked");
        e.old_value = "#" + std::to_string(other);
        journal_.record(e);
    }
    first.updated_at = now_;
    store_.update_ticket(first);
}

Ticket TicketService::merge(TicketId source, TicketId into) {
    if (source == into) fail(ErrorKind::usage, "cannot merge #" + std::to_string(source) + " into itself");
    Ticket src = get(source);
    Ticket dst = get(into);
    require_permission(acting(), Action::merge, &src);
    for (const Ticket* t : {&src, &dst})
        if (t->status == Status::closed)
            fail(ErrorKind::refused, "cannot merge: #" + std::to_string(t->id) + " is closed, and a closed ticket is final");
    if (src.status == Status::resolved)
        fail(ErrorKind::refused, "cannot merge #" + std::to_string(source) + ": it is resolved already (reopen it first)");

    // INTO's log gets SRC's history (copied: the log is append-only), then the merge itself.
    store_.copy_events(source, into);
    store_.move_comments(source, into);
    Event merged = event(into, "merged");
    merged.old_value = "#" + std::to_string(source);
    merged.note = src.title;
    journal_.record(merged);

    for (const auto& tag : src.tags)
        if (std::find(dst.tags.begin(), dst.tags.end(), tag) == dst.tags.end()) {
            dst.tags.push_back(tag);
            Event e = event(into, "tagged");
            e.new_value = tag;
            journal_.record(e);
        }
    std::sort(dst.tags.begin(), dst.tags.end());
    // Everyone who asked about SRC hears about INTO.
    std::vector<std::string> people = src.cc;
    if (src.requester) people.push_back(*src.requester);
    for (const auto& person : people)
        if (person != dst.requester && std::find(dst.cc.begin(), dst.cc.end(), person) == dst.cc.end())
            dst.cc.push_back(person);
    std::sort(dst.cc.begin(), dst.cc.end());
    dst.occurrences += src.occurrences;
    dst.updated_at = now_;
    store_.update_ticket(dst);

    store_.insert_link(Link{source, into, LinkKind::duplicate_of, now_, actor_});
    Event linked = event(source, "linked");
    linked.field = std::string(to_string(LinkKind::duplicate_of));
    linked.new_value = "#" + std::to_string(into);
    journal_.record(linked);
    move(source, Move::resolve, "merged into #" + std::to_string(into), ResolutionCode::duplicate);
    return get(into);
}

}  // namespace hd
