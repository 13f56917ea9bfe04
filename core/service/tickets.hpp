// What can be done to tickets: open, edit, comment, assign, and the lifecycle moves. Every change is
// checked against the rules, recorded in the journal, and written through the Store inside the
// caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/events/journal.hpp"
#include "core/model/ticket.hpp"
#include "core/rules/lifecycle.hpp"
#include "core/rules/permissions.hpp"
#include "core/rules/routing.hpp"
#include "core/store/store.hpp"

namespace hd {

struct NewTicket {
    std::string title;
    std::optional<std::string> description;
    std::optional<TicketType> type;
    std::optional<Priority> priority;  // wins over impact × urgency
    std::optional<Level> impact;
    std::optional<Level> urgency;
    std::optional<std::string> category;
    std::optional<int> tier;  // given: routing rules are not applied
    std::optional<std::string> assignee;
    std::optional<std::string> team;
    std::optional<std::string> requester;
    std::optional<Channel> channel;
    std::vector<std::string> tags;
    // `hd open --dedup KEY`: see TicketService::file.
    std::optional<std::string> dedup_key;
};

// What `hd open --dedup KEY` did.
enum class Filing {
    opened,      // a new ticket (no ticket had the key)
    occurred,    // the problem was already filed and not yet solved: one more occurrence
    reopened,    // it had been resolved (or closed, by config): it came back
    followed_up, // it had been closed (or resolved, by config): a new ticket, linked to the earlier one
};
std::string_view to_string(Filing f);

struct Filed {
    Ticket ticket;
    Filing filing = Filing::opened;
    std::optional<TicketId> earlier;  // followed_up: the ticket it follows
};

// Only what is set changes. An empty string clears an optional text field (description, category,
// requester).
struct TicketEdit {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<TicketType> type;
    std::optional<Priority> priority;
    std::optional<Level> impact;
    std::optional<Level> urgency;
    std::optional<std::string> category;
    std::optional<std::string> requester;
    std::optional<std::string> team;
    std::optional<Channel> channel;
    std::vector<std::string> add_tags;
    std::vector<std::string> remove_tags;
    bool empty() const;
};

class TicketService {
public:
    TicketService(Store& store, Journal& journal, const Config& config, Timestamp now, std::string actor);

    Ticket open(const NewTicket& input);
    // Files a ticket idempotently by its dedup key: while the newest ticket with that key is new,
    // open or pending, its occurrences rise by one instead (an `occurred` event, and the new
    // description as a comment when it differs from the last one reported); a resolved or closed
    // one is reopened or followed by a new ticket, as dedup_on_resolved / dedup_on_closed say.
    // Atomic because the caller holds the write lock (BEGIN IMMEDIATE) from the lookup to the commit.
    Filed file(const NewTicket& input);
    Ticket get(TicketId id);  // hd::Error(not_found) when there is none
    // Returns the ticket; `changed` is false when the edit set every field to what it already was
    // (nothing is written then, and updated_at stays).
    Ticket edit(TicketId id, const TicketEdit& edit, bool* changed = nullptr);
    Comment comment(TicketId id, const std::string& body, bool internal);
    Ticket assign(TicketId id, const std::optional<std::string>& agent);  // nullopt unassigns
    Ticket take(TicketId id);                                             // assign to me and open
    // start, pend, resolve, close, reopen. `note` is the reason or resolution note.
    Ticket move(TicketId id, Move move, const std::optional<std::string>& note,
                std::optional<ResolutionCode> code = std::nullopt);

    // Escalation: up (default one tier) or down (default one tier), keeping the reason. The ticket is
    // unassigned unless `assign` names an agent who may hold it at its new tier.
    Ticket escalate(TicketId id, std::optional<int> to, const std::string& reason,
                    const std::optional<std::string>& assign);
    Ticket deescalate(TicketId id, std::optional<int> to, const std::string& reason,
                      const std::optional<std::string>& assign);

    // Queues: `next` takes the top ticket of my tier's queue (nullopt when it is empty);
    // `auto_assign` gives the ticket to the least-loaded agent of its tier, ties to the one idle longest.
    std::optional<Ticket> next();
    Ticket auto_assign(TicketId id);
    // The tier whose queue is "mine": my agent tier, or tier 1 for who is not an agent.
    int my_tier();

    // Links and merges.
    void link(TicketId from, TicketId to, LinkKind kind);
    void unlink(TicketId a, TicketId b);
    // Moves SRC's comments, events (copied), tags, requesters and occurrences to INTO, and resolves SRC
    // as a duplicate of INTO.
    Ticket merge(TicketId source, TicketId into);

    // The requester's satisfaction with a resolved or closed ticket, 1 to 5 (core/service/rating.cpp).
    // Rating again replaces the earlier rating; each is a `rated` event in the audit log.
    Rating rate(TicketId id, int score, const std::optional<std::string>& comment);

    // How a new ticket with these fields would be routed (for `hd route test`).
    RoutingDecision route(const RoutingInput& input) const;

    // The SLA sweep acts on the config's authority (on_breach): from now on no tier or role rule
    // applies to this service's changes.
    void act_on_policy();
    // Audits a breach: an event of kind "breached", field the target (respond, resolve, pickup, hold),
    // old_value the due time, new_value the on_breach actions ("escalate,hook"; "" for none).
    void record_breach(TicketId id, const std::string& target, Timestamp due, const std::string& actions);

    const std::string& actor() const { return actor_; }
    const Actor& acting();

private:
    Ticket change_tier(TicketId id, std::optional<int> to, const std::string& reason,
                       const std::optional<std::string>& assign, bool up);
    // The agent, checked to exist when the store has agents; nullopt when it has none (names are free).
    std::optional<Agent> checked_agent(const std::string& name);
    void set_assignee(Ticket& t, const std::optional<std::string>& to);
    // set_assignee, then saves the ticket (with a new updated_at) when the assignee changed.
    void assign_and_save(Ticket& t, const std::optional<std::string>& to);
    Event event(TicketId id, std::string kind) const;
    Ticket record_occurrence(Ticket t, const NewTicket& input);
    bool record_field(TicketId id, const char* field, const std::optional<std::string>& from,
                      const std::optional<std::string>& to);
    Ticket set_status(Ticket t, Status to, Move move, const std::optional<std::string>& note);

    Store& store_;
    Journal& journal_;
    const Config& config_;
    Timestamp now_;
    std::string actor_;
    std::optional<Actor> acting_;
};

}  // namespace hd
