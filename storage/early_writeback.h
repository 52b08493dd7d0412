// EarlyWriteback: while it lives, a thread asks the kernel every few milliseconds to start writing
// out the dirty pages of a collection's database file and its WAL or rollback journal
// (sync_file_range with SYNC_FILE_RANGE_WRITE: it starts the writes and waits for none).
//
// Why: a big import writes about as many bytes as the collection holds twice, into the WAL and,
// when it commits, from the WAL into the database; each write is then made durable by SQLite's
// fsync, which found every byte still waiting in the page cache and wrote it out while the import
// stood still (a 140 MB import: about 0.3 s for the WAL, as much for the database). Started
// early, the writes go to the disk while the import works, and the fsyncs find little left. A big
// new source is written with a rollback journal instead (collection.cpp): its pages go into the
// database file once, by the cache's spills while the import works and the rest at the commit,
// and the same holds. Durability is SQLite's as before: nothing here replaces or skips a sync.
//
// The descriptors are SQLite's own, found in /proc/self/fd by the files' paths and never closed
// here (closing any descriptor of the database file would drop the process's POSIX locks on it).
// Linux only; elsewhere, or without /proc, it does nothing. Thread-safety: construct and destroy
// on one thread; the destructor stops and joins the thread and never throws.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace mondo::storage::detail {

class EarlyWriteback {
  public:
    // `database` empty (an in-memory collection): nothing is started.
    explicit EarlyWriteback(const std::filesystem::path& database);
    EarlyWriteback(const EarlyWriteback&) = delete;
    EarlyWriteback& operator=(const EarlyWriteback&) = delete;
    ~EarlyWriteback();

  private:
    void Run(const std::vector<std::filesystem::path>& files);

    std::mutex mutex_;
    std::condition_variable stop_requested_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace mondo::storage::detail
