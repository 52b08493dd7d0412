#include "app/sched/scheduler.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <vector>

#include "tests/sched/golden_csv.h"

using namespace mondo::sched;
using mondo::sched::testing::CloseRelative;
using mondo::sched::testing::GoldenTable;
using mondo::sched::testing::LoadParameterSets;

namespace {

// ts-fsrs counts elapsed days as UTC calendar days (midnight boundary).
SchedulingContext TsFsrsContext() {
    SchedulingContext context;
    context.day_boundary.day_start_hour = 0;
    context.day_boundary.utc_offset_seconds = 0;
    return context;
}

bool CloseProbability(double a, double b) {
    return std::abs(a - b) <= 1e-7 || CloseRelative(a, b, 1e-5);
}

constexpr std::int64_t kNoon = 1'717'243'200;  // 2024-06-01T12:00:00Z

Card ReviewCard(double stability, double difficulty, std::int64_t last_review) {
    Card card;
    card.state = CardState::kReview;
    card.memory = {stability, difficulty};
    card.last_review = last_review;
    card.reps = 3;
    return card;
}

}  // namespace

TEST_CASE("Next reproduces ts-fsrs over 300 random sequences without learning steps") {
    const auto sets = LoadParameterSets();
    const GoldenTable table("ts_fsrs_model.csv");
    REQUIRE(table.size() > 3000);
    SchedulingContext context = TsFsrsContext();
    context.learning_steps.clear();
    context.relearning_steps.clear();
    Card card;
    long long seq = -1;
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (table.Integer(row, "seq") != seq) {
            seq = table.Integer(row, "seq");
            card = Card{};
        }
        CAPTURE(seq);
        CAPTURE(table.Integer(row, "step"));
        context.parameters = sets.at(static_cast<std::size_t>(table.Integer(row, "param_set")));
        context.desired_retention = table.Number(row, "retention");
        context.maximum_interval = static_cast<int>(table.Integer(row, "max_interval"));
        context.now = table.Integer(row, "time");
        const auto rating = static_cast<Rating>(table.Integer(row, "rating"));
        const Outcome outcome = Next(card, rating, context);
        REQUIRE(outcome.elapsed_days == table.Integer(row, "elapsed_days"));
        if (table.Empty(row, "retrievability")) {
            REQUIRE_FALSE(outcome.retrievability.has_value());
        } else {
            REQUIRE(outcome.retrievability.has_value());
            REQUIRE(CloseProbability(*outcome.retrievability, table.Number(row, "retrievability")));
        }
        REQUIRE(CloseRelative(outcome.card.memory.stability, table.Number(row, "stability"), 1e-5));
        REQUIRE(
            CloseRelative(outcome.card.memory.difficulty, table.Number(row, "difficulty"), 1e-5));
        // ts-fsrs lets Easy exceed the maximum interval (easy = good + 1); mondo caps it.
        REQUIRE(outcome.interval_days ==
                std::min<long long>(table.Integer(row, "interval"), context.maximum_interval));
        REQUIRE(static_cast<int>(outcome.card.state) == table.Integer(row, "state"));
        REQUIRE(outcome.card.due == context.now + std::int64_t{outcome.interval_days} * 86400);
        card = outcome.card;
    }
}

TEST_CASE("Next reproduces ts-fsrs over 200 sequences through learning and relearning steps") {
    const GoldenTable table("ts_fsrs_steps.csv");
    REQUIRE(table.size() > 2000);
    SchedulingContext context = TsFsrsContext();
    context.learning_steps = {120, 600};
    context.relearning_steps = {600};
    Card card;
    long long seq = -1;
    std::set<int> states_seen;
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (table.Integer(row, "seq") != seq) {
            seq = table.Integer(row, "seq");
            card = Card{};
        }
        CAPTURE(seq);
        CAPTURE(table.Integer(row, "step"));
        REQUIRE(static_cast<int>(card.state) == table.Integer(row, "state_before"));
        REQUIRE(card.step == table.Integer(row, "step_before"));
        context.desired_retention = table.Number(row, "retention");
        context.now = table.Integer(row, "time");
        const auto rating = static_cast<Rating>(table.Integer(row, "rating"));
        const Outcome outcome = Next(card, rating, context);
        REQUIRE(outcome.elapsed_days == table.Integer(row, "elapsed_days"));
        REQUIRE(outcome.retrievability.has_value() == !table.Empty(row, "retrievability"));
        if (outcome.retrievability) {
            REQUIRE(CloseProbability(*outcome.retrievability, table.Number(row, "retrievability")));
        }
        REQUIRE(CloseRelative(outcome.card.memory.stability, table.Number(row, "stability"), 1e-5));
        REQUIRE(
            CloseRelative(outcome.card.memory.difficulty, table.Number(row, "difficulty"), 1e-5));
        REQUIRE(static_cast<int>(outcome.card.state) == table.Integer(row, "state"));
        REQUIRE(outcome.card.step == table.Integer(row, "learning_step"));
        // ts-fsrs lets Easy exceed the maximum interval by a day or two (easy = good + 1);
        // mondo caps every interval at the maximum.
        const auto max_seconds = std::int64_t{context.maximum_interval} * 86400;
        REQUIRE(outcome.interval_days ==
                std::min<long long>(table.Integer(row, "interval"), context.maximum_interval));
        REQUIRE(outcome.interval_seconds ==
                std::min<long long>(table.Integer(row, "interval_seconds"), max_seconds));
        REQUIRE(outcome.card.lapses == table.Integer(row, "lapses"));
        states_seen.insert(static_cast<int>(card.state));
        card = outcome.card;
    }
    CHECK(states_seen == std::set<int>{0, 1, 2, 3});
}

TEST_CASE("a new card shows Anki's default steps on its four buttons") {
    SchedulingContext context;
    context.now = kNoon;
    const NextStates next = NextAll(Card{}, context);
    CHECK(next[Rating::kAgain].card.state == CardState::kLearning);
    CHECK(next[Rating::kAgain].interval_seconds == 60);
    CHECK(next[Rating::kHard].interval_seconds == 330);  // mean of 1m and 10m
    CHECK(next[Rating::kHard].card.step == 0);
    CHECK(next[Rating::kGood].interval_seconds == 600);
    CHECK(next[Rating::kGood].card.step == 1);
    CHECK(next[Rating::kEasy].card.state == CardState::kReview);
    CHECK(next[Rating::kEasy].interval_days == 8);  // S0(Easy) = 8.2956
    for (const Outcome& outcome : next.outcomes) {
        CHECK(outcome.card.reps == 1);
        CHECK(outcome.card.last_review == kNoon);
        CHECK_FALSE(outcome.retrievability.has_value());
        CHECK(outcome.card.due == kNoon + outcome.interval_seconds);
    }
}

TEST_CASE("Hard on a later learning step repeats that step and Good on the last step graduates") {
    SchedulingContext context;
    context.now = kNoon;
    Card card = Next(Card{}, Rating::kGood, context).card;  // step 1 (10m)
    context.now += 600;
    const NextStates next = NextAll(card, context);
    CHECK(next[Rating::kHard].interval_seconds == 600);
    CHECK(next[Rating::kHard].card.step == 1);
    CHECK(next[Rating::kAgain].card.step == 0);
    CHECK(next[Rating::kGood].card.state == CardState::kReview);
    CHECK(next[Rating::kGood].interval_days >= 1);
    CHECK(next[Rating::kGood].elapsed_days == 0);
}

TEST_CASE("a single relearning step gives Hard one and a half times the step") {
    SchedulingContext context;
    context.now = kNoon;
    const Card review = ReviewCard(20.0, 5.0, kNoon - 20 * 86400);
    const Outcome lapse = Next(review, Rating::kAgain, context);
    CHECK(lapse.card.state == CardState::kRelearning);
    CHECK(lapse.card.lapses == 1);
    CHECK(lapse.interval_seconds == 600);
    context.now += 600;
    const NextStates next = NextAll(lapse.card, context);
    CHECK(next[Rating::kHard].interval_seconds == 900);
    CHECK(next[Rating::kGood].card.state == CardState::kReview);
    CHECK(next[Rating::kGood].card.lapses == 1);
}

TEST_CASE("review intervals grow from Hard to Easy and shrink with higher retention") {
    SchedulingContext context;
    context.now = kNoon;
    const Card card = ReviewCard(10.0, 5.0, kNoon - 10 * 86400);
    const NextStates next = NextAll(card, context);
    CHECK(next[Rating::kHard].interval_days < next[Rating::kGood].interval_days);
    CHECK(next[Rating::kGood].interval_days < next[Rating::kEasy].interval_days);
    CHECK(next[Rating::kGood].elapsed_days == 10);
    REQUIRE(next[Rating::kGood].retrievability.has_value());
    CHECK(*next[Rating::kGood].retrievability == doctest::Approx(0.9));
    context.desired_retention = 0.97;
    const NextStates strict = NextAll(card, context);
    CHECK(strict[Rating::kGood].interval_days < next[Rating::kGood].interval_days);
    context.desired_retention = 0.70;
    CHECK(NextAll(card, context)[Rating::kGood].interval_days > next[Rating::kGood].interval_days);
}

TEST_CASE("Next is exactly the matching element of NextAll") {
    SchedulingContext context;
    context.now = kNoon;
    context.fuzz_factor = 0.37;
    for (const Card& card : {Card{}, ReviewCard(3.0, 7.0, kNoon - 86400 * 4),
                             ReviewCard(300.0, 2.0, kNoon - 86400 * 200)}) {
        const NextStates all = NextAll(card, context);
        for (const Rating rating : kAllRatings) {
            const Outcome one = Next(card, rating, context);
            CHECK(one.card == all[rating].card);
            CHECK(one.interval_seconds == all[rating].interval_seconds);
            CHECK(one.rating == rating);
        }
    }
}

TEST_CASE("the maximum interval caps every review interval") {
    SchedulingContext context;
    context.now = kNoon;
    context.maximum_interval = 30;
    const NextStates next = NextAll(ReviewCard(400.0, 3.0, kNoon - 400 * 86400), context);
    for (const Outcome& outcome : next.outcomes) CHECK(outcome.interval_days <= 30);
    CHECK(next[Rating::kEasy].interval_days == 30);
}

TEST_CASE("fuzz keeps intervals inside the fuzz range and is reproducible from the question") {
    SchedulingContext context;
    context.now = kNoon;
    const Card card = ReviewCard(60.0, 5.0, kNoon - 60 * 86400);
    const int plain = NextAll(card, context)[Rating::kGood].interval_days;
    const FuzzRange range = FuzzRangeOf(plain, 60, 36500);
    std::set<int> days;
    for (int count = 0; count < 200; ++count) {
        const double factor = FuzzFactorFor("q-0042", count);
        REQUIRE(factor >= 0.0);
        REQUIRE(factor < 1.0);
        context.fuzz_factor = factor;
        const int fuzzed = NextAll(card, context)[Rating::kGood].interval_days;
        CHECK(fuzzed >= range.min);
        CHECK(fuzzed <= range.max);
        days.insert(fuzzed);
    }
    CHECK(days.size() >= static_cast<std::size_t>(range.max - range.min));  // actually spreads
    CHECK(FuzzFactorFor("q-0042", 7) == FuzzFactorFor("q-0042", 7));
    CHECK(FuzzFactorFor("q-0042", 7) != FuzzFactorFor("q-0042", 8));
    CHECK(FuzzFactorFor("q-0042", 7) != FuzzFactorFor("q-0043", 7));
    CHECK(FuzzSeed("", 0) != FuzzSeed("", 1));
}

TEST_CASE("a same-day review of a review card uses the short-term formula") {
    SchedulingContext context;
    context.now = kNoon;
    const Card card = ReviewCard(10.0, 5.0, kNoon - 3600);
    const NextStates next = NextAll(card, context);
    CHECK(next[Rating::kGood].elapsed_days == 0);
    CHECK(next[Rating::kGood].card.memory.stability ==
          doctest::Approx(
              NextMemoryState(context.parameters, card.memory, 0, Rating::kGood).stability));
    CHECK(next[Rating::kHard].card.memory.stability >= 10.0);
}

TEST_CASE("card states have readable names") {
    CHECK(CardStateName(CardState::kNew) == "new");
    CHECK(CardStateName(CardState::kLearning) == "learning");
    CHECK(CardStateName(CardState::kReview) == "review");
    CHECK(CardStateName(CardState::kRelearning) == "relearning");
}

TEST_CASE("steps are read and written the way Anki shows them") {
    const auto steps = ParseSteps("1m 10m");
    REQUIRE(steps.has_value());
    CHECK(*steps == std::vector<std::int32_t>{60, 600});
    CHECK(ParseSteps("30s, 1h,2d 1.5m 15").value() ==
          std::vector<std::int32_t>{30, 3600, 172800, 90, 900});
    CHECK(ParseSteps("").value().empty());
    CHECK(ParseSteps("  ").value().empty());
    CHECK(FormatSteps({60, 600}) == "1m 10m");
    CHECK(FormatSteps({30, 3600, 172800, 90}) == "30s 1h 2d 90s");
    CHECK(FormatSteps({}).empty());
    for (const char* bad : {"10x", "m", "-1m", "0s", "31d", "1e9m", "nanm", "1m 10 m"}) {
        CAPTURE(bad);
        const auto parsed = ParseSteps(bad);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().message.find("step") != std::string::npos);
    }
}

TEST_CASE("user settings outside their ranges are refused with a message") {
    SchedulingContext context;
    CHECK(ValidateContext(context).has_value());
    context.desired_retention = 0.7;
    CHECK(ValidateContext(context).has_value());
    context.desired_retention = 0.99;
    CHECK(ValidateContext(context).has_value());
    context.desired_retention = 0.995;
    REQUIRE_FALSE(ValidateContext(context).has_value());
    CHECK(ValidateContext(context).error().message.find("retention") != std::string::npos);
    context.desired_retention = 0.9;
    context.maximum_interval = 0;
    CHECK_FALSE(ValidateContext(context).has_value());
    context.maximum_interval = 365;
    context.learning_steps = {60, 0};
    CHECK_FALSE(ValidateContext(context).has_value());
    context.learning_steps = {60};
    context.relearning_steps = {-5};
    CHECK_FALSE(ValidateContext(context).has_value());
    context.relearning_steps = {};
    context.day_boundary.day_start_hour = 24;
    CHECK_FALSE(ValidateContext(context).has_value());
    context.day_boundary.day_start_hour = 0;
    context.fuzz_factor = 1.0;
    CHECK_FALSE(ValidateContext(context).has_value());
    context.fuzz_factor = 0.999;
    CHECK(ValidateContext(context).has_value());
}

TEST_CASE("a card's retrievability now uses the same day counting as Next") {
    const Parameters p;
    const DayBoundary boundary;
    CHECK_FALSE(RetrievabilityAt(Card{}, kNoon, p, boundary).has_value());
    const Card card = ReviewCard(10.0, 5.0, kNoon - 10 * 86400);
    CHECK(*RetrievabilityAt(card, kNoon, p, boundary) == doctest::Approx(0.9));
    CHECK(*RetrievabilityAt(card, kNoon - 10 * 86400 + 3600, p, boundary) == 1.0);
}

TEST_CASE("a day interval lands on the same local clock time across a DST change") {
    SchedulingContext context;
    context.now = kNoon;
    constexpr std::int64_t switch_at = kNoon + 3 * 86400;
    context.day_boundary.offset_at = [](std::int64_t t) {
        return t < switch_at ? std::int32_t{3600} : std::int32_t{7200};
    };
    const Card card = ReviewCard(30.0, 5.0, kNoon - 30 * 86400);
    for (const Outcome& outcome : NextAll(card, context).outcomes) {
        if (outcome.interval_days == 0) continue;
        CAPTURE(outcome.interval_days);
        CHECK(context.day_boundary.DayNumber(outcome.card.due) ==
              context.day_boundary.DayNumber(kNoon) + outcome.interval_days);
        CHECK(outcome.interval_seconds == std::int64_t{outcome.interval_days} * 86400 - 3600);
    }
}
