// Instants and durations: RFC 3339 text and `1h30m` durations, on the C++20 civil calendar (no TZ, no timegm).
#include "core/model/time.hpp"

#include <chrono>
#include <cstdio>
#include <limits>

namespace hd {
namespace {

using namespace std::chrono;

constexpr Seconds kMinute = 60;
constexpr Seconds kHour = 60 * kMinute;
constexpr Seconds kDay = 24 * kHour;
constexpr Seconds kWeek = 7 * kDay;
constexpr Seconds kYear = 365 * kDay;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `width` digits at `pos`; the fields of RFC 3339 have fixed widths.
std::optional<int> fixed_digits(std::string_view text, std::size_t& pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = text[pos + i];
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

std::optional<Seconds> unit_seconds(char unit) {
    switch (unit) {
        case 's': case 'S': return Seconds{1};
        case 'm': case 'M': return kMinute;
        case 'h': case 'H': return kHour;
        case 'd': case 'D': return kDay;
        case 'w': case 'W': return kWeek;
        default: return std::nullopt;
    }
}

}  // namespace

std::string format_rfc3339(Timestamp t) {
    const sys_seconds instant{seconds{t}};
    const auto day = floor<days>(instant);  // floor, not truncation, so instants before 1970 land on the right day
    const year_month_day ymd{day};
    const hh_mm_ss hms{instant - day};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
    std::size_t pos = 0;
    const auto y = fixed_digits(text, pos, 4);
    if (!y || !expect(text, pos, '-')) return std::nullopt;
    const auto mo = fixed_digits(text, pos, 2);
    if (!mo || !expect(text, pos, '-')) return std::nullopt;
    const auto d = fixed_digits(text, pos, 2);
    if (!d) return std::nullopt;

    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;  // 2026-02-30, month 13, day 0
    const Timestamp midnight = sys_days{ymd}.time_since_epoch().count() * kDay;
    if (pos == text.size()) return midnight;

    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    const auto hh = fixed_digits(text, pos, 2);
    if (!hh || !expect(text, pos, ':')) return std::nullopt;
    const auto mm = fixed_digits(text, pos, 2);
    if (!mm || !expect(text, pos, ':')) return std::nullopt;
    const auto ss = fixed_digits(text, pos, 2);
    // Second 60 is RFC 3339's leap second; it rolls over into the next minute like any other second.
    if (!ss || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;

    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && is_digit(text[pos])) ++pos;
        if (pos == start) return std::nullopt;  // a dot with no digits
    }

    // A time needs a zone: guessing local time or UTC for "10:00" would give a silently wrong instant.
    if (pos >= text.size()) return std::nullopt;
    Seconds offset = 0;
    const char zone = text[pos++];
    if (zone == '+' || zone == '-') {
        const auto oh = fixed_digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':')) return std::nullopt;
        const auto om = fixed_digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = (*oh * kHour + *om * kMinute) * (zone == '-' ? -1 : 1);
    } else if (zone != 'Z' && zone != 'z') {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    // +01:00 means the local clock is ahead of UTC, so UTC is the local time minus the offset.
    const Timestamp instant = midnight + *hh * kHour + *mm * kMinute + *ss - offset;
    // An offset or a leap second can carry the instant out of the years 0000..9999 that
    // format_rfc3339 writes with four digits ("9999-12-31T23:59:60-05:00" is in the year 10000):
    // refused, or hd export would write a time that hd import cannot read back (found by fuzzing).
    constexpr Timestamp kFirst = sys_days{year{0} / January / 1}.time_since_epoch().count() * kDay;
    constexpr Timestamp kAfterLast = sys_days{year{10000} / January / 1}.time_since_epoch().count() * kDay;
    if (instant < kFirst || instant >= kAfterLast) return std::nullopt;
    return instant;
}

std::optional<Seconds> parse_duration(std::string_view text) {
    std::size_t pos = 0;
    Seconds total = 0;
    bool any = false;
    while (true) {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
        if (pos == text.size()) break;
        if (!is_digit(text[pos])) return std::nullopt;  // also rejects '-' and '+'
        Seconds number = 0;
        while (pos < text.size() && is_digit(text[pos])) {
            if (__builtin_mul_overflow(number, Seconds{10}, &number) ||
                __builtin_add_overflow(number, Seconds{text[pos] - '0'}, &number))
                return std::nullopt;
            ++pos;
        }
        // A bare number is refused: "30" could mean seconds, minutes or days.
        if (pos == text.size()) return std::nullopt;
        const auto unit = unit_seconds(text[pos++]);
        if (!unit) return std::nullopt;
        Seconds part = 0;
        if (__builtin_mul_overflow(number, *unit, &part) || __builtin_add_overflow(total, part, &total))
            return std::nullopt;
        any = true;
    }
    if (!any) return std::nullopt;
    return total;
}

std::string format_duration(Seconds s) {
    if (s == 0) return "0s";
    std::string out;
    // Work in unsigned so that the most negative value has a magnitude too.
    std::uint64_t rest = s < 0 ? 0 - static_cast<std::uint64_t>(s) : static_cast<std::uint64_t>(s);
    if (s < 0) out += '-';
    static constexpr std::pair<std::uint64_t, char> units[] = {
        {kWeek, 'w'}, {kDay, 'd'}, {kHour, 'h'}, {kMinute, 'm'}, {1, 's'}};
    for (const auto& [size, name] : units) {
        if (rest >= size) {
            out += std::to_string(rest / size);
            out += name;
            rest %= size;
        }
    }
    return out;
}

std::string format_age(Seconds s) {
    // A timestamp slightly in the future (clock skew between writers) is also "just now".
    if (s < kMinute) return "just now";
    if (s < kHour) return std::to_string(s / kMinute) + "m ago";
    if (s < kDay) return std::to_string(s / kHour) + "h ago";
    // Days up to two weeks: "10d ago" says more than "1w ago" while a ticket is still fresh.
    if (s < 2 * kWeek) return std::to_string(s / kDay) + "d ago";
    if (s < kYear) return std::to_string(s / kWeek) + "w ago";
    return std::to_string(s / kYear) + "y ago";
}

std::string format_hours(Seconds s) {
    if (s < 0) return "-" + format_hours(-s);
    std::string out;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m";
    if (s % 60 || out.empty()) out += std::to_string(s % 60) + "s";
    return out;
}

}  // namespace hd
