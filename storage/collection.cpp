// Collection: opening (checks, pragmas, the upgrade ladder), sources and their import.
//
// [SECTION] Helpers
// [SECTION] Opening
// [SECTION] Sources and import
#include "storage/collection.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
// XXH3's state as a plain member (the Hasher below), not allocated by the library.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "storage/collection_impl.h"
#include "storage/early_writeback.h"
#include "storage/queries.h"
#include "storage/schema.h"

namespace mondo::storage {

using detail::Database;
using detail::Statement;
using detail::Transaction;
namespace sql = detail::sql;
namespace fs = std::filesystem;

// [SECTION] Helpers

namespace detail {

std::string EncodeList(const std::vector<std::string>& items) {
    std::string out;
    EncodeListInto(items, out);
    return out;
}

void EncodeListInto(const std::vector<std::string>& items, std::string& out) {
    out.clear();
    for (const std::string& item : items) {
        char digits[24];
        const auto [end, error] = std::to_chars(digits, digits + sizeof digits, item.size());
        (void)error;  // 24 characters hold any size
        out.append(digits, end);
        out += ':';
        out += item;
    }
}

std::vector<std::string> DecodeList(std::string_view encoded) {
    std::vector<std::string> items;
    while (!encoded.empty()) {
        std::size_t length = 0;
        const auto [end, error] =
            std::from_chars(encoded.data(), encoded.data() + encoded.size(), length);
        const std::size_t digits = static_cast<std::size_t>(end - encoded.data());
        // A damaged list ends the decoding rather than reading past the end.
        if (error != std::errc() || digits >= encoded.size() || encoded[digits] != ':' ||
            length > encoded.size() - digits - 1) {
            break;
        }
        items.emplace_back(encoded.substr(digits + 1, length));
        encoded.remove_prefix(digits + 1 + length);
    }
    return items;
}

StorageError MissingCollectionError(const fs::path& path) {
    return StorageError{StorageErrorKind::kIo, "There is no collection at " + path.string()};
}

StorageError NotRegularFileError(const fs::path& path) {
    return StorageError{StorageErrorKind::kIo,
                        path.string() + " is not a regular file, so not a collection"};
}

StorageError UnreadableError(const fs::path& path, int error) {
    return StorageError{StorageErrorKind::kIo,
                        "Cannot read " + path.string() + ": " + std::strerror(error)};
}

StorageError NotSqliteError(const fs::path& path) {
    return StorageError{StorageErrorKind::kNotADatabase,
                        path.string() + " is not a mondo collection (not an SQLite database)"};
}

StorageError NotMondoError(const fs::path& path) {
    return StorageError{StorageErrorKind::kNotADatabase,
                        path.string() + " is an SQLite database but not a mondo collection"};
}

StorageError TooNewError(const fs::path& path, std::int64_t version) {
    return StorageError{StorageErrorKind::kTooNew,
                        path.string() + " was written by a newer mondo (schema version " +
                            std::to_string(version) + ", this mondo reads up to " +
                            std::to_string(kSchemaVersion) + "); update mondo to open it"};
}

std::string FileFingerprint(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    struct stat info {};
    unsigned char header[100] = {};
    const bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
                    ::pread(fd, header, sizeof header, 0) >= 0;
    ::close(fd);
    if (!ok) return {};
    // SQLite's header: page size, file change counter, page count, freelist, schema cookie,
    // user_version, application id, version-valid-for. A change made through SQLite in rollback
    // mode (another tool) changes the counter; a schema change changes the cookie.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char byte : header) {
        hash ^= byte;
        hash *= 0x100000001b3ULL;
    }
    char text[224];
    std::snprintf(text, sizeof text,
                  "dev:%llx ino:%llu size:%lld mtime:%lld.%09ld ctime:%lld.%09ld header:%016llx",
                  static_cast<unsigned long long>(info.st_dev),
                  static_cast<unsigned long long>(info.st_ino),
                  static_cast<long long>(info.st_size), static_cast<long long>(info.st_mtim.tv_sec),
                  info.st_mtim.tv_nsec, static_cast<long long>(info.st_ctim.tv_sec),
                  info.st_ctim.tv_nsec, static_cast<unsigned long long>(hash));
    return text;
}

std::string SettledFileFingerprint(const fs::path& path) {
    // The kernel stamps mtime/ctime from a clock that ticks every few milliseconds: a change made
    // within the tick of SQLite's last write would keep both stamps. Waiting until that clock has
    // passed the stamps makes every later change visible in them.
    for (int waited_ms = 0; waited_ms <= 100; ++waited_ms) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0) return {};
        timespec now{};
        if (::clock_gettime(CLOCK_REALTIME_COARSE, &now) != 0) return {};
        auto before_now = [&](const timespec& stamp) {
            return stamp.tv_sec < now.tv_sec ||
                   (stamp.tv_sec == now.tv_sec && stamp.tv_nsec < now.tv_nsec);
        };
        if (before_now(info.st_mtim) && before_now(info.st_ctim)) return FileFingerprint(path);
        const timespec millisecond{0, 1'000'000};
        ::nanosleep(&millisecond, nullptr);
    }
    return {};  // stamps in the future (clock set back?): no fingerprint, a full check next time
}

Expected<Database, StorageError> OpenReadOnly(const fs::path& path, bool immutable) {
    if (!immutable) return Database::Open(path.string(), SQLITE_OPEN_READONLY);
    // A URI: every byte outside the unreserved set is percent-encoded.
    std::string uri = "file:";
    for (const char c : fs::absolute(path).string()) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += c;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", u);
            uri += escaped;
        }
    }
    uri += "?immutable=1";
    return Database::Open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
}

Expected<std::string, StorageError> RunCheckPragma(Database& db, const char* pragma) {
    auto stmt = db.Prepare(pragma);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::string result;
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        if (!result.empty()) result += "; ";
        result += stmt->Text(0);
    }
    return result;
}

sched::Card ReadCard(const Statement& stmt, int first) {
    sched::Card card;
    card.state = StateFromStored(stmt.Int(first));
    card.memory.stability = stmt.Double(first + 1);
    card.memory.difficulty = stmt.Double(first + 2);
    card.due = stmt.Int(first + 3);
    card.step = static_cast<int>(stmt.Int(first + 4));
    card.reps = static_cast<int>(stmt.Int(first + 5));
    card.lapses = static_cast<int>(stmt.Int(first + 6));
    card.scheduled_days = static_cast<int>(stmt.Int(first + 7));
    card.last_review = stmt.OptionalInt(first + 8).value_or(0);
    return card;
}

sched::CardState StateFromStored(std::int64_t value) {
    if (value < 0 || value > 3) return sched::CardState::kNew;  // damaged: start again
    return static_cast<sched::CardState>(value);
}

}  // namespace detail

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // 16 bytes with the terminating NUL

StorageError Error(StorageErrorKind kind, std::string message) {
    return StorageError{kind, std::move(message)};
}

// The error as seen while opening `path`: names the file.
StorageError OpenError(const StorageError& error, const fs::path& path) {
    switch (error.kind) {
        case StorageErrorKind::kNotADatabase:
            return detail::NotSqliteError(path);
        case StorageErrorKind::kCorrupt:
            return Error(error.kind, path.string() + " is corrupt (" + error.message + ")");
        default:
            return Error(error.kind, "Cannot open " + path.string() + ": " + error.message);
    }
}

StorageError CorruptError(const fs::path& path, const std::string& detail) {
    std::string message = path.string() + " is damaged";
    if (!detail.empty()) message += " (" + detail.substr(0, 200) + ")";
    message += ". ";
    if (const auto backup = NewestGoodBackup(path)) {
        message += "The newest good backup is " + backup->string() +
                   "; restore it with: mondo restore " + backup->string() + " --db " +
                   path.string();
    } else {
        message += "No good backup was found in " + BackupDirectoryFor(path).string() +
                   "; keep the file and try `mondo check`";
    }
    return Error(StorageErrorKind::kCorrupt, std::move(message));
}

// What the first bytes of an existing file say. Reading never modifies it.
enum class Header { kEmpty, kSqlite, kOther, kUnreadable };

// `error` gets errno when the file cannot be read.
Header ReadHeader(const fs::path& path, int& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = errno;
        return Header::kUnreadable;
    }
    char bytes[16] = {};
    ssize_t got = 0;
    do {
        got = ::pread(fd, bytes, sizeof bytes, 0);
    } while (got < 0 && errno == EINTR);
    error = errno;
    ::close(fd);
    if (got < 0) return Header::kUnreadable;
    if (got == 0) return Header::kEmpty;
    if (got < 16 || std::memcmp(bytes, kSqliteMagic, 16) != 0) return Header::kOther;
    return Header::kSqlite;
}

// Applies every step above the file's version in one BEGIN IMMEDIATE transaction.
Expected<Ok, StorageError> Upgrade(Database& db) {
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto version = db.QueryInt(sql::kUserVersion);
    if (!version) return Unexpected(std::move(version).error());
    if (*version > kSchemaVersion) {
        return Unexpected(
            Error(StorageErrorKind::kTooNew, "schema version " + std::to_string(*version)));
    }
    if (*version == kSchemaVersion) return Ok{};  // nothing to do; the guard rolls back (a no-op)
    for (const detail::SchemaStep& step : detail::SchemaSteps()) {
        if (step.version <= *version) continue;
        MONDO_TRY(db.Exec(step.sql));
    }
    char pragma[128];
    std::snprintf(pragma, sizeof pragma, sql::kSetUserVersionFormat, kSchemaVersion,
                  detail::kApplicationId);
    MONDO_TRY(db.Exec(pragma));
    return transaction->Commit();
}

}  // namespace

fs::path DefaultCollectionPath() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    fs::path base;
    if (xdg != nullptr && xdg[0] == '/') {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home != nullptr && home[0] != '\0' ? home : ".") / ".local" / "share";
    }
    return base / "mondo" / "collection.sqlite3";
}

fs::path BackupDirectoryFor(const fs::path& db) {
    const fs::path parent = db.parent_path();
    return (parent.empty() ? fs::path(".") : parent) / "backups";
}

// [SECTION] Opening

Collection::Impl::~Impl() {
    db.Close();
    if (!record_clean_close || path.empty()) return;
    fs::path wal = path;
    wal += "-wal";
    fs::path journal = path;
    journal += "-journal";
    std::error_code ec;
    // A WAL left behind (another reader kept the file open, or the checkpoint failed) means the
    // file alone is not the collection: no fingerprint, so the next open checks it in full. So
    // does a rollback journal (a big import's, if its return to WAL mode failed).
    if (fs::exists(wal, ec) || ec || fs::exists(journal, ec) || ec) {
        lock.WriteNote("");
        return;
    }
    const std::string fingerprint = detail::SettledFileFingerprint(path);
    lock.WriteNote(fingerprint.empty() ? "" : "clean-close " + fingerprint);
}

Collection::Collection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Collection::Collection(Collection&&) noexcept = default;
Collection& Collection::operator=(Collection&&) noexcept = default;
Collection::~Collection() = default;

const fs::path& Collection::path() const { return impl_->path; }

Expected<Collection, StorageError> Collection::Open(const fs::path& path, OpenOptions options) {
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (ec)
        return Unexpected(
            Error(StorageErrorKind::kIo, "Cannot reach " + path.string() + ": " + ec.message()));
    Header header = Header::kEmpty;
    if (exists) {
        // A folder, FIFO or device is never opened (reading a FIFO would block).
        if (!fs::is_regular_file(path, ec)) return Unexpected(detail::NotRegularFileError(path));
        int read_error = 0;
        header = ReadHeader(path, read_error);
        if (header == Header::kUnreadable)
            return Unexpected(detail::UnreadableError(path, read_error));
        if (header == Header::kOther) return Unexpected(detail::NotSqliteError(path));
    } else {
        if (!options.create_if_missing) {
            return Unexpected(detail::MissingCollectionError(path));
        }
        const fs::path parent = path.parent_path();
        if (!parent.empty()) {
            fs::create_directories(parent, ec);
            if (ec) {
                return Unexpected(
                    Error(StorageErrorKind::kIo,
                          "Cannot create the folder " + parent.string() + ": " + ec.message()));
            }
        }
    }

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    auto lock = detail::FileLock::Acquire(path);
    if (!lock) return Unexpected(std::move(lock).error());
    impl->lock = std::move(*lock);
    // Looked at before SQLite opens the file (reading a WAL-mode file creates an empty -wal).
    fs::path wal = path;
    wal += "-wal";
    const bool wal_left = fs::exists(wal, ec) || ec;
    const std::string note = impl->lock.ReadNote();
    impl->lock.WriteNote("");  // from here on the file may change: the fingerprint is stale

    const int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
    auto db = Database::Open(path.string(), flags);
    if (!db) return Unexpected(OpenError(db.error(), path));
    // Until the file is accepted, closing must not checkpoint a WAL into it (that would change it).
    sqlite3_db_config(db->get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    MONDO_TRY(db->Exec("PRAGMA busy_timeout=2000"));

    if (header == Header::kSqlite) {
        // The file starts like SQLite, so a file SQLite cannot read is a damaged one.
        auto refuse = [&](const StorageError& error) {
            if (error.kind == StorageErrorKind::kCorrupt ||
                error.kind == StorageErrorKind::kNotADatabase) {
                return CorruptError(path, error.message);
            }
            return OpenError(error, path);
        };
        auto application_id = db->QueryInt(sql::kApplicationId);
        if (!application_id) return Unexpected(refuse(application_id.error()));
        auto version = db->QueryInt(sql::kUserVersion);
        if (!version) return Unexpected(refuse(version.error()));
        if (*application_id != detail::kApplicationId) {
            auto objects = db->QueryInt(sql::kCountSchemaObjects);
            if (!objects) return Unexpected(refuse(objects.error()));
            if (*application_id != 0 || *version != 0 || *objects != 0)
                return Unexpected(detail::NotMondoError(path));
        }
        if (*version > kSchemaVersion) return Unexpected(detail::TooNewError(path, *version));
        // A file untouched since the last clean close (its fingerprint in the lock file matches:
        // same inode, size, mtime, ctime and SQLite header; and there is no WAL) was verified when
        // that session opened it and written only by SQLite since: it is trusted as it is. Any
        // other file (changed by another program or copied in, restored, left with a WAL by a
        // crash, or without a fingerprint) gets the full integrity_check, which also compares
        // every index with its table, before anything writes to it. See README (Performance) for
        // what each costs.
        const bool unchanged =
            !wal_left && !note.empty() && note == "clean-close " + detail::FileFingerprint(path);
        if (!unchanged) {
            auto check = detail::RunCheckPragma(*db, sql::kIntegrityCheck);
            if (!check) return Unexpected(refuse(check.error()));
            if (*check != "ok") return Unexpected(CorruptError(path, *check));
        }
    }

    auto mode = db->QueryText(sql::kJournalWal);
    if (!mode) return Unexpected(OpenError(mode.error(), path));
    if (*mode != "wal") {
        return Unexpected(
            Error(StorageErrorKind::kIo,
                  "Cannot open " + path.string() + " in WAL mode (journal mode " + *mode + ")"));
    }
    if (auto pragmas = db->Exec(sql::kConnectionPragmas); !pragmas) {
        return Unexpected(OpenError(pragmas.error(), path));
    }
    if (auto upgraded = Upgrade(*db); !upgraded)
        return Unexpected(OpenError(upgraded.error(), path));
    sqlite3_db_config(db->get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    impl->db = std::move(*db);
    impl->record_clean_close = true;
    return Collection(std::move(impl));
}

Expected<Collection, StorageError> Collection::OpenInMemory() {
    auto db = Database::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) return Unexpected(std::move(db).error());
    MONDO_TRY(db->Exec(sql::kConnectionPragmas));
    MONDO_TRY(Upgrade(*db));
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(*db);
    return Collection(std::move(impl));
}

Expected<Collection, StorageError> Collection::OpenReader(const std::atomic<bool>* stop) const {
    if (impl_->path.empty()) {
        return Unexpected(
            Error(StorageErrorKind::kInternal, "an in-memory collection has no second connection"));
    }
    auto db = Database::Open(impl_->path.string(), SQLITE_OPEN_READONLY);
    if (!db) return Unexpected(OpenError(db.error(), impl_->path));
    MONDO_TRY(db->Exec("PRAGMA busy_timeout=2000"));
    if (stop != nullptr) {
        // Asked every 100 virtual-machine steps (a fraction of a microsecond each): nonzero
        // interrupts the read.
        sqlite3_progress_handler(
            db->get(), 100,
            [](void* flag) -> int {
                return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed)
                           ? 1
                           : 0;
            },
            const_cast<std::atomic<bool>*>(stop));
    }
    auto impl = std::make_unique<Impl>();
    impl->path = impl_->path;
    impl->db = std::move(*db);
    return Collection(std::move(impl));
}

// [SECTION] Sources and import

namespace {

// SQLite's page cache raised to kImportCacheKiB while it lives, then set back to what it was.
class CacheSizeForImport {
  public:
    static constexpr int kImportCacheKiB = 32 << 10;
    explicit CacheSizeForImport(Database& db) : db_(db) {
        const auto before = db.QueryInt("PRAGMA cache_size");
        if (!before || *before <= -kImportCacheKiB) return;
        before_ = *before;
        const std::string raise = "PRAGMA cache_size=-" + std::to_string(kImportCacheKiB);
        if (!db.Exec(raise.c_str())) before_.reset();
    }
    CacheSizeForImport(const CacheSizeForImport&) = delete;
    CacheSizeForImport& operator=(const CacheSizeForImport&) = delete;
    ~CacheSizeForImport() {
        if (!before_) return;
        const std::string restore = "PRAGMA cache_size=" + std::to_string(*before_);
        (void)db_.Exec(restore.c_str());
    }

  private:
    Database& db_;
    std::optional<std::int64_t> before_;
};

// A big import of a source new to the collection, written with a rollback journal instead of the
// WAL while it lives, when no other connection has the file open; WAL mode again after it.
//
// Why: in WAL mode every page of the import is written into the WAL and copied again into the
// database by the checkpoint after the commit (the 9 MB interview: about 120 MB twice, the second
// time with the import standing still). With a rollback journal the pages go straight into the
// database file, and those appended past its old end, nearly all of a new source's, are not
// journaled at all: written once, and no checkpoint. SQLite's documentation says so too
// (https://www.sqlite.org/wal.html, section 1: for transactions larger than about 100 megabytes,
// the rollback journal modes are likely faster). A source already stored keeps the WAL: its pages
// are rewritten in place, which either journal writes twice, and an unchanged re-import, rolled
// back at its end, would have to copy its spilled pages back from the rollback journal.
//
// How: PRAGMA journal_mode=DELETE checkpoints and removes the WAL, and SQLite grants it only when
// no other connection has the file open (the app's backup or Settings reader, `mondo check`
// beside the writer): then it fails at once with SQLITE_BUSY, the mode stays "wal" and the import
// runs in WAL mode as before. Then locking_mode=EXCLUSIVE and BEGIN EXCLUSIVE: no reader can start
// while the import writes into the database file (one that tries waits its busy timeout, then
// reads "in use"), so the import never waits halfway for one (a cache spill and the commit need
// the exclusive lock), and the lock stays held after the commit (or rollback) until WAL mode is
// back: locking_mode=NORMAL, then journal_mode=WAL, which rewrites the header under that lock and
// releases it, so no reader can slip in between and make the return wait or fail.
//
// A crash halfway leaves a hot journal: the next open rolls it back (SQLite, synchronous=FULL;
// Collection::Open runs the full integrity check, the file not having been closed cleanly) and
// sets WAL mode again. If the return to WAL fails here (an I/O error), the connection goes on in
// rollback mode, which is as durable, only without readers beside the writer, until the next
// Collection::Open sets WAL mode again.
class RollbackJournalForImport {
  public:
    // Below this much exchange text (questions, answers, notes) the switch, a few fsyncs, costs
    // more than the WAL's second copy of the pages.
    static constexpr std::size_t kFromExchangeBytes = std::size_t{256} << 10;

    // Whether `interview`, imported into `db`, is a new source large enough.
    static bool WantedFor(Database& db, const content::Interview& interview) {
        std::size_t bytes = 0;
        for (const content::Exchange& e : interview.exchanges) {
            bytes += e.question.size() + e.answer.size();
            for (const std::string& note : e.notes) bytes += note.size();
        }
        if (bytes < kFromExchangeBytes) return false;
        auto source = db.Prepare(sql::kSourceById);
        if (!source) return false;
        source->Bind(1, interview.source_id);
        auto row = source->Step();
        return row && !*row;
    }

    explicit RollbackJournalForImport(Database& db) : db_(db) {
        auto mode = db_.QueryText(sql::kJournalDelete);
        if (!mode || *mode != "delete") return;  // another connection has the file open
        active_ = true;
        auto locking = db_.QueryText("PRAGMA locking_mode=EXCLUSIVE");
        if (!locking || *locking != "exclusive") Restore();
    }
    RollbackJournalForImport(const RollbackJournalForImport&) = delete;
    RollbackJournalForImport& operator=(const RollbackJournalForImport&) = delete;
    // Outside any transaction (the import's is gone by now: declared after this).
    ~RollbackJournalForImport() { Restore(); }

    // The journal is a rollback journal and the connection keeps its locks.
    bool active() const { return active_; }

    // Back to WAL mode and normal locking (see above for a failure).
    void Restore() {
        if (!active_) return;
        active_ = false;
        (void)db_.QueryText("PRAGMA locking_mode=NORMAL");
        (void)db_.QueryText(sql::kJournalWal);
    }

  private:
    Database& db_;
    bool active_ = false;
};

// XXH3-64 (libxxhash) over a length-prefixed serialisation of everything an import stores, so the
// same source imported twice is recognised and written zero times. The serialisation is gathered
// and hashed 64 KiB at a time. Until 2026-12-03 it was hashed with FNV-1a 64, byte by byte: 0.12 s
// of the writing thread for the 9 MB interview, where XXH3 and the copy into the buffer take about
// a fifth of that. A source stored before then holds an FNV-1a value, so its first import after it
// finds the hash changed even if the source did not: that import rewrites the source's rows once,
// with the same values (the same rows and the same report, all kept), and stores the new hash.
class Hasher {
  public:
    Hasher() {
        XXH3_64bits_reset(&state_);
        buffer_.reserve(kFlushAt);
    }
    void Add(std::string_view bytes) {
        AddLength(bytes.size());
        AddRaw(bytes);
    }
    void Add(std::int64_t value) {
        char digits[24];
        const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
        (void)error;  // 24 characters hold any 64-bit integer
        Add(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    void Add(int value) { Add(static_cast<std::int64_t>(value)); }
    void Add(std::size_t value) { Add(static_cast<std::int64_t>(value)); }
    // The hash of everything added so far, in hexadecimal.
    std::string Hex() {
        Flush();
        char out[17];
        std::snprintf(out, sizeof out, "%016llx",
                      static_cast<unsigned long long>(XXH3_64bits_digest(&state_)));
        return out;
    }

  private:
    static constexpr std::size_t kFlushAt = 64 << 10;

    // The length in decimal and ':' (as std::to_string(size) + ":" always hashed).
    void AddLength(std::size_t size) {
        char digits[24];
        auto [end, error] = std::to_chars(digits, digits + sizeof digits - 1, size);
        (void)error;
        *end++ = ':';
        AddRaw(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    void AddRaw(std::string_view bytes) {
        if (buffer_.size() + bytes.size() > kFlushAt) {
            Flush();
            if (bytes.size() >= kFlushAt) {  // a long text goes to the hash without a copy
                XXH3_64bits_update(&state_, bytes.data(), bytes.size());
                return;
            }
        }
        buffer_.append(bytes);
    }
    void Flush() {
        if (buffer_.empty()) return;
        XXH3_64bits_update(&state_, buffer_.data(), buffer_.size());
        buffer_.clear();
    }
    XXH3_state_t state_{};
    std::string buffer_;
};

// The interview's part of the content hash; the questions follow (AddQuestionToHash), then their
// count.
Hasher InterviewHash(const content::Interview& interview) {
    Hasher h;
    h.Add(std::string_view("mondo-source-v1"));
    h.Add(std::string_view(interview.title));
    h.Add(interview.intro.size());
    for (const auto& p : interview.intro) h.Add(std::string_view(p));
    h.Add(interview.profile.size());
    for (const auto& p : interview.profile) h.Add(std::string_view(p));
    h.Add(interview.sections.size());
    for (const auto& s : interview.sections) {
        h.Add(s.index);
        h.Add(std::string_view(s.title));
    }
    h.Add(interview.exchanges.size());
    for (const auto& e : interview.exchanges) {
        h.Add(e.index);
        h.Add(e.section);
        h.Add(std::string_view(e.question));
        h.Add(std::string_view(e.answer));
        h.Add(e.notes.size());
        for (const auto& n : e.notes) h.Add(std::string_view(n));
    }
    h.Add(interview.ruby.size());
    for (const auto& r : interview.ruby) {
        h.Add(std::string_view(r.base));
        h.Add(std::string_view(r.reading));
    }
    return h;
}

// `choices` and `accept`: q's, encoded (detail::EncodeList).
void AddQuestionToHash(Hasher& h, const content::Question& q, std::string_view choices,
                       std::string_view accept) {
    h.Add(std::string_view(q.id));
    h.Add(content::KindName(q.kind));
    h.Add(q.exchange ? *q.exchange : -1);
    h.Add(std::string_view(q.prompt));
    h.Add(std::string_view(q.answer));
    h.Add(choices);
    h.Add(accept);
    h.Add(std::string_view(q.context));
}

Expected<Ok, StorageError> StoreDocument(Database& db, const content::Interview& interview) {
    const std::string& id = interview.source_id;
    for (const char* query : {sql::kDeleteParagraphs, sql::kDeleteRuby, sql::kDeleteSections,
                              sql::kDeleteExchanges, sql::kDeleteNotes}) {
        MONDO_TRY(detail::RunWith(db, query, id));
    }
    auto paragraph = db.Prepare(sql::kInsertParagraph);
    if (!paragraph) return Unexpected(std::move(paragraph).error());
    const std::vector<std::string>* lists[] = {&interview.intro, &interview.profile};
    for (int kind = 0; kind < 2; ++kind) {
        int position = 0;
        for (const std::string& text : *lists[kind]) {
            paragraph->Bind(1, id).Bind(2, kind).Bind(3, position++).Bind(4, text);
            MONDO_TRY(paragraph->Run());
        }
    }
    auto ruby = db.Prepare(sql::kInsertRuby);
    if (!ruby) return Unexpected(std::move(ruby).error());
    int position = 0;
    for (const content::Ruby& r : interview.ruby) {
        ruby->Bind(1, id).Bind(2, position++).Bind(3, r.base).Bind(4, r.reading);
        MONDO_TRY(ruby->Run());
    }
    auto section = db.Prepare(sql::kInsertSection);
    if (!section) return Unexpected(std::move(section).error());
    std::set<int> section_indexes;
    for (const content::Section& s : interview.sections) {
        if (!section_indexes.insert(s.index).second) continue;  // the model promises unique indexes
        section->Bind(1, id).Bind(2, s.index).Bind(3, s.title);
        MONDO_TRY(section->Run());
    }
    auto exchange = db.Prepare(sql::kInsertExchange);
    if (!exchange) return Unexpected(std::move(exchange).error());
    auto note = db.Prepare(sql::kInsertNote);
    if (!note) return Unexpected(std::move(note).error());
    std::set<int> exchange_indexes;
    for (const content::Exchange& e : interview.exchanges) {
        if (!exchange_indexes.insert(e.index).second) continue;
        exchange->Bind(1, id)
            .Bind(2, e.index)
            .Bind(3, e.section)
            .Bind(4, e.question)
            .Bind(5, e.answer);
        MONDO_TRY(exchange->Run());
        int note_position = 0;
        for (const std::string& text : e.notes) {
            note->Bind(1, id).Bind(2, e.index).Bind(3, note_position++).Bind(4, text);
            MONDO_TRY(note->Run());
        }
    }
    return Ok{};
}

}  // namespace

namespace {

// A feed of one part: `questions` as they are.
Collection::QuestionFeed WholeFeed(const std::vector<content::Question>& questions) {
    return [&questions](const content::QuestionSink& store) {
        if (!questions.empty()) store(std::vector<content::Question>(questions));
    };
}

}  // namespace

Expected<SyncReport, StorageError> Collection::ImportSource(
    const content::Interview& interview, const std::vector<content::Question>& questions) {
    return SyncSource(interview, WholeFeed(questions), /*commit=*/true);
}

Expected<SyncReport, StorageError> Collection::ImportSource(const content::Interview& interview,
                                                            const QuestionFeed& feed) {
    return SyncSource(interview, feed, /*commit=*/true);
}

Expected<SyncReport, StorageError> Collection::PreviewImportSource(
    const content::Interview& interview, const std::vector<content::Question>& questions) {
    return SyncSource(interview, WholeFeed(questions), /*commit=*/false);
}

Expected<SyncReport, StorageError> Collection::SyncSource(const content::Interview& interview,
                                                          const QuestionFeed& feed, bool commit) {
    Database& db = impl_->db;
    if (interview.source_id.empty()) {
        return Unexpected(
            Error(StorageErrorKind::kInternal, "Cannot import a source without an id"));
    }
    const std::string& source_id = interview.source_id;

    // A big import rewrites the same index pages (the stable ids' index grows in hash order) many
    // times: with SQLite's default 2 MB cache, each is spilled to the WAL again and again. A larger
    // cache for the import only (restored after the transaction ends, which frees the excess).
    CacheSizeForImport cache_size(db);
    // A big new source: a rollback journal instead of the WAL, if no one else has the file open.
    std::optional<RollbackJournalForImport> rollback_journal;
    if (commit && !impl_->path.empty() && RollbackJournalForImport::WantedFor(db, interview)) {
        rollback_journal.emplace(db);
    }
    // The WAL or the journal and the database file written out while the import works, not all
    // at its fsyncs (an import that will not commit writes little: no need).
    std::optional<detail::EarlyWriteback> early_writeback;
    if (commit) early_writeback.emplace(impl_->path);
    auto transaction = [&] {
        if (rollback_journal && rollback_journal->active()) {
            // Fails only if a reader came in since the switch and stayed past the busy timeout:
            // then back to WAL mode, where the import does not wait for readers.
            auto exclusive = Transaction::Begin(db, Transaction::Lock::kExclusive);
            if (exclusive) return exclusive;
            rollback_journal->Restore();
        }
        return Transaction::Begin(db);
    }();
    if (!transaction) return Unexpected(std::move(transaction).error());

    // The stored questions of this source: qid and retired (0 active, 1 gone from the source, 2
    // waiting with its retired source), by stable id.
    constexpr std::int64_t kGone = 1;
    std::unordered_map<std::string, std::pair<std::int64_t, std::int64_t>> stored;
    {
        auto stmt = db.Prepare(sql::kQuestionIdsOfSource);
        if (!stmt) return Unexpected(std::move(stmt).error());
        stmt->Bind(1, source_id);
        for (;;) {
            auto row = stmt->Step();
            if (!row) return Unexpected(std::move(row).error());
            if (!*row) break;
            stored.emplace(stmt->Text(1), std::make_pair(stmt->Int(0), stmt->Int(2)));
        }
    }
    // Only questions of other sources can be found by id outside `stored`; with none, no lookup.
    auto all_questions = db.QueryInt(sql::kCountQuestions);
    if (!all_questions) return Unexpected(std::move(all_questions).error());
    const bool other_sources_have_questions =
        *all_questions != static_cast<std::int64_t>(stored.size());

    // The hash is known only once every question is written: the source row is written first
    // (questions refer to it) and its hash set at the end; an import whose hash equals the stored
    // one is rolled back (the same as writing it, with nothing written).
    std::int64_t position = -1;
    std::string stored_hash;
    // A retired source stays retired: its questions, old and new, wait with it (retired = 2).
    std::int64_t active = 0;
    {
        auto source = db.Prepare(sql::kSourceById);
        if (!source) return Unexpected(std::move(source).error());
        source->Bind(1, source_id);
        auto row = source->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (*row) {
            position = source->Int(0);
            stored_hash = source->Text(2);
            if (!source->IsNull(3)) active = 2;
            source->Reset();
        }
    }
    if (position < 0) {
        auto next = db.QueryInt(sql::kNextSourcePosition);
        if (!next) return Unexpected(std::move(next).error());
        position = *next;
    }
    auto upsert = db.Prepare(sql::kUpsertSource);
    if (!upsert) return Unexpected(std::move(upsert).error());
    const auto write_source = [&](const std::string& hash) {
        upsert->Bind(1, source_id)
            .Bind(2, position)
            .Bind(3, interview.title)
            .Bind(4, hash)
            .Bind(5, static_cast<std::int64_t>(std::time(nullptr)));
        return upsert->Run();
    };
    MONDO_TRY(write_source(stored_hash));
    MONDO_TRY(StoreDocument(db, interview));

    auto insert = db.Prepare(sql::kInsertQuestion);
    if (!insert) return Unexpected(std::move(insert).error());
    auto update = db.Prepare(sql::kUpdateQuestion);
    if (!update) return Unexpected(std::move(update).error());
    auto by_id = db.Prepare(sql::kQuestionByStableId);
    if (!by_id) return Unexpected(std::move(by_id).error());

    SyncReport report;
    Hasher hash = InterviewHash(interview);
    std::size_t question_count = 0;
    std::unordered_set<std::string> seen;  // the ids fed so far
    int question_position = 0;
    std::optional<StorageError> failed;  // the first error; later parts are then only dropped
    // The questions a part adds get their new cards in one statement once the part is written:
    // every qid from the part's first one added on (rows that existed keep their qids, all below
    // it), read while the part's pages are still in the cache.
    std::optional<std::int64_t> first_added_qid;  // of the part being written
    int added_in_part = 0;
    auto new_cards = db.Prepare(sql::kInsertNewCardsFrom);
    if (!new_cards) return Unexpected(std::move(new_cards).error());
    const auto add_cards = [&]() -> Expected<Ok, StorageError> {
        if (!first_added_qid) return Ok{};
        new_cards->Bind(1, *first_added_qid).BindUncopied(2, source_id);
        MONDO_TRY(new_cards->Run());
        if (db.Changes() != added_in_part) {
            return Unexpected(Error(StorageErrorKind::kInternal,
                                    "An import added " + std::to_string(added_in_part) +
                                        " questions but " + std::to_string(db.Changes()) +
                                        " cards"));
        }
        first_added_qid.reset();
        added_in_part = 0;
        return Ok{};
    };
    // Encoded lists, reused row after row. Texts are bound without a copy: each row is written
    // before the next is bound, and the part being written outlives its rows' writes.
    std::string choices;
    std::string accept;
    const auto store_one = [&](const content::Question& q) -> Expected<Ok, StorageError> {
        detail::EncodeListInto(q.choices, choices);
        detail::EncodeListInto(q.accept, accept);
        AddQuestionToHash(hash, q, choices, accept);
        ++question_count;
        if (!seen.insert(q.id).second) return Ok{};
        // A question may also be stored under another source (ids embed the source id, so only if
        // a source changed its id); it moves here with its history.
        std::optional<std::pair<std::int64_t, std::int64_t>> existing;
        if (const auto it = stored.find(q.id); it != stored.end()) {
            existing = it->second;
        } else if (other_sources_have_questions) {
            by_id->Bind(1, q.id);
            auto row = by_id->Step();
            if (!row) return Unexpected(std::move(row).error());
            if (*row) existing = std::make_pair(by_id->Int(0), by_id->Int(1));
            by_id->Reset();
        }
        Statement& stmt = existing ? *update : *insert;
        if (existing) {
            stmt.Bind(1, existing->first);
        } else {
            stmt.BindUncopied(1, q.id);
        }
        stmt.BindUncopied(2, source_id)
            .Bind(3, question_position++)
            .BindUncopied(4, content::KindName(q.kind));
        if (q.exchange) {
            stmt.Bind(5, *q.exchange);
        } else {
            stmt.BindNull(5);
        }
        stmt.BindUncopied(6, q.prompt)
            .BindUncopied(7, q.answer)
            .BindBlobUncopied(8, choices)
            .BindBlobUncopied(9, accept)
            .BindUncopied(10, q.context)
            .Bind(11, active);
        MONDO_TRY(stmt.Run());
        if (existing) {
            if (existing->second == kGone) {
                ++report.restored;
            } else {
                ++report.kept;
            }
        } else {
            if (!first_added_qid) first_added_qid = db.LastInsertRowId();
            ++added_in_part;
            ++report.added;
        }
        return Ok{};
    };
    feed([&](std::vector<content::Question>&& part) {
        for (const content::Question& q : part) {
            if (failed) break;
            if (auto stored_one = store_one(q); !stored_one) failed = stored_one.error();
        }
        // Nothing stays bound to the part's texts once it is written.
        insert->Reset();
        update->Reset();
        if (failed) return;
        if (auto added = add_cards(); !added) failed = added.error();
    });
    if (failed) return Unexpected(std::move(*failed));
    hash.Add(question_count);
    const std::string hex = hash.Hex();
    if (hex == stored_hash) {
        // Identical import: nothing changes. The guard rolls back what was written.
        SyncReport same;
        for (const auto& [id, entry] : stored) {
            if (entry.second != kGone) ++same.kept;
        }
        return same;
    }
    auto retire = db.Prepare(sql::kRetireQuestion);
    if (!retire) return Unexpected(std::move(retire).error());
    for (const auto& [id, entry] : stored) {
        if (entry.second == kGone || seen.count(id) != 0) continue;
        retire->Bind(1, entry.first);
        MONDO_TRY(retire->Run());
        ++report.retired;
    }
    MONDO_TRY(write_source(hex));
    // A preview: the guard rolls everything back, the report stays.
    if (!commit) return report;
    // The progress summary of what changed, filled before the import commits: the
    // first read after it has nothing to recompute.
    MONDO_TRY(detail::RefreshProgressSummary(db));
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return report;
}

Expected<std::vector<std::string>, StorageError> Collection::SourceIds() {
    auto stmt = impl_->db.Prepare(sql::kSourceIds);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::vector<std::string> ids;
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        ids.push_back(stmt->Text(0));
    }
    return ids;
}

Expected<std::vector<SourceRecord>, StorageError> Collection::Sources() {
    auto stmt = impl_->db.Prepare(sql::kSourceRecords);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::vector<SourceRecord> sources;
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        SourceRecord source;
        source.id = stmt->Text(0);
        source.title = stmt->Text(1);
        source.custom_title = stmt->IsNull(2) ? std::string() : stmt->Text(2);
        source.imported_at = stmt->Int(3);
        source.added_at = stmt->Int(4);
        source.retired_at = stmt->OptionalInt(5);
        source.content_hash = stmt->Text(6);
        sources.push_back(std::move(source));
    }
    return sources;
}

namespace {

// Runs `query` with `source_id` as ?1.
Expected<Ok, StorageError> RunForSource(Database& db, const char* query,
                                        const std::string& source_id) {
    auto stmt = db.Prepare(query);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, source_id);
    return stmt->Run();
}

// Whether the source is retired (its retired_at); kInternal for an unknown source.
Expected<bool, StorageError> SourceIsRetired(Database& db, const std::string& source_id) {
    auto stmt = db.Prepare(sql::kSourceRetiredAt);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, source_id);
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    if (!*row) {
        return Unexpected(
            StorageError{StorageErrorKind::kInternal, "The collection has no source " + source_id});
    }
    const bool retired = !stmt->IsNull(0);
    stmt->Reset();
    return retired;
}

}  // namespace

Expected<Ok, StorageError> Collection::SetSourceTitle(const std::string& source_id,
                                                      const std::string& custom_title) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    if (auto exists = SourceIsRetired(db, source_id); !exists)
        return Unexpected(std::move(exists).error());
    auto stmt = db.Prepare(sql::kSetCustomTitle);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, source_id);
    if (custom_title.empty()) {
        stmt->BindNull(2);
    } else {
        stmt->Bind(2, custom_title);
    }
    MONDO_TRY(stmt->Run());
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<Ok, StorageError> Collection::RetireSource(const std::string& source_id,
                                                    std::int64_t now) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto retired = SourceIsRetired(db, source_id);
    if (!retired) return Unexpected(std::move(retired).error());
    if (*retired) return Ok{};
    MONDO_TRY(RunForSource(db, sql::kRetireSourceQuestions, source_id));
    auto stmt = db.Prepare(sql::kSetSourceRetired);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, source_id).Bind(2, now);
    MONDO_TRY(stmt->Run());
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<Ok, StorageError> Collection::RestoreSource(const std::string& source_id) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto retired = SourceIsRetired(db, source_id);
    if (!retired) return Unexpected(std::move(retired).error());
    if (!*retired) return Ok{};
    MONDO_TRY(RunForSource(db, sql::kRestoreSourceQuestions, source_id));
    auto stmt = db.Prepare(sql::kSetSourceRetired);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, source_id).BindNull(2);
    MONDO_TRY(stmt->Run());
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<std::map<std::string, std::int64_t>, StorageError> Collection::LastReviewBySource() {
    auto stmt = impl_->db.Prepare(sql::kLastReviewBySource);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::map<std::string, std::int64_t> last;
    for (;;) {
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) break;
        last[stmt->Text(0)] = stmt->Int(1);
    }
    return last;
}

Expected<content::Interview, StorageError> Collection::LoadInterview(const std::string& source_id) {
    Database& db = impl_->db;
    content::Interview interview;
    interview.source_id = source_id;
    {
        auto stmt = db.Prepare(sql::kSourceById);
        if (!stmt) return Unexpected(std::move(stmt).error());
        stmt->Bind(1, source_id);
        auto row = stmt->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) {
            return Unexpected(
                Error(StorageErrorKind::kInternal, "The collection has no source " + source_id));
        }
        interview.title = stmt->Text(1);
        stmt->Reset();
    }
    auto for_rows = [&](const char* query, auto&& on_row) -> Expected<Ok, StorageError> {
        auto stmt = db.Prepare(query);
        if (!stmt) return Unexpected(std::move(stmt).error());
        stmt->Bind(1, source_id);
        for (;;) {
            auto row = stmt->Step();
            if (!row) return Unexpected(std::move(row).error());
            if (!*row) return Ok{};
            on_row(*stmt);
        }
    };
    MONDO_TRY(for_rows(sql::kSelectParagraphs, [&](const Statement& s) {
        (s.Int(0) == 0 ? interview.intro : interview.profile).push_back(s.Text(1));
    }));
    MONDO_TRY(for_rows(sql::kSelectRuby, [&](const Statement& s) {
        interview.ruby.push_back(content::Ruby{s.Text(0), s.Text(1)});
    }));
    MONDO_TRY(for_rows(sql::kSelectSections, [&](const Statement& s) {
        interview.sections.push_back(content::Section{static_cast<int>(s.Int(0)), s.Text(1)});
    }));
    std::unordered_map<int, std::size_t> exchange_at;
    MONDO_TRY(for_rows(sql::kSelectExchanges, [&](const Statement& s) {
        content::Exchange e;
        e.index = static_cast<int>(s.Int(0));
        e.section = static_cast<int>(s.Int(1));
        e.question = s.Text(2);
        e.answer = s.Text(3);
        exchange_at[e.index] = interview.exchanges.size();
        interview.exchanges.push_back(std::move(e));
    }));
    MONDO_TRY(for_rows(sql::kSelectNotes, [&](const Statement& s) {
        if (const auto it = exchange_at.find(static_cast<int>(s.Int(0))); it != exchange_at.end()) {
            interview.exchanges[it->second].notes.push_back(s.Text(1));
        }
    }));
    return interview;
}

}  // namespace mondo::storage
