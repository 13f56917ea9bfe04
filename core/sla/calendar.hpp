// Business calendars: the working hours that SLA and OLA clocks count, in a time zone, with holidays.
// "Mon-Fri 09:00-17:00" in Europe/Warsaw counts 8 hours a weekday, none at night, at weekends or on a
// holiday, and follows the zone's daylight-saving changes. The built-in "24x7" counts every second.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/time.hpp"

namespace hd {

class Calendar {
public:
    // Every second counts; no zone needed.
    static Calendar always();

    // hours: ranges of days with ranges of times, separated by ';' or ','
    //   "Mon-Fri 09:00-17:00", "Mon-Fri 08:00-12:00 13:00-17:00; Sat 10:00-14:00", "Mon,Wed 09:00-17:00",
    //   "Mon-Sun 00:00-24:00"; day names in English, any case, three letters or whole. Local wall-clock times
    //   of the zone; 24:00 ends a day; a day range may wrap ("Sun-Thu", "Fri-Mon"); touching ranges join,
    //   overlapping ones are an error, and so is text that gives no working time. ';' ends a group of days,
    //   so "Sat; Mon-Fri 09:00-17:00" is an error (Sat has no times) where "Sat, Mon-Fri 09:00-17:00" is not.
    //   On a day with a DST change a range lasts its real length; a time in the spring gap means the instant
    //   the gap ends, a time in the repeated autumn hour the earlier of the two instants.
    // holidays: "2026-12-25" dates (local to the zone), whole days off.
    // timezone: an IANA name ("Europe/Warsaw", "UTC"), looked up in the system's zone database.
    // Throws hd::Error(usage) with a message saying what is wrong ("hours: 'Mon-Fry' is not a day");
    // the caller names the file and line.
    static Calendar parse(std::string_view hours, const std::vector<std::string>& holidays, std::string_view timezone);

    // The instant when `business` seconds of working time have passed since `from` (from itself for 0;
    // the next working instant is not sought for 0). Working time that begins at `from` counts. Time used up
    // at the end of a working range gives that end (Friday 16:00 + 1h is Friday 17:00, not Monday 09:00).
    // Throws hd::Error(usage) for a negative `business`, for `from` outside the years 1 to 9999, and when
    // the total is not reached within 20 years (or overflows, for always()).
    Timestamp add(Timestamp from, Seconds business) const;

    // Working seconds in [from, to); 0 when to <= from. For a parsed calendar, time outside the years 1 to
    // 9999 counts as none. between(a, add(a, n)) == n, and between(a, c) == between(a, b) + between(b, c).
    Seconds between(Timestamp from, Timestamp to) const;

    // True for always() only; a parsed "Mon-Sun 00:00-24:00" counts the same but is not always().
    bool is_always() const;

    Calendar(const Calendar&);
    Calendar& operator=(const Calendar&);
    Calendar(Calendar&&) noexcept;
    Calendar& operator=(Calendar&&) noexcept;
    ~Calendar();

private:
    struct Impl;
    explicit Calendar(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> impl_;  // null: 24x7
};

}  // namespace hd
