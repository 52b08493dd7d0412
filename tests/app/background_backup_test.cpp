// BackgroundBackup: the window's periodic backup on a worker thread (issue 14: on a big collection
// the verified copy took seconds on the window's thread). It backs up when due, keeps the change
// mark of writes made while it copies, and puts the mark back when the backup fails.
#include "app/background_backup.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/app/process.h"

namespace mondo::app {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600;  // 2026-01-01 00:00:00 UTC

storage::Collection OpenCollection(const std::string& path) {
    auto collection = storage::Collection::Open(path);
    REQUIRE_MESSAGE(collection.has_value(),
                    (collection ? std::string() : collection.error().message));
    return std::move(collection).value();
}

}  // namespace

TEST_CASE("the periodic backup runs on a worker when due and keeps what was written meanwhile") {
    test::TempDir dir;
    storage::Collection collection = OpenCollection(dir.File("c.sqlite3"));
    REQUIRE(collection.SetSetting("theme", "dark").has_value());
    REQUIRE(collection.ChangedSinceBackup());
    {
        BackgroundBackup backups(collection);
        backups.Tick(kT0);
        CHECK(backups.running());
        CHECK_FALSE(collection.ChangedSinceBackup());                  // cleared as the copy starts
        REQUIRE(collection.SetSetting("theme", "light").has_value());  // written meanwhile
        backups.Finish();
        CHECK_FALSE(backups.running());
        CHECK(backups.error().empty());
        CHECK(storage::ListBackups(storage::BackupDirectoryFor(dir.File("c.sqlite3"))).size() == 1);
        CHECK(collection.ChangedSinceBackup());  // the write after the copy began still counts

        backups.Tick(kT0 + 60);  // too soon after the last
        CHECK_FALSE(backups.running());
        backups.Tick(kT0 + 30 * 60);
        CHECK(backups.running());
    }  // the destructor waits for it
    CHECK(storage::ListBackups(storage::BackupDirectoryFor(dir.File("c.sqlite3"))).size() == 2);
    CHECK_FALSE(collection.ChangedSinceBackup());
    BackgroundBackup idle(collection);
    idle.Tick(kT0 + 24 * 3600);  // nothing changed: nothing to do
    CHECK_FALSE(idle.running());
}

TEST_CASE("a failed periodic backup says why and leaves the collection marked as changed") {
    test::TempDir dir;
    storage::Collection collection = OpenCollection(dir.File("c.sqlite3"));
    REQUIRE(collection.SetSetting("theme", "dark").has_value());
    // A file where the backup folder goes: the folder cannot be made.
    std::ofstream(storage::BackupDirectoryFor(dir.File("c.sqlite3"))) << "in the way";
    BackgroundBackup backups(collection);
    backups.Tick(kT0);
    backups.Finish();
    CHECK_FALSE(backups.error().empty());
    CHECK(collection.ChangedSinceBackup());
    CHECK(collection.BackupDue(kT0 + 60));  // tried again at the next check
}

}  // namespace mondo::app
