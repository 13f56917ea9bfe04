// Business calendars: weekly local working hours in an IANA zone, minus holidays, turned into UTC intervals
// a day at a time. Runs of whole weeks with one UTC offset and no holiday are counted arithmetically, so a
// year costs a few dozen steps, not 365.
//
// Time zones come from Howard Hinnant's date library (<date/tz.h>, reading the system's /usr/share/zoneinfo),
// the reference implementation of C++20's <chrono> time-zone API, which GCC 12 lacks. Moving to std::chrono
// later is a rename: date::time_zone → std::chrono::time_zone, date::local_days → std::chrono::local_days, and
// so on. Like the library, this reads the zone files' transition tables only: a zone's rule-based changes
// after the last listed transition (2037 in Debian's files) are not applied.
#include "core/sla/calendar.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <exception>
#include <limits>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace hd {

namespace {

using std::chrono::seconds;

constexpr Seconds kDay = 86400;
constexpr Seconds kWeek = 7 * kDay;
constexpr int kSearchDays = 20 * 366;  // add() gives up after 20 years without reaching its total

// Instants the calendar works with: from 0001-01-01 until 10000-01-01, UTC; far outside any ticket's life, and far
// inside what the date library and int64 arithmetic on local times can hold.
constexpr Timestamp kMinTime = date::sys_seconds{date::sys_days{date::year{1} / 1 / 1}}.time_since_epoch().count();
constexpr Timestamp kMaxTime = date::sys_seconds{date::sys_days{date::year{10000} / 1 / 1}}.time_since_epoch().count();

const std::array<const char*, 7> kDayNames = {"monday", "tuesday", "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
const std::array<const char*, 7> kDayShort = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

struct Range {
    Seconds begin;  // seconds after local midnight
    Seconds end;    // up to 86400 (24:00)
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "Mon", "mon", "Monday" → 0; Sunday → 6; -1 for anything else.
int day_index(std::string_view word) {
    const std::string w = lower(word);
    for (int i = 0; i < 7; ++i) {
        const std::string full = kDayNames[i];
        if (w == full || w == full.substr(0, 3)) return i;
    }
    return -1;
}

// "09:00", "9:00", "24:00" → seconds after midnight; -1 when malformed or out of range.
Seconds parse_clock(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3) return -1;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != colon && !std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    const int h = std::stoi(std::string(s.substr(0, colon)));
    const int m = std::stoi(std::string(s.substr(colon + 1)));
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
    return h * 3600 + m * 60;
}

std::string format_clock(Seconds s) {
    const auto h = s / 3600, m = s % 3600 / 60;
    return (h < 10 ? "0" : "") + std::to_string(h) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
}

// Words of the hours text, split at white space and ',' ("Mon-Fri 09:00-17:00, Sat 10:00-14:00", "Mon,Wed"), with
// ";" kept as a word of its own (it ends a group of days and times), and "Mon - Fri" read as "Mon-Fri".
std::vector<std::string> hour_words(std::string_view text) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) words.push_back(std::move(cur));
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            const auto next = text.find_first_not_of(" \t\r\n\v\f", i);
            if ((!cur.empty() && cur.back() == '-') || (next != std::string_view::npos && text[next] == '-')) continue;
            flush();
        } else if (c == ',') {
            flush();
        } else if (c == ';') {
            flush();
            words.emplace_back(";");
        } else {
            cur += c;
        }
    }
    flush();
    return words;
}

// "Mon" or "Mon-Fri" (wrapping: "Fri-Mon" is Fri, Sat, Sun, Mon) → the days it names, Monday first.
std::vector<int> parse_days(const std::string& word) {
    const auto dash = word.find('-');
    const int first = day_index(std::string_view(word).substr(0, dash));
    const int last = dash == std::string::npos ? first : day_index(std::string_view(word).substr(dash + 1));
    if (first < 0 || last < 0) fail(ErrorKind::usage, "hours: '" + word + "' is not a day (Mon, Tue, ... Sun)");
    std::vector<int> days;
    for (int d = first;; d = (d + 1) % 7) {
        days.push_back(d);
        if (d == last) break;
    }
    return days;
}

Range parse_range(const std::string& word) {
    const auto dash = word.find('-');
    if (dash == std::string::npos)
        fail(ErrorKind::usage, "hours: '" + word + "' is not a time range (HH:MM-HH:MM, e.g. 09:00-17:00)");
    const std::string from = word.substr(0, dash), to = word.substr(dash + 1);
    for (const auto& t : {from, to})
        if (parse_clock(t) < 0) fail(ErrorKind::usage, "hours: '" + t + "' in '" + word + "' is not a time (00:00 to 24:00)");
    const Range r{parse_clock(from), parse_clock(to)};
    if (r.end < r.begin) fail(ErrorKind::usage, "hours: " + word + " ends before it starts");
    if (r.end == r.begin) fail(ErrorKind::usage, "hours: " + word + " is empty");
    return r;
}

}  // namespace

struct Calendar::Impl {
    const date::time_zone* zone = nullptr;
    std::array<std::vector<Range>, 7> week;  // Monday first; sorted, disjoint, none empty
    std::vector<date::local_days> holidays;  // sorted, unique
    Seconds per_week = 0;                    // working seconds in a week with one UTC offset and no holiday

    // A local wall-clock time as an instant: in a spring gap, the instant the gap ends; in an autumn
    // overlap, the earlier of the two.
    Timestamp to_utc(date::local_seconds local) const {
        const auto info = zone->get_info(local);
        if (info.result == date::local_info::nonexistent) return info.first.end.time_since_epoch().count();
        return (local - info.first.offset).time_since_epoch().count();
    }

    date::local_days local_day(Timestamp t) const {
        return date::floor<date::days>(zone->to_local(date::sys_seconds{seconds{t}}));
    }

    bool is_holiday(date::local_days d) const { return std::binary_search(holidays.begin(), holidays.end(), d); }

    // The working intervals of local day d in UTC, in order; empty ones (inside a spring gap) left out.
    void intervals(date::local_days d, std::vector<std::pair<Timestamp, Timestamp>>& out) const {
        out.clear();
        if (is_holiday(d)) return;
        const auto wd = date::weekday{d}.iso_encoding() - 1;
        const date::local_seconds midnight{d};
        for (const Range& r : week[wd]) {
            const Timestamp b = to_utc(midnight + seconds{r.begin}), e = to_utc(midnight + seconds{r.end});
            if (e > b) out.emplace_back(b, e);
        }
    }

    // How many whole weeks from local day d on (starting at instant `start`, its midnight) hold exactly
    // per_week seconds: no holiday among their days and one UTC offset throughout.
    Seconds plain_weeks(date::local_days d, Timestamp start) const {
        const auto info = zone->get_info(date::local_seconds{d});
        if (info.result != date::local_info::unique) return 0;
        Seconds weeks = (info.first.end.time_since_epoch().count() - start) / kWeek;
        const auto next = std::lower_bound(holidays.begin(), holidays.end(), d);
        if (next != holidays.end()) weeks = std::min<Seconds>(weeks, (*next - d).count() / 7);
        return weeks;
    }
};

Calendar::Calendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Calendar::Calendar(const Calendar&) = default;
Calendar& Calendar::operator=(const Calendar&) = default;
Calendar::Calendar(Calendar&&) noexcept = default;
Calendar& Calendar::operator=(Calendar&&) noexcept = default;
Calendar::~Calendar() = default;

Calendar Calendar::always() { return Calendar(nullptr); }

bool Calendar::is_always() const { return impl_ == nullptr; }

Calendar Calendar::parse(std::string_view hours, const std::vector<std::string>& holidays, std::string_view timezone) {
    auto impl = std::make_shared<Impl>();

    // Hours: groups of one or more day words followed by one or more time ranges.
    const auto words = hour_words(hours);
    if (std::none_of(words.begin(), words.end(), [](const std::string& w) { return w != ";"; }))
        fail(ErrorKind::usage, "hours: empty; give days and times, e.g. \"Mon-Fri 09:00-17:00\"");
    std::vector<int> days;  // of the current group
    std::string days_text;
    bool have_ranges = false;
    auto end_group = [&] {
        if (!days.empty() && !have_ranges)
            fail(ErrorKind::usage, "hours: '" + days_text + "' has no times, e.g. \"" + days_text + " 09:00-17:00\"");
        days.clear();
        days_text.clear();
        have_ranges = false;
    };
    for (const auto& w : words) {
        if (w == ";") {
            end_group();
        } else if (std::isalpha(static_cast<unsigned char>(w.front()))) {
            if (have_ranges) end_group();
            days_text += (days_text.empty() ? "" : ",") + w;
            for (int d : parse_days(w)) days.push_back(d);
        } else {
            if (days.empty()) fail(ErrorKind::usage, "hours: '" + w + "' has no days before it, e.g. \"Mon-Fri " + w + "\"");
            const Range r = parse_range(w);
            have_ranges = true;
            for (int d : days) {
                for (const Range& o : impl->week[d])
                    if (r.begin < o.end && o.begin < r.end)
                        fail(ErrorKind::usage, "hours: " + w + " overlaps " + format_clock(o.begin) + "-" +
                                                   format_clock(o.end) + " on " + kDayShort[d]);
                impl->week[d].push_back(r);
            }
        }
    }
    end_group();

    for (auto& ranges : impl->week) {
        std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
        std::vector<Range> merged;  // touching ranges ("08:00-12:00 12:00-17:00") become one
        for (const Range& r : ranges) {
            if (!merged.empty() && merged.back().end == r.begin)
                merged.back().end = r.end;
            else
                merged.push_back(r);
        }
        ranges = std::move(merged);
        for (const Range& r : ranges) impl->per_week += r.end - r.begin;
    }
    if (impl->per_week == 0) fail(ErrorKind::usage, "hours: no working time in the week");  // unreachable today

    for (const auto& text : holidays) {
        const auto bad = [&] { fail(ErrorKind::usage, "holidays: '" + text + "' is not a date (YYYY-MM-DD)"); };
        if (text.size() != 10 || text[4] != '-' || text[7] != '-') bad();
        for (std::size_t i = 0; i < text.size(); ++i)
            if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(text[i]))) bad();
        const date::year_month_day ymd{date::year{std::stoi(text.substr(0, 4))},
                                       date::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                       date::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
        if (!ymd.ok() || ymd.year() < date::year{1}) bad();
        impl->holidays.push_back(date::local_days{ymd});
    }
    std::sort(impl->holidays.begin(), impl->holidays.end());
    impl->holidays.erase(std::unique(impl->holidays.begin(), impl->holidays.end()), impl->holidays.end());

    if (timezone.empty()) fail(ErrorKind::usage, "timezone: empty; give an IANA name, e.g. \"Europe/Warsaw\" or \"UTC\"");
    try {
        (void)date::get_tzdb();
    } catch (const std::exception& e) {
        fail(ErrorKind::other, std::string("timezone: cannot read the time-zone database (install tzdata): ") + e.what());
    }
    try {
        impl->zone = date::locate_zone(timezone);
        (void)impl->zone->get_info(date::sys_seconds{});  // reads the zone's file now, so a broken one fails here
    } catch (const std::exception&) {
        fail(ErrorKind::usage, "timezone: '" + std::string(timezone) + "' is not in the time-zone database");
    }
    return Calendar(std::move(impl));
}

Timestamp Calendar::add(Timestamp from, Seconds business) const {
    if (business < 0) fail(ErrorKind::usage, "business time to add is negative (" + std::to_string(business) + "s)");
    if (business == 0) return from;
    if (!impl_) {
        Timestamp out = 0;
        if (__builtin_add_overflow(from, business, &out)) fail(ErrorKind::usage, "business time to add is too large");
        return out;
    }
    if (from < kMinTime || from > kMaxTime)
        fail(ErrorKind::usage, "instant " + std::to_string(from) + " is outside the years 1 to 9999");
    const Impl& c = *impl_;
    Seconds left = business;
    std::vector<std::pair<Timestamp, Timestamp>> day;
    const auto first = c.local_day(from);
    for (auto d = first; d < first + date::days{kSearchDays};) {
        const Timestamp midnight = c.to_utc(date::local_seconds{d});
        if (midnight >= from) {
            // Skip whole plain weeks, keeping at least a second to find in the days after them.
            const Seconds weeks = std::min(c.plain_weeks(d, midnight), (left - 1) / c.per_week);
            if (weeks > 0) {
                left -= weeks * c.per_week;
                d += date::days{7 * weeks};
                continue;
            }
        }
        c.intervals(d, day);
        for (auto [b, e] : day) {
            b = std::max(b, from);
            if (e <= b) continue;
            if (left <= e - b) return b + left;
            left -= e - b;
        }
        d += date::days{1};
    }
    fail(ErrorKind::usage, "business time " + format_duration(business) + " is not reached within 20 years");
}

Seconds Calendar::between(Timestamp from, Timestamp to) const {
    if (!impl_) {
        Seconds out = 0;
        if (to <= from) return 0;
        return __builtin_sub_overflow(to, from, &out) ? std::numeric_limits<Seconds>::max() : out;
    }
    from = std::clamp(from, kMinTime, kMaxTime);
    to = std::clamp(to, kMinTime, kMaxTime);
    if (to <= from) return 0;
    const Impl& c = *impl_;
    Seconds total = 0;
    std::vector<std::pair<Timestamp, Timestamp>> day;
    for (auto d = c.local_day(from);;) {
        const Timestamp midnight = c.to_utc(date::local_seconds{d});
        if (midnight >= to) break;
        if (midnight >= from) {
            const Seconds weeks = std::min(c.plain_weeks(d, midnight), (to - midnight) / kWeek);
            if (weeks > 0) {
                total += weeks * c.per_week;
                d += date::days{7 * weeks};
                continue;
            }
        }
        c.intervals(d, day);
        for (auto [b, e] : day) {
            b = std::max(b, from);
            e = std::min(e, to);
            if (e > b) total += e - b;
        }
        d += date::days{1};
    }
    return total;
}

}  // namespace hd
