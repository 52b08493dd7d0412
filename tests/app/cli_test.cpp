// The command-line contract (shared notes cli.md), checked by running the real binary.
#include <doctest/doctest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/app/process.h"

using mondo::test::ReadFile;
using mondo::test::RunProcess;
using mondo::test::TempDir;
using mondo::test::WriteFile;

namespace {

// Runs `argv` with a pseudo-terminal as its standard input, output and error, as from a user's
// shell; `out` is everything the terminal received (stdout and stderr together).
mondo::test::ProcessResult RunInTerminal(const std::vector<std::string>& argv) {
    int terminal = -1;
    const pid_t child = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    REQUIRE(child >= 0);
    if (child == 0) {
        std::vector<char*> args;
        for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    mondo::test::ProcessResult result;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(terminal, buffer, sizeof buffer);
        if (got > 0) {
            result.out.append(buffer, static_cast<std::size_t>(got));
        } else if (got < 0 && errno == EINTR) {
            continue;
        } else {
            break;  // EIO: the child closed its side
        }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(terminal);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace

TEST_CASE("mondo --version prints the version and exits 0") {
    const auto result = RunProcess({MONDO_BINARY, "--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("mondo ", 0) == 0);
#ifdef MONDO_EXPECT_MIMALLOC
    // The build links mimalloc (CMakeLists.txt): malloc must really be its.
    CHECK(result.out.find("\nallocator: mimalloc ") != std::string::npos);
#else
    CHECK(result.out.find("\nallocator: the C library's malloc") != std::string::npos);
#endif
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

TEST_CASE(
    "without a display that answers, the window says so and exits instead of running unseen") {
    // SDL falls back to its offscreen driver when no display answers; the app used to run on
    // there, invisible and deaf to keys, until killed. `timeout` turns such a hang into 124.
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::vector<std::pair<std::string, std::string>> no_display = {
        {"DISPLAY", ":9999"},  // no X server there
        {"WAYLAND_DISPLAY", "none"},
        {"XDG_RUNTIME_DIR", dir.path()},  // and no Wayland socket in it
        {"SDL_VIDEODRIVER", ""},
        {"XDG_CACHE_HOME", dir.File("cache")}};
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"--db", db},
          std::vector<std::string>{"screenshot", "--screen", "home", "--out", dir.File("a.png"),
                                   "--db", db}}) {
        CAPTURE(command.front());
        std::vector<std::string> argv = {"timeout", "120", MONDO_BINARY};
        argv.insert(argv.end(), command.begin(), command.end());
        const auto result = RunProcess(argv, no_display);
        INFO("stderr: " << result.err);
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("no display answered (DISPLAY=:9999") != std::string::npos);
    }
    // The collection was made all the same (the built-in interview is in it): nothing is lost.
    CHECK(RunProcess({MONDO_BINARY, "check", "--db", db}).exit_code == 0);
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

TEST_CASE("terminal escapes and bidi overrides in a source reach a terminal shown, not obeyed") {
    TempDir dir;
    const std::string hostile = dir.File("hostile.txt");
    WriteFile(hostile,
              "\x1b]0;owned\x07タイトル\u202e\n\nQ: 質問\x1b[2Jですか？\xc2\x9b"
              "31m\n梁CEO: 答え\u2067です。\n");
    const auto shown = RunInTerminal({MONDO_BINARY, "questions", "--source", hostile});
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.find("タイトル") != std::string::npos);
    CHECK(shown.out.find("\\x1b[2J") != std::string::npos);  // visible as text
    const std::vector<std::pair<std::string, std::string>> controls = {{"ESC", "\x1b"},
                                                                       {"BEL", "\x07"},
                                                                       {"U+202E", "\u202e"},
                                                                       {"U+2067", "\u2067"},
                                                                       {"C1 CSI", "\xc2\x9b"}};
    for (const auto& control : controls) {
        CAPTURE(control.first);
        CHECK(shown.out.find(control.second) == std::string::npos);
    }
    // An error message naming a hostile path (standard error) is made safe too.
    const std::string named = dir.File("\x1b]0;owned\x07.txt");
    const auto refused = RunInTerminal({MONDO_BINARY, "questions", "--source", named});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find("\\x1b]0;owned\\x07") != std::string::npos);
    CHECK(refused.out.find('\x1b') == std::string::npos);
    // A pipe gets the bytes unchanged: output for programs stays exact data.
    const auto piped = RunProcess({MONDO_BINARY, "questions", "--source", hostile});
    CHECK(piped.exit_code == 0);
    CHECK(piped.out.find("\x1b[2J") != std::string::npos);
}

TEST_CASE("mondo fsrs replay --json prints one object per review in the contract's shape") {
    TempDir dir;
    const std::string log = dir.File("log.csv");
    WriteFile(log,
              "card_id,review_rating,review_time,review_duration\n"
              "7,3,2024-03-01T10:00:00+00:00,5000\n"
              "7,1,2024-03-05T10:00:00+00:00,6000\n");
    const auto result = RunProcess({MONDO_BINARY, "fsrs", "replay", log, "--json"});
    REQUIRE(result.exit_code == 0);
    std::istringstream lines(result.out);
    std::vector<nlohmann::ordered_json> rows;
    for (std::string line; std::getline(lines, line);)
        rows.push_back(nlohmann::ordered_json::parse(line));
    REQUIRE(rows.size() == 2);
    std::vector<std::string> keys;
    for (const auto& [key, value] : rows[0].items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"card_id", "rating", "elapsed_days", "stability",
                                           "difficulty", "retrievability", "interval"});
    CHECK(rows[0]["card_id"] == 7);
    CHECK(rows[0]["retrievability"].is_null());  // a card's first review
    CHECK(rows[1]["rating"] == 1);
    CHECK(rows[1]["elapsed_days"] == 4);
    CHECK(rows[1]["retrievability"].get<double>() > 0.0);
    CHECK(rows[1]["retrievability"].get<double>() < 1.0);
}

TEST_CASE("mondo fsrs optimize fits a review log or a collection's own log") {
    const std::string log = std::string(MONDO_TEST_DATA_DIR) + "/fsrs/fsrs-review-log.csv";
    const auto result = RunProcess({MONDO_BINARY, "fsrs", "optimize", log, "--json"});
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::ordered_json::parse(result.out);
    // Every field the contract (README, docs) lists, in its order, and nothing else.
    const std::vector<std::string> documented = {"parameters",
                                                 "log_loss",
                                                 "rmse_bins",
                                                 "log_loss_default",
                                                 "rmse_bins_default",
                                                 "log_loss_current",
                                                 "rmse_bins_current",
                                                 "better_than_current",
                                                 "result",
                                                 "items",
                                                 "reviews",
                                                 "ms"};
    std::vector<std::string> keys;
    for (const auto& entry : json.items()) keys.push_back(entry.key());
    CHECK(keys == documented);
    for (const char* key : {"log_loss", "rmse_bins", "log_loss_default", "rmse_bins_default",
                            "log_loss_current", "rmse_bins_current", "ms"}) {
        CAPTURE(key);
        CHECK(json[key].is_number());
        CHECK(json[key].get<double>() >= 0.0);
    }
    CHECK(json["items"].is_number_unsigned());
    CHECK(json["reviews"].is_number_unsigned());
    CHECK(json["better_than_current"].is_boolean());
    REQUIRE(json["parameters"].is_array());
    for (const auto& w : json["parameters"]) CHECK(w.is_number());
    // No --parameters: the current parameters are the defaults, so both columns agree.
    CHECK(json["log_loss_current"].get<double>() ==
          doctest::Approx(json["log_loss_default"].get<double>()));
    CHECK(json["rmse_bins_current"].get<double>() ==
          doctest::Approx(json["rmse_bins_default"].get<double>()));
    CHECK(json["better_than_current"] == true);
    CHECK(json["parameters"].size() == 21);
    CHECK(json["items"] == 6276);
    CHECK(json["reviews"] == 12580);
    CHECK(json["result"] == "trained");
    CHECK(json["log_loss"].get<double>() < json["log_loss_default"].get<double>() - 0.005);
    CHECK(json["rmse_bins"].get<double>() < json["rmse_bins_default"].get<double>());

    const auto table = RunProcess({MONDO_BINARY, "fsrs", "optimize", log});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("fitted") != std::string::npos);
    CHECK(table.out.find("better than the current") != std::string::npos);

    // A collection with a simulated month of study: its own log, its day start.
    TempDir dir;
    const std::string db = dir.File("c.sqlite3");
    REQUIRE(RunProcess({MONDO_BINARY, "simulate", "--days", "30", "--db", db}).exit_code == 0);
    const auto own = RunProcess({MONDO_BINARY, "fsrs", "optimize", "--db", db, "--json"});
    REQUIRE(own.exit_code == 0);
    const auto fitted = nlohmann::ordered_json::parse(own.out);
    CHECK(fitted["reviews"].get<int>() > 100);
    CHECK(fitted["items"].get<int>() > 8);
    const std::string kind = fitted["result"].get<std::string>();
    CHECK((kind == "defaults" || kind == "initial_stability_only" || kind == "trained"));

    const auto neither = RunProcess({MONDO_BINARY, "fsrs", "optimize"});
    CHECK(neither.exit_code == 1);
    CHECK(neither.err.find("--db") != std::string::npos);
}

TEST_CASE("mondo simulate --db lays the simulated days down so that they end today") {
    TempDir dir;
    const std::string db = dir.File("c.sqlite3");
    REQUIRE(RunProcess({MONDO_BINARY, "simulate", "--days", "5", "--db", db}).exit_code == 0);
    const auto stats = RunProcess({MONDO_BINARY, "stats", "--db", db, "--json"});
    REQUIRE(stats.exit_code == 0);
    const auto json = nlohmann::ordered_json::parse(stats.out);
    CHECK(json["today"]["reviews"].get<int>() > 0);  // the last simulated day is today
    CHECK(json["streak"] == 5);                      // and the four before it are the days before
    // A second run cannot go back in time: it continues after the last review.
    REQUIRE(RunProcess({MONDO_BINARY, "simulate", "--days", "2", "--db", db}).exit_code == 0);
    const auto after = nlohmann::ordered_json::parse(
        RunProcess({MONDO_BINARY, "stats", "--db", db, "--json"}).out);
    CHECK(after["total_reviews"].get<int>() > json["total_reviews"].get<int>());
}
