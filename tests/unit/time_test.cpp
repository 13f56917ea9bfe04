// Tests of RFC 3339 instants and `1h30m` durations: formatting, parsing, and refusing bad text.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>

#include "core/model/time.hpp"

namespace {
// 2026-11-23T10:00:00Z (as `date -u -d 2026-11-23T10:00:00Z +%s` gives it): 20780 days, plus 10 hours.
constexpr hd::Timestamp kNov23_10h = 20780LL * 86400 + 10 * 3600;
}  // namespace

TEST_CASE("the epoch and a known instant format as RFC 3339 in UTC") {
    CHECK(hd::format_rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(hd::format_rfc3339(kNov23_10h) == "2026-11-23T10:00:00Z");
    CHECK(hd::format_rfc3339(kNov23_10h + 3599) == "2026-11-23T10:59:59Z");
    CHECK(hd::format_rfc3339(951782400) == "2000-02-29T00:00:00Z");  // a leap day in a century leap year
}

TEST_CASE("instants before 1970 format on the right day") {
    CHECK(hd::format_rfc3339(-1) == "1969-12-31T23:59:59Z");
    CHECK(hd::format_rfc3339(-86400) == "1969-12-31T00:00:00Z");
}

TEST_CASE("formatting and parsing round-trip") {
    for (hd::Timestamp t : {hd::Timestamp{0}, kNov23_10h, hd::Timestamp{-1}, hd::Timestamp{4102444799}})
        CHECK(hd::parse_rfc3339(hd::format_rfc3339(t)) == t);
}

TEST_CASE("RFC 3339 with Z, a space separator or lower case t and z parses as UTC") {
    CHECK(hd::parse_rfc3339("2026-11-23T10:00:00Z") == kNov23_10h);
    CHECK(hd::parse_rfc3339("2026-11-23 10:00:00Z") == kNov23_10h);
    CHECK(hd::parse_rfc3339("2026-11-23t10:00:00z") == kNov23_10h);
}

TEST_CASE("an offset is converted to UTC") {
    CHECK(hd::parse_rfc3339("2026-11-23T11:00:00+01:00") == kNov23_10h);
    CHECK(hd::parse_rfc3339("2026-11-23T04:30:00-05:30") == kNov23_10h);
    CHECK(hd::parse_rfc3339("2026-11-23T10:00:00+00:00") == kNov23_10h);
    // An offset that crosses midnight moves the date too.
    CHECK(hd::parse_rfc3339("2026-11-24T00:30:00+14:30") == kNov23_10h);
}

TEST_CASE("an offset that carries the instant out of the years 0000..9999 is refused (found by fuzzing)") {
    CHECK_FALSE(hd::parse_rfc3339("9999-12-31T23:59:60-05:00"));  // the year 10000 in UTC
    CHECK_FALSE(hd::parse_rfc3339("0000-01-01T00:00:00+01:00"));  // the year -1 in UTC
    CHECK(hd::parse_rfc3339("9999-12-31T23:59:59Z"));
    CHECK(hd::parse_rfc3339("0000-01-01T00:00:00Z"));
}

TEST_CASE("fractional seconds are dropped") {
    CHECK(hd::parse_rfc3339("2026-11-23T10:00:00.999Z") == kNov23_10h);
    CHECK(hd::parse_rfc3339("2026-11-23T10:00:00.5+00:00") == kNov23_10h);
}

TEST_CASE("a bare date is midnight UTC") {
    CHECK(hd::parse_rfc3339("2026-11-23") == kNov23_10h - 10 * 3600);
    CHECK(hd::parse_rfc3339("1970-01-01") == 0);
    CHECK(hd::parse_rfc3339("2024-02-29") == 19782LL * 86400);  // leap day
}

TEST_CASE("dates that do not exist are refused") {
    CHECK_FALSE(hd::parse_rfc3339("2026-02-30"));
    CHECK_FALSE(hd::parse_rfc3339("2026-02-29"));  // 2026 is not a leap year
    CHECK_FALSE(hd::parse_rfc3339("1900-02-29"));  // nor is 1900
    CHECK_FALSE(hd::parse_rfc3339("2026-13-01"));
    CHECK_FALSE(hd::parse_rfc3339("2026-00-10"));
    CHECK_FALSE(hd::parse_rfc3339("2026-04-31"));
    CHECK_FALSE(hd::parse_rfc3339("2026-04-00"));
    CHECK_FALSE(hd::parse_rfc3339("2026-11-23T24:00:00Z"));
    CHECK_FALSE(hd::parse_rfc3339("2026-11-23T10:60:00Z"));
    CHECK_FALSE(hd::parse_rfc3339("2026-11-23T10:00:61Z"));
    CHECK_FALSE(hd::parse_rfc3339("2026-11-23T10:00:00+24:00"));
}

TEST_CASE("garbage and near misses are refused") {
    for (const char* text : {"", "yesterday", "2026", "2026-11", "26-11-23", "2026/11/23", "2026-1-23",
                             "2026-11-23T", "2026-11-23T10:00Z", "2026-11-23T10:00:00", "2026-11-23T10:00:00.Z",
                             "2026-11-23T10:00:00+0100", "2026-11-23T10:00:00+01", "2026-11-23T10:00:00Zjunk",
                             " 2026-11-23", "2026-11-23 ", "2026-11-23X10:00:00Z", "-026-11-23"}) {
        CAPTURE(text);
        CHECK_FALSE(hd::parse_rfc3339(text));
    }
}

TEST_CASE("each duration unit parses") {
    CHECK(hd::parse_duration("30s") == 30);
    CHECK(hd::parse_duration("15m") == 15 * 60);
    CHECK(hd::parse_duration("4h") == 4 * 3600);
    CHECK(hd::parse_duration("3d") == 3 * 86400);
    CHECK(hd::parse_duration("2w") == 2 * 7 * 86400);
    CHECK(hd::parse_duration("0s") == 0);
    CHECK(hd::parse_duration("3D") == 3 * 86400);  // units in any case
}

TEST_CASE("durations add up, with or without spaces") {
    CHECK(hd::parse_duration("1h30m") == 5400);
    CHECK(hd::parse_duration("1d 4h") == 86400 + 4 * 3600);
    CHECK(hd::parse_duration(" 1w 1d 1h 1m 1s ") == 7 * 86400 + 86400 + 3600 + 60 + 1);
}

TEST_CASE("bad durations are refused") {
    for (const char* text : {"", " ", "30", "1h30", "3x", "3 d", "-3d", "+3d", "h", "1.5h", "3days", "1h,30m", "d3"}) {
        CAPTURE(text);
        CHECK_FALSE(hd::parse_duration(text));
    }
}

TEST_CASE("durations that overflow are refused") {
    CHECK_FALSE(hd::parse_duration("99999999999999999999s"));        // the number itself
    CHECK_FALSE(hd::parse_duration("9223372036854775807w"));         // the number times the unit
    CHECK_FALSE(hd::parse_duration("9223372036854775807s 1s"));      // the sum
    CHECK(hd::parse_duration("9223372036854775807s") == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("durations format in their shortest form") {
    CHECK(hd::format_duration(0) == "0s");
    CHECK(hd::format_duration(45) == "45s");
    CHECK(hd::format_duration(90) == "1m30s");
    CHECK(hd::format_duration(3600) == "1h");
    CHECK(hd::format_duration(5400) == "1h30m");
    CHECK(hd::format_duration(86400) == "1d");
    CHECK(hd::format_duration(86400 + 4 * 3600) == "1d4h");
    CHECK(hd::format_duration(14 * 86400) == "2w");
    CHECK(hd::format_duration(10 * 86400 + 1) == "1w3d1s");
    CHECK(hd::format_duration(-90) == "-1m30s");
    CHECK_FALSE(hd::format_duration(std::numeric_limits<std::int64_t>::min()).empty());
}

TEST_CASE("formatted durations parse back") {
    for (hd::Seconds s : {hd::Seconds{1}, hd::Seconds{59}, hd::Seconds{61}, hd::Seconds{5400},
                          hd::Seconds{1234567}, hd::Seconds{8 * 86400 + 7}})
        CHECK(hd::parse_duration(hd::format_duration(s)) == s);
}

TEST_CASE("ages are coarse, in one unit") {
    CHECK(hd::format_age(0) == "just now");
    CHECK(hd::format_age(59) == "just now");
    CHECK(hd::format_age(-30) == "just now");  // clock skew: a moment in the future
    CHECK(hd::format_age(60) == "1m ago");
    CHECK(hd::format_age(5 * 60 + 59) == "5m ago");
    CHECK(hd::format_age(3 * 3600 + 1800) == "3h ago");
    CHECK(hd::format_age(2 * 86400) == "2d ago");
    CHECK(hd::format_age(13 * 86400) == "13d ago");
    CHECK(hd::format_age(3 * 7 * 86400) == "3w ago");
    CHECK(hd::format_age(2 * 365 * 86400 + 5) == "2y ago");
}

TEST_CASE("format_hours writes working time in hours at most") {
    CHECK(hd::format_hours(0) == "0s");
    CHECK(hd::format_hours(45) == "45s");
    CHECK(hd::format_hours(5400) == "1h30m");
    CHECK(hd::format_hours(86400) == "24h");
    CHECK(hd::format_hours(40 * 3600 + 61) == "40h1m1s");
    CHECK(hd::format_hours(-1800) == "-30m");
}
