// Internal to mondo_storage: the single-writer lock of a collection, an flock(2)'d file beside it.
// flock locks belong to the open file description, so a second Open of the same collection fails
// whether it comes from another process or from this one; the kernel drops the lock when the
// process dies, so a crash never leaves a stale lock behind.
#pragma once

#include <filesystem>
#include <string>

#include "content/expected.h"
#include "storage/collection.h"
#include "storage/sqlite.h"

namespace mondo::storage::detail {

class FileLock {
  public:
    FileLock() = default;
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

    // Locks "<db>.lock" (created when missing). Errors: kLocked when another holder has it, kIo
    // when the lock file cannot be created or opened (read-only folder…).
    static Expected<FileLock, StorageError> Acquire(const std::filesystem::path& db);

    // Takes the lock only if the lock file exists, creating nothing (for read-only inspection). An
    // absent lock file means no mondo process has the collection open: returns an empty FileLock.
    // Errors: kLocked when another holder has it.
    static Expected<FileLock, StorageError> AcquireIfExists(const std::filesystem::path& db);

    static std::filesystem::path LockPathFor(const std::filesystem::path& db);

    // A short note kept in the lock file by its holder (the clean-close fingerprint); empty when
    // there is none or it cannot be read. Writing is best effort: false when it failed.
    std::string ReadNote() const;
    bool WriteNote(const std::string& note) const;

  private:
    explicit FileLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace mondo::storage::detail
