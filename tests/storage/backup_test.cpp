// Backups: verified copies, the 30-minute rule, rotation, restore keeping the current file aside.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <set>

#include "storage/collection.h"
#include "tests/storage/damage.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

constexpr std::int64_t kT0 = 1'767'225'600;  // 2026-01-01 00:00:00 UTC

Collection CollectionWithReview(const std::filesystem::path& path) {
    return testing::CollectionWithOneReview(path, 3, kT0 * 1000);
}

TEST_CASE("a backup goes beside the collection, is named by its UTC time and opens on its own") {
    TempDir dir;
    const auto path = dir.File("sub/c.sqlite3");
    Collection collection = CollectionWithReview(path);
    auto backup = collection.BackupNow(kT0 + 3661);
    REQUIRE(backup.has_value());
    CHECK(*backup == dir.File("sub/backups/collection-20260101-010101.sqlite3"));
    CHECK(BackupDirectoryFor(path) == dir.File("sub/backups"));
    CHECK_FALSE(
        std::filesystem::exists(dir.File("sub/backups/collection-20260101-010101.sqlite3-wal")));
    auto listed = ListBackups(BackupDirectoryFor(path));
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].taken_at == kT0 + 3661);
    auto report = CheckCollection(*backup);
    REQUIRE(report.has_value());
    CHECK(report->ok());
    CHECK(report->reviews == 1);
    CHECK(NewestGoodBackup(path) == std::optional<std::filesystem::path>(*backup));
}

TEST_CASE("automatic backups happen only after changes and at most every 30 minutes") {
    TempDir dir;
    Collection collection = CollectionWithReview(dir.File("c.sqlite3"));
    auto first = collection.MaybeBackup(kT0);
    REQUIRE(first.has_value());
    CHECK(first->has_value());
    auto unchanged = collection.MaybeBackup(kT0 + 3 * 3600);
    REQUIRE(unchanged.has_value());
    CHECK_FALSE(unchanged->has_value());
    REQUIRE(collection.SetSetting("theme", "dark").has_value());
    CHECK(collection.ChangedSinceBackup());
    auto too_soon = collection.MaybeBackup(kT0 + 29 * 60);
    REQUIRE(too_soon.has_value());
    CHECK_FALSE(too_soon->has_value());
    auto due = collection.MaybeBackup(kT0 + 30 * 60);
    REQUIRE(due.has_value());
    CHECK(due->has_value());
    CHECK(ListBackups(BackupDirectoryFor(collection.path())).size() == 2);
}

TEST_CASE("issue 14: a session without reviews is no change to back up; one with reviews is") {
    // Every start of the app begins a session and every quit ends it: when that counted as a
    // change, each quit copied the whole collection (seconds on a big one).
    TempDir dir;
    Collection collection = CollectionWithReview(dir.File("c.sqlite3"));
    REQUIRE(collection.BackupNow(kT0).has_value());
    REQUIRE_FALSE(collection.ChangedSinceBackup());
    auto idle = collection.StartSession(kT0 + 60);
    REQUIRE(idle.has_value());
    REQUIRE(collection.EndSession(*idle, kT0 + 120, 0, 0).has_value());
    CHECK_FALSE(collection.ChangedSinceBackup());
    auto none = collection.MaybeBackup(kT0 + 3600);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
    REQUIRE(collection.LoadSessions(kT0, kT0 + 3600).value().size() == 1);  // still recorded

    // A session's totals written after a backup taken during it are a change.
    auto studied = collection.StartSession(kT0 + 200);
    REQUIRE(studied.has_value());
    CHECK_FALSE(collection.ChangedSinceBackup());
    REQUIRE(collection.EndSession(*studied, kT0 + 400, 3, 90'000).has_value());
    CHECK(collection.ChangedSinceBackup());
}

TEST_CASE("issue 14: a backup made through a second connection while the first writes") {
    // What the app's periodic backup does on a worker: it clears the mark as the copy starts, the
    // window goes on writing (which marks it again), the reader copies and verifies.
    TempDir dir;
    Collection collection = CollectionWithReview(dir.File("c.sqlite3"));
    CHECK(collection.BackupDue(kT0));  // changed, no backup yet
    auto reader = collection.OpenReader();
    REQUIRE(reader.has_value());
    collection.SetChangedSinceBackup(false);
    CHECK_FALSE(collection.BackupDue(kT0));
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(collection
                .RecordReview(
                    testing::MakeReview(items->back().question.id, sched::Card{}, (kT0 + 5) * 1000))
                .has_value());
    CHECK(collection.ChangedSinceBackup());
    auto made = reader->BackupNow(kT0);
    REQUIRE(made.has_value());
    auto report = CheckCollection(*made);
    REQUIRE(report.has_value());
    CHECK(report->ok());
    CHECK(report->reviews == 2);             // both committed before the copy began
    CHECK(collection.ChangedSinceBackup());  // the reader's backup does not clear the writer's
    CHECK_FALSE(collection.BackupDue(kT0 + 29 * 60));  // the newest backup is too recent
    CHECK(collection.BackupDue(kT0 + 30 * 60));
    collection.SetChangedSinceBackup(false);
    CHECK_FALSE(collection.BackupDue(kT0 + 30 * 60));
}

TEST_CASE("rotation keeps the 12 newest, one per day for 10 days and one per week for 10 weeks") {
    TempDir dir;
    Collection collection = CollectionWithReview(dir.File("c.sqlite3"));
    // One a day at noon for 100 days, then hourly on day 100 from 00:00 to 12:00.
    for (std::int64_t d = 0; d < 100; ++d)
        REQUIRE(collection.BackupNow(kT0 + d * 86400 + 12 * 3600).has_value());
    const std::int64_t day100 = kT0 + 100 * 86400;
    for (std::int64_t h = 0; h <= 12; ++h)
        REQUIRE(collection.BackupNow(day100 + h * 3600).has_value());
    const std::int64_t last = day100 + 12 * 3600;
    const auto backups = ListBackups(BackupDirectoryFor(collection.path()));
    std::set<std::int64_t> kept;
    for (const auto& b : backups) kept.insert(b.taken_at);
    std::set<std::int64_t> expected;
    for (std::int64_t h = 1; h <= 12; ++h) expected.insert(day100 + h * 3600);  // the 12 newest
    for (std::int64_t d = 91; d <= 99; ++d)
        expected.insert(kT0 + d * 86400 + 12 * 3600);  // 10 days
    // Weeks start on Monday; day 100 (Saturday 2026-04-11) is in the week of days 95..101 and
    // day 94 ends the week before, both already kept. The 8 weeks before end on days 87, 80, …, 38.
    for (std::int64_t d = 87; d >= 38; d -= 7) expected.insert(kT0 + d * 86400 + 12 * 3600);
    CHECK(kept == expected);
    CHECK(backups.front().taken_at == last);
}

TEST_CASE("restore puts a backup in place and keeps the current file aside") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    std::filesystem::path backup;
    {
        Collection collection = CollectionWithReview(path);
        auto made = collection.BackupNow(kT0);
        REQUIRE(made.has_value());
        backup = *made;
        auto items = collection.LoadStudyItems();
        REQUIRE(items.has_value());
        REQUIRE(collection
                    .RecordReview(
                        testing::MakeReview((*items)[1].question.id, sched::Card{}, kT0 * 1000 + 5))
                    .has_value());
    }
    {
        Collection open = testing::OpenOrFail(path);
        auto refused = Restore(backup, path);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().kind == StorageErrorKind::kLocked);
    }
    auto aside = Restore(backup, path);
    REQUIRE(aside.has_value());
    CHECK(aside->filename().string().rfind("c.sqlite3.before-restore-", 0) == 0);
    {
        Collection restored = testing::OpenOrFail(path);
        auto log = restored.LoadReviewLog();
        REQUIRE(log.has_value());
        CHECK(log->size() == 1);
    }
    // The file kept aside still holds both reviews.
    auto report = CheckCollection(*aside);
    REQUIRE(report.has_value());
    CHECK(report->reviews == 2);
}

TEST_CASE("a damaged or foreign backup is refused by restore and the collection is left alone") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    { CollectionWithReview(path); }
    const std::string before = testing::ReadBytes(path);
    testing::WriteBytes(dir.File("bad.sqlite3"), "not a database at all, just text");
    auto refused = Restore(dir.File("bad.sqlite3"), path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(testing::ReadBytes(path) == before);
    auto missing = Restore(dir.File("missing.sqlite3"), path);
    REQUIRE_FALSE(missing.has_value());
    CHECK(testing::ReadBytes(path) == before);
}

// A crash image: the collection's file and its -wal as a killed process leaves them (copied while
// the collection is open, so `reviews` reviews are committed in the WAL only).
void MakeCrashImage(const std::filesystem::path& image, int reviews) {
    TempDir scratch;
    const auto live = scratch.File("live.sqlite3");
    Collection collection = CollectionWithReview(live);
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    for (int i = 1; i < reviews; ++i) {
        const auto& id = (*items)[static_cast<std::size_t>(i) % items->size()].question.id;
        auto card = collection.LoadCard(id);
        REQUIRE((card.has_value() && card->has_value()));
        REQUIRE(
            collection.RecordReview(testing::MakeReview(id, **card, (kT0 + i) * 1000)).has_value());
    }
    std::filesystem::copy_file(live, image);
    auto wal = live;
    wal += "-wal";
    auto image_wal = image;
    image_wal += "-wal";
    std::filesystem::copy_file(wal, image_wal);
    REQUIRE(std::filesystem::file_size(image_wal) > 0);
}

std::size_t ReviewsIn(const std::filesystem::path& path) {
    Collection collection = testing::OpenOrFail(path);
    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    return log->size();
}

// Every file in `dir` with its bytes, but the lock file (Restore creates it to take the lock; it
// holds no data).
std::map<std::string, std::string> Snapshot(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() != ".lock")
            files[entry.path().filename().string()] = testing::ReadBytes(entry.path());
    }
    return files;
}

TEST_CASE("restoring a collection onto itself after a crash keeps the reviews in its WAL") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeCrashImage(path, 40);
    auto aside = Restore(path, path);
    REQUIRE_MESSAGE(aside.has_value(), aside.error().message);
    CHECK(ReviewsIn(path) == 40);
    auto aside_wal = *aside;
    aside_wal += "-wal";
    CHECK(std::filesystem::exists(aside_wal));  // the WAL moved with the file kept aside
    CHECK(ReviewsIn(*aside) == 40);
}

TEST_CASE("a restore that runs out of space leaves every file, the WAL included, as it was") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeCrashImage(path, 40);
    std::filesystem::path backup;
    {
        Collection other = CollectionWithReview(dir.File("other/o.sqlite3"));
        auto made = other.BackupNow(kT0);
        REQUIRE(made.has_value());
        backup = *made;
    }
    const auto before = Snapshot(dir.path());
    // A child process whose files cannot grow beyond 8 KiB: the copy of the backup fails as on a
    // full disk.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{8192, 8192};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        const auto restored = Restore(backup, path);
        ::_exit(restored.has_value() ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(Snapshot(dir.path()) == before);
    CHECK(ReviewsIn(path) == 40);
}

TEST_CASE("a restore that cannot write its copy leaves every file as it was") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    MakeCrashImage(path, 25);
    std::filesystem::path backup;
    {
        Collection other = CollectionWithReview(dir.File("other/o.sqlite3"));
        auto made = other.BackupNow(kT0);
        REQUIRE(made.has_value());
        backup = *made;
    }
    // Something that is not a file where the copy goes.
    std::filesystem::create_directories(dir.File("c.sqlite3.restoring/in-the-way"));
    const auto before = Snapshot(dir.path());
    auto refused = Restore(backup, path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(Snapshot(dir.path()) == before);
    CHECK(std::filesystem::is_directory(dir.File("c.sqlite3.restoring/in-the-way")));
    CHECK(ReviewsIn(path) == 25);
}

TEST_CASE("a backup with damaged indexes passes quick_check but restore refuses it") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    std::filesystem::path backup;
    {
        Collection collection = CollectionWithReview(path);
        auto made = collection.BackupNow(kT0);
        REQUIRE(made.has_value());
        backup = *made;
    }
    testing::DamageIndex(backup);
    const auto before = Snapshot(dir.path());
    auto refused = Restore(backup, path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == StorageErrorKind::kCorrupt);
    CHECK(Snapshot(dir.path()) == before);
}

TEST_CASE("an in-memory collection has no backups") {
    Collection collection = testing::InMemoryOrFail();
    CHECK_FALSE(collection.BackupNow(kT0).has_value());
    auto maybe = collection.MaybeBackup(kT0);
    REQUIRE(maybe.has_value());
    CHECK_FALSE(maybe->has_value());
}

}  // namespace
}  // namespace mondo::storage
