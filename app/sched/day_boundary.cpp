#include "app/sched/day_boundary.h"

#include <algorithm>
#include <cassert>

namespace mondo::sched {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kSecondsPerHour = 3600;

// Floor division: days before 1970 must round towards minus infinity.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

std::int64_t DayBoundary::DayNumber(std::int64_t unix_seconds) const {
    assert(day_start_hour >= 0 && day_start_hour <= 23 && "day start hour must be 0..23");
    const std::int64_t offset = offset_at ? offset_at(unix_seconds) : utc_offset_seconds;
    return FloorDiv(unix_seconds + offset - day_start_hour * kSecondsPerHour, kSecondsPerDay);
}

int DayBoundary::ElapsedDays(std::int64_t from_unix_seconds, std::int64_t to_unix_seconds) const {
    const std::int64_t days = DayNumber(to_unix_seconds) - DayNumber(from_unix_seconds);
    return static_cast<int>(std::clamp<std::int64_t>(days, 0, 1'000'000'000));
}

std::int64_t DayBoundary::SameLocalTimeLater(std::int64_t unix_seconds, int days) const {
    const std::int64_t later = unix_seconds + std::int64_t{days} * kSecondsPerDay;
    if (!offset_at) return later;
    return later + offset_at(unix_seconds) - offset_at(later);
}

std::int64_t DayBoundary::NextDayStart(std::int64_t unix_seconds) const {
    const std::int64_t offset = offset_at ? offset_at(unix_seconds) : utc_offset_seconds;
    return (DayNumber(unix_seconds) + 1) * kSecondsPerDay + day_start_hour * kSecondsPerHour -
           offset;
}

}  // namespace mondo::sched
