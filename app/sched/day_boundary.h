// Calendar days as a learner lives them: a "day" runs from the day-start hour (default 04:00) of
// local time to the same hour the next day, as in Anki. Elapsed days between two reviews are the
// difference of their day numbers, so a card seen at 23:00 and again at 09:00 the next morning is
// one day later, while 01:00 and 03:00 are the same day.
//
// Local time is not read from the environment: the UTC offset is given, either fixed or as a
// function of the instant (for daylight-saving zones). Copyable; thread-safe if `offset_at` is.
#pragma once

#include <cstdint>
#include <functional>

namespace mondo::sched {

struct DayBoundary {
    // Hour of local time at which a new day starts, 0..23.
    int day_start_hour = 4;
    // Offset of local time from UTC in seconds (e.g. +32400 for Japan), used when `offset_at`
    // is empty.
    std::int32_t utc_offset_seconds = 0;
    // Optional: the UTC offset in effect at a unix time (seconds), for zones with DST.
    std::function<std::int32_t(std::int64_t unix_seconds)> offset_at;

    // Days since 1970-01-01 (local, shifted by the day-start hour) for a unix time in seconds.
    std::int64_t DayNumber(std::int64_t unix_seconds) const;

    // DayNumber(to) − DayNumber(from), never negative (a clock that went backwards counts as 0).
    int ElapsedDays(std::int64_t from_unix_seconds, std::int64_t to_unix_seconds) const;

    // The instant `days` days after `unix_seconds` at the same local clock time, so that
    // DayNumber(result) == DayNumber(unix_seconds) + days even across a DST change.
    std::int64_t SameLocalTimeLater(std::int64_t unix_seconds, int days) const;

    // Unix time at which the day holding `unix_seconds` ends (the next day start). Uses the offset
    // in effect at `unix_seconds`.
    std::int64_t NextDayStart(std::int64_t unix_seconds) const;
};

}  // namespace mondo::sched
