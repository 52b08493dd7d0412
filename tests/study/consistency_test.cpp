#include "app/study/consistency.h"

#include <doctest/doctest.h>

#include "app/study/memory_store.h"
#include "app/study/simulator.h"
#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

TEST_CASE("every card studied through sessions equals the replay of its log") {
    MemoryStore store(testing::NewItems(60, 3));
    SimulationOptions options;
    options.days = 40;
    options.seed = 11;
    REQUIRE(Simulate(store, options).has_value());
    REQUIRE(store.log().size() > 100);
    CHECK(CheckReplayConsistency(store.items(), store.log(), options.settings).empty());
}

TEST_CASE("a change of day start or time zone after studying does not make the log disagree") {
    MemoryStore store(testing::NewItems(60, 3));
    SimulationOptions options;  // studied in UTC with the day starting at 04:00
    options.days = 40;
    options.seed = 12;
    options.start -= 300;  // sessions from 08:55 UTC
    REQUIRE(Simulate(store, options).has_value());
    StudySettings moved = options.settings;
    moved.day_start_hour = 0;
    moved.utc_offset_seconds = -9 * 3600;  // UTC-09:00: days now end at 09:00 UTC, mid-session
    // The move counts some reviews' elapsed days differently (else this would prove nothing).
    const sched::DayBoundary boundary = moved.MakeDayBoundary();
    int recounted = 0;
    for (const ReviewRow& row : store.log()) {
        if (row.card_before.state != sched::CardState::kNew &&
            boundary.ElapsedDays(row.card_before.last_review, row.time_ms / 1000) !=
                row.elapsed_days)
            ++recounted;
    }
    CHECK(recounted > 0);
    for (const auto& mismatch : CheckReplayConsistency(store.items(), store.log(), moved))
        FAIL_CHECK(mismatch.question_id << ": " << mismatch.message);
}

TEST_CASE("a card that does not match its log is reported") {
    MemoryStore store(testing::NewItems(10));
    SimulationOptions options;
    options.days = 5;
    REQUIRE(Simulate(store, options).has_value());
    std::vector<StudyItem> items = store.items();
    std::vector<ReviewRow> log = store.log();
    SUBCASE("a stored stability changed") {
        items[3].card.memory.stability *= 1.01;
        const auto mismatches = CheckReplayConsistency(items, log, options.settings);
        REQUIRE(mismatches.size() == 1);
        CHECK(mismatches[0].question_id == items[3].question.id);
    }
    SUBCASE("a log row lost") {
        const std::string id = log[0].question_id;
        log.erase(log.begin());
        const auto mismatches = CheckReplayConsistency(items, log, options.settings);
        REQUIRE_FALSE(mismatches.empty());
        CHECK(mismatches[0].question_id == id);
    }
    SUBCASE("elapsed days that do not fit the time between the reviews") {
        for (ReviewRow& row : log) {
            if (row.card_before.state != sched::CardState::kNew) {
                row.elapsed_days = 400;
                break;
            }
        }
        CHECK_FALSE(CheckReplayConsistency(items, log, options.settings).empty());
    }
    SUBCASE("a rating rewritten") {
        log.back().rating = log.back().rating == sched::Rating::kAgain ? sched::Rating::kEasy
                                                                       : sched::Rating::kAgain;
        CHECK_FALSE(CheckReplayConsistency(items, log, options.settings).empty());
    }
}

}  // namespace
}  // namespace mondo::study
