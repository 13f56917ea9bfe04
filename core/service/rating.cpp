// Satisfaction ratings: the requester's score of a solved ticket, kept once per ticket and audited.
#include "core/error.hpp"
#include "core/rules/fields.hpp"
#include "core/service/tickets.hpp"
#include "core/text/utf8.hpp"

namespace hd {

Rating TicketService::rate(TicketId id, int score, const std::optional<std::string>& comment) {
    if (score < kLowestScore || score > kHighestScore)
        fail(ErrorKind::usage, "a score is a whole number from " + std::to_string(kLowestScore) +
                                   " (very dissatisfied) to " + std::to_string(kHighestScore) +
                                   " (very satisfied), not " + std::to_string(score));
    Ticket t = get(id);
    require_permission(acting(), Action::rate, &t);
    if (t.status != Status::resolved && t.status != Status::closed)
        fail(ErrorKind::refused, "cannot rate #" + std::to_string(id) + ": it is " + std::string(to_string(t.status)) +
                                     "; a ticket is rated once it is resolved or closed");
    Rating r;
    r.ticket = id;
    r.score = score;
    if (comment) {
        // A comment piped from a command ends with a newline that is not part of it.
        std::string text = trim(checked_text(*comment, "rating comment", config_));
        if (!text.empty()) r.comment = std::move(text);
    }
    r.rated_by = actor_;
    r.rated_at = now_;
    const auto earlier = store_.reports().find_rating(id);
    store_.reports().put_rating(r);

    Event e = event(id, "rated");
    if (earlier) e.old_value = std::to_string(earlier->score);
    e.new_value = std::to_string(score);
    e.note = r.comment;
    journal_.record(e);
    return r;
}

}  // namespace hd
