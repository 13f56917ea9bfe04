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
    std::optional<int> tier;
    std::optional<std::string> assignee;
    std::optional<std::string> requester;
    std::optional<Channel> channel;
    std::vector<std::string> tags;
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
    std::optional<Channel> channel;
    std::vector<std::string> add_tags;
    std::vector<std::string> remove_tags;
    bool empty() const;
};

class TicketService {
public:
    TicketService(Store& store, Journal& journal, const Config& config, Timestamp now, std::string actor);

    Ticket open(const NewTicket& input);
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

    const std::string& actor() const { return actor_; }

private:
    Event event(TicketId id, std::string kind) const;
    bool record_field(TicketId id, const char* field, const std::optional<std::string>& from,
                      const std::optional<std::string>& to);
    Ticket set_status(Ticket t, Status to, Move move, const std::optional<std::string>& note);

    Store& store_;
    Journal& journal_;
    const Config& config_;
    Timestamp now_;
    std::string actor_;
};

}  // namespace hd
