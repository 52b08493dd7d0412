// CheckCollection: integrity and consistency, on a read-only connection.
#include <stdlib.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include "storage/collection.h"
#include "storage/collection_impl.h"
#include "storage/file_lock.h"
#include "storage/queries.h"
#include "storage/schema.h"

namespace mondo::storage {

namespace fs = std::filesystem;
namespace sql = detail::sql;
using detail::Statement;

namespace {

StorageError Error(StorageErrorKind kind, std::string message) {
    return StorageError{kind, std::move(message)};
}

std::string StateName(std::int64_t state) {
    switch (state) {
        case 0:
            return "new";
        case 1:
            return "learning";
        case 2:
            return "review";
        case 3:
            return "relearning";
        default:
            return "invalid (" + std::to_string(state) + ")";
    }
}

bool SameDouble(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// A private copy of a collection and what a crash left beside it (its WAL, or the rollback journal
// of a big import, see collection.cpp) in a new temporary folder, removed at the end.
class PrivateCopy {
  public:
    PrivateCopy() = default;
    PrivateCopy(const PrivateCopy&) = delete;
    PrivateCopy& operator=(const PrivateCopy&) = delete;
    ~PrivateCopy() {
        std::error_code ignored;
        if (!dir_.empty()) fs::remove_all(dir_, ignored);
    }
    // `companion`: the WAL or the journal, copied under the same suffix.
    Expected<fs::path, StorageError> Make(const fs::path& db, const fs::path& companion,
                                          const char* suffix) {
        std::string pattern = (fs::temp_directory_path() / "mondo-check-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return Unexpected(Error(StorageErrorKind::kIo,
                                    "Cannot make a temporary folder to read " + db.string()));
        }
        dir_ = pattern;
        const fs::path copy = dir_ / "collection.sqlite3";
        fs::path copy_companion = copy;
        copy_companion += suffix;
        std::error_code ec;
        fs::copy_file(db, copy, ec);
        if (!ec) fs::copy_file(companion, copy_companion, ec);
        if (ec) {
            return Unexpected(Error(StorageErrorKind::kIo, "Cannot copy " + db.string() +
                                                               " and its " + companion.string() +
                                                               " to " + dir_.string() +
                                                               " to read them: " + ec.message()));
        }
        return copy;
    }

  private:
    fs::path dir_;
};

}  // namespace

Expected<CheckReport, StorageError> CheckCollection(const fs::path& path,
                                                    const ReplayCheck& replay) {
    std::error_code ec;
    if (!fs::exists(path, ec) && !ec) return Unexpected(detail::MissingCollectionError(path));
    // A folder, FIFO or device is never opened (reading a FIFO would block).
    if (!fs::is_regular_file(path, ec)) return Unexpected(detail::NotRegularFileError(path));
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) return Unexpected(detail::UnreadableError(path, errno));
        char magic[16] = {};
        in.read(magic, sizeof magic);
        if (!in || std::memcmp(magic, "SQLite format 3", 16) != 0)
            return Unexpected(detail::NotSqliteError(path));
    }
    // Without a writer (the lock is free or was never made) and without a WAL, the file alone is
    // the collection: opened immutable, nothing is created beside it. A WAL left by a crash is
    // read from a private copy (a connection on the original would create its -shm). So is a
    // rollback journal left by a crash in a big import: SQLite rolls it back into the copy (a
    // read-write connection on the private copy; read-only, SQLite refuses a hot journal, and
    // immutable it would read the half-written file). While a writer holds the lock, its
    // -wal/-shm exist and a read-only connection shares them.
    auto lock = detail::FileLock::AcquireIfExists(path);
    if (!lock && lock.error().kind != StorageErrorKind::kLocked)
        return Unexpected(std::move(lock).error());
    const bool writer = !lock.has_value();
    fs::path wal = path;
    wal += "-wal";
    fs::path journal = path;
    journal += "-journal";
    const bool wal_left = !writer && fs::exists(wal, ec);
    const bool journal_left = !writer && !wal_left && fs::exists(journal, ec);
    PrivateCopy private_copy;
    fs::path readable = path;
    if (wal_left || journal_left) {
        auto copy = wal_left ? private_copy.Make(path, wal, "-wal")
                             : private_copy.Make(path, journal, "-journal");
        if (!copy) return Unexpected(std::move(copy).error());
        readable = *copy;
    }
    auto opened = journal_left ? detail::Database::Open(readable.string(), SQLITE_OPEN_READWRITE)
                               : detail::OpenReadOnly(readable, !writer && !wal_left);
    if (!opened) return Unexpected(std::move(opened).error());
    auto impl = std::make_unique<Collection::Impl>();
    impl->db = std::move(*opened);
    if (lock.has_value()) impl->lock = std::move(*lock);  // held until the check ends
    detail::Database& db = impl->db;
    (void)db.Exec("PRAGMA busy_timeout=2000");
    // One read transaction for everything below: one snapshot of cards, log and settings.
    if (auto begun = db.Exec("BEGIN"); !begun) return Unexpected(std::move(begun).error());

    auto application_id = db.QueryInt(sql::kApplicationId);
    if (!application_id) {
        StorageError error = std::move(application_id).error();
        error.message = path.string() + ": " + error.message;
        return Unexpected(std::move(error));
    }
    if (*application_id != detail::kApplicationId) return Unexpected(detail::NotMondoError(path));
    auto version = db.QueryInt(sql::kUserVersion);
    if (!version) return Unexpected(std::move(version).error());
    if (*version > kSchemaVersion) return Unexpected(detail::TooNewError(path, *version));
    if (*version < kSchemaVersion) {
        return Unexpected(Error(StorageErrorKind::kIo,
                                path.string() + " has the older schema version " +
                                    std::to_string(*version) +
                                    "; open it once with this mondo to upgrade it, then check"));
    }

    CheckReport report;
    auto integrity = detail::RunCheckPragma(db, sql::kIntegrityCheck);
    if (!integrity) {
        if (integrity.error().kind != StorageErrorKind::kCorrupt)
            return Unexpected(std::move(integrity).error());
        report.problems.push_back(
            CheckProblem{{}, "integrity_check: " + integrity.error().message});
        return report;
    }
    report.integrity_ok = *integrity == "ok";
    if (!report.integrity_ok) {
        report.problems.push_back(
            CheckProblem{{}, "integrity_check: " + integrity->substr(0, 2000)});
        return report;  // consistency queries on a damaged file would only add noise
    }

    auto count = [&](const char* query) -> Expected<int, StorageError> {
        auto n = db.QueryInt(query);
        if (!n) return Unexpected(std::move(n).error());
        return static_cast<int>(*n);
    };
    auto questions = count(sql::kCountQuestions);
    if (!questions) return Unexpected(std::move(questions).error());
    report.questions = *questions;
    auto reviews = count(sql::kCountReviews);
    if (!reviews) return Unexpected(std::move(reviews).error());
    report.reviews = *reviews;

    auto for_rows = [&](const char* query, auto&& on_row) -> Expected<Ok, StorageError> {
        auto stmt = db.Prepare(query);
        if (!stmt) return Unexpected(std::move(stmt).error());
        for (;;) {
            auto row = stmt->Step();
            if (!row) return Unexpected(std::move(row).error());
            if (!*row) return Ok{};
            on_row(*stmt);
        }
    };
    MONDO_TRY(for_rows(sql::kForeignKeyCheck, [&](const Statement& s) {
        report.problems.push_back(CheckProblem{{},
                                               "table " + s.Text(0) + " row " +
                                                   std::to_string(s.Int(1)) +
                                                   " refers to a missing row of " + s.Text(2)});
    }));
    MONDO_TRY(for_rows(sql::kOrphanReviews, [&](const Statement& s) {
        report.problems.push_back(CheckProblem{{},
                                               "review " + std::to_string(s.Int(0)) +
                                                   " refers to a missing question (" +
                                                   std::to_string(s.Int(1)) + ")"});
    }));
    MONDO_TRY(for_rows(sql::kQuestionsWithoutCard, [&](const Statement& s) {
        report.problems.push_back(CheckProblem{s.Text(0), "the question has no card"});
    }));
    MONDO_TRY(for_rows(sql::kRetiredSourceMismatches, [&](const Statement& s) {
        report.problems.push_back(CheckProblem{
            s.Text(0), s.Int(1) == 2 ? "the question waits for its source, which is not retired"
                                     : "the question is active but its source is retired"});
    }));
    auto mismatched = db.QueryInt(sql::kReviewDayMismatches);
    if (!mismatched) return Unexpected(std::move(mismatched).error());
    if (*mismatched != 0) {
        report.problems.push_back(CheckProblem{
            {}, std::to_string(*mismatched) + " review summary day(s) differ from the review log"});
    }
    auto due_mismatched = db.QueryInt(sql::kDueDayMismatches);
    if (!due_mismatched) return Unexpected(std::move(due_mismatched).error());
    if (*due_mismatched != 0) {
        report.problems.push_back(
            CheckProblem{{},
                         std::to_string(*due_mismatched) +
                             " due-day summary row(s) differ from the cards they count"});
    }
    MONDO_TRY(for_rows(sql::kCardLogSummary, [&](const Statement& s) {
        const std::string id = s.Text(0);
        const std::int64_t reps = s.Int(1);
        const std::int64_t logged = s.Int(4);
        auto problem = [&](std::string message) {
            report.problems.push_back(CheckProblem{id, std::move(message)});
        };
        if (reps != logged) {
            problem("the card counts " + std::to_string(reps) + " reviews, the log has " +
                    std::to_string(logged));
        }
        if (logged == 0) {
            if (s.Int(3) != 0)
                problem("the card is " + StateName(s.Int(3)) + " but was never reviewed");
            if (!s.IsNull(2)) problem("the card has a last review time but no review in the log");
            return;
        }
        const std::int64_t last_seconds = s.Int(5) / 1000;
        if (s.IsNull(2) || s.Int(2) != last_seconds) {
            problem("the card's last review (" +
                    (s.IsNull(2) ? std::string("none") : std::to_string(s.Int(2))) +
                    ") is not the last logged review time (" + std::to_string(last_seconds) + ")");
        }
        if (s.Int(3) != s.Int(6)) {
            problem("the card is " + StateName(s.Int(3)) + " but its last review left it " +
                    StateName(s.Int(6)));
        }
        if (s.Int(9) != s.Int(13) || s.Int(10) != s.Int(14))
            problem("the card's due time or lapses differ from its last review's result");
        // Memory recomputed by new parameters since the last review is legitimate: with a replay,
        // the replay (which knows the parameters in force) judges stability and difficulty.
        if (!replay &&
            (!SameDouble(s.Double(7), s.Double(11)) || !SameDouble(s.Double(8), s.Double(12))))
            problem("the card's stability or difficulty differ from its last review's result");
    }));

    if (replay) {
        // A Collection over the read-only connection, so the hook sees what the app would load.
        Collection collection(std::move(impl));
        auto all = collection.LoadAllItems();
        if (!all) return Unexpected(std::move(all).error());
        auto log = collection.LoadReviewLog();
        if (!log) return Unexpected(std::move(log).error());
        auto settings = collection.LoadSettings();
        if (!settings) return Unexpected(std::move(settings).error());
        for (CheckProblem& problem : replay(*all, *log, *settings))
            report.problems.push_back(std::move(problem));
    }
    return report;
}

}  // namespace mondo::storage
