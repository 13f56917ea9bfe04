// The reports' part of the store: satisfaction ratings, and the aggregates `hd report` shows, each
// computed by the store in one pass over the rows of the range (never ticket by ticket in C++), so that
// a report costs what its range holds, not what the store holds. Reached through Store::reports(),
// inside the command's transaction. A store that does not exist yet reports zeros.
#pragma once

#include <optional>
#include <vector>

#include "core/report/period.hpp"
#include "core/report/rating.hpp"
#include "core/report/report.hpp"

namespace hd {

class ReportStore {
public:
    virtual ~ReportStore() = default;

    // Inserts the rating, or replaces the ticket's earlier one.
    virtual void put_rating(const Rating& rating) = 0;
    virtual std::optional<Rating> find_rating(TicketId ticket) = 0;

    // Each report over period's range [since, until). "Now" figures (backlog by tier and agent, open
    // tickets breached or at risk) are as of `now`.
    virtual SummaryReport summary(const Period& period) = 0;
    // Priorities that have data, in order; the caller adds the missing ones and the total.
    virtual std::vector<SlaRow> sla(const Period& period, Timestamp now) = 0;
    // Tier levels that have data, in order; names unset.
    virtual std::vector<TierRow> tiers(const Period& period) = 0;
    // Assignees that have data (none: unassigned tickets), by name.
    virtual std::vector<AgentRow> agents(const Period& period) = 0;
    // Categories that have data (none: no category), by name.
    virtual std::vector<CategoryRow> categories(const Period& period) = 0;
    // One row per bucket of the period.
    virtual std::vector<VolumeRow> volume(const Period& period) = 0;
    // One bucket per bucket of the period; at most `comments` comments, newest first.
    virtual CsatReport csat(const Period& period, int comments) = 0;
};

}  // namespace hd
