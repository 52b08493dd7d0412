// Backups: online backup API copies, verification, rotation, restore.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <system_error>

#include "storage/collection.h"
#include "storage/collection_impl.h"
#include "storage/queries.h"
#include "storage/schema.h"

namespace mondo::storage {

namespace fs = std::filesystem;
namespace sql = detail::sql;
using detail::Database;

namespace {

constexpr std::int64_t kBackupInterval = 30 * 60;  // seconds between automatic backups
constexpr std::size_t kKeepRecent = 12;
constexpr std::size_t kKeepDays = 10;
constexpr std::size_t kKeepWeeks = 10;
constexpr std::int64_t kDay = 86400;

StorageError Error(StorageErrorKind kind, std::string message) {
    return StorageError{kind, std::move(message)};
}

std::string UtcStamp(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &tm);
    return text;
}

// Parses "collection-YYYYMMDD-HHMMSS.sqlite3"; nullopt for any other name.
std::optional<std::int64_t> ParseBackupName(const std::string& name) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    char tail[16] = {};
    if (name.size() != std::string("collection-YYYYMMDD-HHMMSS.sqlite3").size())
        return std::nullopt;
    if (std::sscanf(name.c_str(), "collection-%4d%2d%2d-%2d%2d%2d.%8s", &year, &month, &day, &hour,
                    &minute, &second, tail) != 7 ||
        std::string(tail) != "sqlite3") {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm));
}

// Whether `path` is a good mondo collection: opens read-only, `check` (quick_check, or the full
// integrity_check for a file about to be trusted; nullptr: none) ok, our application id, a version
// this build reads. The message says why not.
Expected<Ok, StorageError> VerifyCopy(const fs::path& path,
                                      const char* check_pragma = sql::kQuickCheck) {
    auto db = detail::OpenReadOnly(path);
    if (!db) return Unexpected(std::move(db).error());
    auto application_id = db->QueryInt(sql::kApplicationId);
    if (!application_id) return Unexpected(std::move(application_id).error());
    if (*application_id != detail::kApplicationId) return Unexpected(detail::NotMondoError(path));
    auto version = db->QueryInt(sql::kUserVersion);
    if (!version) return Unexpected(std::move(version).error());
    if (*version > kSchemaVersion) return Unexpected(detail::TooNewError(path, *version));
    if (check_pragma == nullptr) return Ok{};
    auto check = detail::RunCheckPragma(*db, check_pragma);
    if (!check) return Unexpected(std::move(check).error());
    if (*check != "ok")
        return Unexpected(
            Error(StorageErrorKind::kCorrupt, path.string() + " is damaged: " + *check));
    return Ok{};
}

// Keeps the newest kKeepRecent, and the newest of each of the latest kKeepDays days and
// kKeepWeeks weeks that have a backup; deletes the other backups (only files named as backups).
void Rotate(const fs::path& dir) {
    const std::vector<BackupInfo> backups = ListBackups(dir);  // newest first
    std::set<std::size_t> keep;
    std::set<std::int64_t> days;
    std::set<std::int64_t> weeks;
    for (std::size_t i = 0; i < backups.size(); ++i) {
        if (i < kKeepRecent) keep.insert(i);
        const std::int64_t day = backups[i].taken_at / kDay;
        if (days.size() < kKeepDays && days.insert(day).second) keep.insert(i);
        // Weeks from Monday: the Unix epoch was a Thursday.
        const std::int64_t week = (day + 3) / 7;
        if (weeks.size() < kKeepWeeks && weeks.insert(week).second) keep.insert(i);
    }
    for (std::size_t i = 0; i < backups.size(); ++i) {
        if (keep.count(i) == 0) {
            std::error_code ec;
            fs::remove(backups[i].path,
                       ec);  // a backup that cannot be removed now is removed next time
        }
    }
}

// fsync of a file or folder; false when it fails.
bool SyncFile(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Copies the database open on `source` (its committed state, WAL included) into a new
// self-contained file `temporary` (journal mode DELETE: no -wal/-shm needed to read it) with the
// online backup API. On failure `temporary` is removed. `what` names the copy in messages.
Expected<Ok, StorageError> CopyDatabase(sqlite3* source, const fs::path& temporary,
                                        const std::string& what) {
    std::error_code ec;
    fs::remove(temporary, ec);
    if (ec) {
        return Unexpected(Error(StorageErrorKind::kIo, "Cannot write " + what + ": cannot remove " +
                                                           temporary.string() + " (" +
                                                           ec.message() + ")"));
    }
    auto failed = [&](StorageError error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return Unexpected(std::move(error));
    };
    auto copy = Database::Open(temporary.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!copy) return failed(std::move(copy).error());
    // One fsync at the end (by the caller) instead of one per internal step.
    (void)copy->Exec("PRAGMA synchronous=OFF");
    sqlite3_backup* backup = sqlite3_backup_init(copy->get(), "main", source, "main");
    if (backup == nullptr) {
        const std::string detail = copy->LastError();
        copy->Close();
        return failed(Error(StorageErrorKind::kIo, "Cannot start " + what + " (" + detail + ")"));
    }
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK) {
        const std::string detail = copy->LastError();
        copy->Close();
        return failed(detail::ErrorFromCode(step != SQLITE_DONE ? step : finish,
                                            "Cannot write " + what, detail));
    }
    auto mode = copy->QueryText(sql::kJournalDelete);
    if (!mode) {
        copy->Close();
        return failed(std::move(mode).error());
    }
    copy->Close();
    return Ok{};
}

// Renames done so far, undone in reverse order unless Keep() is called: a multi-file move either
// completes or leaves every name as it was (renames in one folder need no free space).
class RenameSequence {
  public:
    RenameSequence() = default;
    RenameSequence(const RenameSequence&) = delete;
    RenameSequence& operator=(const RenameSequence&) = delete;
    ~RenameSequence() {
        for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
            std::error_code ignored;
            fs::rename(it->second, it->first, ignored);
        }
    }
    // Renames `from` to `to` (a missing `from` is skipped when `optional`).
    Expected<Ok, StorageError> Move(const fs::path& from, const fs::path& to, bool optional) {
        std::error_code ec;
        if (optional && !fs::exists(fs::symlink_status(from, ec))) return Ok{};
        fs::rename(from, to, ec);
        if (ec) {
            return Unexpected(Error(
                StorageErrorKind::kIo,
                "Cannot rename " + from.string() + " to " + to.string() + ": " + ec.message()));
        }
        done_.emplace_back(from, to);
        return Ok{};
    }
    void Keep() { done_.clear(); }

  private:
    std::vector<std::pair<fs::path, fs::path>> done_;
};

}  // namespace

std::vector<BackupInfo> ListBackups(const fs::path& dir) {
    std::vector<BackupInfo> backups;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (const auto taken = ParseBackupName(it->path().filename().string())) {
            backups.push_back(BackupInfo{it->path(), *taken});
        }
    }
    std::sort(backups.begin(), backups.end(), [](const BackupInfo& a, const BackupInfo& b) {
        return a.taken_at != b.taken_at ? a.taken_at > b.taken_at : a.path > b.path;
    });
    return backups;
}

std::optional<fs::path> NewestGoodBackup(const fs::path& db) {
    for (const BackupInfo& backup : ListBackups(BackupDirectoryFor(db))) {
        if (VerifyCopy(backup.path)) return backup.path;
    }
    return std::nullopt;
}

bool Collection::ChangedSinceBackup() const { return impl_->changed_since_backup; }

void Collection::SetChangedSinceBackup(bool changed) { impl_->changed_since_backup = changed; }

bool Collection::BackupDue(std::int64_t now_unix_seconds) const {
    if (impl_->path.empty() || !impl_->changed_since_backup) return false;
    const std::vector<BackupInfo> backups = ListBackups(BackupDirectoryFor(impl_->path));
    return backups.empty() || now_unix_seconds - backups.front().taken_at >= kBackupInterval ||
           now_unix_seconds < backups.front().taken_at;
}

Expected<fs::path, StorageError> Collection::BackupNow(std::int64_t now_unix_seconds) {
    if (impl_->path.empty()) {
        return Unexpected(
            Error(StorageErrorKind::kInternal, "An in-memory collection has no backups"));
    }
    const fs::path dir = BackupDirectoryFor(impl_->path);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return Unexpected(Error(StorageErrorKind::kIo, "Cannot create the backup folder " +
                                                           dir.string() + ": " + ec.message()));
    }
    const fs::path target = dir / ("collection-" + UtcStamp(now_unix_seconds) + ".sqlite3");
    fs::path temporary = target;
    temporary += ".tmp";
    MONDO_TRY(CopyDatabase(impl_->db.get(), temporary, "a backup into " + dir.string()));
    if (auto verified = VerifyCopy(temporary); !verified) {
        fs::remove(temporary, ec);
        return Unexpected(
            Error(StorageErrorKind::kIo, "The backup did not verify: " + verified.error().message));
    }
    if (!SyncFile(temporary)) {
        fs::remove(temporary, ec);
        return Unexpected(Error(StorageErrorKind::kIo,
                                "Cannot write the backup " + target.string() + " to disk"));
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return Unexpected(
            Error(StorageErrorKind::kIo, "Cannot name the backup " + target.string()));
    }
    SyncFile(dir);  // the rename itself
    impl_->changed_since_backup = false;
    Rotate(dir);
    return target;
}

Expected<std::optional<fs::path>, StorageError> Collection::MaybeBackup(
    std::int64_t now_unix_seconds) {
    if (!BackupDue(now_unix_seconds)) return std::optional<fs::path>();
    auto made = BackupNow(now_unix_seconds);
    if (!made) return Unexpected(std::move(made).error());
    return std::optional<fs::path>(std::move(*made));
}

Expected<fs::path, StorageError> Restore(const fs::path& backup, const fs::path& db) {
    std::error_code ec;
    if (!fs::is_regular_file(backup, ec)) {
        return Unexpected(Error(StorageErrorKind::kIo, "No backup file " + backup.string()));
    }
    auto refuse = [&](StorageError error) {
        error.message = "Cannot restore " + backup.string() + ": " + error.message;
        return Unexpected(std::move(error));
    };
    // The backup's application id and version first, for a clear message before any copying.
    if (auto looked = VerifyCopy(backup, nullptr); !looked) return refuse(looked.error());
    const fs::path parent = db.parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    auto lock = detail::FileLock::Acquire(db);
    if (!lock) return Unexpected(std::move(lock).error());

    // 1. Copy the backup beside the collection with the backup API (a -wal beside the backup is
    //    read too, so restoring a collection onto itself keeps its last reviews), then trust the
    //    copy only after the full integrity_check. Nothing of the collection has changed yet.
    fs::path temporary = db;
    temporary += ".restoring";
    {
        auto source = detail::OpenReadOnly(backup);
        if (!source) return refuse(std::move(source).error());
        (void)source->Exec("PRAGMA busy_timeout=2000");
        if (auto copied = CopyDatabase(source->get(), temporary,
                                       "a copy of the backup beside " + db.string());
            !copied) {
            return refuse(std::move(copied).error());
        }
    }
    auto discard = [&](StorageError error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return refuse(std::move(error));
    };
    if (auto verified = VerifyCopy(temporary, sql::kIntegrityCheck); !verified)
        return discard(verified.error());
    if (!SyncFile(temporary)) {
        return discard(Error(StorageErrorKind::kIo,
                             "Cannot write " + temporary.string() + " to disk (disk full?)"));
    }

    // 2. Renames only: the current file with its -wal (committed reviews not yet checkpointed)
    //    and -shm, or a -journal (a big import's, crashed: SQLite would roll it back into
    //    whatever file bears the name), goes aside, the copy takes its name. A failed rename
    //    undoes the others.
    fs::path aside;
    RenameSequence renames;
    if (fs::exists(db, ec)) {
        aside = db;
        aside += ".before-restore-" + UtcStamp(static_cast<std::int64_t>(std::time(nullptr)));
        for (const char* suffix : {"-wal", "-shm", "-journal"}) {
            fs::path from = db;
            from += suffix;
            fs::path to = aside;
            to += suffix;
            if (auto moved = renames.Move(from, to, true); !moved) return discard(moved.error());
        }
        if (auto moved = renames.Move(db, aside, false); !moved) return discard(moved.error());
    }
    if (auto moved = renames.Move(temporary, db, false); !moved) return discard(moved.error());
    renames.Keep();
    SyncFile(parent.empty() ? fs::path(".") : parent);  // the renames themselves
    return aside;
}

}  // namespace mondo::storage
