#include "app/local_time.h"

#include <chrono>
#include <ctime>

namespace mondo::app {

std::int64_t SystemNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int32_t LocalUtcOffset(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm local{};
    if (!localtime_r(&t, &local)) return 0;
    return static_cast<std::int32_t>(local.tm_gmtoff);
}

std::string LocalDateTime(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

}  // namespace mondo::app
