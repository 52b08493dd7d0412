// The summaries schema v5 keeps beside the log and the cards (review_days, due_days by triggers;
// progress per exchange and source, a cache refreshed from what the triggers mark) against the
// same figures recomputed here from scratch (the log and every item), after each kind of change:
// reviews, undo, suspend, retire, restore by reimport, a moved question, another day start, the
// next day, new FSRS parameters and memory states.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <tuple>

#include "app/sched/memory_model.h"
#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStart = 19'700 * kDay;  // a day start (UTC)

std::int64_t DayOf(std::int64_t seconds, std::int64_t offset) {
    const std::int64_t shifted = seconds + offset;
    return shifted / kDay - (shifted < 0 && shifted % kDay != 0);
}

// Every figure the summaries give, recomputed from the log and the items.
struct Figures {
    std::map<std::int64_t, DayReviews> days;           // every source
    std::map<std::int64_t, DayRetention> retention;    // every source, days with any
    std::map<std::int64_t, DayReviews> days_of_first;  // the first source only
    std::vector<int> forecast;
    std::map<std::pair<std::string, int>, ExchangeProgress> exchanges;
    std::map<std::string, ExchangeProgress> sources;
};

Figures Recompute(Collection& collection, const ProgressClock& clock, std::int64_t first_day,
                  int days, const std::string& first_source) {
    Figures e;
    auto all = collection.LoadAllItems();
    REQUIRE(all.has_value());
    std::map<std::string, const StudyItem*> by_id;
    for (const StudyItem& item : *all) by_id[item.question.id] = &item;
    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    const std::int64_t offset = clock.day_offset_seconds;
    for (const ReviewRow& row : *log) {
        const std::int64_t day = DayOf(row.time_ms / 1000, offset);
        const int rating = static_cast<int>(row.rating);
        for (auto* target : {&e.days, &e.days_of_first}) {
            if (target == &e.days_of_first && by_id.at(row.question_id)->source_id != first_source)
                continue;
            DayReviews& d = (*target)[day];
            d.day = day;
            ++d.count[rating - 1];
            d.studied_ms += row.duration_ms;
        }
        if (row.card_before.state == sched::CardState::kReview) {
            DayRetention& r = e.retention[day];
            r.day = day;
            const bool mature = row.card_before.scheduled_days >= 21;
            (mature ? r.mature_total : r.young_total) += 1;
            if (rating > 1) (mature ? r.mature_passed : r.young_passed) += 1;
        }
    }
    e.forecast.assign(static_cast<std::size_t>(days), 0);
    const std::int64_t today = DayOf(clock.now, offset);
    const std::int64_t end_of_today = (today + 1) * kDay - offset;
    for (const StudyItem& item : *all) {
        if (item.retired || item.suspended) continue;
        const bool seen = item.card.state != sched::CardState::kNew;
        if (seen) {
            const std::int64_t index =
                std::max(DayOf(item.card.due, offset), first_day) - first_day;
            if (index < days) ++e.forecast[static_cast<std::size_t>(index)];
        }
        const int exchange = item.question.exchange.value_or(0);
        ExchangeProgress& p = e.exchanges[{item.source_id, exchange}];
        p.source_id = item.source_id;
        p.exchange = exchange;
        p.section = item.section;
        ++p.questions;
        p.seen += seen;
        const bool learned = item.card.state == sched::CardState::kReview;
        p.learned += learned;
        p.mature += learned && item.card.scheduled_days >= 21;
        p.due += seen && item.card.due < end_of_today;
        if (learned && item.card.memory.stability > 0.0) {
            const std::int64_t elapsed =
                std::max<std::int64_t>(0, today - DayOf(item.card.last_review, offset));
            p.mastery_sum += sched::Retrievability(clock.parameters, static_cast<double>(elapsed),
                                                   item.card.memory.stability);
        }
    }
    for (const auto& [key, p] : e.exchanges) {
        ExchangeProgress& s = e.sources[key.first];
        s.source_id = key.first;
        s.questions += p.questions;
        s.seen += p.seen;
        s.learned += p.learned;
        s.mature += p.mature;
        s.due += p.due;
        s.mastery_sum += p.mastery_sum;
    }
    return e;
}

void CheckSame(const ExchangeProgress& got, const ExchangeProgress& want) {
    CHECK(got.questions == want.questions);
    CHECK(got.seen == want.seen);
    CHECK(got.learned == want.learned);
    CHECK(got.mature == want.mature);
    CHECK(got.due == want.due);
    CHECK(got.mastery_sum == doctest::Approx(want.mastery_sum).epsilon(1e-12));
}

// The summaries' figures equal the recomputed ones (the caller names the step in a CAPTURE).
void CheckSummaries(Collection& collection, const ProgressClock& clock,
                    const std::string& first_source) {
    const std::int64_t offset = clock.day_offset_seconds;
    const std::int64_t today = DayOf(clock.now, offset);
    constexpr int kForecastDays = 40;
    const Figures want = Recompute(collection, clock, today, kForecastDays, first_source);

    auto days = collection.ReviewsPerDay(today - 400, today + 400, offset);
    REQUIRE(days.has_value());
    REQUIRE(days->size() == want.days.size());
    for (const DayReviews& day : *days) {
        const DayReviews& w = want.days.at(day.day);
        for (int r = 0; r < 4; ++r) CHECK(day.count[r] == w.count[r]);
        CHECK(day.studied_ms == w.studied_ms);
    }
    auto of_first = collection.ReviewsPerDay(today - 400, today + 400, offset, first_source);
    REQUIRE(of_first.has_value());
    REQUIRE(of_first->size() == want.days_of_first.size());
    for (const DayReviews& day : *of_first) {
        for (int r = 0; r < 4; ++r) CHECK(day.count[r] == want.days_of_first.at(day.day).count[r]);
    }
    auto retention = collection.RetentionPerDay(today - 400, today + 400, offset);
    REQUIRE(retention.has_value());
    REQUIRE(retention->size() == want.retention.size());
    for (const DayRetention& day : *retention) {
        const DayRetention& w = want.retention.at(day.day);
        CHECK(day.young_passed == w.young_passed);
        CHECK(day.young_total == w.young_total);
        CHECK(day.mature_passed == w.mature_passed);
        CHECK(day.mature_total == w.mature_total);
    }
    auto forecast = collection.DueForecast(today, kForecastDays, offset);
    REQUIRE(forecast.has_value());
    CHECK(*forecast == want.forecast);

    auto exchanges = collection.ProgressByExchange(clock);
    REQUIRE(exchanges.has_value());
    REQUIRE(exchanges->size() == want.exchanges.size());
    for (const ExchangeProgress& row : *exchanges) {
        CAPTURE(row.source_id);
        CAPTURE(row.exchange);
        const ExchangeProgress& w = want.exchanges.at({row.source_id, row.exchange});
        CHECK(row.section == w.section);
        CheckSame(row, w);
    }
    auto sources = collection.ProgressBySource(clock);
    REQUIRE(sources.has_value());
    REQUIRE(sources->size() == want.sources.size());
    for (const ExchangeProgress& row : *sources) {
        CAPTURE(row.source_id);
        CheckSame(row, want.sources.at(row.source_id));
    }
}

struct Study {
    Collection& collection;
    // Answers question `id` at `seconds` with `rating`, from its current card; a card in the
    // review state keeps an interval of `interval` days (mature from 21).
    std::int64_t Answer(const std::string& id, std::int64_t seconds, int rating, int interval = 3) {
        auto card = collection.LoadCard(id);
        REQUIRE(card.has_value());
        REQUIRE(card->has_value());
        ReviewRow row = testing::MakeReview(id, **card, seconds * 1000, rating);
        if (rating > 1) {
            row.card_after.scheduled_days = interval;
            row.scheduled_days = interval;
            row.card_after.due = seconds + interval * kDay;
        }
        auto review = collection.RecordReview(row);
        REQUIRE(review.has_value());
        return *review;
    }
};

TEST_CASE("summaries kept by triggers equal a recomputation from scratch after every change") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    Collection collection = testing::OpenOrFail(path);
    auto first = testing::SmallInterview(4, "一つ目");
    auto second = testing::SmallInterview(3, "二つ目");
    REQUIRE(collection.ImportSource(first, testing::QuestionsFor(first)).has_value());
    REQUIRE(collection.ImportSource(second, testing::QuestionsFor(second)).has_value());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    std::vector<std::string> ids;
    for (const StudyItem& item : *items) ids.push_back(item.question.id);
    REQUIRE(ids.size() == 9);

    ProgressClock clock{
        .now = kStart + 30 * kDay + 5000, .day_offset_seconds = 0, .parameters = {}};
    const std::string first_source = first.source_id;
    Study study{collection};
    // `consistent`: the cards agree with their log (new memory states set by hand do not).
    const auto check = [&](const std::string& step, bool consistent = true) {
        CAPTURE(step);
        CheckSummaries(collection, clock, first_source);
        auto report = CheckCollection(path);
        REQUIRE(report.has_value());
        std::string problems;
        for (const CheckProblem& problem : report->problems) problems += problem.message + "; ";
        CAPTURE(problems);
        CHECK(report->integrity_ok);
        if (consistent) CHECK(report->ok());
    };
    check("imported");

    // A month of answers: several cards reach the review state, one matures, some lapse.
    for (std::size_t i = 0; i < ids.size(); ++i)
        study.Answer(ids[i], kStart + static_cast<std::int64_t>(i) * 3600, 3);
    study.Answer(ids[0], kStart + 3 * kDay + 100, 3, 25);
    study.Answer(ids[0], kStart + 28 * kDay, 3, 30);         // mature before: counts as mature
    study.Answer(ids[1], kStart + 4 * kDay, 1);              // a lapse: relearning, not learned
    study.Answer(ids[5], kStart + 29 * kDay + 80000, 3, 1);  // due on the clock's day
    check("answered");

    const std::int64_t last = study.Answer(ids[2], kStart + 30 * kDay + 1000, 1);
    check("one more lapse");
    REQUIRE(collection.UndoReview(last).has_value());
    check("undone");

    REQUIRE(collection.SetSuspended(ids[3], true).has_value());
    check("suspended");
    REQUIRE(collection.SetSuspended(ids[3], false).has_value());
    REQUIRE(collection.SetSuspended(ids[6], true).has_value());
    check("suspended another, unsuspended the first");

    // Reimport with one exchange fewer: its question is retired with its history.
    auto shorter = testing::SmallInterview(3, "一つ目");
    auto retired = collection.ImportSource(shorter, testing::QuestionsFor(shorter));
    REQUIRE(retired.has_value());
    REQUIRE(retired->retired == 1);
    check("retired by reimport");
    auto longer = testing::SmallInterview(4, "一つ目");
    longer.exchanges[0].section = 2;  // and a section changed
    auto restored = collection.ImportSource(longer, testing::QuestionsFor(longer));
    REQUIRE(restored.has_value());
    REQUIRE(restored->restored == 1);
    check("restored by reimport");

    clock.day_offset_seconds = 9 * 3600 - 4 * 3600;  // UTC+9, the day starting at 04:00
    check("another day start");
    clock.day_offset_seconds = 3600 + 1;  // not a multiple of a quarter hour
    check("an odd offset");
    clock.now += kDay;
    check("the next day");
    clock.parameters.w[20] = 0.3;  // another forgetting curve
    check("new parameters");
    study.Answer(ids[4], clock.now - 100, 4, 8);
    check("an answer after all of that");
    REQUIRE(
        collection.UpdateMemoryStates({{ids[0], sched::MemoryState{9.0, 4.0}}}, {}).has_value());
    check("a card's memory recomputed", false);
}

TEST_CASE("a question moving to another source moves its reviews and due card in the summaries") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    Collection collection = testing::OpenOrFail(path);
    auto first = testing::SmallInterview(2, "一つ目");
    auto second = testing::SmallInterview(2, "二つ目");
    REQUIRE(collection.ImportSource(first, testing::QuestionsFor(first)).has_value());
    REQUIRE(collection.ImportSource(second, testing::QuestionsFor(second)).has_value());
    const std::string moving = testing::QuestionsFor(first)[0].id;
    Study study{collection};
    study.Answer(moving, kStart + 100, 3);
    const ProgressClock clock{.now = kStart + 2 * kDay, .day_offset_seconds = 0, .parameters = {}};
    CheckSummaries(collection, clock, first.source_id);
    // The second source's import now generates the same question id: it moves there.
    auto questions = testing::QuestionsFor(second);
    questions.push_back(testing::QuestionsFor(first)[0]);
    questions.back().exchange = 1;
    REQUIRE(collection.ImportSource(second, questions).has_value());
    CheckSummaries(collection, clock, first.source_id);
    auto of_first = collection.ReviewsPerDay(19'000, 21'000, 0, first.source_id);
    REQUIRE(of_first.has_value());
    CHECK(of_first->empty());
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
}

}  // namespace
}  // namespace mondo::storage
