// A big new source is imported with a rollback journal instead of the WAL (storage/collection.cpp,
// RollbackJournalForImport): only when no other connection has the file open, always back in WAL
// mode afterwards, and a failure or a SIGKILL halfway leaves the collection as it was — for the
// next open, for `mondo check` and for a restore.
//
// The journal mode is read from the database file's own header (bytes 18 and 19: 1 for a rollback
// journal, 2 for WAL), which SQLite rewrites whenever the mode changes.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/collection.h"
#include "tests/storage/power_loss_vfs.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

namespace fs = std::filesystem;

// The journal mode in the file's header: 1 rollback journal, 2 WAL, 0 unreadable.
int HeaderJournalMode(const fs::path& path) {
    const std::string header = testing::ReadBytes(path).substr(0, 100);
    if (header.size() < 20 || header[18] != header[19]) return 0;
    return header[18];
}

fs::path WithSuffix(const fs::path& path, const char* suffix) {
    fs::path with = path;
    with += suffix;
    return with;
}

// A source with `exchanges` exchanges of about 1.2 KB of text each: 300 are over the 256 KiB from
// which an import of a new source takes the rollback journal.
content::Interview BigInterview(int exchanges = 300, const std::string& title = "大きな原稿") {
    content::Interview interview;
    interview.title = title;
    interview.source_id = content::SourceIdFor(title);
    for (int i = 1; i <= exchanges; ++i) {
        content::Exchange e;
        e.index = i;
        e.question = "質問" + std::to_string(i) + std::string(200, 'q');
        e.answer = "答え" + std::to_string(i) + std::string(1000, 'a');
        interview.exchanges.push_back(std::move(e));
    }
    return interview;
}

// `parts` parts of 1,000 recall questions of `interview` (about 2 KB each): 20 parts are 40 MB of
// rows, more than the import's 32 MB page cache holds, so pages are written into the file before
// the commit. `after_part(n)` runs once part n (from 1) is stored.
Collection::QuestionFeed BigFeed(const content::Interview& interview, int parts,
                                 const std::function<void(int)>& after_part = {}) {
    return [&interview, parts, after_part](const content::QuestionSink& store) {
        const int exchanges = static_cast<int>(interview.exchanges.size());
        for (int part = 1; part <= parts; ++part) {
            std::vector<content::Question> questions;
            for (int i = 0; i < 1000; ++i) {
                const int n = (part - 1) * 1000 + i;
                content::Question q =
                    testing::MakeQuestion(interview, "big" + std::to_string(n),
                                          content::QuestionKind::kRecall, 1 + n % exchanges);
                q.prompt += std::string(2000, static_cast<char>('a' + n % 26));
                questions.push_back(std::move(q));
            }
            store(std::move(questions));
            if (after_part) after_part(part);
        }
    };
}

// What must not change when an import fails: every source, every item with its card, the log.
struct Snapshot {
    std::vector<std::string> sources;
    std::vector<std::string> items;  // id, prompt and card, one string each
    std::vector<std::int64_t> reviews;

    static Snapshot Of(Collection& collection) {
        Snapshot snapshot;
        auto sources = collection.SourceIds();
        REQUIRE(sources.has_value());
        snapshot.sources = *sources;
        auto items = collection.LoadAllItems();
        REQUIRE(items.has_value());
        for (const StudyItem& item : *items) {
            snapshot.items.push_back(item.question.id + "|" + item.question.prompt + "|" +
                                     std::to_string(static_cast<int>(item.card.state)) + "|" +
                                     std::to_string(item.card.due) + "|" +
                                     std::to_string(item.card.reps));
        }
        auto log = collection.LoadReviewLog();
        REQUIRE(log.has_value());
        for (const ReviewRow& row : *log) snapshot.reviews.push_back(row.id);
        return snapshot;
    }
    bool operator==(const Snapshot&) const = default;
};

// A collection at `path` with a small source and one review of it, closed.
void MakeSmallCollection(const fs::path& path) {
    testing::CollectionWithOneReview(path, 5, 1'700'000'000'000);
}

TEST_CASE("a big new source is imported with a rollback journal, and WAL mode is back after it") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeSmallCollection(path);
    Collection collection = testing::OpenOrFail(path);
    const auto big = BigInterview();

    int mode_during = -1;
    bool wal_during = true;
    // A reader that starts during the import waits for it (its busy timeout, 2 s) and is told the
    // collection is in use; it never makes the import wait or fail.
    std::optional<StorageErrorKind> reader_during;
    auto report = collection.ImportSource(big, BigFeed(big, 2, [&](int part) {
                                              mode_during = HeaderJournalMode(path);
                                              wal_during = fs::exists(WithSuffix(path, "-wal"));
                                              if (part != 1) return;
                                              auto reader = collection.OpenReader();
                                              REQUIRE(reader.has_value());
                                              auto items = reader->LoadStudyItems();
                                              if (!items) reader_during = items.error().kind;
                                          }));
    REQUIRE(report.has_value());
    CHECK(report->added == 2000);
    CHECK(mode_during == 1);
    CHECK_FALSE(wal_during);
    CHECK(reader_during == StorageErrorKind::kLocked);
    CHECK(HeaderJournalMode(path) == 2);
    CHECK_FALSE(fs::exists(WithSuffix(path, "-journal")));

    // WAL's concurrency is back: a reader holds a read transaction while the writer records.
    auto reader = collection.OpenReader();
    REQUIRE(reader.has_value());
    auto items = reader->LoadStudyItems();
    REQUIRE(items.has_value());
    CHECK(items->size() == 6 + 2000);
    const StudyItem& first = (*items)[0];
    CHECK(collection
              .RecordReview(testing::MakeReview(first.question.id, first.card, 1'700'000'100'000))
              .has_value());
    CHECK(reader->LoadReviewLog()->size() == 2);

    SUBCASE("a small source or a source already stored keeps the WAL") {
        const auto small = testing::SmallInterview(8, "小さな原稿");
        int small_mode = -1;
        REQUIRE(collection
                    .ImportSource(small,
                                  [&](const content::QuestionSink& store) {
                                      store(testing::QuestionsFor(small));
                                      small_mode = HeaderJournalMode(path);
                                  })
                    .has_value());
        CHECK(small_mode == 2);
        int again_mode = -1;
        auto again = collection.ImportSource(
            big, BigFeed(big, 3, [&](int) { again_mode = HeaderJournalMode(path); }));
        REQUIRE(again.has_value());
        CHECK(again->kept == 2000);
        CHECK(again->added == 1000);
        CHECK(again_mode == 2);
    }
}

TEST_CASE("a big import beside another open connection runs in WAL mode") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeSmallCollection(path);
    Collection collection = testing::OpenOrFail(path);
    // The app's backup or Settings reader: open, and having read.
    auto reader = collection.OpenReader();
    REQUIRE(reader.has_value());
    REQUIRE(reader->LoadStudyItems()->size() == 6);

    const auto big = BigInterview();
    int mode_during = -1;
    auto report = collection.ImportSource(
        big, BigFeed(big, 2, [&](int) { mode_during = HeaderJournalMode(path); }));
    REQUIRE(report.has_value());
    CHECK(report->added == 2000);
    CHECK(mode_during == 2);
    CHECK(HeaderJournalMode(path) == 2);
    CHECK(reader->LoadStudyItems()->size() == 6 + 2000);
}

TEST_CASE("a big import that fails halfway leaves the collection as it was, in WAL mode") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeSmallCollection(path);
    Collection collection = testing::OpenOrFail(path);
    const Snapshot before = Snapshot::Of(collection);
    const auto size_before = fs::file_size(path);

    // The generator failing (out of memory) after 40 MB of rows, part of them written into the
    // database file already.
    const auto big = BigInterview();
    std::uintmax_t size_during = 0;
    CHECK_THROWS_AS(collection.ImportSource(big, BigFeed(big, 25,
                                                         [&](int part) {
                                                             if (part < 20) return;
                                                             size_during = fs::file_size(path);
                                                             throw std::bad_alloc();
                                                         })),
                    std::bad_alloc);
    CHECK(size_during > size_before);  // pages of the import had reached the file
    CHECK(HeaderJournalMode(path) == 2);
    CHECK_FALSE(fs::exists(WithSuffix(path, "-journal")));
    CHECK(Snapshot::Of(collection) == before);

    // The collection goes on: the same import now succeeds, and WAL's readers work beside it.
    auto report = collection.ImportSource(big, BigFeed(big, 1));
    REQUIRE(report.has_value());
    CHECK(report->added == 1000);
    auto reader = collection.OpenReader();
    REQUIRE(reader.has_value());
    CHECK(reader->LoadStudyItems()->size() == 6 + 1000);
}

// Forks a child that opens the collection at `path` and imports a big new source, killing itself
// with SIGKILL once 20 parts (40 MB of rows) are stored; returns once it is dead.
void ImportAndDieHalfway(const fs::path& path) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto collection = Collection::Open(path);
        if (!collection) ::_exit(3);
        const auto big = BigInterview();
        (void)collection->ImportSource(big, BigFeed(big, 25, [](int part) {
                                           if (part == 20) ::raise(SIGKILL);
                                       }));
        ::_exit(4);  // the import ended without the kill
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE_MESSAGE(WIFSIGNALED(status), "child exited with " << WEXITSTATUS(status));
    REQUIRE(WTERMSIG(status) == SIGKILL);
}

TEST_CASE("a big import killed halfway leaves the collection as it was, in WAL mode once opened") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeSmallCollection(path);
    Snapshot backed_up;
    Snapshot before;
    fs::path backup;
    {
        Collection collection = testing::OpenOrFail(path);
        backed_up = Snapshot::Of(collection);
        auto made = collection.BackupNow(1'700'000'500);
        REQUIRE(made.has_value());
        backup = *made;
        // A review since the backup: the file the import dies in is not the backup.
        testing::ReviewItem(collection, 1, 1'700'000'600'000);
        before = Snapshot::Of(collection);
    }
    const auto size_before = fs::file_size(path);

    ImportAndDieHalfway(path);
    // The kill found the import halfway through writing the file, with its journal beside it.
    CHECK(fs::file_size(path) > size_before);
    CHECK(fs::exists(WithSuffix(path, "-journal")));

    SUBCASE("mondo check reads the collection as it was and changes nothing") {
        const std::string bytes = testing::ReadBytes(path);
        const std::string journal = testing::ReadBytes(WithSuffix(path, "-journal"));
        auto report = CheckCollection(path);
        REQUIRE(report.has_value());
        CHECK(report->ok());
        CHECK(report->questions == 6);
        CHECK(report->reviews == 2);
        CHECK(testing::ReadBytes(path) == bytes);
        CHECK(testing::ReadBytes(WithSuffix(path, "-journal")) == journal);
    }
    SUBCASE("the next open rolls the import back and sets WAL mode") {
        {
            Collection collection = testing::OpenOrFail(path);
            CHECK(Snapshot::Of(collection) == before);
            CHECK(HeaderJournalMode(path) == 2);
            CHECK(fs::file_size(path) == size_before);
            const auto big = BigInterview();
            auto report = collection.ImportSource(big, BigFeed(big, 1));
            REQUIRE(report.has_value());
            CHECK(report->added == 1000);
        }
        CHECK(HeaderJournalMode(path) == 2);
        auto check = CheckCollection(path);
        REQUIRE(check.has_value());
        CHECK(check->ok());
        CHECK(check->questions == 6 + 1000);
    }
    SUBCASE("a restore puts the journal aside with the file it belongs to") {
        auto aside = Restore(backup, path);
        REQUIRE(aside.has_value());
        CHECK_FALSE(fs::exists(WithSuffix(path, "-journal")));
        CHECK(fs::exists(WithSuffix(*aside, "-journal")));
        Collection collection = testing::OpenOrFail(path);
        CHECK(Snapshot::Of(collection) == backed_up);
    }
}

TEST_CASE("a big import is all or nothing through a power cut, and there once acknowledged") {
    // The power fails at a write or sync of the import (PowerLossVfs: whatever was not synced is
    // lost, the last sector torn); each round starts again from the same small collection.
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    const auto pristine = dir.File("pristine.sqlite3");
    testing::PowerLossVfs vfs;
    MakeSmallCollection(pristine);
    const auto big = BigInterview();
    std::mt19937 random(20261203);
    struct Tally {
        int cuts = 0;
        int present = 0;       // the import there after the cut
        int acknowledged = 0;  // ImportSource had returned success
    } tally;
    // One round with the power failing at the `operation`-th write or sync (0: never); false
    // when the import and the close finished first.
    const auto round = [&](std::int64_t operation) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) {
            fs::remove(WithSuffix(path, suffix));
        }
        fs::copy_file(pristine, path);
        vfs.CutAt(operation);
        bool acknowledged = false;
        {
            auto collection = Collection::Open(path);
            REQUIRE_MESSAGE(collection.has_value(), collection.error().message);
            acknowledged = collection->ImportSource(big, BigFeed(big, 1)).has_value();
        }
        if (!vfs.cut()) {
            vfs.CutAt(0);
            CHECK(acknowledged);
            return false;
        }
        ++tally.cuts;
        if (acknowledged) ++tally.acknowledged;
        vfs.PowerOff(random);
        {
            Collection reopened = testing::OpenOrFail(path);
            auto items = reopened.LoadStudyItems(big.source_id);
            REQUIRE(items.has_value());
            if (acknowledged) CHECK(items->size() == 1000);
            CHECK((items->empty() || items->size() == 1000));
            if (!items->empty()) ++tally.present;
            CHECK(reopened.LoadStudyItems(testing::SmallInterview().source_id)->size() == 6);
        }
        CHECK(HeaderJournalMode(path) == 2);
        auto check = CheckCollection(path);
        REQUIRE(check.has_value());
        CHECK(check->ok());
        return true;
    };
    // How many writes and syncs a round makes: the first operation at which none fails.
    std::int64_t low = 1;
    std::int64_t high = 1 << 14;
    REQUIRE_FALSE(round(high));
    while (low < high) {
        const std::int64_t middle = (low + high) / 2;
        if (round(middle)) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    const std::int64_t operations = low - 1;
    CAPTURE(operations);
    // Cuts anywhere, then in the last 30 operations: the commit, the return to WAL, the close.
    for (int n = 0; n < 20; ++n) round(1 + static_cast<std::int64_t>(random()) % operations);
    for (int n = 0; n < 20; ++n) round(operations - static_cast<std::int64_t>(random() % 30));
    MESSAGE(tally.cuts << " cuts in " << operations << " operations; the import there after "
                       << tally.present << " of them, " << tally.acknowledged
                       << " after it was acknowledged");
    CHECK(tally.present >= 5);
}

}  // namespace
}  // namespace mondo::storage
