// The command-line contract (shared notes cli.md), checked by running the real binary.
#include <doctest/doctest.h>

#include "tests/app/process.h"

using mondo::test::ReadFile;
using mondo::test::RunProcess;
using mondo::test::TempDir;
using mondo::test::WriteFile;

TEST_CASE("mondo --version prints the version and exits 0") {
    const auto result = RunProcess({MONDO_BINARY, "--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("mondo ", 0) == 0);
}

TEST_CASE("mondo --help lists the commands and exits 0") {
    const auto result = RunProcess({MONDO_BINARY, "--help"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("usage: mondo") != std::string::npos);
    CHECK(result.out.find("screenshot") != std::string::npos);
}

TEST_CASE("an unknown command or option is a user error with one clear line") {
    SUBCASE("command") {
        const auto result = RunProcess({MONDO_BINARY, "frobnicate"});
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("unknown command 'frobnicate'") != std::string::npos);
    }
    SUBCASE("option") {
        const auto result = RunProcess({MONDO_BINARY, "--frobnicate"});
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("--frobnicate") != std::string::npos);
    }
}

TEST_CASE("a --db that is not a SQLite file is refused with exit 2 and left untouched") {
    TempDir dir;
    const std::string path = dir.File("notes.txt");
    const std::string bytes = "These are my notes, not a database.\n" + std::string(5000, 'x');
    WriteFile(path, bytes);
    // No display is needed: the database is opened before any window.
    const auto result = RunProcess({MONDO_BINARY, "--db", path}, {{"DISPLAY", ""}});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(path) != std::string::npos);
    CHECK(ReadFile(path) == bytes);
}

TEST_CASE("screenshot checks its options before opening a window") {
    SUBCASE("missing --out") {
        const auto result = RunProcess({MONDO_BINARY, "screenshot", "--screen", "study"});
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("--out") != std::string::npos);
    }
    SUBCASE("bad --size") {
        const auto result =
            RunProcess({MONDO_BINARY, "screenshot", "--out", "x.png", "--size", "big"});
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("--size") != std::string::npos);
    }
}
