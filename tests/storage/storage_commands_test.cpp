// The import, check, restore and export sub-commands: output, exit status, one-line errors.
#include "app/cli/storage_commands.h"

#include <doctest/doctest.h>

#include <sstream>

#include "storage/collection.h"
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

}  // namespace
}  // namespace mondo::app
