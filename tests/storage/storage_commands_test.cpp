// The import, check, restore and export sub-commands: output, exit status, one-line errors.
#include "app/cli/storage_commands.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/cli/fsrs_command.h"
#include "app/cli/questions_command.h"
#include "app/cli/simulate_command.h"
#include "app/cli/stats_command.h"
#include "content/json.h"
#include "storage/collection.h"
#include "tests/storage/damage.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::app {
namespace {

using storage::testing::TempDir;

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

template <typename Command>
Run Call(Command command, std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    Run run;
    run.status = command(args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

std::vector<std::string> Names(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string WriteSeed(const TempDir& dir) {
    const auto path = dir.File("seed.txt");
    storage::testing::WriteBytes(path, std::string(content::BuiltinInterviewText()));
    return path.string();
}

TEST_CASE("import adds a source, then reports everything kept on a second import") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    const std::string seed = WriteSeed(dir);
    Run first = Call(RunImportCommand, {seed, "--db", db});
    CHECK(first.status == 0);
    CHECK(first.err.empty());
    CHECK(first.out.find(" added, 0 kept, 0 retired") != std::string::npos);
    Run second = Call(RunImportCommand, {seed, "--db", db});
    CHECK(second.status == 0);
    CHECK(second.out.find(": 0 added, ") != std::string::npos);
    CHECK(second.out.find(" kept, 0 retired") != std::string::npos);
}

TEST_CASE("import reports user errors with status 1 and unusable databases with status 2") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    Run missing = Call(RunImportCommand, {dir.File("missing.txt").string(), "--db", db});
    CHECK(missing.status == 1);
    CHECK(missing.err.find("missing.txt") != std::string::npos);
    CHECK(missing.err.find('\n') == missing.err.size() - 1);
    Run none = Call(RunImportCommand, {"--db", db});
    CHECK(none.status == 1);
    Run bad_option = Call(RunImportCommand, {"--frobnicate"});
    CHECK(bad_option.status == 1);
    storage::testing::WriteBytes(dir.File("empty.txt"), "no questions here at all");
    Run no_exchanges = Call(RunImportCommand, {dir.File("empty.txt").string(), "--db", db});
    CHECK(no_exchanges.status == 1);
    storage::testing::WriteBytes(dir.File("text.db"), "definitely not sqlite, only text");
    Run not_db = Call(RunImportCommand, {WriteSeed(dir), "--db", dir.File("text.db").string()});
    CHECK(not_db.status == 2);
    CHECK(storage::testing::ReadBytes(dir.File("text.db")) == "definitely not sqlite, only text");
    {
        storage::Collection held = storage::testing::OpenOrFail(dir.File("held.sqlite3"));
        Run locked =
            Call(RunImportCommand, {WriteSeed(dir), "--db", dir.File("held.sqlite3").string()});
        CHECK(locked.status == 2);
        CHECK(locked.err.find("another mondo process") != std::string::npos);
    }
    Run help = Call(RunImportCommand, {"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("usage: mondo import") == 0);
}

// README "Exit status and messages": one cause, one status and one message, whichever command
// meets it. Each command's error line is "mondo <command>: <message>"; the messages must be equal.
void CheckSameRefusal(const char* cause, int status,
                      const std::vector<std::pair<std::string, Run>>& runs) {
    CAPTURE(cause);
    REQUIRE_FALSE(runs.empty());
    std::string first;
    for (const auto& named : runs) {
        const std::string& command = named.first;
        const Run& run = named.second;
        CAPTURE(command);
        CAPTURE(run.err);
        CHECK(run.status == status);
        const std::string prefix = "mondo " + command + ": ";
        REQUIRE(run.err.rfind(prefix, 0) == 0);
        REQUIRE(run.err.find('\n') == run.err.size() - 1);
        const std::string message = run.err.substr(prefix.size());
        if (first.empty()) first = message;
        CHECK(message == first);
    }
}

TEST_CASE("every command gives the same cause the same exit status and the same message") {
    TempDir dir;
    const std::string seed = WriteSeed(dir);
    // The commands that open an existing collection, on `db`.
    auto each = [&](const std::string& db, bool with_import, bool with_check) {
        std::vector<std::pair<std::string, Run>> runs;
        if (with_import) runs.emplace_back("import", Call(RunImportCommand, {seed, "--db", db}));
        if (with_check) runs.emplace_back("check", Call(RunCheckCommand, {"--db", db}));
        runs.emplace_back("stats", Call(RunStatsCommand, {"--db", db}));
        runs.emplace_back("export", Call(RunExportCommand, {"--format", "anki-tsv", "--db", db}));
        return runs;
    };

    const std::string missing = dir.File("missing.sqlite3").string();
    CheckSameRefusal("no collection at the path", 1, each(missing, false, true));
    CHECK_FALSE(std::filesystem::exists(missing));

    const std::string text = dir.File("text.sqlite3").string();
    storage::testing::WriteBytes(text, "definitely not sqlite, only text");
    auto not_sqlite = each(text, true, true);
    not_sqlite.emplace_back("simulate", Call(RunSimulateCommand, {"--days", "1", "--db", text}));
    CheckSameRefusal("not an SQLite file", 2, not_sqlite);
    CHECK(storage::testing::ReadBytes(text) == "definitely not sqlite, only text");

    const std::string folder = dir.File("folder.sqlite3").string();
    std::filesystem::create_directories(folder);
    CheckSameRefusal("a folder at the path", 1, each(folder, true, true));

    const std::string newer = dir.File("newer.sqlite3").string();
    REQUIRE(Call(RunImportCommand, {seed, "--db", newer}).status == 0);
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(newer.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "PRAGMA user_version=999", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        sqlite3_close(raw);
    }
    CheckSameRefusal("a collection from a newer mondo", 2, each(newer, true, true));

    const std::string damaged = dir.File("damaged.sqlite3").string();
    REQUIRE(Call(RunImportCommand, {seed, "--db", damaged}).status == 0);
    storage::testing::DamageIndex(damaged);
    CheckSameRefusal("damaged indexes", 2, each(damaged, true, false));

    const std::string held_path = dir.File("held.sqlite3").string();
    {
        storage::Collection held = storage::testing::OpenOrFail(held_path);
        auto locked = each(held_path, true, false);
        locked.emplace_back("simulate",
                            Call(RunSimulateCommand, {"--days", "1", "--db", held_path}));
        locked.emplace_back("restore", Call(RunRestoreCommand, {damaged, "--db", held_path}));
        CheckSameRefusal("locked by another mondo", 2, locked);
    }
}

TEST_CASE("check prints ok for a healthy collection and exits 2 for a damaged one") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db}).status == 0);
    Run ok = Call(RunCheckCommand, {"--db", db});
    CHECK(ok.status == 0);
    CHECK(ok.out.find(": ok (") != std::string::npos);
    storage::testing::WriteBytes(dir.File("text.db"), "definitely not sqlite, only text");
    Run bad = Call(RunCheckCommand, {"--db", dir.File("text.db").string()});
    CHECK(bad.status == 2);
    CHECK_FALSE(bad.err.empty());
    Run absent = Call(RunCheckCommand, {"--db", dir.File("absent.sqlite3").string()});
    CHECK(absent.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir.File("absent.sqlite3")));
}

// Runs `command` in a child process; reports its exit status (-1: killed after 30 s, which an
// endless read would need: the limit is generous because CI machines are loaded and timing is not
// what is checked) and how much its peak memory grew above where it started.
struct Bounded {
    int status = -1;
    long grown_mb = 0;
};

template <typename Command>
Bounded RunBounded(Command command, std::vector<std::string> args) {
    int report[2];
    REQUIRE(::pipe(report) == 0);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(report[0]);
        long resident_pages = 0;
        {
            std::ifstream statm("/proc/self/statm");
            long size = 0;
            statm >> size >> resident_pages;
        }
        std::ostringstream out, err;
        const int status = command(args, out, err);
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        const long grown_kb = usage.ru_maxrss - resident_pages * (::sysconf(_SC_PAGESIZE) / 1024);
        (void)!::write(report[1], &grown_kb, sizeof grown_kb);
        ::_exit(status);
    }
    ::close(report[1]);
    Bounded result;
    int wait_status = 0;
    for (;;) {
        const pid_t done = ::waitpid(child, &wait_status, WNOHANG);
        if (done == child) break;
        if (std::chrono::steady_clock::now() - start > std::chrono::seconds(30)) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &wait_status, 0);
            ::close(report[0]);
            return result;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    long grown_kb = 0;
    if (::read(report[0], &grown_kb, sizeof grown_kb) == sizeof grown_kb)
        result.grown_mb = grown_kb / 1024;
    ::close(report[0]);
    result.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
    return result;
}

TEST_CASE("every input is read up to its limit: an endless one is refused at once") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    const std::vector<std::pair<std::string, Bounded>> runs = {
        {"import", RunBounded(RunImportCommand, {"/dev/zero", "--db", db})},
        {"questions", RunBounded(mondo::app::RunQuestionsCommand, {"--source", "/dev/zero"})},
        {"fsrs replay", RunBounded(mondo::app::RunFsrsCommand, {"replay", "/dev/zero"})},
        {"fsrs optimize", RunBounded(mondo::app::RunFsrsCommand, {"optimize", "/dev/zero"})},
        {"restore", RunBounded(RunRestoreCommand, {"/dev/zero", "--db", db})},
    };
    // Refused (exit 1, not killed) with memory near idle: the input was not read to its end.
    for (const auto& command_run : runs) {
        CAPTURE(command_run.first);
        CHECK(command_run.second.status == 1);
        CHECK(command_run.second.grown_mb < 50);
    }
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("a file one byte over its command's limit is refused after limit + 1 bytes") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    // Sparse files of zeros: no disk space, but every byte must be read to reach the end.
    const auto over = [&](const std::string& name, std::size_t limit) {
        const auto path = dir.File(name);
        storage::testing::WriteBytes(path, "");
        std::filesystem::resize_file(path, limit + 1);
        return path.string();
    };
    const std::string source = over("source.txt", content::kMaxSourceBytes);
    const std::string log = over("log.csv", kMaxReviewLogBytes);
    struct Refusal {
        const char* command;
        int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
        std::vector<std::string> args;
        const char* limit;
    };
    const std::vector<Refusal> refusals = {
        {"import", RunImportCommand, {source, "--db", db}, "10 MB"},
        {"questions", RunQuestionsCommand, {"--source", source}, "10 MB"},
        {"fsrs replay", RunFsrsCommand, {"replay", log}, "32 MB"},
        {"fsrs optimize", RunFsrsCommand, {"optimize", log}, "32 MB"},
    };
    for (const Refusal& refusal : refusals) {
        CAPTURE(refusal.command);
        const Bounded bounded = RunBounded(refusal.run, refusal.args);
        CHECK(bounded.status == 1);
        CHECK(bounded.grown_mb < 50);  // the limit (at most 32 MB) and no more
        const Run run = Call(refusal.run, refusal.args);
        CHECK(run.status == 1);
        CAPTURE(run.err);
        CHECK(run.err.find(refusal.limit) != std::string::npos);  // names the limit
        CHECK(run.err.find('\n') == run.err.size() - 1);          // one line
    }
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("check upgrades nothing, creates nothing and says when the schema is older") {
    TempDir dir;
    const auto db = dir.File("old.sqlite3");
    std::filesystem::copy_file(std::filesystem::path(MONDO_TEST_DATA_DIR) / "storage/v2.sqlite3",
                               db);
    const auto names = Names(dir.path());
    const std::string bytes = storage::testing::ReadBytes(db);
    Run older = Call(RunCheckCommand, {"--db", db.string()});
    CHECK(older.status == 1);
    CHECK(older.err.find("older schema") != std::string::npos);
    CHECK(storage::testing::ReadBytes(db) == bytes);  // still version 2
    CHECK(Names(dir.path()) == names);                // no .lock, -wal or -shm
}

TEST_CASE("check of a collection nobody has open creates no file beside it") {
    TempDir dir;
    const auto db = dir.File("c.sqlite3");
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db.string()}).status == 0);
    std::filesystem::remove(dir.File("c.sqlite3.lock"));
    const auto names = Names(dir.path());
    const std::string bytes = storage::testing::ReadBytes(db);
    Run ok = Call(RunCheckCommand, {"--db", db.string()});
    CHECK(ok.status == 0);
    CHECK(storage::testing::ReadBytes(db) == bytes);
    CHECK(Names(dir.path()) == names);
}

TEST_CASE(
    "export writes either format to a file or standard output, and refuses an unknown format") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db}).status == 0);
    Run tsv = Call(RunExportCommand, {"--format", "anki-tsv", "--db", db});
    CHECK(tsv.status == 0);
    CHECK(tsv.out.rfind("#separator:tab\n#html:false\n", 0) == 0);
    const std::string out_file = dir.File("revlog.csv").string();
    Run csv = Call(RunExportCommand, {"--format", "revlog-csv", "--db", db, "--out", out_file});
    CHECK(csv.status == 0);
    CHECK(storage::testing::ReadBytes(out_file) ==
          "card_id,review_rating,review_time,review_duration\n");
    Run unknown = Call(RunExportCommand, {"--format", "xml", "--db", db});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("anki-tsv or revlog-csv") != std::string::npos);
    Run absent = Call(RunExportCommand,
                      {"--format", "anki-tsv", "--db", dir.File("absent.sqlite3").string()});
    CHECK(absent.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir.File("absent.sqlite3")));
}

TEST_CASE("restore puts a backup back and names the file kept aside") {
    TempDir dir;
    const auto db = dir.File("c.sqlite3");
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db.string()}).status == 0);
    std::filesystem::path backup;
    {
        storage::Collection collection = storage::testing::OpenOrFail(db);
        auto made = collection.BackupNow(1'767'225'600);
        REQUIRE(made.has_value());
        backup = *made;
    }
    Run restored = Call(RunRestoreCommand, {backup.string(), "--db", db.string()});
    CHECK(restored.status == 0);
    CHECK(restored.out.find("kept as") != std::string::npos);
    Run none = Call(RunRestoreCommand, {"--db", db.string()});
    CHECK(none.status == 1);
    CHECK(none.err.find("backups") != std::string::npos);
    Run bad = Call(RunRestoreCommand, {dir.File("nothing").string(), "--db", db.string()});
    CHECK(bad.status == 1);
    CHECK(Call(RunCheckCommand, {"--db", db.string()}).status == 0);
}

TEST_CASE("import refuses a collection whose indexes are damaged and writes nothing into it") {
    TempDir dir;
    const auto db = dir.File("c.sqlite3");
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db.string()}).status == 0);
    storage::testing::DamageIndex(db);
    const std::string before = storage::testing::ReadBytes(db);
    storage::testing::WriteBytes(dir.File("other.txt"),
                                 "Q: 二つ目の質問ですか？\n梁CEO: はい、そうです。\n");
    Run refused = Call(RunImportCommand, {dir.File("other.txt").string(), "--db", db.string()});
    CHECK(refused.status == 2);
    CHECK(refused.err.find("damaged") != std::string::npos);
    CHECK(storage::testing::ReadBytes(db) == before);
}

TEST_CASE("export writes a new file or over a regular file and refuses anything else") {
    TempDir dir;
    const auto db = dir.File("c.sqlite3");
    REQUIRE(Call(RunImportCommand, {WriteSeed(dir), "--db", db.string()}).status == 0);
    auto export_to = [&](const std::filesystem::path& out) {
        return Call(RunExportCommand,
                    {"--format", "anki-tsv", "--db", db.string(), "--out", out.string()});
    };
    const auto out_dir = dir.File("out");
    std::filesystem::create_directories(out_dir);

    // A new path, then over the regular file it made.
    REQUIRE(export_to(out_dir / "notes.tsv").status == 0);
    storage::testing::WriteBytes(out_dir / "notes.tsv", "old");
    REQUIRE(export_to(out_dir / "notes.tsv").status == 0);
    CHECK(storage::testing::ReadBytes(out_dir / "notes.tsv").rfind("#separator:tab", 0) == 0);

    // A symbolic link (to a file that must stay as it is) is refused and stays a link.
    storage::testing::WriteBytes(dir.File("victim"), "keep me");
    std::filesystem::create_symlink(dir.File("victim"), out_dir / "link.tsv");
    Run link = export_to(out_dir / "link.tsv");
    CHECK(link.status == 1);
    CHECK(link.err.find("symbolic link") != std::string::npos);
    CHECK(std::filesystem::is_symlink(out_dir / "link.tsv"));
    CHECK(storage::testing::ReadBytes(dir.File("victim")) == "keep me");

    // A FIFO is refused (and not opened: the export would block on it).
    REQUIRE(::mkfifo((out_dir / "fifo").c_str(), 0600) == 0);
    Run fifo = export_to(out_dir / "fifo");
    CHECK(fifo.status == 1);
    CHECK(std::filesystem::is_fifo(out_dir / "fifo"));

    // A device node (only root can make one; /dev/null's numbers).
    if (::mknod((out_dir / "null").c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0) {
        Run device = export_to(out_dir / "null");
        CHECK(device.status == 1);
        CHECK(std::filesystem::is_character_file(out_dir / "null"));
    }

    // A folder.
    std::filesystem::create_directories(out_dir / "folder");
    CHECK(export_to(out_dir / "folder").status == 1);
    CHECK(std::filesystem::is_directory(out_dir / "folder"));

    // The temporary file is never a name given in advance: a symlink planted at <out>.partial
    // is not followed.
    std::filesystem::create_symlink(dir.File("victim"), out_dir / "fresh.tsv.partial");
    REQUIRE(export_to(out_dir / "fresh.tsv").status == 0);
    CHECK(storage::testing::ReadBytes(dir.File("victim")) == "keep me");
    CHECK(std::filesystem::is_symlink(out_dir / "fresh.tsv.partial"));

    // Nothing else was left behind.
    std::vector<std::string> expected = {"fifo",     "folder",   "fresh.tsv", "fresh.tsv.partial",
                                         "link.tsv", "notes.tsv"};
    if (std::filesystem::exists(std::filesystem::symlink_status(out_dir / "null")))
        expected.push_back("null");
    std::sort(expected.begin(), expected.end());
    CHECK(Names(out_dir) == expected);
}

TEST_CASE(
    "stats names each source and counts its exchanges, a source without title by its "
    "first question") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3").string();
    {
        storage::Collection collection = storage::testing::OpenOrFail(db);
        auto titled = storage::testing::SmallInterview(4);
        REQUIRE(collection.ImportSource(titled, storage::testing::QuestionsFor(titled)));
        auto untitled = storage::testing::SmallInterview(2, "");
        untitled.source_id = content::SourceIdFor("untitled");
        untitled.exchanges[0].question = "最初の質問？";
        REQUIRE(collection.ImportSource(untitled, storage::testing::QuestionsFor(untitled)));
        REQUIRE(collection.SetSourceTitle(titled.source_id, "自分の題"));
    }
    const Run run = Call(RunStatsCommand, {"--db", db, "--json"});
    REQUIRE(run.status == 0);
    const auto json = content::Json::parse(run.out);
    REQUIRE(json["sources"].size() == 2);
    CHECK(json["sources"][0]["title"] == "自分の題");
    CHECK(json["sources"][0]["exchanges"] == 4);
    CHECK(json["sources"][0]["questions"] == 5);
    CHECK(json["sources"][1]["title"] == "最初の質問？");
    CHECK(json["sources"][1]["exchanges"] == 2);
    // Both sources' sections, in import order.
    REQUIRE(json["sections"].size() >= 4);
    CHECK(json["sections"][1]["title"] == "1. 第一部");
    const Run one =
        Call(RunStatsCommand, {"--db", db, "--source", content::SourceIdFor("untitled")});
    REQUIRE(one.status == 0);
    CHECK(one.out.rfind("source: 最初の質問？\n", 0) == 0);
}

}  // namespace
}  // namespace mondo::app
