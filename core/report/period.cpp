// Report ranges and their UTC buckets, on the C++20 civil calendar.
#include "core/report/period.hpp"

#include <chrono>

#include "core/error.hpp"

namespace hd {
namespace {

using namespace std::chrono;

constexpr Seconds kDay = 86400;
constexpr Seconds kWeek = 7 * kDay;

year_month_day civil(Timestamp t) {
    return year_month_day{floor<days>(sys_seconds{seconds{t}})};
}

Timestamp midnight(const year_month_day& ymd) {
    return sys_days{ymd}.time_since_epoch().count() * kDay;
}

std::int64_t month_number(Timestamp t) {
    const auto ymd = civil(t);
    return static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) - 1;
}

std::string two_digits(unsigned v) {
    return (v < 10 ? "0" : "") + std::to_string(v);
}

std::string label_of(Timestamp bucket_start, Bucketing by) {
    const auto ymd = civil(bucket_start);
    std::string out =
        std::to_string(static_cast<int>(ymd.year())) + "-" + two_digits(static_cast<unsigned>(ymd.month()));
    if (by != Bucketing::month) out += "-" + two_digits(static_cast<unsigned>(ymd.day()));
    return out;
}

Timestamp next_start(Timestamp start, Bucketing by) {
    switch (by) {
        case Bucketing::day: return start + kDay;
        case Bucketing::week: return start + kWeek;
        case Bucketing::month: return add_months(start, 1);
    }
    return start + kDay;
}

Timestamp aligned(Timestamp t, Bucketing by) {
    switch (by) {
        case Bucketing::day: return start_of_day(t);
        case Bucketing::week: return start_of_week(t);
        case Bucketing::month: return start_of_month(t);
    }
    return start_of_day(t);
}

// --since and --until: a duration back from now, or an instant.
std::optional<Timestamp> instant_option(std::string_view text, const char* option, Timestamp now) {
    if (text.empty()) return std::nullopt;
    if (const auto d = parse_duration(text)) return now - *d;
    if (const auto t = parse_rfc3339(text)) return *t;
    fail(ErrorKind::usage, std::string(option) + ": '" + std::string(text) +
                               "' is neither a duration back from now (30d, 2w, 12h) nor an RFC 3339 date or time "
                               "(2026-11-01, 2026-11-01T09:00:00Z)");
}

}  // namespace

std::string_view to_string(Bucketing b) {
    switch (b) {
        case Bucketing::day: return "day";
        case Bucketing::week: return "week";
        case Bucketing::month: return "month";
    }
    return "day";
}

std::optional<Bucketing> parse_bucketing(std::string_view text) {
    if (text == "day") return Bucketing::day;
    if (text == "week") return Bucketing::week;
    if (text == "month") return Bucketing::month;
    return std::nullopt;
}

Timestamp start_of_day(Timestamp t) {
    return floor<days>(sys_seconds{seconds{t}}).time_since_epoch().count() * kDay;
}

Timestamp start_of_week(Timestamp t) {
    const sys_days day = floor<days>(sys_seconds{seconds{t}});
    const weekday wd{day};
    // iso_encoding: Monday 1 .. Sunday 7.
    return (day - days{wd.iso_encoding() - 1}).time_since_epoch().count() * kDay;
}

Timestamp start_of_month(Timestamp t) {
    const auto ymd = civil(t);
    return midnight(ymd.year() / ymd.month() / 1);
}

Timestamp add_months(Timestamp month_start, int n) {
    const auto ymd = civil(month_start);
    return midnight(year_month_day{ymd.year() / ymd.month() / 1} + months{n});
}

Period make_period(std::string_view since_text, std::string_view until_text, std::string_view by_text, Timestamp now) {
    Period p;
    // By default the range ends after the current second, so that what just happened counts.
    p.until = instant_option(until_text, "--until", now).value_or(now + 1);
    p.until_now = until_text.empty();
    p.since = instant_option(since_text, "--since", now).value_or(now - 30 * kDay);
    if (p.since >= p.until)
        fail(ErrorKind::usage,
             "--since (" + format_rfc3339(p.since) + ") must be before --until (" + format_rfc3339(p.until) + ")");
    if (!by_text.empty()) {
        const auto by = parse_bucketing(by_text);
        if (!by)
            fail(ErrorKind::usage, "--by: '" + std::string(by_text) + "' is not valid (expected day, week or month)");
        p.by = *by;
    } else {
        // The second that a default --until adds to take in "now" does not make 31 days a longer range.
        const Seconds length = p.until - p.since - (p.until_now ? 1 : 0);
        p.by = length <= 31 * kDay ? Bucketing::day : length <= 26 * kWeek ? Bucketing::week : Bucketing::month;
    }
    p.origin = aligned(p.since, p.by);
    p.origin_month = month_number(p.origin);
    for (Timestamp start = p.origin; start < p.until;) {
        const Timestamp next = next_start(start, p.by);
        if (p.buckets.size() == kMaxBuckets)
            fail(ErrorKind::usage, "--by " + std::string(to_string(p.by)) + " splits the range into more than " +
                                       std::to_string(kMaxBuckets) + " buckets; use a shorter range or a coarser --by");
        p.buckets.push_back(Bucket{std::max(start, p.since), std::min(next, p.until), label_of(start, p.by)});
        start = next;
    }
    return p;
}

std::size_t bucket_index(const Period& p, Timestamp t) {
    switch (p.by) {
        case Bucketing::day: return static_cast<std::size_t>((t - p.origin) / kDay);
        case Bucketing::week: return static_cast<std::size_t>((t - p.origin) / kWeek);
        case Bucketing::month: return static_cast<std::size_t>(month_number(t) - p.origin_month);
    }
    return 0;
}

}  // namespace hd
