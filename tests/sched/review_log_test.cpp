#include "app/sched/review_log.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <unordered_map>

#include "tests/sched/golden_csv.h"

using namespace mondo::sched;
using mondo::sched::testing::CloseRelative;
using mondo::sched::testing::CloseToFloat;
using mondo::sched::testing::GoldenTable;
using mondo::sched::testing::ReadDataFile;

namespace {

ReviewLogError ErrorOf(std::string_view text) {
    const auto parsed = ParseReviewLogCsv(text);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error();
}

}  // namespace

TEST_CASE("the FSRS review-log CSV is read with ISO times and durations") {
    const auto parsed = ParseReviewLogCsv(
        "card_id,review_rating,review_time,review_duration\n"
        "1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060\n"
        "42,4,2024-03-30T05:00:00+09:00,0\n");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->size() == 2);
    CHECK((*parsed)[0].card_id == 1711684180217);
    CHECK((*parsed)[0].rating == Rating::kAgain);
    CHECK((*parsed)[0].review_time_ms == 1711744352250);
    CHECK((*parsed)[0].duration_ms == 25060);
    CHECK((*parsed)[1].rating == Rating::kEasy);
    CHECK((*parsed)[1].review_time_ms == 1711742400000);  // 2024-03-29T20:00:00Z
}

TEST_CASE("columns may come in any order with extra columns, CRLF, a BOM and blank lines") {
    const auto parsed = ParseReviewLogCsv(
        "\xEF\xBB\xBF"
        "review_state,review_time,card_id,review_rating\r\n"
        "\r\n"
        "1,1711744352250,7,3\r\n"
        "2,2024-03-29T20:32:32Z,8,2\r\n\r\n");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->size() == 2);
    CHECK((*parsed)[0].card_id == 7);
    CHECK((*parsed)[0].review_time_ms == 1711744352250);
    CHECK((*parsed)[0].duration_ms == 0);
    CHECK((*parsed)[1].review_time_ms == 1711744352000);
}

TEST_CASE("malformed lines are reported with their line number") {
    const std::string header = "card_id,review_rating,review_time,review_duration\n";
    const std::string good = "1,3,2024-03-29T20:32:32+00:00,100\n";
    CHECK(ErrorOf(header + good + "1,5,2024-03-29T20:32:32+00:00,100\n").line == 3);
    CHECK(ErrorOf(header + good + "1,5,2024-03-29T20:32:32+00:00,100\n").message.find("1-4") !=
          std::string::npos);
    CHECK(ErrorOf(header + "x,3,2024-03-29T20:32:32+00:00,1\n").message.find("card_id") !=
          std::string::npos);
    CHECK(ErrorOf(header + "1,3,yesterday,1\n").message.find("review_time") != std::string::npos);
    CHECK(ErrorOf(header + "1,3,2024-02-30T20:32:32+00:00,1\n").line == 2);
    CHECK(ErrorOf(header + "1,3\n").message.find("fields") != std::string::npos);
    CHECK(ErrorOf(header + "1,3,2024-03-29T20:32:32+00:00,-5\n").message.find("review_duration") !=
          std::string::npos);
    CHECK(ErrorOf(header + "99999999999999999999,3,2024-03-29T20:32:32Z,1\n").line == 2);
    CHECK(ErrorOf("card_id,review_time\n1,2\n").line == 1);
    CHECK(ErrorOf("card_id,card_id,review_rating,review_time\n").line == 1);
    CHECK(ErrorOf("").line == 0);
    CHECK(ErrorOf("\n\n").message.find("empty") != std::string::npos);
}

TEST_CASE("ISO 8601 instants are converted to unix milliseconds") {
    CHECK(ParseIsoTimeMs("1970-01-01T00:00:00Z") == 0);
    CHECK(ParseIsoTimeMs("1970-01-01 00:00:01.5") == 1500);
    CHECK(ParseIsoTimeMs("2024-02-29T12:00:00-05:30") == 1709227800000);
    CHECK(ParseIsoTimeMs("2024-03-29T20:32:32.250000+0000") == 1711744352250);
    CHECK(ParseIsoTimeMs("1969-12-31T23:59:59Z") == -1000);
    CHECK_FALSE(ParseIsoTimeMs("2023-02-29T12:00:00Z").has_value());
    CHECK_FALSE(ParseIsoTimeMs("2024-03-29T24:00:00Z").has_value());
    CHECK_FALSE(ParseIsoTimeMs("2024-03-29").has_value());
    CHECK_FALSE(ParseIsoTimeMs("2024-03-29T20:32:32+00:00 trailing").has_value());
    CHECK_FALSE(ParseIsoTimeMs("2024-03-29T20:32:32.Z").has_value());
}

TEST_CASE("replaying the real 12,580-review log matches fsrs-rs and ts-fsrs") {
    const auto log = ParseReviewLogCsv(ReadDataFile("fsrs-review-log.csv"));
    REQUIRE(log.has_value());
    REQUIRE(log->size() == 12580);
    const ReplayOptions options;
    const auto rows = Replay(*log, options);
    // One golden row per review of the log, in the log's order (it is in time order already).
    const GoldenTable golden("review_log.csv");
    std::unordered_map<std::int64_t, MemoryState> rs_state;
    REQUIRE(rows.size() == golden.size());
    int same_day = 0, firsts = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        const ReplayRow& row = rows[i];
        REQUIRE(row.card_id == (*log)[i].card_id);
        REQUIRE(row.rating == (*log)[i].rating);
        REQUIRE(row.review_time_ms == (*log)[i].review_time_ms);
        REQUIRE(row.elapsed_days == golden.Integer(i, "elapsed_days"));
        REQUIRE(row.retrievability.has_value() == !golden.Empty(i, "retrievability"));
        if (row.retrievability) {
            REQUIRE(std::abs(*row.retrievability - golden.Number(i, "retrievability")) < 1e-6);
            same_day += row.elapsed_days == 0;
        } else {
            ++firsts;
        }
        // ts-fsrs (double) over whole card histories; fsrs-rs (f32) step by step from its own
        // previous state, and over whole histories within its float drift.
        const double rs_s = golden.Number(i, "rs_stability");
        const double rs_d = golden.Number(i, "rs_difficulty");
        const auto previous = rs_state.find(row.card_id);
        const MemoryState step = NextMemoryState(options.parameters,
                                                 previous == rs_state.end()
                                                     ? std::nullopt
                                                     : std::optional<MemoryState>(previous->second),
                                                 row.elapsed_days, row.rating);
        REQUIRE(CloseToFloat(step.stability, rs_s, 1e-5));
        REQUIRE(CloseToFloat(step.difficulty, rs_d, 1e-5));
        REQUIRE(CloseToFloat(row.memory.stability, rs_s, 1e-4));
        REQUIRE(CloseToFloat(row.memory.difficulty, rs_d, 1e-4));
        rs_state[row.card_id] = MemoryState{rs_s, rs_d};
        REQUIRE(CloseRelative(row.memory.stability, golden.Number(i, "ts_stability"), 1e-5));
        REQUIRE(CloseRelative(row.memory.difficulty, golden.Number(i, "ts_difficulty"), 1e-5));
        const double raw_rs = golden.Number(i, "rs_raw_interval");
        REQUIRE(row.interval == std::max(1.0, std::round(raw_rs)));
    }
    CHECK(firsts == 1205);
    CHECK(same_day > 1000);  // the log is full of same-day learning reviews
}

TEST_CASE("replay orders reviews by time and counts days from the day start") {
    const auto log = ParseReviewLogCsv(
        "card_id,review_rating,review_time\n"
        "1,3,2024-01-02T05:00:00Z\n"
        "1,1,2024-01-01T12:00:00Z\n"
        "2,4,2024-01-01T03:00:00Z\n"
        "2,3,2024-01-01T05:00:00Z\n");
    REQUIRE(log.has_value());
    const auto rows = Replay(*log, ReplayOptions{});
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].card_id == 2);
    CHECK_FALSE(rows[0].retrievability.has_value());
    CHECK(rows[1].card_id == 2);
    CHECK(rows[1].elapsed_days == 1);  // 03:00 belongs to the previous day
    CHECK(rows[2].card_id == 1);
    CHECK(rows[2].rating == Rating::kAgain);
    CHECK(rows[3].elapsed_days == 1);
    CHECK(rows[3].retrievability.has_value());
    CHECK(rows[2].interval == 1);
    ReplayOptions midnight;
    midnight.day_boundary.day_start_hour = 0;
    CHECK(Replay(*log, midnight)[1].elapsed_days == 0);
}
