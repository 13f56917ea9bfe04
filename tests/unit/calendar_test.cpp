// Tests of business calendars: adding and counting working time across nights, weekends, holidays and
// daylight-saving changes, the hours syntax and its errors, and invariants over many pseudo-random instants.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model/time.hpp"
#include "core/sla/calendar.hpp"

using hd::Calendar;
using hd::Seconds;
using hd::Timestamp;

namespace {

constexpr Seconds H = 3600;
constexpr Seconds kDay = 86400;

// "2026-03-27T16:00:00+01:00" → the instant; the offset in the text says which local time is meant.
Timestamp at(const char* text) {
    const auto t = hd::parse_rfc3339(text);
    REQUIRE_MESSAGE(t, text);
    return *t;
}

std::string show(Timestamp t) { return hd::format_rfc3339(t); }

Calendar cal(const char* hours, const char* zone, std::vector<std::string> holidays = {}) {
    return Calendar::parse(hours, holidays, zone);
}

// Working seconds on each of the 7 days from `monday` (a local midnight), Monday first.
std::array<Seconds, 7> week_profile(const Calendar& c, Timestamp monday) {
    std::array<Seconds, 7> out{};
    for (int i = 0; i < 7; ++i) out[i] = c.between(monday + i * kDay, monday + (i + 1) * kDay);
    return out;
}

}  // namespace

TEST_CASE("calendar: always counts every second") {
    const Calendar c = Calendar::always();
    const Timestamp t = at("2026-03-28T23:30:00Z");
    CHECK(c.is_always());
    CHECK(c.add(t, 0) == t);
    CHECK(c.add(t, 2 * H) == t + 2 * H);
    CHECK(c.between(t, t + 100) == 100);
    CHECK(c.between(t + 100, t) == 0);
    CHECK(c.between(t, t) == 0);
    CHECK_FALSE(cal("Mon-Sun 00:00-24:00", "UTC").is_always());
}

TEST_CASE("calendar: negative business time is refused") {
    CHECK_THROWS_AS(Calendar::always().add(0, -1), hd::Error);
    CHECK_THROWS_AS(cal("Mon-Fri 09:00-17:00", "UTC").add(0, -1), hd::Error);
}

TEST_CASE("calendar: office hours across nights and weekends in Europe/Warsaw") {
    const Calendar c = cal("Mon-Fri 09:00-17:00", "Europe/Warsaw");
    // Friday 16:00 + 2h is Monday 10:00 (and this weekend the clocks go forward).
    CHECK(show(c.add(at("2026-03-27T16:00:00+01:00"), 2 * H)) == show(at("2026-03-30T10:00:00+02:00")));
    CHECK(show(c.add(at("2026-01-09T16:00:00+01:00"), 2 * H)) == show(at("2026-01-12T10:00:00+01:00")));
    // Overnight, before opening, from a weekend.
    CHECK(show(c.add(at("2026-01-06T16:00:00+01:00"), 3 * H)) == show(at("2026-01-07T11:00:00+01:00")));
    CHECK(show(c.add(at("2026-01-06T07:00:00+01:00"), 1 * H)) == show(at("2026-01-06T10:00:00+01:00")));
    CHECK(show(c.add(at("2026-01-10T12:00:00+01:00"), 1 * H)) == show(at("2026-01-12T10:00:00+01:00")));
    // Time running out at closing is reached at closing, not on the next morning.
    CHECK(show(c.add(at("2026-01-09T16:00:00+01:00"), 1 * H)) == show(at("2026-01-09T17:00:00+01:00")));
    // Zero is `from` itself, even outside working hours.
    CHECK(c.add(at("2026-01-10T12:00:00+01:00"), 0) == at("2026-01-10T12:00:00+01:00"));
    CHECK(c.add(at("2026-01-09T17:00:00+01:00"), 1) == at("2026-01-12T09:00:01+01:00"));

    CHECK(c.between(at("2026-03-27T16:00:00+01:00"), at("2026-03-30T10:00:00+02:00")) == 2 * H);
    CHECK(c.between(at("2026-01-10T00:00:00+01:00"), at("2026-01-12T00:00:00+01:00")) == 0);
    CHECK(c.between(at("2026-01-05T09:00:00+01:00"), at("2026-01-12T09:00:00+01:00")) == 40 * H);
    CHECK(c.between(at("2026-01-05T12:00:00+01:00"), at("2026-01-05T11:00:00+01:00")) == 0);
    CHECK(c.between(at("2026-01-05T12:00:00+01:00"), at("2026-01-05T12:30:00+01:00")) == 30 * 60);
    // Hours are local: 09:00-17:00 in Warsaw is 08:00-16:00 UTC in winter.
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-05T16:00:00Z")) == 8 * H);
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-05T08:00:00Z")) == 0);
}

TEST_CASE("calendar: thirty business days, with and without a holiday, across a DST change") {
    const Timestamp monday = at("2026-03-02T09:00:00+01:00");
    CHECK(show(cal("Mon-Fri 09:00-17:00", "Europe/Warsaw").add(monday, 30 * 8 * H)) ==
          show(at("2026-04-10T17:00:00+02:00")));
    const Calendar easter = cal("Mon-Fri 09:00-17:00", "Europe/Warsaw", {"2026-04-06"});
    CHECK(show(easter.add(monday, 30 * 8 * H)) == show(at("2026-04-13T17:00:00+02:00")));
    CHECK(easter.between(monday, at("2026-04-13T17:00:00+02:00")) == 30 * 8 * H);
}

TEST_CASE("calendar: ten years are counted exactly and quickly") {
    // 2609 weekdays from 2020-01-01 to 2029-12-31.
    const Calendar utc = cal("Mon-Fri 09:00-17:00", "UTC");
    CHECK(utc.between(at("2020-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z")) == 2609 * 8 * H);
    const Calendar warsaw = cal("Mon-Fri 09:00-17:00", "Europe/Warsaw");
    CHECK(warsaw.between(at("2020-01-01T00:00:00+01:00"), at("2030-01-01T00:00:00+01:00")) == 2609 * 8 * H);
    CHECK(warsaw.add(at("2020-01-01T00:00:00+01:00"), 2609 * 8 * H) == at("2029-12-31T17:00:00+01:00"));
    // Every second, through twenty DST changes: the local days sum to real time.
    const Calendar all = cal("Mon-Sun 00:00-24:00", "Europe/Warsaw");
    const Timestamp a = at("2020-01-01T00:00:00+01:00"), b = at("2030-01-01T00:00:00+01:00");
    CHECK(all.between(a, b) == b - a);
    CHECK(all.add(a, b - a) == b);
}

TEST_CASE("calendar: holidays are whole local days off") {
    const Calendar c = cal("Mon-Fri 09:00-17:00", "Europe/Warsaw", {"2027-01-01", "2026-12-24", "2026-12-25", "2026-12-31"});
    // Wednesday 23 December 16:00 + 2h: Thursday and Friday are holidays, then the weekend.
    CHECK(show(c.add(at("2026-12-23T16:00:00+01:00"), 2 * H)) == show(at("2026-12-28T10:00:00+01:00")));
    CHECK(c.between(at("2026-12-23T09:00:00+01:00"), at("2027-01-04T09:00:00+01:00")) == 32 * H);
    CHECK(c.between(at("2026-12-24T00:00:00+01:00"), at("2026-12-26T00:00:00+01:00")) == 0);
    // Duplicates do no harm; a holiday on a weekend changes nothing.
    const Calendar dup = cal("Mon-Fri 09:00-17:00", "Europe/Warsaw", {"2026-12-25", "2026-12-25", "2026-12-26"});
    CHECK(dup.between(at("2026-12-21T00:00:00+01:00"), at("2026-12-28T00:00:00+01:00")) == 32 * H);
    // The holiday is the local date: 24 December in Warsaw starts at 23:00 UTC on the 23rd.
    CHECK(c.between(at("2026-12-23T22:00:00Z"), at("2026-12-23T23:00:00Z")) == 0);  // not working hours anyway
    const Calendar night = cal("Mon-Sun 00:00-24:00", "Europe/Warsaw", {"2026-12-24"});
    CHECK(night.between(at("2026-12-23T22:00:00Z"), at("2026-12-24T00:00:00Z")) == 1 * H);
    CHECK(night.between(at("2026-12-23T00:00:00Z"), at("2026-12-26T00:00:00Z")) == 48 * H);
}

TEST_CASE("calendar: whole days on DST change days in Europe/Warsaw last 23 and 25 hours") {
    const Calendar c = cal("Mon-Sun 00:00-24:00", "Europe/Warsaw");
    CHECK(c.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 23 * H);
    CHECK(c.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 25 * H);
    CHECK(show(c.add(at("2026-03-28T12:00:00+01:00"), 24 * H)) == show(at("2026-03-29T13:00:00+02:00")));
    const Calendar off = cal("Mon-Sun 00:00-24:00", "Europe/Warsaw", {"2026-03-29"});
    CHECK(off.between(at("2026-03-28T00:00:00+01:00"), at("2026-03-31T00:00:00+02:00")) == 48 * H);
    // Daytime hours are untouched by a change at night.
    const Calendar day = cal("Mon-Sun 09:00-17:00", "Europe/Warsaw");
    CHECK(day.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 8 * H);
    CHECK(day.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 8 * H);
}

TEST_CASE("calendar: ranges containing a DST change, starting in the gap or in the repeated hour") {
    SUBCASE("the change inside the range: real length") {
        const Calendar c = cal("Sun 01:00-04:00", "Europe/Warsaw");
        CHECK(c.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 2 * H);
        CHECK(c.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 4 * H);
        CHECK(show(c.add(at("2026-10-25T00:00:00+02:00"), 3 * H)) == show(at("2026-10-25T03:00:00+01:00")));
    }
    SUBCASE("02:30 does not exist in spring: the range starts when the gap ends, 03:00") {
        const Calendar c = cal("Sun 02:30-05:00", "Europe/Warsaw");
        CHECK(c.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 2 * H);
        CHECK(show(c.add(at("2026-03-29T00:00:00+01:00"), 1)) == show(at("2026-03-29T03:00:01+02:00")));
    }
    SUBCASE("02:30 happens twice in autumn: the range starts at the first") {
        const Calendar c = cal("Sun 02:30-05:00", "Europe/Warsaw");
        CHECK(c.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) == 3 * H + 30 * 60);
        CHECK(show(c.add(at("2026-10-25T00:00:00+02:00"), 1)) == show(at("2026-10-25T02:30:01+02:00")));
    }
    SUBCASE("a range wholly inside the spring gap is empty that day") {
        const Calendar c = cal("Sun 02:10-02:50", "Europe/Warsaw");
        CHECK(c.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) == 0);
        CHECK(c.between(at("2026-03-22T00:00:00+01:00"), at("2026-03-23T00:00:00+01:00")) == 40 * 60);
        CHECK(show(c.add(at("2026-03-28T00:00:00+01:00"), 60)) == show(at("2026-04-05T02:11:00+02:00")));
    }
}

TEST_CASE("calendar: America/New_York across its DST changes and a holiday") {
    const Calendar c = cal("Mon-Fri 09:00-17:00", "America/New_York", {"2026-07-03"});
    CHECK(show(c.add(at("2026-03-06T16:00:00-05:00"), 2 * H)) == show(at("2026-03-09T10:00:00-04:00")));
    CHECK(show(c.add(at("2026-10-30T16:00:00-04:00"), 2 * H)) == show(at("2026-11-02T10:00:00-05:00")));
    CHECK(show(c.add(at("2026-07-02T16:00:00-04:00"), 2 * H)) == show(at("2026-07-06T10:00:00-04:00")));
    // 09:00-17:00 New York is 14:00-22:00 UTC in winter: it runs past UTC midnight's date line for no one.
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z")) == 8 * H);
    CHECK(c.between(at("2026-01-05T14:00:00Z"), at("2026-01-05T22:00:00Z")) == 8 * H);
    CHECK(c.between(at("2026-03-02T00:00:00-05:00"), at("2026-03-16T00:00:00-04:00")) == 80 * H);
}

TEST_CASE("calendar: Asia/Kolkata, half an hour off UTC") {
    const Calendar c = cal("Mon-Fri 09:30-18:00", "Asia/Kolkata");
    CHECK(show(c.add(at("2026-01-05T08:00:00+05:30"), 1 * H)) == show(at("2026-01-05T10:30:00+05:30")));
    CHECK(show(c.add(at("2026-01-09T17:00:00+05:30"), 2 * H)) == show(at("2026-01-12T10:30:00+05:30")));
    CHECK(c.between(at("2026-01-05T00:00:00+05:30"), at("2026-01-12T00:00:00+05:30")) == 42 * H + 30 * 60);
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-05T04:00:00Z")) == 0);  // 09:30 local is 04:00 UTC
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-05T04:01:00Z")) == 60);
}

TEST_CASE("calendar: several ranges a day and a short Saturday") {
    const Calendar c = cal("Mon-Fri 08:00-12:00 13:00-17:00; Sat 10:00-14:00", "UTC");
    CHECK(show(c.add(at("2026-01-05T11:00:00Z"), 2 * H)) == show(at("2026-01-05T14:00:00Z")));
    CHECK(show(c.add(at("2026-01-05T11:00:00Z"), 1 * H)) == show(at("2026-01-05T12:00:00Z")));
    CHECK(show(c.add(at("2026-01-05T12:00:00Z"), 1)) == show(at("2026-01-05T13:00:01Z")));
    CHECK(show(c.add(at("2026-01-09T16:00:00Z"), 2 * H)) == show(at("2026-01-10T11:00:00Z")));
    CHECK(show(c.add(at("2026-01-10T13:00:00Z"), 2 * H)) == show(at("2026-01-12T09:00:00Z")));
    CHECK(c.between(at("2026-01-05T00:00:00Z"), at("2026-01-12T00:00:00Z")) == 44 * H);
    CHECK(c.between(at("2026-01-05T11:30:00Z"), at("2026-01-05T13:30:00Z")) == 1 * H);
}

TEST_CASE("calendar: ways of writing the same hours") {
    const Timestamp monday = at("2026-01-05T00:00:00Z");
    const std::array<Seconds, 7> office{8 * H, 8 * H, 8 * H, 8 * H, 8 * H, 0, 0};
    for (const char* hours : {"Mon-Fri 09:00-17:00", "monday-FRIDAY 9:00-17:00", "Mon - Fri 09:00 - 17:00",
                              "Mon,Tue,Wed,Thu,Fri 09:00-17:00", "Mon Tue, Wed-Fri 09:00-12:00 12:00-17:00",
                              "Fri,Mon-Thu 09:00-17:00", "  Mon-Fri\t09:00-17:00 ; ", "Mon-Wed 09:00-17:00, Thu-Fri 09:00-17:00",
                              "Mon-Fri 13:00-17:00 09:00-13:00"}) {
        CAPTURE(hours);
        CHECK(week_profile(cal(hours, "UTC"), monday) == office);
    }
    // A range of days may wrap past Sunday; 24:00 ends a day.
    CHECK(week_profile(cal("Sun-Tue 10:00-12:00", "UTC"), monday) == std::array<Seconds, 7>{2 * H, 2 * H, 0, 0, 0, 0, 2 * H});
    CHECK(week_profile(cal("Sat 00:00-24:00; Sun 22:00-24:00", "UTC"), monday) ==
          std::array<Seconds, 7>{0, 0, 0, 0, 0, 24 * H, 2 * H});
    CHECK(week_profile(cal("Mon 00:00-00:01", "UTC"), monday) == std::array<Seconds, 7>{60, 0, 0, 0, 0, 0, 0});
    // Sunday 22:00-24:00 then Monday 00:00-02:00 is one stretch.
    const Calendar night = cal("Sun 22:00-24:00; Mon 00:00-02:00", "UTC");
    CHECK(show(night.add(at("2026-01-11T23:00:00Z"), 2 * H)) == show(at("2026-01-12T01:00:00Z")));
}

TEST_CASE("calendar: every kind of bad hours is refused with the reason") {
    const auto bad = [](const char* hours) { return Calendar::parse(hours, {}, "UTC"); };
    CHECK_THROWS_WITH_AS(bad(""), "hours: empty; give days and times, e.g. \"Mon-Fri 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad(" ; "), "hours: empty; give days and times, e.g. \"Mon-Fri 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fry 09:00-17:00"), "hours: 'Mon-Fry' is not a day (Mon, Tue, ... Sun)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mo 09:00-17:00"), "hours: 'Mo' is not a day (Mon, Tue, ... Sun)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri: 09:00-17:00"), "hours: 'Mon-Fri:' is not a day (Mon, Tue, ... Sun)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri 17:00-09:00"), "hours: 17:00-09:00 ends before it starts", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:00-09:00"), "hours: 09:00-09:00 is empty", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 24:00-24:00"), "hours: 24:00-24:00 is empty", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:00-25:00"), "hours: '25:00' in '09:00-25:00' is not a time (00:00 to 24:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:60-10:00"), "hours: '09:60' in '09:60-10:00' is not a time (00:00 to 24:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:00-24:30"), "hours: '24:30' in '09:00-24:30' is not a time (00:00 to 24:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 9-17"), "hours: '9' in '9-17' is not a time (00:00 to 24:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:00-17:00-18:00"), "hours: '17:00-18:00' in '09:00-17:00-18:00' is not a time (00:00 to 24:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 0900"), "hours: '0900' is not a time range (HH:MM-HH:MM, e.g. 09:00-17:00)", hd::Error);
    CHECK_THROWS_WITH_AS(bad("09:00-17:00"), "hours: '09:00-17:00' has no days before it, e.g. \"Mon-Fri 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri"), "hours: 'Mon-Fri' has no times, e.g. \"Mon-Fri 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Sat; Mon-Fri 09:00-17:00"), "hours: 'Sat' has no times, e.g. \"Sat 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri 09:00-17:00; Sat,Sun"), "hours: 'Sat,Sun' has no times, e.g. \"Sat,Sun 09:00-17:00\"", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri 09:00-17:00 12:00-18:00"), "hours: 12:00-18:00 overlaps 09:00-17:00 on Mon", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri 09:00-17:00; Wed 16:00-18:00"), "hours: 16:00-18:00 overlaps 09:00-17:00 on Wed", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon-Fri 09:00-17:00; Sun-Mon 08:00-10:00"), "hours: 08:00-10:00 overlaps 09:00-17:00 on Mon", hd::Error);
    CHECK_THROWS_WITH_AS(bad("Mon 09:00-17:00 09:00-17:00"), "hours: 09:00-17:00 overlaps 09:00-17:00 on Mon", hd::Error);
    try {
        bad("Mon-Fry 09:00-17:00");
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
    }
}

TEST_CASE("calendar: bad holidays and time zones are refused with the reason") {
    for (const char* day : {"2026-13-01", "2026-02-30", "2026-02-29", "2026-00-10", "2026-2-01", "26-01-01", "2026/01/01",
                            "christmas", "", "2026-01-01 ", "2026-01-01T00:00:00Z", "0000-01-01"}) {
        CAPTURE(day);
        CHECK_THROWS_WITH_AS(Calendar::parse("Mon-Fri 09:00-17:00", {"2026-12-25", day}, "UTC"),
                             ("holidays: '" + std::string(day) + "' is not a date (YYYY-MM-DD)").c_str(), hd::Error);
    }
    CHECK_NOTHROW(Calendar::parse("Mon-Fri 09:00-17:00", {"2028-02-29"}, "UTC"));
    for (const char* zone : {"Europe/Warsw", "europe/warsaw", "Mars/Olympus_Mons", "/etc/passwd", "../zoneinfo/UTC", "CET "}) {
        CAPTURE(zone);
        CHECK_THROWS_WITH_AS(Calendar::parse("Mon-Fri 09:00-17:00", {}, zone),
                             ("timezone: '" + std::string(zone) + "' is not in the time-zone database").c_str(), hd::Error);
    }
    CHECK_THROWS_WITH_AS(Calendar::parse("Mon-Fri 09:00-17:00", {}, ""),
                         "timezone: empty; give an IANA name, e.g. \"Europe/Warsaw\" or \"UTC\"", hd::Error);
    for (const char* zone : {"UTC", "Etc/UTC", "Europe/Warsaw", "America/Argentina/Buenos_Aires", "Asia/Kathmandu"}) {
        CAPTURE(zone);
        CHECK_NOTHROW(Calendar::parse("Mon-Fri 09:00-17:00", {}, zone));
    }
}

TEST_CASE("calendar: copies and moves share the same hours") {
    Calendar a = cal("Mon-Fri 09:00-17:00", "UTC");
    Calendar b = a;
    Calendar c = std::move(a);
    Calendar d = Calendar::always();
    d = b;
    const Timestamp t0 = at("2026-01-05T00:00:00Z"), t1 = at("2026-01-06T00:00:00Z");
    CHECK(b.between(t0, t1) == 8 * H);
    CHECK(c.between(t0, t1) == 8 * H);
    CHECK(d.between(t0, t1) == 8 * H);
    d = Calendar::always();
    CHECK(d.is_always());
}

TEST_CASE("calendar: add and between agree, for many pseudo-random instants and durations") {
    const std::vector<std::string> polish{"2026-01-01", "2026-01-06", "2026-04-06", "2026-05-01", "2026-06-04", "2026-11-11",
                                          "2026-12-24", "2026-12-25", "2027-01-01", "2027-03-29"};
    const std::vector<std::pair<std::string, Calendar>> calendars{
        {"warsaw office", Calendar::parse("Mon-Fri 09:00-17:00", polish, "Europe/Warsaw")},
        {"new york office", cal("Mon-Fri 09:00-17:00", "America/New_York", {"2026-07-03", "2026-11-26"})},
        {"kolkata", cal("Mon-Fri 09:30-18:00", "Asia/Kolkata")},
        {"split days", cal("Mon-Fri 08:00-12:00 13:00-17:00; Sat 10:00-14:00", "UTC", {"2026-05-01"})},
        {"night shifts on DST edges", cal("Sun 01:00-04:00; Mon-Sat 00:00-02:30 22:00-24:00", "Europe/Warsaw")},
        {"every second in warsaw", cal("Mon-Sun 00:00-24:00", "Europe/Warsaw", {"2026-03-29"})},
        {"always", Calendar::always()},
    };
    std::mt19937_64 rng(20260329);
    const Timestamp lo = at("2025-06-01T00:00:00Z"), hi = at("2027-06-01T00:00:00Z");
    const auto uniform = [&](std::int64_t a, std::int64_t b) { return std::uniform_int_distribution<std::int64_t>(a, b)(rng); };
    const std::array<Seconds, 4> scales{60, 4 * H, 3 * kDay, 60 * kDay};
    int checked = 0;
    for (const auto& [key, c] : calendars) {
        const auto& name = key;  // CAPTURE's lambda cannot capture a structured binding in clang before 16
        CAPTURE(name);
        for (int i = 0; i < 50; ++i) {
            const Timestamp a = uniform(lo, hi);
            const Seconds n = uniform(0, scales[i % scales.size()]);
            const Seconds m = uniform(0, scales[(i + 1) % scales.size()]);
            CAPTURE(show(a));
            CAPTURE(n);
            CAPTURE(m);
            const Timestamp r = c.add(a, n);
            CHECK(r >= a);
            CHECK(c.between(a, r) == n);
            if (n > 0) CHECK(c.between(a, r - 1) == n - 1);  // not a second later than needed
            CHECK(c.add(a, n + m) >= r);                     // monotonic
            CHECK(c.add(r, m) == c.add(a, n + m));           // adding in two steps is adding once
            const Timestamp b = a + uniform(0, scales[i % scales.size()]);
            const Timestamp d = b + uniform(0, scales[(i + 2) % scales.size()]);
            CHECK(c.between(a, d) == c.between(a, b) + c.between(b, d));
            CHECK(c.between(d, a) == 0);
            ++checked;
        }
    }
    CHECK(checked == 350);
}

TEST_CASE("calendar: long counts equal the sum of their days") {
    // Whole plain weeks are counted arithmetically; day by day must give the same.
    for (const auto& c : {cal("Mon-Fri 09:00-17:00", "Europe/Warsaw", {"2026-04-06", "2026-12-25"}),
                          cal("Sun 01:00-04:00; Mon-Sat 00:00-02:30 22:00-24:00", "Europe/Warsaw"),
                          cal("Mon-Fri 09:00-17:00", "America/New_York")}) {
        const Timestamp a = at("2026-01-01T05:17:00Z"), b = at("2027-01-03T11:00:00Z");
        Seconds sum = 0;
        for (Timestamp t = a; t < b; t += 13 * H) sum += c.between(t, std::min(t + 13 * H, b));
        CHECK(c.between(a, b) == sum);
        CHECK(c.add(a, sum) <= b);
        CHECK(c.between(a, c.add(a, sum)) == sum);
    }
}

TEST_CASE("calendar: between matches a minute-by-minute count in Warsaw and Kolkata") {
    // An independent reference: the offset from hard-coded 2026 transitions, the local time from it, and a
    // minute counted if it starts inside the hours on a non-holiday weekday.
    const Timestamp spring = at("2026-03-29T01:00:00Z"), autumn = at("2026-10-25T01:00:00Z");
    struct Case {
        Calendar calendar;
        Seconds (*offset)(Timestamp, Timestamp, Timestamp);
        Seconds open, close;
        Timestamp holiday;  // local midnight, seconds since the epoch of local time
    };
    const auto warsaw = [](Timestamp t, Timestamp s, Timestamp a) -> Seconds { return t >= s && t < a ? 2 * H : H; };
    const auto kolkata = [](Timestamp, Timestamp, Timestamp) -> Seconds { return 5 * H + 30 * 60; };
    const std::vector<Case> cases{
        {cal("Mon-Fri 09:00-17:00", "Europe/Warsaw", {"2026-05-01"}), warsaw, 9 * H, 17 * H, at("2026-05-01T00:00:00Z")},
        {cal("Mon-Fri 09:30-18:00", "Asia/Kolkata", {"2026-08-14"}), kolkata, 9 * H + 30 * 60, 18 * H, at("2026-08-14T00:00:00Z")},
    };
    std::mt19937_64 rng(7);
    const Timestamp lo = at("2026-01-01T00:00:00Z") / 60, hi = at("2026-12-20T00:00:00Z") / 60;
    for (const auto& k : cases) {
        for (int i = 0; i < 40; ++i) {
            const Timestamp a = std::uniform_int_distribution<Timestamp>(lo, hi)(rng) * 60;
            const Timestamp b = a + std::uniform_int_distribution<Timestamp>(0, 9 * 24 * 60)(rng) * 60;
            Seconds expected = 0;
            for (Timestamp t = a; t < b; t += 60) {
                const Timestamp local = t + k.offset(t, spring, autumn);
                const Timestamp day = local / kDay * kDay;
                const int weekday = static_cast<int>((local / kDay + 3) % 7);  // 1970-01-01 was a Thursday; Monday 0
                const Seconds clock = local - day;
                if (weekday < 5 && day != k.holiday && clock >= k.open && clock < k.close) expected += 60;
            }
            CAPTURE(show(a));
            CAPTURE(show(b));
            CHECK(k.calendar.between(a, b) == expected);
        }
    }
}
