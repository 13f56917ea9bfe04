// Instants and durations: seconds since the Unix epoch, UTC; RFC 3339 text; `30s 15m 4h 3d 2w` durations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using Seconds = std::int64_t;

// "2026-11-23T10:00:00Z"
std::string format_rfc3339(Timestamp t);

// Accepts "2026-11-23T10:00:00Z", "2026-11-23T10:00:00+01:00", "2026-11-23 10:00:00Z",
// fractional seconds (dropped), and a bare date "2026-11-23" (midnight UTC). A time of day without a zone
// ("2026-11-23T10:00:00") is refused rather than guessed, and so is an instant outside the years 0000..9999
// in UTC, which format_rfc3339 could not write back.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// "30s", "15m", "4h", "3d", "2w", and sums such as "1h30m" or "1d 4h". Rejects empty text,
// unknown units, negative or overflowing values.
std::optional<Seconds> parse_duration(std::string_view text);

// The shortest readable form: 90 → "1m30s", 86400 → "1d", 0 → "0s".
std::string format_duration(Seconds s);

// Working time, in hours at most (a day of work is not a calendar day): 86400 → "24h", 5400 → "1h30m",
// 45 → "45s", 0 → "0s". Negative values get a leading '-'.
std::string format_hours(Seconds s);

// For tables: "just now", "5m ago", "3h ago", "2d ago", "3w ago", "2y ago" (coarse, one unit; days below
// two weeks).
std::string format_age(Seconds s);

}  // namespace hd
