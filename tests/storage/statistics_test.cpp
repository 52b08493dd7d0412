// The aggregates the Stats screen reads: per day, by state and rating, forecast, progress.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/sched/memory_model.h"
#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDay0 = 19'700;  // a day number; its start is kDay0 * kDay UTC

struct Fixture {
    Collection collection = testing::InMemoryOrFail();
    std::vector<StudyItem> items;
    Fixture() {
        const auto interview = testing::SmallInterview(4);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
        auto loaded = collection.LoadStudyItems();
        REQUIRE(loaded.has_value());
        items = std::move(*loaded);
    }
    // Records a review of item `i` at `seconds` with `rating`, the card before being its current
    // one.
    std::int64_t Review(std::size_t i, std::int64_t seconds, int rating,
                        std::int64_t duration_ms = 1000) {
        auto card = collection.LoadCard(items[i].question.id);
        REQUIRE(card.has_value());
        ReviewRow row = testing::MakeReview(items[i].question.id, **card, seconds * 1000, rating);
        row.duration_ms = duration_ms;
        auto id = collection.RecordReview(row);
        REQUIRE(id.has_value());
        return *id;
    }
};

TEST_CASE("a source's outline names its title, sections and exchanges without their text") {
    Collection collection = testing::InMemoryOrFail();
    auto interview = testing::SmallInterview(5);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto untitled = testing::SmallInterview(2, "");
    untitled.source_id = content::SourceIdFor("untitled");
    untitled.sections.clear();
    untitled.exchanges[0].question = "最初の質問？";
    REQUIRE(collection.ImportSource(untitled, testing::QuestionsFor(untitled)).has_value());

    auto outline = collection.LoadOutline(interview.source_id);
    REQUIRE(outline.has_value());
    CHECK(outline->interview.source_id == interview.source_id);
    CHECK(outline->interview.title == "テスト・インタビュー");
    REQUIRE(outline->interview.sections.size() == 2);
    CHECK(outline->interview.sections[1].index == 2);
    CHECK(outline->interview.sections[1].title == "第二部");
    CHECK(outline->interview.exchanges.empty());
    CHECK(outline->exchanges == 5);
    CHECK(outline->first_question == "質問1は何ですか？");

    auto other = collection.LoadOutline(untitled.source_id);
    REQUIRE(other.has_value());
    CHECK(other->interview.title.empty());
    CHECK(other->interview.sections.empty());
    CHECK(other->exchanges == 2);
    CHECK(other->first_question == "最初の質問？");
    CHECK_FALSE(collection.LoadOutline("no-such-source").has_value());
}

TEST_CASE("reviews per day count each rating and the time studied, in the caller's days") {
    Fixture f;
    const std::int64_t start = kDay0 * kDay;
    f.Review(0, start + 100, 3, 2000);
    f.Review(1, start + 200, 1, 3000);
    f.Review(2, start + kDay - 1, 4, 500);
    f.Review(0, start + kDay + 10, 2, 700);
    f.Review(3, start + 5 * kDay, 3, 100);  // outside the range asked for
    auto days = f.collection.ReviewsPerDay(kDay0, kDay0 + 1, 0);
    REQUIRE(days.has_value());
    REQUIRE(days->size() == 2);
    CHECK((*days)[0].day == kDay0);
    CHECK((*days)[0].count[0] == 1);
    CHECK((*days)[0].count[1] == 0);
    CHECK((*days)[0].count[2] == 1);
    CHECK((*days)[0].count[3] == 1);
    CHECK((*days)[0].studied_ms == 5500);
    CHECK((*days)[1].day == kDay0 + 1);
    CHECK((*days)[1].count[1] == 1);
    CHECK((*days)[1].studied_ms == 700);

    SUBCASE("a day that starts at 4:00 in UTC+9 moves the boundaries") {
        // offset = +9 h − 4 h: the review at start + kDay − 1 (08:59:59 local next day) is on kDay0
        // + 1.
        auto shifted = f.collection.ReviewsPerDay(kDay0, kDay0 + 1, 5 * 3600);
        REQUIRE(shifted.has_value());
        REQUIRE(shifted->size() == 2);
        CHECK((*shifted)[0].count[2] + (*shifted)[0].count[0] == 2);
        CHECK((*shifted)[1].count[3] == 1);
        CHECK((*shifted)[1].count[1] == 1);
    }
}

TEST_CASE("the per-day summary follows undo and agrees with a scan of the log for any offset") {
    Fixture f;
    const std::int64_t start = kDay0 * kDay;
    f.Review(0, start + 7200, 3, 2000);
    const std::int64_t undone = f.Review(1, start + 7300, 1, 3000);
    f.Review(2, start + kDay + 7200, 4, 500);
    REQUIRE(f.collection.UndoReview(undone).has_value());
    auto summary =
        f.collection.ReviewsPerDay(kDay0 - 1, kDay0 + 2, 0);  // quarter hours: the summary
    auto scanned = f.collection.ReviewsPerDay(kDay0 - 1, kDay0 + 2, 1);  // one second: the log
    REQUIRE(summary.has_value());
    REQUIRE(scanned.has_value());
    REQUIRE(summary->size() == 2);
    REQUIRE(scanned->size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK((*summary)[i].day == (*scanned)[i].day);
        CHECK((*summary)[i].studied_ms == (*scanned)[i].studied_ms);
        for (int r = 0; r < 4; ++r) CHECK((*summary)[i].count[r] == (*scanned)[i].count[r]);
    }
    CHECK((*summary)[0].count[0] == 0);  // the undone Again is gone
    CHECK((*summary)[0].count[2] == 1);
    CHECK((*summary)[0].studied_ms == 2000);
}

TEST_CASE("reviews by state and rating give true retention's inputs") {
    Fixture f;
    const std::int64_t t = kDay0 * kDay;
    f.Review(0, t, 3);             // new → review
    f.Review(0, t + kDay, 1);      // review → learning
    f.Review(0, t + 2 * kDay, 3);  // learning → review
    f.Review(1, t, 3);             // new → review
    f.Review(1, t + kDay, 3);      // review, passed
    auto counts = f.collection.ReviewsByStateAndRating(t * 1000, (t + 10 * kDay) * 1000);
    REQUIRE(counts.has_value());
    auto count = [&](sched::CardState state, int rating) -> std::int64_t {
        for (const auto& c : *counts) {
            if (c.state_before == state && c.rating == rating) return c.count;
        }
        return 0;
    };
    CHECK(count(sched::CardState::kNew, 3) == 2);
    CHECK(count(sched::CardState::kReview, 1) == 1);
    CHECK(count(sched::CardState::kReview, 3) == 1);
    CHECK(count(sched::CardState::kLearning, 3) == 1);
    auto since = f.collection.CountReviewsSince(t + kDay);
    REQUIRE(since.has_value());
    CHECK(since->total == 3);
    CHECK(since->reviews_done == 2);
    CHECK(since->new_introduced == 0);
    since = f.collection.CountReviewsSince(t);
    REQUIRE(since.has_value());
    CHECK(since->new_introduced == 2);

    // Which questions were introduced: the two first answered on day t, none a day later.
    auto introduced = f.collection.QuestionsIntroducedSince(t);
    REQUIRE(introduced.has_value());
    std::vector<std::string> expected = {f.items[0].question.id, f.items[1].question.id};
    std::sort(expected.begin(), expected.end());
    CHECK(*introduced == expected);
    introduced = f.collection.QuestionsIntroducedSince(t + kDay);
    REQUIRE(introduced.has_value());
    CHECK(introduced->empty());
}

TEST_CASE("the forecast counts due cards per future day, overdue ones on the first day") {
    Fixture f;
    const std::int64_t today = kDay0;
    auto set_due = [&](std::size_t i, std::int64_t due) {
        sched::Card card{.state = sched::CardState::kReview,
                         .memory = {5.0, 5.0},
                         .last_review = due - 5 * kDay,
                         .due = due,
                         .step = 0,
                         .reps = 1,
                         .lapses = 0,
                         .scheduled_days = 5};
        REQUIRE(
            f.collection
                .RecordReview(card, testing::MakeReview(f.items[i].question.id, sched::Card{}, 1))
                .has_value());
    };
    set_due(0, (today - 3) * kDay);       // overdue
    set_due(1, today * kDay + 3600);      // today
    set_due(2, (today + 2) * kDay + 10);  // in two days
    set_due(3, (today + 40) * kDay);      // beyond the window
    auto forecast = f.collection.DueForecast(today, 7, 0);
    REQUIRE(forecast.has_value());
    REQUIRE(forecast->size() == 7);
    CHECK((*forecast)[0] == 2);
    CHECK((*forecast)[1] == 0);
    CHECK((*forecast)[2] == 1);
    REQUIRE(f.collection.SetSuspended(f.items[0].question.id, true).has_value());
    forecast = f.collection.DueForecast(today, 7, 0);
    REQUIRE(forecast.has_value());
    CHECK((*forecast)[0] == 1);
}

TEST_CASE("progress by exchange: the one definition of learned, mastery and due") {
    Fixture f;
    const std::int64_t today = kDay0 + 10;
    const std::int64_t last = kDay0 * kDay + 3600;  // ten days before today
    sched::Card mature{.state = sched::CardState::kReview,
                       .memory = {30.0, 5.0},
                       .last_review = last,
                       .due = today * kDay + 7200,  // due later today
                       .step = 0,
                       .reps = 3,
                       .lapses = 0,
                       .scheduled_days = 25};
    sched::Card learning{.state = sched::CardState::kLearning,
                         .memory = {1.0, 5.0},
                         .last_review = today * kDay,  // just answered: retrievability 1
                         .due = today * kDay + 600,
                         .step = 0,
                         .reps = 1,
                         .lapses = 0,
                         .scheduled_days = 0};
    REQUIRE(f.collection
                .RecordReview(mature, testing::MakeReview(f.items[0].question.id, sched::Card{}, 1))
                .has_value());
    REQUIRE(
        f.collection
            .RecordReview(learning, testing::MakeReview(f.items[1].question.id, sched::Card{}, 1))
            .has_value());
    const ProgressClock clock{
        .now = today * kDay + 3600, .day_offset_seconds = 0, .parameters = {}};
    auto progress = f.collection.ProgressByExchange(clock);
    REQUIRE(progress.has_value());
    REQUIRE(progress->size() == 5);  // profile (0) + 4 exchanges
    CHECK((*progress)[0].exchange == 0);
    CHECK((*progress)[1].exchange == 1);
    CHECK((*progress)[1].section == 1);
    CHECK((*progress)[1].questions == 1);
    CHECK((*progress)[1].seen == 1);
    CHECK((*progress)[1].learned == 1);
    CHECK((*progress)[1].mature == 1);
    CHECK((*progress)[1].due == 1);
    CHECK((*progress)[1].mastery_sum ==
          doctest::Approx(sched::Retrievability(sched::Parameters{}, 10.0, 30.0)));
    // A learning card is seen and due but not learned: it adds nothing to mastery.
    CHECK((*progress)[2].seen == 1);
    CHECK((*progress)[2].learned == 0);
    CHECK((*progress)[2].due == 1);
    CHECK((*progress)[2].mastery_sum == 0.0);
    CHECK((*progress)[2].section == 2);
    CHECK((*progress)[3].seen == 0);

    SUBCASE("one source only") {
        auto of_source = f.collection.ProgressByExchange(clock, f.items[0].source_id);
        REQUIRE(of_source.has_value());
        CHECK(of_source->size() == 5);
        auto none = f.collection.ProgressByExchange(clock, "no such source");
        REQUIRE(none.has_value());
        CHECK(none->empty());
    }
    SUBCASE("suspended questions do not count") {
        REQUIRE(f.collection.SetSuspended(f.items[0].question.id, true).has_value());
        auto after = f.collection.ProgressByExchange(clock);
        REQUIRE(after.has_value());
        REQUIRE(after->size() == 4);  // exchange 1 had only that question
        CHECK((*after)[1].exchange == 2);
    }
    SUBCASE("the next day the card is less well recalled and no longer due") {
        ProgressClock later = clock;
        later.now += 2 * kDay;
        auto after = f.collection.ProgressByExchange(later);
        REQUIRE(after.has_value());
        CHECK((*after)[1].due == 1);  // overdue still counts as due
        CHECK((*after)[1].mastery_sum ==
              doctest::Approx(sched::Retrievability(sched::Parameters{}, 12.0, 30.0)));
    }
}

}  // namespace
}  // namespace mondo::storage
