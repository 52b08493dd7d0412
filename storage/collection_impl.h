// Internal to mondo_storage: the state behind a Collection, shared by the files that implement it
// (collection.cpp: open and sources; reviews.cpp: cards, reviews, statistics, sessions, settings;
// backup.cpp; check.cpp; export.cpp).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "storage/collection.h"
#include "storage/file_lock.h"
#include "storage/sqlite.h"

namespace mondo::storage {

struct Collection::Impl {
    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    // Closes the database; when this was a verified writer and the close left no WAL behind,
    // records the file's fingerprint in the lock file (see detail::FileFingerprint).
    ~Impl();

    detail::Database db;
    detail::FileLock lock;       // held for the whole life of the collection (files only)
    std::filesystem::path path;  // empty for in-memory collections
    bool changed_since_backup = false;
    bool record_clean_close = false;  // set by Collection::Open once the file is verified
};

namespace detail {

// The messages of the refusals every entry point shares (open, check, restore, export), so that
// the same cause reads the same from every command (README: "Exit status and messages").
StorageError MissingCollectionError(const std::filesystem::path& path);             // kIo
StorageError NotRegularFileError(const std::filesystem::path& path);                // kIo
StorageError UnreadableError(const std::filesystem::path& path, int error);         // kIo, strerror
StorageError NotSqliteError(const std::filesystem::path& path);                     // kNotADatabase
StorageError NotMondoError(const std::filesystem::path& path);                      // kNotADatabase
StorageError TooNewError(const std::filesystem::path& path, std::int64_t version);  // kTooNew

// Lists (choices, accept) are stored as "<decimal length>:<bytes>" repeated, so any byte survives.
std::string EncodeList(const std::vector<std::string>& items);
// The same into `out` (replacing what it held), so that a bulk write reuses one buffer.
void EncodeListInto(const std::vector<std::string>& items, std::string& out);
std::vector<std::string> DecodeList(std::string_view encoded);

// What identifies the state of the file at `path` without reading it all: device, inode, size,
// mtime and ctime (nanoseconds) and a hash of SQLite's 100-byte header; empty when it cannot be
// read. Kept in the lock file at a clean close; a file whose fingerprint still matches at the next
// open has not been replaced, renamed over, written or had its times set since (setting mtime back
// changes ctime, which only the kernel sets), so it is the file SQLite left, verified when it was
// opened. Not a defence against damage that bypasses the file system (a failing disk).
std::string FileFingerprint(const std::filesystem::path& path);

// FileFingerprint once the kernel's timestamp clock has moved past the file's mtime and ctime (at
// most ~100 ms), so that any later write changes them; empty when it does not (a full check then).
std::string SettledFileFingerprint(const std::filesystem::path& path);

// Opens a file read-only for inspection (backups, check). `immutable`: also without locks and
// without creating -wal/-shm files beside it — only safe when nothing else can write the file.
Expected<Database, StorageError> OpenReadOnly(const std::filesystem::path& path,
                                              bool immutable = false);

// "ok", or the problems PRAGMA quick_check (or integrity_check) reports, joined with "; ".
Expected<std::string, StorageError> RunCheckPragma(Database& db, const char* pragma);

// The columns of a card as selected by kCardColumns (state, stability, …, last_review) from
// `first`. NULL last_review reads as 0.
sched::Card ReadCard(const Statement& stmt, int first);
// A stored state column (0..3); anything else, which the schema's CHECK prevents, reads as new.
sched::CardState StateFromStored(std::int64_t value);

// Brings exchange_progress up to date with what progress_stale lists (reviews.cpp): inside the
// caller's transaction when one is open (an import fills its source's rows before it commits),
// else in one of its own. Writes nothing when nothing is listed.
Expected<Ok, StorageError> RefreshProgressSummary(Database& db);

}  // namespace detail
}  // namespace mondo::storage

namespace mondo::storage::detail {

// Prepares `query`, binds `binds` to ?1, ?2, … and runs it to completion.
template <typename... Binds>
Expected<Ok, StorageError> RunWith(Database& db, const char* query, const Binds&... binds) {
    auto stmt = db.Prepare(query);
    if (!stmt) return Unexpected(std::move(stmt).error());
    int index = 0;
    (stmt->Bind(++index, binds), ...);
    return stmt->Run();
}

}  // namespace mondo::storage::detail
