// The time range a report covers (--since, --until) and its buckets (--by day|week|month), in UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/time.hpp"

namespace hd {

enum class Bucketing { day, week, month };
std::string_view to_string(Bucketing b);  // "day", "week", "month"
std::optional<Bucketing> parse_bucketing(std::string_view text);

// One bucket: [start, end), clipped to the report's range. `label` names the whole calendar bucket:
// "2026-11-23" (a day), "2026-11-16" (the Monday a week starts on), "2026-11" (a month).
struct Bucket {
    Timestamp start = 0;
    Timestamp end = 0;
    std::string label;
};

struct Period {
    Timestamp since = 0;     // inclusive
    Timestamp until = 0;     // exclusive
    bool until_now = false;  // until was not given: it is the end of the current second
    Bucketing by = Bucketing::day;
    std::vector<Bucket> buckets;  // cover [since, until) in order, without gaps

    // Where bucket 0 starts before clipping: UTC midnight (day), Monday midnight (week) or the first of
    // the month at midnight (month). A store numbers an instant's bucket from it (bucket_index).
    Timestamp origin = 0;
    // For months: year * 12 + month - 1 of the first bucket.
    std::int64_t origin_month = 0;
};

// The most buckets a report splits into; more is refused (asking for a coarser --by).
constexpr std::size_t kMaxBuckets = 1000;

// The range from the options as the user typed them (empty: not given):
// - since: a duration back from now ("30d", "2w"), or an RFC 3339 date or instant; default 30d;
// - until: the same forms; default the end of the current second (now + 1: until is not included);
// - by: day, week or month; default day for ranges up to 31 days, week up to 26 weeks, else month.
// Throws hd::Error(usage) naming the option for bad text, since >= until, or too many buckets.
Period make_period(std::string_view since, std::string_view until, std::string_view by, Timestamp now);

// The bucket of an instant in [since, until), counted from origin: the arithmetic a store repeats in
// its query language, kept here so that a test can hold the two side by side.
std::size_t bucket_index(const Period& period, Timestamp t);

// UTC calendar helpers.
Timestamp start_of_day(Timestamp t);
Timestamp start_of_week(Timestamp t);  // the Monday
Timestamp start_of_month(Timestamp t);
Timestamp add_months(Timestamp month_start, int months);

}  // namespace hd
