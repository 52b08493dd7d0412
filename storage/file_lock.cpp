#include "storage/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace mondo::storage::detail {

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

FileLock::~FileLock() {
    // Closing the descriptor releases the flock. The lock file stays: removing it would race with
    // another process that has just opened it and is about to lock it.
    if (fd_ >= 0) ::close(fd_);
}

std::filesystem::path FileLock::LockPathFor(const std::filesystem::path& db) {
    std::filesystem::path lock = db;
    lock += ".lock";
    return lock;
}

Expected<FileLock, StorageError> FileLock::Acquire(const std::filesystem::path& db) {
    const std::filesystem::path lock_path = LockPathFor(db);
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // The first failure is the one to report: the fallback's "no such file" would hide it.
    const int open_error = fd < 0 ? errno : 0;
    if (fd < 0 && (open_error == EACCES || open_error == EROFS)) {
        // A lock file left by an earlier run in a folder we may no longer write to.
        fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        return Unexpected(StorageError{
            StorageErrorKind::kIo, "Cannot create the lock file " + lock_path.string() + ": " +
                                       std::strerror(open_error) + " (is the folder writable?)"});
    }
    FileLock lock(fd);
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return lock;
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK) {
            return Unexpected(
                StorageError{StorageErrorKind::kLocked,
                             "The collection " + db.string() +
                                 " is already open in another mondo process; close it first"});
        }
        const int error = errno;
        return Unexpected(StorageError{StorageErrorKind::kIo, "Cannot lock " + lock_path.string() +
                                                                  ": " + std::strerror(error)});
    }
}

std::string FileLock::ReadNote() const {
    if (fd_ < 0) return {};
    char buffer[256];
    const ssize_t got = ::pread(fd_, buffer, sizeof buffer, 0);
    if (got <= 0) return {};
    return std::string(buffer, static_cast<std::size_t>(got));
}

bool FileLock::WriteNote(const std::string& note) const {
    if (fd_ < 0 || note.size() > 256) return false;
    if (::ftruncate(fd_, 0) != 0) return false;
    return ::pwrite(fd_, note.data(), note.size(), 0) == static_cast<ssize_t>(note.size());
}

Expected<FileLock, StorageError> FileLock::AcquireIfExists(const std::filesystem::path& db) {
    const std::filesystem::path lock_path = LockPathFor(db);
    const int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return FileLock();
    FileLock lock(fd);
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return lock;
        if (errno == EINTR) continue;
        return Unexpected(
            StorageError{StorageErrorKind::kLocked,
                         "The collection " + db.string() + " is open in another mondo process"});
    }
}

}  // namespace mondo::storage::detail
