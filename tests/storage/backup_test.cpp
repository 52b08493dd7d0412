// Backups: verified copies, the 30-minute rule, rotation, restore keeping the current file aside.
#include <doctest/doctest.h>

#include <set>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

constexpr std::int64_t kT0 = 1'767'225'600;  // 2026-01-01 00:00:00 UTC

Collection CollectionWithReview(const std::filesystem::path& path) {
    Collection collection = testing::OpenOrFail(path);
    const auto interview = testing::SmallInterview(3);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(collection
                .RecordReview(
                    testing::MakeReview(items->front().question.id, sched::Card{}, kT0 * 1000))
                .has_value());
    return collection;
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

TEST_CASE("an in-memory collection has no backups") {
    Collection collection = testing::InMemoryOrFail();
    CHECK_FALSE(collection.BackupNow(kT0).has_value());
    auto maybe = collection.MaybeBackup(kT0);
    REQUIRE(maybe.has_value());
    CHECK_FALSE(maybe->has_value());
}

}  // namespace
}  // namespace mondo::storage
