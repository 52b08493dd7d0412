#include "app/background_backup.h"

#include <chrono>
#include <utility>

namespace mondo::app {

void BackgroundBackup::Tick(std::int64_t now_unix_seconds) {
    if (job_.valid()) {
        if (job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
        Collect();
    }
    if (!collection_.BackupDue(now_unix_seconds)) return;
    auto reader = collection_.OpenReader();
    if (!reader) {
        // No second connection: back up here as before, rather than not at all.
        auto made = collection_.MaybeBackup(now_unix_seconds);
        error_ = made ? std::string() : made.error().message;
        return;
    }
    collection_.SetChangedSinceBackup(false);
    job_ = std::async(std::launch::async,
                      [source = std::move(*reader), now_unix_seconds]() mutable -> std::string {
                          auto made = source.BackupNow(now_unix_seconds);
                          return made ? std::string() : made.error().message;
                      });
}

void BackgroundBackup::Finish() {
    if (job_.valid()) Collect();
}

void BackgroundBackup::Collect() {
    error_ = job_.get();
    if (!error_.empty()) collection_.SetChangedSinceBackup(true);
}

}  // namespace mondo::app
