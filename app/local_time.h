// The system's clock and time zone, read only here: the layers below take `now` and the UTC
// offset as arguments.
#pragma once

#include <cstdint>
#include <string>

namespace mondo::app {

// Unix milliseconds from the system clock.
std::int64_t SystemNowMs();
// Offset of local time from UTC at a unix time, from the C library's zone data (TZ,
// /etc/localtime).
std::int32_t LocalUtcOffset(std::int64_t unix_seconds);
// "2026-12-02 14:05": a unix time as local date and time to the minute, in the same zone.
std::string LocalDateTime(std::int64_t unix_seconds);

}  // namespace mondo::app
