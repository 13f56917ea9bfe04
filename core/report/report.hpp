// What `hd report` shows, as plain numbers: the store fills them in one pass of its query language,
// the service completes them (every priority, every configured tier), the command prints them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/time.hpp"
#include "core/report/period.hpp"
#include "core/report/rating.hpp"

namespace hd {

// A share of something: `part` of `whole`. No rate when there is nothing to share (whole 0): reports
// say "no data" then, never 0 %.
struct Ratio {
    std::int64_t part = 0;
    std::int64_t whole = 0;
    std::optional<double> rate() const {
        if (whole <= 0) return std::nullopt;
        return static_cast<double>(part) / static_cast<double>(whole);
    }
    Ratio& operator+=(const Ratio& o) {
        part += o.part;
        whole += o.whole;
        return *this;
    }
};

// Durations of some tickets (to first response, to resolution), in wall-clock seconds: how many, and
// their mean and median (of an even count, the mean of the two middle ones), rounded to the second.
struct DurationStats {
    std::int64_t count = 0;
    std::optional<Seconds> mean;
    std::optional<Seconds> median;
};

// The backlog by age at the end of the range: under 1 day, 1-3 days, 3-7 days, 7-30 days, over 30.
struct AgeBand {
    const char* name;           // "<1d", "1-3d", ...
    const char* field;          // "under_1d", "1d_to_3d", ... (for --json and --csv)
    Seconds from;               // inclusive
    std::optional<Seconds> to;  // exclusive; none for the last
};
constexpr std::size_t kAgeBands = 5;
const std::array<AgeBand, kAgeBands>& age_bands();

// Ratings: how many, their mean score, and how many scored 4 or 5.
struct Satisfaction {
    std::int64_t ratings = 0;
    std::int64_t score_sum = 0;
    std::int64_t satisfied = 0;
    std::optional<double> average() const {
        if (ratings <= 0) return std::nullopt;
        return static_cast<double>(score_sum) / static_cast<double>(ratings);
    }
    Ratio satisfied_share() const { return Ratio{satisfied, ratings}; }
};

// summary: tickets opened (created in the range), resolved (resolved in it), the backlog at --until
// (created before it and not resolved by then) and its ages; times to first response (tickets opened in
// the range and answered before its end) and to resolution (resolved in the range); first-contact
// resolution (of those resolved: at tier 1, never escalated); escalation (of those opened: escalated at
// least once); SLA compliance (of the clocks that stopped in the range: met); satisfaction (ratings given
// in the range).
struct SummaryReport {
    std::int64_t opened = 0;
    std::int64_t resolved = 0;
    std::int64_t backlog = 0;
    std::array<std::int64_t, kAgeBands> backlog_by_age{};
    DurationStats first_response;
    DurationStats resolution;
    Ratio first_contact;
    Ratio escalated;
    Ratio respond_met;
    Ratio resolve_met;
    Satisfaction satisfaction;
};

// sla, per priority (0 for all of them): clocks that stopped in the range and how many met their
// target; breaches the sweep recorded in the range, by target; and, now, open tickets past a due time
// (breached) or past their at-risk time but not yet due (at risk).
struct SlaRow {
    int priority = 0;
    Ratio respond;
    Ratio resolve;
    std::int64_t respond_breaches = 0;
    std::int64_t resolve_breaches = 0;
    std::int64_t pickup_breaches = 0;
    std::int64_t hold_breaches = 0;
    std::int64_t open_breached = 0;
    std::int64_t open_at_risk = 0;
    SlaRow& operator+=(const SlaRow& o);
};

struct SlaReport {
    std::vector<SlaRow> priorities;  // P1..P4
    SlaRow total;
};

// tiers, per tier level: tickets resolved there in the range, escalations out of it in the range, the
// escalation rate (escalated out of those it handled: escalated out + resolved), its backlog now (new,
// open and pending tickets at the tier), resolution times of what it resolved, and OLA breaches
// (pickup, hold) recorded in the range.
struct TierRow {
    int tier = 1;
    std::optional<std::string> name;  // from the config; none for a level the config no longer has
    DurationStats resolution;         // count: resolved there
    std::int64_t escalated_out = 0;
    std::int64_t backlog = 0;
    std::int64_t pickup_breaches = 0;
    std::int64_t hold_breaches = 0;
    Ratio escalation() const { return Ratio{escalated_out, escalated_out + resolution.count}; }
};

// agents, per assignee (none: unassigned): tickets they resolved in the range with the times and the
// first-contact share, their backlog now, and the ratings given in the range to their tickets.
struct AgentRow {
    std::optional<std::string> agent;
    DurationStats resolution;  // count: resolved
    Ratio first_contact;
    std::int64_t backlog = 0;
    Satisfaction satisfaction;
};

// categories, per category (none: no category): opened and resolved in the range, the backlog at
// --until, resolution times, and the resolve clocks that stopped in the range and met their target.
struct CategoryRow {
    std::optional<std::string> category;
    std::int64_t opened = 0;
    DurationStats resolution;  // count: resolved
    std::int64_t backlog = 0;
    Ratio resolve_met;
};

// volume, per bucket: opened and resolved in it, and the backlog at its end.
struct VolumeRow {
    Bucket bucket;
    std::int64_t opened = 0;
    std::int64_t resolved = 0;
    std::int64_t backlog = 0;
};

// csat: ratings given in the range, by score, overall and per bucket, and the latest comments.
struct ScoreCounts {
    std::array<std::int64_t, kHighestScore> counts{};  // [0] holds score 1
    Satisfaction satisfaction() const;
};

struct CsatBucket {
    Bucket bucket;
    ScoreCounts scores;
};

struct CsatReport {
    ScoreCounts scores;
    std::vector<CsatBucket> buckets;
    std::vector<Rating> comments;  // newest first
};

// How many comments `hd report csat` shows.
constexpr int kCsatComments = 10;

}  // namespace hd
