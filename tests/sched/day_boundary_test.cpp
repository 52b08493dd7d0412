#include "app/sched/day_boundary.h"

#include <doctest/doctest.h>

using mondo::sched::DayBoundary;

namespace {
constexpr std::int64_t kMidnightUtc = 1'717'200'000;  // 2024-06-01T00:00:00Z
constexpr std::int64_t kHour = 3600;
}  // namespace

TEST_CASE("the day starts at 04:00 local time by default") {
    const DayBoundary boundary;  // UTC, 04:00
    CHECK(boundary.ElapsedDays(kMidnightUtc + 1 * kHour, kMidnightUtc + 3 * kHour) == 0);
    CHECK(boundary.ElapsedDays(kMidnightUtc + 3 * kHour, kMidnightUtc + 5 * kHour) == 1);
    CHECK(boundary.ElapsedDays(kMidnightUtc - 1 * kHour, kMidnightUtc + 3 * kHour) == 0);
    CHECK(boundary.ElapsedDays(kMidnightUtc + 23 * kHour, kMidnightUtc + 33 * kHour) == 1);
    CHECK(boundary.NextDayStart(kMidnightUtc + 5 * kHour) == kMidnightUtc + 28 * kHour);
    CHECK(boundary.NextDayStart(kMidnightUtc + 1 * kHour) == kMidnightUtc + 4 * kHour);
}

TEST_CASE("a fixed UTC offset moves the day boundary to local time") {
    DayBoundary tokyo;
    tokyo.utc_offset_seconds = 9 * kHour;  // 04:00 JST is 19:00 UTC the day before
    CHECK(tokyo.ElapsedDays(kMidnightUtc + 18 * kHour, kMidnightUtc + 20 * kHour) == 1);
    CHECK(tokyo.ElapsedDays(kMidnightUtc + 20 * kHour, kMidnightUtc + 40 * kHour) == 0);
    CHECK(tokyo.NextDayStart(kMidnightUtc + 20 * kHour) == kMidnightUtc + 43 * kHour);
}

TEST_CASE("an offset function handles daylight-saving changes") {
    DayBoundary zone;
    constexpr std::int64_t switch_at = kMidnightUtc + 10 * 24 * kHour;
    zone.offset_at = [](std::int64_t t) { return t < switch_at ? 3600 : 7200; };
    // 02:30 UTC is 03:30 local (still yesterday) before the switch and 04:30 (today) after it.
    const std::int64_t before = kMidnightUtc + 24 * kHour + 2 * kHour + 1800;
    const std::int64_t after = before + 10 * 24 * kHour;
    CHECK(zone.ElapsedDays(before, after) == 11);
    CHECK(zone.NextDayStart(after) == kMidnightUtc + 12 * 24 * kHour + 2 * kHour);
}

TEST_CASE("a day start of 0 counts calendar days and negative times floor correctly") {
    DayBoundary calendar;
    calendar.day_start_hour = 0;
    CHECK(calendar.DayNumber(0) == 0);
    CHECK(calendar.DayNumber(-1) == -1);
    CHECK(calendar.DayNumber(86399) == 0);
    CHECK(calendar.DayNumber(86400) == 1);
    CHECK(calendar.ElapsedDays(86399, 86400) == 1);
}

TEST_CASE("a clock that went backwards counts as the same day") {
    const DayBoundary boundary;
    CHECK(boundary.ElapsedDays(kMidnightUtc + 5 * 24 * kHour, kMidnightUtc) == 0);
}
