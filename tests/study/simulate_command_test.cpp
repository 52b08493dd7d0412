#include "app/cli/simulate_command.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/collection.h"

namespace mondo::app {
namespace {

struct Run {
    int status = 0;
    std::string out;
    std::string err;
};

Run Simulate(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Run run;
    run.status = RunSimulateCommand(args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

int Lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST_CASE("mondo simulate prints one line a day and a summary, the same for the same seed") {
    const Run a = Simulate({"--days", "12", "--seed", "4"});
    const Run b = Simulate({"--days", "12", "--seed", "4"});
    const Run c = Simulate({"--days", "12", "--seed", "5"});
    REQUIRE(a.status == 0);
    CHECK(a.err.empty());
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
    CHECK(a.out.find("retention") != std::string::npos);
    CHECK(a.out.find("12 days at desired retention 90%") != std::string::npos);
}

TEST_CASE("mondo simulate --json writes one object per day, then the summary") {
    const Run run = Simulate({"--days=7", "--json", "--retention", "0.85"});
    REQUIRE(run.status == 0);
    REQUIRE(Lines(run.out) == 8);
    std::istringstream lines(run.out);
    std::string line;
    std::getline(lines, line);
    const auto first = nlohmann::ordered_json::parse(line);
    CHECK(first.begin().key() == "day");
    CHECK(first["day"] == 1);
    CHECK(first["date"] == "2026-01-05");
    CHECK(first["reviews"].is_number_integer());
    for (int day = 2; day <= 7; ++day) {
        std::getline(lines, line);
        CHECK(nlohmann::json::parse(line)["day"] == day);
    }
    std::getline(lines, line);
    const auto summary = nlohmann::json::parse(line)["summary"];
    CHECK(summary["days"] == 7);
    CHECK(summary["seed"] == 1);
    CHECK(summary["desired_retention"] == 0.85);
}

TEST_CASE("mondo simulate refuses bad options with one line and status 1") {
    for (const auto& args :
         std::vector<std::vector<std::string>>{{},
                                               {"--days", "0"},
                                               {"--days", "x"},
                                               {"--days", "3", "--retention", "0.5"},
                                               {"--days", "3", "--seed", "-1"},
                                               {"--days", "3", "--bogus"},
                                               {"--days", "3", "extra"}}) {
        const Run run = Simulate(args);
        CHECK(run.status == 1);
        CHECK(Lines(run.err) == 1);
        CHECK(run.out.empty());
    }
    const Run help = Simulate({"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("usage: mondo simulate") == 0);
}

TEST_CASE("mondo simulate --db studies that collection and writes its reviews there") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("mondo-simulate-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto db = dir / "scratch.sqlite3";
    const Run first = Simulate({"--days", "3", "--db", db.string(), "--json"});
    REQUIRE(first.status == 0);
    {
        auto collection = storage::Collection::Open(db);
        REQUIRE(collection.has_value());
        auto log = collection->LoadReviewLog();
        REQUIRE(log.has_value());
        CHECK_FALSE(log->empty());
    }
    // A second run continues after the first one's reviews (which ended today): the day after.
    const Run second = Simulate({"--days", "2", "--db", db.string(), "--json"});
    REQUIRE(second.status == 0);
    std::istringstream first_days(first.out);
    std::vector<nlohmann::json> days;
    for (std::string line; std::getline(first_days, line);)
        days.push_back(nlohmann::json::parse(line));
    REQUIRE(days.size() == 4);  // three days and the summary
    const auto last_day = days[2]["date"].get<std::string>();
    const auto next_day = nlohmann::json::parse(second.out.substr(0, second.out.find('\n')))["date"]
                              .get<std::string>();
    CHECK(next_day > last_day);
    // A file that is not a collection: status 2.
    const auto junk = dir / "junk.sqlite3";
    { std::ofstream(junk) << "this is not a database, just some text that is long enough........"; }
    const Run bad = Simulate({"--days", "2", "--db", junk.string()});
    CHECK(bad.status == 2);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mondo::app
