// Reviews: one transaction per review, exact undo, the log, suspend and flag, sessions.
#include <doctest/doctest.h>

#include <set>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

struct Fixture {
    Collection collection = testing::InMemoryOrFail();
    std::vector<StudyItem> items;
    explicit Fixture(int exchanges = 6) {
        const auto interview = testing::SmallInterview(exchanges);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
        auto loaded = collection.LoadStudyItems();
        REQUIRE(loaded.has_value());
        items = std::move(*loaded);
    }
};

TEST_CASE("a recorded review stores the new card and a log row with every field") {
    Fixture f;
    const auto& item = f.items[0];
    ReviewRow row = testing::MakeReview(item.question.id, item.card, 1'700'000'123'456, 3);
    row.answer_given = "答え";
    row.correct = true;
    row.elapsed_days = 2;
    row.duration_ms = 3210;
    auto session = f.collection.StartSession(1'700'000'000);
    REQUIRE(session.has_value());
    row.session_id = *session;
    sched::Card new_card = row.card_after;
    new_card.step = 1;
    auto id = f.collection.RecordReview(new_card, row);
    REQUIRE(id.has_value());
    CHECK(*id > 0);

    auto card = f.collection.LoadCard(item.question.id);
    REQUIRE(card.has_value());
    REQUIRE(card->has_value());
    CHECK(**card == new_card);

    auto log = f.collection.LoadReviewLog(item.question.id);
    REQUIRE(log.has_value());
    REQUIRE(log->size() == 1);
    const ReviewRow& stored = log->front();
    CHECK(stored.id == *id);
    CHECK(stored.question_id == item.question.id);
    CHECK(stored.time_ms == 1'700'000'123'456);
    CHECK(stored.rating == sched::Rating::kGood);
    CHECK(stored.answer_given == "答え");
    CHECK(stored.correct == std::optional<bool>(true));
    CHECK(stored.elapsed_days == 2);
    CHECK(stored.scheduled_days == row.scheduled_days);
    CHECK(stored.duration_ms == 3210);
    CHECK(stored.session_id == row.session_id);
    CHECK(stored.card_before.state == sched::CardState::kNew);
    CHECK(stored.card_after.state == sched::CardState::kReview);
    CHECK(stored.card_before == item.card);
    CHECK(stored.card_after == new_card);
}

TEST_CASE(
    "undo puts the card back exactly and removes the log row; only the latest review can be "
    "undone") {
    Fixture f;
    const auto& item = f.items[1];
    ReviewRow first = testing::MakeReview(item.question.id, item.card, 1'700'000'000'000, 3);
    auto first_id = f.collection.RecordReview(first);
    REQUIRE(first_id.has_value());
    ReviewRow second =
        testing::MakeReview(item.question.id, first.card_after, 1'700'000'600'000, 1);
    second.correct = false;
    auto second_id = f.collection.RecordReview(second);
    REQUIRE(second_id.has_value());
    CHECK(*second_id > *first_id);

    auto refused = f.collection.UndoReview(*first_id);
    CHECK_FALSE(refused.has_value());
    auto log = f.collection.LoadReviewLog(item.question.id);
    REQUIRE(log.has_value());
    CHECK(log->size() == 2);

    REQUIRE(f.collection.UndoReview(*second_id).has_value());
    auto card = f.collection.LoadCard(item.question.id);
    REQUIRE(card.has_value());
    CHECK(**card == first.card_after);
    REQUIRE(f.collection.UndoReview(*first_id).has_value());
    card = f.collection.LoadCard(item.question.id);
    REQUIRE(card.has_value());
    CHECK(**card == sched::Card{});
    log = f.collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->empty());
    CHECK_FALSE(f.collection.UndoReview(*first_id).has_value());
}

TEST_CASE("a review of an unknown question is refused and writes nothing") {
    Fixture f;
    ReviewRow row = testing::MakeReview("no-such-question", sched::Card{}, 1'700'000'000'000);
    auto id = f.collection.RecordReview(row);
    REQUIRE_FALSE(id.has_value());
    CHECK(id.error().kind == StorageErrorKind::kInternal);
    auto log = f.collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->empty());
}

TEST_CASE("suspend and flag are stored per question and reported by the study items") {
    Fixture f;
    REQUIRE(f.collection.SetSuspended(f.items[2].question.id, true).has_value());
    REQUIRE(f.collection.SetFlag(f.items[3].question.id, 4).has_value());
    CHECK_FALSE(f.collection.SetSuspended("missing", true).has_value());
    CHECK_FALSE(f.collection.SetFlag("missing", 1).has_value());
    auto items = f.collection.LoadStudyItems();
    REQUIRE(items.has_value());
    CHECK((*items)[2].suspended);
    CHECK((*items)[3].flag == 4);
    CHECK_FALSE((*items)[3].suspended);
    REQUIRE(f.collection.SetSuspended(f.items[2].question.id, false).has_value());
    items = f.collection.LoadStudyItems();
    REQUIRE(items.has_value());
    CHECK_FALSE((*items)[2].suspended);
}

TEST_CASE(
    "today's items are the due reviews, most overdue first, then new questions up to the limit") {
    Fixture f;
    const std::int64_t now = 1'700'000'000;
    // item 0 due yesterday, item 1 due in a week, item 2 due an hour ago but suspended.
    sched::Card due_yesterday{.state = sched::CardState::kReview,
                              .memory = {3.0, 5.0},
                              .last_review = now - 4 * 86400,
                              .due = now - 86400,
                              .step = 0,
                              .reps = 2,
                              .lapses = 0,
                              .scheduled_days = 3};
    sched::Card due_later{.state = sched::CardState::kReview,
                          .memory = {9.0, 5.0},
                          .last_review = now - 86400,
                          .due = now + 7 * 86400,
                          .step = 0,
                          .reps = 2,
                          .lapses = 0,
                          .scheduled_days = 9};
    sched::Card due_hour{.state = sched::CardState::kLearning,
                         .memory = {1.0, 5.0},
                         .last_review = now - 7200,
                         .due = now - 3600,
                         .step = 1,
                         .reps = 1,
                         .lapses = 0,
                         .scheduled_days = 0};
    REQUIRE(f.collection
                .RecordReview(due_yesterday,
                              testing::MakeReview(f.items[0].question.id, sched::Card{}, 1))
                .has_value());
    REQUIRE(
        f.collection
            .RecordReview(due_later, testing::MakeReview(f.items[1].question.id, sched::Card{}, 2))
            .has_value());
    REQUIRE(
        f.collection
            .RecordReview(due_hour, testing::MakeReview(f.items[2].question.id, sched::Card{}, 3))
            .has_value());
    REQUIRE(f.collection.SetSuspended(f.items[2].question.id, true).has_value());
    auto today = f.collection.LoadDueItems(now, 2);
    REQUIRE(today.has_value());
    REQUIRE(today->size() == 3);
    CHECK((*today)[0].question.id == f.items[0].question.id);
    CHECK((*today)[1].question.id == f.items[3].question.id);  // first new one
    CHECK((*today)[2].question.id == f.items[4].question.id);

    SUBCASE("a review limit keeps the most overdue review cards and every learning card") {
        REQUIRE(f.collection.SetSuspended(f.items[2].question.id, false).has_value());
        sched::Card overdue = due_yesterday;
        overdue.due = now - 5 * 86400;  // the most overdue
        REQUIRE(f.collection
                    .RecordReview(overdue,
                                  testing::MakeReview(f.items[5].question.id, sched::Card{}, 4))
                    .has_value());
        auto limited = f.collection.LoadDueItems(now, 0, 1);
        REQUIRE(limited.has_value());
        REQUIRE(limited->size() == 2);
        CHECK((*limited)[0].question.id == f.items[5].question.id);  // review, 5 days overdue
        CHECK((*limited)[1].question.id == f.items[2].question.id);  // learning, due an hour ago
        auto all = f.collection.LoadDueItems(now, 0);
        REQUIRE(all.has_value());
        CHECK(all->size() == 3);
    }
}

TEST_CASE("the day's new questions come in interview order, whether new cards are many or few") {
    Collection collection = testing::InMemoryOrFail();
    const auto first = testing::SmallInterview(6, "一つ目");
    const auto second = testing::SmallInterview(6, "二つ目");
    REQUIRE(collection.ImportSource(first, testing::QuestionsFor(first)).has_value());
    REQUIRE(collection.ImportSource(second, testing::QuestionsFor(second)).has_value());
    // The first interview grows after the second was imported: its new questions are stored after
    // the second's but come before them.
    const auto grown = testing::SmallInterview(12, "一つ目");
    REQUIRE(collection.ImportSource(grown, testing::QuestionsFor(grown)).has_value());
    auto in_order = collection.LoadStudyItems();  // interview order
    REQUIRE(in_order.has_value());
    REQUIRE(in_order->size() == 20);
    const std::int64_t now = 1'700'000'000;

    std::set<std::string> not_new;
    const auto expected = [&](std::size_t count) {
        std::vector<std::string> ids;
        for (const StudyItem& item : *in_order) {
            if (ids.size() < count && !not_new.count(item.question.id))
                ids.push_back(item.question.id);
        }
        return ids;
    };
    const auto loaded = [&](int limit) {
        auto items = collection.LoadDueItems(now, limit);
        REQUIRE(items.has_value());
        std::vector<std::string> ids;
        for (const StudyItem& item : *items) {
            if (item.card.state == sched::CardState::kNew) ids.push_back(item.question.id);
        }
        return ids;
    };
    // Every card new: the walk in interview order.
    CHECK(loaded(5) == expected(5));
    CHECK(loaded(15) == expected(15));  // the first's later questions before the second's
    CHECK(loaded(100) == expected(100));

    // Two cards of every three seen (so fewer than half are new), one new card suspended: the
    // new cards alone, sorted.
    for (std::size_t i = 0; i < in_order->size(); ++i) {
        const StudyItem& item = (*in_order)[i];
        if (i % 3 == 2) continue;
        REQUIRE(collection
                    .RecordReview(
                        testing::MakeReview(item.question.id, item.card, now * 1000).card_after,
                        testing::MakeReview(item.question.id, item.card, now * 1000))
                    .has_value());
        not_new.insert(item.question.id);
    }
    const std::string& suspended = (*in_order)[5].question.id;
    REQUIRE(collection.SetSuspended(suspended, true).has_value());
    not_new.insert(suspended);
    CHECK(loaded(3) == expected(3));
    CHECK(loaded(100) == expected(100));
    CHECK(loaded(100).size() == 5);
}

TEST_CASE("today's items can hold only the learning cards of the exchanges they return") {
    Collection collection = testing::InMemoryOrFail();
    const auto interview = testing::SmallInterview(3);
    using content::QuestionKind;
    const std::vector<content::Question> questions = {
        testing::MakeQuestion(interview, "a", QuestionKind::kRecall, 1),
        testing::MakeQuestion(interview, "b", QuestionKind::kCloze, 1),
        testing::MakeQuestion(interview, "c", QuestionKind::kCloze, 2),
        testing::MakeQuestion(interview, "d", QuestionKind::kProfile, std::nullopt),
        testing::MakeQuestion(interview, "e", QuestionKind::kProfile, std::nullopt),
        testing::MakeQuestion(interview, "f", QuestionKind::kRecall, 3)};
    REQUIRE(collection.ImportSource(interview, questions).has_value());
    const std::int64_t now = 1'700'000'000;
    const sched::Card review{.state = sched::CardState::kReview,
                             .memory = {3.0, 5.0},
                             .last_review = now - 4 * 86400,
                             .due = now - 86400,
                             .step = 0,
                             .reps = 2,
                             .lapses = 0,
                             .scheduled_days = 3};
    sched::Card learning = review;
    learning.state = sched::CardState::kLearning;
    learning.due = now - 600;
    learning.step = 1;
    learning.scheduled_days = 0;
    const auto set = [&](const content::Question& question, const sched::Card& card) {
        REQUIRE(collection.RecordReview(card, testing::MakeReview(question.id, sched::Card{}, 1))
                    .has_value());
    };
    set(questions[0], review);    // a: due review, exchange 1
    set(questions[1], learning);  // b: learning, exchange 1
    set(questions[2], learning);  // c: learning, exchange 2 (no returned card there)
    set(questions[4], learning);  // e: learning, a profile question, as is new d
    const auto ids = [&](Collection::DueLearning learning_cards) {
        auto items = collection.LoadDueItems(now, 1, -1, learning_cards);
        REQUIRE(items.has_value());
        std::set<std::string> loaded;
        for (const StudyItem& item : *items) loaded.insert(item.question.id);
        return loaded;
    };
    const auto id = [&](std::size_t i) { return questions[i].id; };
    CHECK(ids(Collection::DueLearning::kAll) == std::set{id(0), id(1), id(2), id(3), id(4)});
    CHECK(ids(Collection::DueLearning::kOfReturnedExchanges) ==
          std::set{id(0), id(1), id(3), id(4)});
}

TEST_CASE("today's learning cards come a page at a time in due order, each once") {
    Fixture f(12);  // its questions in the fixture's order
    REQUIRE(f.items.size() >= 10);
    const std::int64_t now = 1'700'000'000;
    // Ten cards in a learning step, due in pairs (equal due: the question's key decides), one
    // suspended, one in the review state, one due after the day.
    for (std::size_t i = 0; i < 10; ++i) {
        sched::Card card{.state = sched::CardState::kLearning,
                         .memory = {1.0, 5.0},
                         .last_review = now - 7200,
                         .due = now - 3600 + static_cast<std::int64_t>(i / 2) * 60,
                         .step = 1,
                         .reps = 1,
                         .lapses = 0,
                         .scheduled_days = 0};
        if (i == 9) card.due = now + 86400;
        if (i == 8) card.state = sched::CardState::kReview;
        REQUIRE(f.collection
                    .RecordReview(card, testing::MakeReview(f.items[i].question.id, sched::Card{},
                                                            static_cast<int>(i) + 1))
                    .has_value());
    }
    REQUIRE(f.collection.SetSuspended(f.items[7].question.id, true).has_value());
    auto count = f.collection.CountDueLearning(now);
    REQUIRE(count.has_value());
    CHECK(*count == 7);
    std::vector<std::string> seen;
    DueCursor cursor;
    for (int page = 0; page < 5; ++page) {
        auto items = f.collection.LoadDueLearningItems(now, cursor, 3);
        REQUIRE(items.has_value());
        for (const StudyItem& item : *items) {
            seen.push_back(item.question.id);
            CHECK(item.card.state == sched::CardState::kLearning);
            CHECK(item.question.prompt == f.items[seen.size() - 1].question.prompt);
        }
        if (items->size() < 3) break;
        cursor = {items->back().card.due, items->back().qid};
    }
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < 7; ++i) expected.push_back(f.items[i].question.id);
    CHECK(seen == expected);
    // One source's: the fixture's only source has them all, another none.
    auto of_source = f.collection.CountDueLearning(now, f.items[0].source_id);
    REQUIRE(of_source.has_value());
    CHECK(*of_source == 7);
    auto of_none = f.collection.LoadDueLearningItems(now, {}, 10, "no-such-source");
    REQUIRE(of_none.has_value());
    CHECK(of_none->empty());
}

TEST_CASE("sessions are started, ended and listed") {
    Fixture f;
    auto first = f.collection.StartSession(1000);
    auto second = f.collection.StartSession(5000);
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    REQUIRE(f.collection.EndSession(*first, 1600, 12, 550'000).has_value());
    CHECK_FALSE(f.collection.EndSession(999, 1, 1, 1).has_value());
    auto sessions = f.collection.LoadSessions(0, 10'000);
    REQUIRE(sessions.has_value());
    REQUIRE(sessions->size() == 2);
    CHECK((*sessions)[0].id == *first);
    CHECK((*sessions)[0].ended_at == std::optional<std::int64_t>(1600));
    CHECK((*sessions)[0].reviews == 12);
    CHECK((*sessions)[0].studied_ms == 550'000);
    CHECK_FALSE((*sessions)[1].ended_at.has_value());
    sessions = f.collection.LoadSessions(2000, 10'000);
    REQUIRE(sessions.has_value());
    CHECK(sessions->size() == 1);
}

}  // namespace
}  // namespace mondo::storage

namespace mondo::storage {
namespace {

TEST_CASE("many reviews recorded at once are all or nothing") {
    Fixture f;
    std::vector<ReviewRow> rows;
    sched::Card card;
    for (int i = 0; i < 5; ++i) {
        rows.push_back(testing::MakeReview(f.items[0].question.id, card, 1'700'000'000'000 + i));
        card = rows.back().card_after;
    }
    rows.push_back(testing::MakeReview(f.items[1].question.id, sched::Card{}, 1'700'000'100'000));
    auto ids = f.collection.RecordReviews(rows);
    REQUIRE(ids.has_value());
    CHECK(ids->size() == 6);
    auto stored = f.collection.LoadCard(f.items[0].question.id);
    REQUIRE(stored.has_value());
    CHECK(**stored == card);
    rows = {testing::MakeReview(f.items[2].question.id, sched::Card{}, 1),
            testing::MakeReview("missing", sched::Card{}, 2)};
    CHECK_FALSE(f.collection.RecordReviews(rows).has_value());
    auto log = f.collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->size() == 6);
}

}  // namespace
}  // namespace mondo::storage
