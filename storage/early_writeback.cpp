#include "storage/early_writeback.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <system_error>
#include <vector>

namespace mondo::storage::detail {
namespace {

// Often enough that the disk is kept busy, rarely enough to cost nothing (a few system calls).
constexpr auto kInterval = std::chrono::milliseconds(20);

// The descriptors this process holds open on any of `files`.
std::vector<int> DescriptorsOf(const std::vector<std::filesystem::path>& files) {
    std::vector<int> found;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::filesystem::path target = std::filesystem::read_symlink(it->path(), ec);
        if (ec) {
            ec.clear();  // closed meanwhile (the directory's own descriptor, for one)
            continue;
        }
        if (std::find(files.begin(), files.end(), target) == files.end()) continue;
        try {
            found.push_back(std::stoi(it->path().filename().string()));
        } catch (const std::exception&) {
        }
    }
    return found;
}

}  // namespace

EarlyWriteback::EarlyWriteback(const std::filesystem::path& database) {
    if (database.empty()) return;
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::canonical(database, ec);
    if (ec) return;
    // SQLite names its companions after the database: the WAL, or in a rollback-journal mode (a
    // big import, see collection.cpp) the journal.
    std::vector<std::filesystem::path> files{canonical, canonical, canonical};
    files[1] += "-wal";
    files[2] += "-journal";
    try {
        thread_ = std::thread(&EarlyWriteback::Run, this, std::move(files));
    } catch (const std::system_error&) {
        // No thread: the writes happen at the fsyncs, as they would without this.
    }
}

EarlyWriteback::~EarlyWriteback() {
    if (!thread_.joinable()) return;
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    stop_requested_.notify_one();
    thread_.join();
}

void EarlyWriteback::Run(const std::vector<std::filesystem::path>& files) {
    std::unique_lock lock(mutex_);
    while (!stop_requested_.wait_for(lock, kInterval, [&] { return stop_; })) {
        lock.unlock();
        // A descriptor closed and reused for another file meanwhile is harmless: its dirty pages
        // are only written out a little earlier.
        for (const int fd : DescriptorsOf(files)) {
            (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        }
        lock.lock();
    }
}

}  // namespace mondo::storage::detail
