// The refusals of Collection::Open: corrupt, truncated, too new, not a collection, locked, a
// read-only folder, a full disk. Each is a clear error and loses nothing.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "storage/collection.h"
#include "storage/collection_impl.h"
#include "tests/storage/damage.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

// Runs `sql` on the file with plain SQLite, outside mondo (to forge old, new or odd files).
void RawExec(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE_MESSAGE(rc == SQLITE_OK, text);
}

// A closed collection with one source and a few reviews.
std::filesystem::path MakeCollection(const TempDir& dir, const std::string& name = "c.sqlite3",
                                     int exchanges = 40) {
    const auto path = dir.File(name);
    Collection collection = testing::OpenOrFail(path);
    const auto interview = testing::SmallInterview(exchanges);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    for (int i = 0; i < 5; ++i) {
        const auto& item = (*items)[static_cast<std::size_t>(i)];
        REQUIRE(collection
                    .RecordReview(
                        testing::MakeReview(item.question.id, item.card, 1'700'000'000'000 + i))
                    .has_value());
    }
    return path;
}

TEST_CASE("a collection from a newer mondo is refused as too new and left byte for byte") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    RawExec(path, "PRAGMA user_version=99");
    const std::string before = testing::ReadBytes(path);
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kTooNew);
    CHECK(collection.error().message.find("newer mondo") != std::string::npos);
    CHECK(testing::ReadBytes(path) == before);
}

TEST_CASE("an SQLite database that is not a mondo collection is refused and left untouched") {
    TempDir dir;
    const auto path = dir.File("other.db");
    RawExec(path, "CREATE TABLE t(x); INSERT INTO t VALUES ('keep me');");
    const std::string before = testing::ReadBytes(path);
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kNotADatabase);
    CHECK(testing::ReadBytes(path) == before);
}

TEST_CASE(
    "a corrupt collection is refused, left untouched, and the message offers the newest good "
    "backup") {
    TempDir dir;
    const auto path = MakeCollection(dir, "c.sqlite3", 300);
    std::filesystem::path backup;
    {
        Collection collection = testing::OpenOrFail(path);
        auto made = collection.BackupNow(1'700'000'000);
        REQUIRE(made.has_value());
        backup = *made;
    }
    std::string bytes = testing::ReadBytes(path);
    REQUIRE(bytes.size() > 4 * 4096);
    // Scribble over the b-tree pages after the first one.
    for (std::size_t i = 4096; i < bytes.size(); i += 4096) {
        std::memset(bytes.data() + i, 0x5a, 64);
    }
    testing::WriteBytes(path, bytes);
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kCorrupt);
    CHECK(collection.error().message.find(backup.string()) != std::string::npos);
    CHECK(collection.error().message.find("mondo restore") != std::string::npos);
    CHECK(testing::ReadBytes(path) == bytes);

    SUBCASE("and the offered backup restores the collection") {
        auto aside = Restore(backup, path);
        REQUIRE(aside.has_value());
        CHECK(testing::ReadBytes(*aside) == bytes);
        Collection restored = testing::OpenOrFail(path);
        auto log = restored.LoadReviewLog();
        REQUIRE(log.has_value());
        CHECK(log->size() == 5);
    }
}

TEST_CASE("a truncated collection is refused as damaged and left untouched") {
    TempDir dir;
    const auto path = MakeCollection(dir, "c.sqlite3", 300);
    std::string bytes = testing::ReadBytes(path);
    bytes.resize(bytes.size() / 2);
    testing::WriteBytes(path, bytes);
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kCorrupt);
    CHECK(collection.error().message.find("No good backup") != std::string::npos);
    CHECK(testing::ReadBytes(path) == bytes);

    SUBCASE("even when only the header is left") {
        bytes.resize(60);
        testing::WriteBytes(path, bytes);
        auto again = Collection::Open(path);
        REQUIRE_FALSE(again.has_value());
        CHECK((again.error().kind == StorageErrorKind::kCorrupt ||
               again.error().kind == StorageErrorKind::kNotADatabase));
        CHECK(testing::ReadBytes(path) == bytes);
    }
}

TEST_CASE("a second open of the same collection is refused as locked until the first closes") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    {
        Collection first = testing::OpenOrFail(path);
        auto second = Collection::Open(path);
        REQUIRE_FALSE(second.has_value());
        CHECK(second.error().kind == StorageErrorKind::kLocked);
        CHECK(second.error().message.find("another mondo process") != std::string::npos);
    }
    CHECK(Collection::Open(path).has_value());
}

TEST_CASE(
    "a collection held by another process is refused as locked, and free again when that process "
    "dies") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        auto held = Collection::Open(path);
        const char status = held.has_value() ? 'y' : 'n';
        (void)!::write(ready[1], &status, 1);
        ::pause();  // until killed
        ::_exit(0);
    }
    ::close(ready[1]);
    char status = 0;
    REQUIRE(::read(ready[0], &status, 1) == 1);
    ::close(ready[0]);
    REQUIRE(status == 'y');
    auto second = Collection::Open(path);
    CHECK_FALSE(second.has_value());
    if (!second) CHECK(second.error().kind == StorageErrorKind::kLocked);
    ::kill(child, SIGKILL);
    int wait_status = 0;
    ::waitpid(child, &wait_status, 0);
    auto third = Collection::Open(path);
    REQUIRE(third.has_value());
    auto log = third->LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->size() == 5);
}

// Runs `body` in a child process as an unprivileged user when the tests run as root (root ignores
// folder permissions); returns the child's exit status.
template <typename Body>
int InChildWithoutPrivileges(Body&& body) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(90);
        ::_exit(body());
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST_CASE(
    "a collection in a folder that cannot be written is refused with an I/O error, data intact") {
    TempDir dir;
    const auto folder = dir.File("ro");
    std::filesystem::create_directories(folder);
    const auto path = folder / "c.sqlite3";
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(3);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    std::filesystem::remove(folder.string() + "/c.sqlite3.lock");
    const std::string before = testing::ReadBytes(path);
    std::filesystem::permissions(
        folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec |
                    std::filesystem::perms::group_read | std::filesystem::perms::group_exec |
                    std::filesystem::perms::others_read | std::filesystem::perms::others_exec);
    std::filesystem::permissions(
        dir.path(), std::filesystem::perms::others_exec | std::filesystem::perms::others_read,
        std::filesystem::perm_options::add);
    const int status = InChildWithoutPrivileges([&] {
        auto collection = Collection::Open(path);
        if (collection.has_value()) return 1;
        if (collection.error().kind != StorageErrorKind::kIo) return 2;
        if (collection.error().message.find("writable") == std::string::npos) return 3;
        // The cause of the first failure, not the fallback's "No such file or directory".
        if (collection.error().message.find(std::strerror(EACCES)) == std::string::npos) return 5;
        if (collection.error().message.find(std::strerror(ENOENT)) != std::string::npos) return 6;
        auto fresh = Collection::Open(folder / "new.sqlite3");
        if (fresh.has_value() || fresh.error().kind != StorageErrorKind::kIo) return 4;
        return 0;
    });
    CHECK(status == 0);
    CHECK(testing::ReadBytes(path) == before);
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
    Collection collection = testing::OpenOrFail(path);
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    CHECK(items->size() == 4);
}

TEST_CASE("an unreadable collection is reported as unreadable, not as another kind of file") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    std::filesystem::permissions(path, std::filesystem::perms::none);
    const int status = InChildWithoutPrivileges([&] {
        auto checked = CheckCollection(path);
        if (checked.has_value()) return 1;
        if (checked.error().kind != StorageErrorKind::kIo) return 2;
        if (checked.error().message.find(std::strerror(EACCES)) == std::string::npos) return 3;
        auto opened = Collection::Open(path);
        if (opened.has_value() || opened.error().kind != StorageErrorKind::kIo) return 4;
        return 0;
    });
    CHECK(status == 0);
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_CASE(
    "a full disk fails a review with an I/O error and keeps every review acknowledged before") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    int ids[2];
    REQUIRE(::pipe(ids) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(ids[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        auto collection = Collection::Open(path);
        if (!collection) ::_exit(10);
        const auto size = std::filesystem::file_size(path);
        rlimit limit{static_cast<rlim_t>(size + 256 * 1024),
                     static_cast<rlim_t>(size + 256 * 1024)};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(11);
        auto items = collection->LoadStudyItems();
        if (!items) ::_exit(12);
        sched::Card card = (*items)[10].card;
        for (int i = 0; i < 1000; ++i) {
            ReviewRow row =
                testing::MakeReview((*items)[10].question.id, card, 1'700'100'000'000 + i);
            row.answer_given = std::string(20'000, 'x');
            auto id = collection->RecordReview(row);
            if (!id) {
                const bool clear = id.error().kind == StorageErrorKind::kIo &&
                                   (id.error().message.find("full") != std::string::npos ||
                                    id.error().message.find("input/output") != std::string::npos);
                ::_exit(clear ? 0 : 13);
            }
            card = row.card_after;
            const std::int64_t value = *id;
            (void)!::write(ids[1], &value, sizeof value);
        }
        ::_exit(14);  // the limit was never reached
    }
    ::close(ids[1]);
    std::vector<std::int64_t> acknowledged;
    std::int64_t value = 0;
    while (::read(ids[0], &value, sizeof value) == static_cast<ssize_t>(sizeof value))
        acknowledged.push_back(value);
    ::close(ids[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(acknowledged.size() > 0);

    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->integrity_ok);
    CHECK(report->problems.empty());
    Collection collection = testing::OpenOrFail(path);
    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->size() == 5 + acknowledged.size());
    for (const std::int64_t id : acknowledged) {
        bool found = false;
        for (const auto& row : *log) found = found || row.id == id;
        CHECK_MESSAGE(found, "review " << id << " was acknowledged but is missing");
    }
}

TEST_CASE("a collection whose indexes were damaged after a clean close is refused, not written") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    {
        // Unchanged since its clean close: opens (without a full check) and closes cleanly.
        Collection again = testing::OpenOrFail(path);
    }
    testing::DamageIndex(path);  // passes quick_check, fails integrity_check
    const std::string before = testing::ReadBytes(path);
    auto refused = Collection::Open(path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == StorageErrorKind::kCorrupt);
    CHECK(testing::ReadBytes(path) == before);
}

TEST_CASE("a damaged file left with a WAL by a crash is refused, whatever the note in the lock") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    { Collection clean = testing::OpenOrFail(path); }
    const std::string note = testing::ReadBytes(dir.File("c.sqlite3.lock"));
    CHECK(note.rfind("clean-close dev:", 0) == 0);
    testing::DamageIndex(path);
    // Someone restores the old note: the fingerprint still does not match the changed bytes.
    testing::WriteBytes(dir.File("c.sqlite3.lock"), note);
    auto refused = Collection::Open(path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == StorageErrorKind::kCorrupt);
}

// The clean-close fingerprint reads no more than a stat and SQLite's header, so what it misses
// matters: an outside program that rewrites the file in place, keeps its size and header and puts
// its mtime back leaves only the ctime changed (which no program can set back).
TEST_CASE("a file rewritten in place with its size, header and mtime kept is checked in full") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    { Collection clean = testing::OpenOrFail(path); }
    const std::string original = testing::ReadBytes(path);
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);

    const auto scratch = dir.File("scratch.sqlite3");
    testing::WriteBytes(scratch, original);
    testing::DamageIndex(scratch);
    std::string damaged = testing::ReadBytes(scratch);
    REQUIRE(damaged.size() == original.size());
    damaged.replace(0, 100, original, 0, 100);  // the header (schema cookie, counter) as it was
    {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);  // same inode, no truncation
        REQUIRE(fd >= 0);
        REQUIRE(::pwrite(fd, damaged.data(), damaged.size(), 0) ==
                static_cast<ssize_t>(damaged.size()));
        const timespec times[2] = {before.st_atim, before.st_mtim};
        REQUIRE(::futimens(fd, times) == 0);
        ::close(fd);
    }
    struct stat after {};
    REQUIRE(::stat(path.c_str(), &after) == 0);
    REQUIRE(after.st_ino == before.st_ino);
    REQUIRE(after.st_size == before.st_size);
    REQUIRE(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
    REQUIRE(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);

    const std::string bytes = testing::ReadBytes(path);
    auto refused = Collection::Open(path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == StorageErrorKind::kCorrupt);
    CHECK(testing::ReadBytes(path) == bytes);
}

// The other side of the decision: a file whose fingerprint matches is trusted without the full
// check (that is what makes opening cheap), so the fingerprint is only ever written by a clean
// close of a verified collection. Forging it shows the check is really skipped.
TEST_CASE("a file matching its clean-close fingerprint opens without the full integrity_check") {
    TempDir dir;
    const auto path = MakeCollection(dir);
    testing::DamageIndex(path);
    const std::string forged = "clean-close " + detail::SettledFileFingerprint(path);
    REQUIRE(forged.size() > std::string("clean-close ").size());
    testing::WriteBytes(dir.File("c.sqlite3.lock"), forged);
    CHECK(Collection::Open(path).has_value());
}

}  // namespace
}  // namespace mondo::storage
