// The collection's periodic backup on a worker thread. A backup is a verified copy of the whole
// collection: on the 170 MB scale collection about 1.3 s on a quiet machine (copy, quick_check,
// fsync) and several seconds under load, which froze the window every 30 minutes while the
// learner studied. The worker copies through its own read-only connection (Collection::OpenReader:
// what was committed when the copy began) while the window goes on writing reviews.
//
// Thread-safety: every member is called on the thread that owns the collection (the window's);
// the worker touches only its reader. The destructor waits for a backup in progress (it is never
// abandoned half-written: the copy is renamed into place only once verified).
#pragma once

#include <cstdint>
#include <future>
#include <string>

#include "storage/collection.h"

namespace mondo::app {

class BackgroundBackup {
  public:
    // `collection` must outlive this object.
    explicit BackgroundBackup(storage::Collection& collection) : collection_(collection) {}
    ~BackgroundBackup() { Finish(); }
    BackgroundBackup(const BackgroundBackup&) = delete;
    BackgroundBackup& operator=(const BackgroundBackup&) = delete;

    // Collects a finished backup, then starts one when it is due (Collection::BackupDue: changes
    // since the last, which is at least 30 minutes old). Returns at once. The collection's change
    // mark is cleared as the backup starts (writes after it mark it again) and set back if the
    // backup fails.
    void Tick(std::int64_t now_unix_seconds);
    // Waits for a backup in progress and collects it (before the closing backup).
    void Finish();
    bool running() const { return job_.valid(); }
    // Why the last backup failed; empty when it did not.
    const std::string& error() const { return error_; }

  private:
    void Collect();

    storage::Collection& collection_;
    std::future<std::string> job_;  // the backup's error message, empty on success
    std::string error_;
};

}  // namespace mondo::app
