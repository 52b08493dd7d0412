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

// Whether `path` is a good mondo collection: opens read-only, quick_check ok, our application id,
// a version this build reads. The message says why not.
Expected<Ok, StorageError> VerifyCopy(const fs::path& path) {
    auto db = detail::OpenReadOnly(path);
    if (!db) return Unexpected(std::move(db).error());
    auto application_id = db->QueryInt(sql::kApplicationId);
    if (!application_id) return Unexpected(std::move(application_id).error());
    if (*application_id != detail::kApplicationId) {
        return Unexpected(
            Error(StorageErrorKind::kNotADatabase, path.string() + " is not a mondo collection"));
    }
    auto version = db->QueryInt(sql::kUserVersion);
    if (!version) return Unexpected(std::move(version).error());
    if (*version > kSchemaVersion) {
        return Unexpected(
            Error(StorageErrorKind::kTooNew, path.string() + " was written by a newer mondo"));
    }
    auto check = detail::RunCheckPragma(*db, sql::kQuickCheck);
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
    fs::remove(temporary, ec);
    {
        auto copy = Database::Open(temporary.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!copy) return Unexpected(std::move(copy).error());
        // One fsync at the end (SyncFile) instead of one per internal step.
        (void)copy->Exec("PRAGMA synchronous=OFF");
        sqlite3_backup* backup = sqlite3_backup_init(copy->get(), "main", impl_->db.get(), "main");
        if (backup == nullptr) {
            const std::string detail = copy->LastError();
            copy->Close();
            fs::remove(temporary, ec);
            return Unexpected(Error(StorageErrorKind::kIo, "Cannot start a backup into " +
                                                               dir.string() + " (" + detail + ")"));
        }
        const int step = sqlite3_backup_step(backup, -1);
        const int finish = sqlite3_backup_finish(backup);
        if (step != SQLITE_DONE || finish != SQLITE_OK) {
            copy->Close();
            fs::remove(temporary, ec);
            return Unexpected(detail::ErrorFromCode(step != SQLITE_DONE ? step : finish,
                                                    "Cannot write a backup into " + dir.string(),
                                                    ""));
        }
        // A backup is a single self-contained file: no -wal/-shm needed to read it.
        auto mode = copy->QueryText(sql::kJournalDelete);
        if (!mode) {
            copy->Close();
            fs::remove(temporary, ec);
            return Unexpected(std::move(mode).error());
        }
    }
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
    if (impl_->path.empty() || !impl_->changed_since_backup) return std::optional<fs::path>();
    const std::vector<BackupInfo> backups = ListBackups(BackupDirectoryFor(impl_->path));
    if (!backups.empty() && now_unix_seconds - backups.front().taken_at < kBackupInterval &&
        now_unix_seconds >= backups.front().taken_at) {
        return std::optional<fs::path>();
    }
    auto made = BackupNow(now_unix_seconds);
    if (!made) return Unexpected(std::move(made).error());
    return std::optional<fs::path>(std::move(*made));
}

Expected<fs::path, StorageError> Restore(const fs::path& backup, const fs::path& db) {
    std::error_code ec;
    if (!fs::is_regular_file(backup, ec)) {
        return Unexpected(Error(StorageErrorKind::kIo, "No backup file " + backup.string()));
    }
    if (auto verified = VerifyCopy(backup); !verified) {
        StorageError error = std::move(verified).error();
        error.message = "Cannot restore " + backup.string() + ": " + error.message;
        return Unexpected(std::move(error));
    }
    const fs::path parent = db.parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    auto lock = detail::FileLock::Acquire(db);
    if (!lock) return Unexpected(std::move(lock).error());

    fs::path aside;
    if (fs::exists(db, ec)) {
        aside = db;
        aside += ".before-restore-" + UtcStamp(static_cast<std::int64_t>(std::time(nullptr)));
        // The -wal may hold committed data not yet checkpointed: it moves with its database.
        for (const char* suffix : {"-wal", "-shm"}) {
            fs::path from = db;
            from += suffix;
            if (!fs::exists(from, ec)) continue;
            fs::path to = aside;
            to += suffix;
            fs::rename(from, to, ec);
            if (ec)
                return Unexpected(Error(StorageErrorKind::kIo, "Cannot move " + from.string() +
                                                                   " aside: " + ec.message()));
        }
        fs::rename(db, aside, ec);
        if (ec)
            return Unexpected(Error(StorageErrorKind::kIo,
                                    "Cannot move " + db.string() + " aside: " + ec.message()));
    }
    fs::path temporary = db;
    temporary += ".restoring";
    fs::copy_file(backup, temporary, fs::copy_options::overwrite_existing, ec);
    if (!ec && !SyncFile(temporary)) ec = std::make_error_code(std::errc::io_error);
    if (!ec) fs::rename(temporary, db, ec);
    if (!ec) SyncFile(parent.empty() ? fs::path(".") : parent);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        if (!aside.empty()) fs::rename(aside, db, ignored);  // put the current file back
        return Unexpected(
            Error(StorageErrorKind::kIo, "Cannot copy " + backup.string() + " to " + db.string()));
    }
    return aside;
}

}  // namespace mondo::storage
