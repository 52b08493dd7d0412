#include "app/study/session.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

using namespace testing;
using content::QuestionKind;
using sched::Rating;

Session StartOn(MemoryStore& store, std::int64_t now, StudySettings settings = {},
                QueueScope scope = {}) {
    auto session = Session::Start(store, std::move(settings), now, std::move(scope));
    REQUIRE(session.has_value());
    return std::move(*session);
}

const StudyItem& ItemOf(const MemoryStore& store, const std::string& id) {
    for (const StudyItem& item : store.items()) {
        if (item.question.id == id) return item;
    }
    FAIL("no item " << id);
    return store.items().front();
}

TEST_CASE("answering writes the card and one log row, and undo restores both exactly") {
    MemoryStore store(NewItems(3));
    Session session = StartOn(store, kMonday9);
    REQUIRE(session.Current() != nullptr);
    const std::string id = session.Current()->question.id;
    const sched::Card before = session.Current()->card;
    const sched::NextStates preview = session.Preview(kMonday9);

    auto receipt = session.Answer(Rating::kGood, "", std::nullopt, kMonday9, 8000);
    REQUIRE(receipt.has_value());
    CHECK(receipt->outcome.card == preview[Rating::kGood].card);
    CHECK(ItemOf(store, id).card == preview[Rating::kGood].card);
    REQUIRE(store.log().size() == 1);
    const ReviewRow& row = store.log().front();
    CHECK(row.question_id == id);
    CHECK(row.rating == Rating::kGood);
    CHECK(row.time_ms == kMonday9 * 1000);
    CHECK(row.duration_ms == 8000);
    CHECK(row.card_before.state == sched::CardState::kNew);
    CHECK(row.card_after.state == sched::CardState::kLearning);
    CHECK(row.card_before == before);
    CHECK(session.stats().reviews == 1);
    CHECK(session.Current()->question.id != id);

    REQUIRE(session.Undo().has_value());
    CHECK(store.log().empty());
    CHECK(ItemOf(store, id).card == before);
    REQUIRE(session.Current() != nullptr);
    CHECK(session.Current()->question.id == id);
    CHECK(session.Current()->card == before);
    CHECK(session.stats().reviews == 0);
    CHECK(session.Counts() == QueueCounts{3, 0, 0});
}

TEST_CASE("several answers undo one by one, newest first") {
    MemoryStore store(NewItems(4));
    Session session = StartOn(store, kMonday9);
    std::vector<std::string> answered;
    for (int i = 0; i < 3; ++i) {
        answered.push_back(session.Current()->question.id);
        REQUIRE(
            session.Answer(Rating::kEasy, "", std::nullopt, kMonday9 + i * 10, 1000).has_value());
    }
    CHECK(session.UndoDepth() == 3);
    CHECK(store.log().size() == 3);
    for (int i = 2; i >= 0; --i) {
        REQUIRE(session.Undo().has_value());
        CHECK(session.Current()->question.id == answered[static_cast<std::size_t>(i)]);
        CHECK(ItemOf(store, answered[static_cast<std::size_t>(i)]).card == sched::Card{});
        CHECK(store.log().size() == static_cast<std::size_t>(i));
    }
    CHECK(session.UndoDepth() == 0);
    CHECK(session.Counts() == QueueCounts{4, 0, 0});
    // Nothing lost or doubled: the four questions still come, each once.
    std::vector<std::string> seen;
    std::int64_t now = kMonday9 + 100;
    while (const StudyItem* item = session.Current()) {
        seen.push_back(item->question.id);
        REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, now++, 1000).has_value());
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"q000", "q001", "q002", "q003"});
}

TEST_CASE("undo of an Again answer takes the card out of its learning step") {
    MemoryStore store(NewItems(1));
    Session session = StartOn(store, kMonday9);
    REQUIRE(session.Answer(Rating::kAgain, "", std::nullopt, kMonday9, 1000).has_value());
    // The only card: shown again early (learn ahead) in its 1-minute step.
    REQUIRE(session.Current() != nullptr);
    CHECK(session.Counts() == QueueCounts{0, 1, 0});
    REQUIRE(session.Undo().has_value());
    CHECK(session.Counts() == QueueCounts{1, 0, 0});
    CHECK(session.Current()->card == sched::Card{});
}

TEST_CASE("learning cards re-enter the queue when their step comes due") {
    MemoryStore store(NewItems(6));
    Session session = StartOn(store, kMonday9);
    const std::string first = session.Current()->question.id;
    REQUIRE(session.Answer(Rating::kAgain, "", std::nullopt, kMonday9, 5000).has_value());
    CHECK(session.Counts() == QueueCounts{5, 1, 0});
    // Before its 1-minute step is over, other questions come.
    CHECK(session.Current()->question.id != first);
    REQUIRE(session.Answer(Rating::kGood, "", std::nullopt, kMonday9 + 30, 5000).has_value());
    CHECK(session.Current()->question.id != first);
    // Answered at 61 s: the next card is the one whose step is due.
    REQUIRE(session.Answer(Rating::kGood, "", std::nullopt, kMonday9 + 61, 5000).has_value());
    REQUIRE(session.Current() != nullptr);
    CHECK(session.Current()->question.id == first);
    CHECK(session.Current()->card.state == sched::CardState::kLearning);
    // Good on the first step: next step 10 minutes.
    const auto preview = session.Preview(kMonday9 + 61);
    CHECK(preview[Rating::kGood].interval_seconds == 600);
    CHECK(FormatOutcomeInterval(preview[Rating::kGood]) == "10m");
    CHECK(FormatOutcomeInterval(preview[Rating::kAgain]) == "1m");
}

TEST_CASE(
    "when only learning cards wait beyond the learn-ahead limit the session says when to come "
    "back") {
    MemoryStore store(NewItems(1));
    StudySettings settings;
    settings.learning_steps = {3600};  // one hour
    Session session = StartOn(store, kMonday9, settings);
    REQUIRE(session.Answer(Rating::kAgain, "", std::nullopt, kMonday9, 1000).has_value());
    CHECK(session.Current() == nullptr);
    CHECK_FALSE(session.Finished());
    CHECK(session.NextLearningDue() == kMonday9 + 3600);
    session.Update(kMonday9 + 1800);
    CHECK(session.Current() == nullptr);
    session.Update(kMonday9 + 2500);  // within 20 minutes of its step: shown early
    REQUIRE(session.Current() != nullptr);
    REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, kMonday9 + 2500, 1000).has_value());
    CHECK(session.Finished());
}

TEST_CASE("auto-graded answers map right to Good and wrong to Again, with the two overrides") {
    content::Question tf = MakeQuestion("tf", QuestionKind::kTrueFalse, 1);
    tf.answer = "true";
    StudyItem item;
    item.question = tf;
    MemoryStore store({item});
    Session session = StartOn(store, kMonday9);

    SUBCASE("right → Good") {
        const CheckResult result = session.Check(TrueFalseAnswer{true});
        CHECK(result.verdict == Verdict::kCorrect);
        auto receipt = session.AnswerChecked(result, Override::kNone, kMonday9, 3000);
        REQUIRE(receipt.has_value());
        CHECK(receipt->outcome.rating == Rating::kGood);
        CHECK(store.log().back().correct == true);
        CHECK(store.log().back().answer_given == "true");
    }
    SUBCASE("wrong → Again") {
        const CheckResult result = session.Check(TrueFalseAnswer{false});
        CHECK(result.verdict == Verdict::kWrong);
        auto receipt = session.AnswerChecked(result, Override::kNone, kMonday9, 3000);
        REQUIRE(receipt.has_value());
        CHECK(receipt->outcome.rating == Rating::kAgain);
        CHECK(store.log().back().correct == false);
    }
    SUBCASE("right, but guessed → Hard") {
        auto receipt = session.AnswerChecked(session.Check(TrueFalseAnswer{true}),
                                             Override::kGuessed, kMonday9, 3000);
        REQUIRE(receipt.has_value());
        CHECK(receipt->outcome.rating == Rating::kHard);
        CHECK(store.log().back().correct == true);
    }
    SUBCASE("wrong, but a typo to count → Good") {
        auto receipt = session.AnswerChecked(session.Check(TrueFalseAnswer{false}),
                                             Override::kCountTypo, kMonday9, 3000);
        REQUIRE(receipt.has_value());
        CHECK(receipt->outcome.rating == Rating::kGood);
        CHECK(store.log().back().correct == true);
    }
}

TEST_CASE("a suspended card leaves the queue and an unsuspended one comes back") {
    MemoryStore store(NewItems(3));
    Session session = StartOn(store, kMonday9);
    const std::string id = session.Current()->question.id;
    REQUIRE(session.SuspendCurrent(kMonday9).has_value());
    CHECK(ItemOf(store, id).suspended);
    CHECK(session.Current()->question.id != id);
    CHECK(session.Counts().new_count == 2);
    // A new session does not show it either.
    {
        Session again = StartOn(store, kMonday9 + 60);
        CHECK(again.Counts().new_count == 2);
    }
    REQUIRE(session.SetSuspended(id, false, kMonday9).has_value());
    CHECK_FALSE(ItemOf(store, id).suspended);
    CHECK(session.Counts().new_count == 3);
}

TEST_CASE("undo takes back a suspension and answers in the order they happened") {
    MemoryStore store(NewItems(4));
    Session session = StartOn(store, kMonday9);
    const std::string answered = session.Current()->question.id;
    REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, kMonday9, 1000).has_value());
    const std::string suspended = session.Current()->question.id;
    REQUIRE(session.SuspendCurrent(kMonday9 + 10).has_value());
    CHECK(session.Progress() == SessionProgress{4, 2, 0});
    const std::string next = session.Current()->question.id;
    CHECK(session.UndoDepth() == 2);

    // The suspension first: the card is unsuspended and on screen again, the answer stays.
    REQUIRE(session.NextUndo() == Session::UndoAction::kSuspension);
    REQUIRE(session.Undo().has_value());
    CHECK_FALSE(ItemOf(store, suspended).suspended);
    REQUIRE(session.Current() != nullptr);
    CHECK(session.Current()->question.id == suspended);
    CHECK(store.log().size() == 1);
    CHECK(session.Progress() == SessionProgress{4, 1, 0});

    // Then the answer.
    REQUIRE(session.NextUndo() == Session::UndoAction::kAnswer);
    REQUIRE(session.Undo().has_value());
    CHECK(store.log().empty());
    CHECK(session.Current()->question.id == answered);
    CHECK(session.UndoDepth() == 0);

    // Nothing lost or doubled: every question still comes, each once.
    std::vector<std::string> seen;
    std::int64_t now = kMonday9 + 100;
    while (const StudyItem* item = session.Current()) {
        seen.push_back(item->question.id);
        REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, now++, 1000).has_value());
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"q000", "q001", "q002", "q003"});
    CHECK(std::find(seen.begin(), seen.end(), next) != seen.end());
}

TEST_CASE("undoing a suspension lifted in Browse meanwhile shows the card once") {
    MemoryStore store(NewItems(3));
    Session session = StartOn(store, kMonday9);
    const std::string id = session.Current()->question.id;
    REQUIRE(session.SuspendCurrent(kMonday9).has_value());
    REQUIRE(session.SetSuspended(id, false, kMonday9).has_value());
    REQUIRE(session.Undo().has_value());
    CHECK(session.Current()->question.id == id);
    CHECK(session.Counts().new_count == 3);
    std::vector<std::string> seen;
    std::int64_t now = kMonday9 + 100;
    while (const StudyItem* item = session.Current()) {
        seen.push_back(item->question.id);
        REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, now++, 1000).has_value());
    }
    CHECK(std::count(seen.begin(), seen.end(), id) == 1);
    CHECK(seen.size() == 3);
}

TEST_CASE("flags are stored") {
    MemoryStore store(NewItems(2));
    Session session = StartOn(store, kMonday9);
    REQUIRE(session.SetFlag("q001", 3).has_value());
    CHECK(ItemOf(store, "q001").flag == 3);
    CHECK(session.items()[1].flag == 3);
}

TEST_CASE("a card reviewed at 23:00 is one day older at 09:00 the next morning") {
    // Day start 04:00 UTC. Monday 23:00, then Tuesday 09:00.
    const std::int64_t monday_23 = kMonday9 + 14 * kHour;
    MemoryStore store({ReviewItem("r", 1, monday_23 - kHour, 10)});
    {
        Session session = StartOn(store, monday_23);
        REQUIRE(session.Current() != nullptr);
        auto receipt = session.Answer(Rating::kAgain, "", std::nullopt, monday_23, 2000);
        REQUIRE(receipt.has_value());
        CHECK(receipt->outcome.elapsed_days == 10);
        CHECK(receipt->outcome.card.state == sched::CardState::kRelearning);
        // Relearning 10 minutes: back at 23:10, answered Good, it graduates for a day or more.
        session.Update(monday_23 + 600);
        REQUIRE(session.Current() != nullptr);
        auto good = session.Answer(Rating::kGood, "", std::nullopt, monday_23 + 600, 2000);
        REQUIRE(good.has_value());
        CHECK(good->outcome.elapsed_days == 0);
        CHECK(good->outcome.interval_days == 1);
        REQUIRE(session.End(monday_23 + 600).has_value());
    }
    const std::int64_t tuesday_9 = kMonday9 + kDay;
    Session tuesday = StartOn(store, tuesday_9);
    REQUIRE(tuesday.Current() != nullptr);
    CHECK(tuesday.Counts().review == 1);
    CHECK(tuesday.Preview(tuesday_9)[Rating::kGood].elapsed_days == 1);
    // At 03:00 on Tuesday it was still Monday's study day: not due yet.
    Session night = StartOn(store, tuesday_9 - 6 * kHour);
    CHECK(night.Current() == nullptr);
}

TEST_CASE("a new study day rebuilds the queue and resets the daily counts") {
    MemoryStore store(NewItems(30));
    StudySettings settings;
    settings.new_per_day = 5;
    Session session = StartOn(store, kMonday9, settings);
    std::int64_t now = kMonday9;
    int answered = 0;
    while (session.Current() && answered < 50) {
        REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, now, 1000).has_value());
        ++answered;
        now += 10;
    }
    CHECK(answered == 5);
    CHECK(session.Finished());
    // A second session the same day: the limit is used up.
    CHECK(StartOn(store, now, settings).Counts().new_count == 0);
    session.Update(kMonday9 + kDay);
    CHECK(session.Counts().new_count == 5);
}

TEST_CASE("the session records its start, its end and the time studied") {
    MemoryStore store(NewItems(2));
    {
        Session session = StartOn(store, kMonday9);
        REQUIRE(session.Answer(Rating::kGood, "", std::nullopt, kMonday9 + 5, 4000).has_value());
        REQUIRE(session.Answer(Rating::kGood, "", std::nullopt, kMonday9 + 12, 6000).has_value());
        REQUIRE(session.End(kMonday9 + 20).has_value());
        REQUIRE(session.End(kMonday9 + 30).has_value());  // once only
    }
    REQUIRE(store.sessions().size() == 1);
    CHECK(store.sessions()[0].start == kMonday9);
    CHECK(store.sessions()[0].end == kMonday9 + 20);
    CHECK(store.sessions()[0].reviews == 2);
    CHECK(store.sessions()[0].studied_ms == 10000);
    // Without End(), the destructor ends it at the last answer.
    {
        Session session = StartOn(store, kMonday9 + 100);
        REQUIRE(session.Answer(Rating::kGood, "", std::nullopt, kMonday9 + 130, 1000).has_value());
    }
    REQUIRE(store.sessions().size() == 2);
    CHECK(store.sessions()[1].end == kMonday9 + 130);
}

}  // namespace
}  // namespace mondo::study

namespace mondo::study {
namespace {

using namespace testing;

TEST_CASE(
    "a session that loads only today's cards shows the same queue as one that loads everything") {
    std::vector<StudyItem> items = NewItems(40, 4);
    for (int i = 0; i < 30; ++i) {
        std::string id = "r";
        id += std::to_string(i);
        items.push_back(ReviewItem(id, 1 + i % 7, kMonday9 + (i - 15) * kDay / 3));
    }
    MemoryStore everything_store(items), today_store(items);
    auto everything = Session::Start(everything_store, StudySettings{}, kMonday9);
    auto today = Session::Start(today_store, StudySettings{}, kMonday9, {}, LoadMode::kToday);
    REQUIRE(everything.has_value());
    REQUIRE(today.has_value());
    CHECK(everything->items().size() == 70);
    CHECK(today->items().size() < 70);
    CHECK(today->Counts() == everything->Counts());
    std::int64_t now = kMonday9;
    while (everything->Current()) {
        REQUIRE(today->Current() != nullptr);
        CHECK(today->Current()->question.id == everything->Current()->question.id);
        REQUIRE(everything->Answer(sched::Rating::kGood, "", std::nullopt, now, 1000).has_value());
        REQUIRE(today->Answer(sched::Rating::kGood, "", std::nullopt, now, 1000).has_value());
        now += 30;
    }
    CHECK(today->Current() == nullptr);
}

TEST_CASE(
    "a today-only session reads the next day's cards at the day boundary and can still undo") {
    std::vector<StudyItem> items = NewItems(3);
    items.push_back(ReviewItem("tomorrow", 9, kMonday9 + kDay));
    MemoryStore store(items);
    StudySettings settings;
    settings.new_per_day = 1;
    auto session = Session::Start(store, settings, kMonday9, {}, LoadMode::kToday);
    REQUIRE(session.has_value());
    // Today's part: the new questions (a pool several times the limit), not tomorrow's review.
    CHECK(session->items().size() == 3);
    CHECK(session->Counts() == QueueCounts{1, 0, 0});
    const std::string first = session->Current()->question.id;
    REQUIRE(session->Answer(sched::Rating::kEasy, "", std::nullopt, kMonday9, 1000).has_value());
    CHECK(session->Finished());
    session->Update(kMonday9 + kDay);
    CHECK(session->Counts() == QueueCounts{1, 0, 1});
    REQUIRE(session->Current() != nullptr);
    // Undo reaches back over the boundary to yesterday's answer.
    REQUIRE(session->Undo().has_value());
    CHECK(session->Current()->question.id == first);
    CHECK(session->Current()->card == sched::Card{});
    CHECK(store.log().empty());
}

}  // namespace
TEST_CASE("the progress denominator is fixed at the start and learning repeats are counted apart") {
    // Issue 12: the bar read 1/21, 2/22 … as every Again put a card back in the queue.
    MemoryStore store(NewItems(5));
    Session session = StartOn(store, kMonday9);
    CHECK(session.Progress() == SessionProgress{5, 0, 0});
    std::int64_t now = kMonday9;
    std::vector<std::string> seen;
    int answers = 0;
    while (session.Current() != nullptr || session.NextLearningDue()) {
        if (session.Current() == nullptr) {
            now = *session.NextLearningDue();
            session.Update(now);
            continue;
        }
        const std::string id = session.Current()->question.id;
        if (std::find(seen.begin(), seen.end(), id) == seen.end()) seen.push_back(id);
        // Again on a card's first showing, then Good until it graduates.
        const bool first = session.Current()->card.reps == 0;
        REQUIRE(session.Answer(first ? Rating::kAgain : Rating::kGood, "", std::nullopt, now, 1000)
                    .has_value());
        ++answers;
        const SessionProgress progress = session.Progress();
        CHECK(progress.planned == 5);
        CHECK(progress.done == static_cast<int>(seen.size()));
        CHECK(progress.repeats == answers - progress.done);
        now += 5;
        REQUIRE(answers < 100);
    }
    CHECK(session.Progress().done == 5);
    CHECK(session.Progress().repeats > 0);

    // Undo takes the last answer back from the count it was in.
    const SessionProgress before = session.Progress();
    REQUIRE(session.Undo().has_value());
    CHECK(session.Progress().planned == 5);
    CHECK(session.Progress().done + session.Progress().repeats == before.done + before.repeats - 1);
}

TEST_CASE("a planned card suspended before its first answer counts as dealt with") {
    MemoryStore store(NewItems(3));
    Session session = StartOn(store, kMonday9);
    REQUIRE(session.SuspendCurrent(kMonday9).has_value());
    CHECK(session.Progress() == SessionProgress{3, 1, 0});
    REQUIRE(session.Answer(Rating::kEasy, "", std::nullopt, kMonday9, 1000).has_value());
    CHECK(session.Progress() == SessionProgress{3, 2, 0});
}

}  // namespace mondo::study

namespace mondo::study {
namespace {

using namespace testing;

// 200 learning cards (more than three pages): the 80 due first all of exchange 1 (after one of
// them the next card is of another exchange, further on than a page), the others over exchanges
// 2-31, several due at the same second, most due already, some later today.
std::vector<StudyItem> LearningCardsOfADay() {
    std::vector<StudyItem> items;
    for (int i = 0; i < 200; ++i) {
        const std::int64_t due = i < 80 ? kMonday9 - 2 * kHour + i * kMinute
                                        : kMonday9 - kHour + (i * 37 % 90) * kMinute;
        items.push_back(LearningItem("l" + std::to_string(i), i < 80 ? 1 : 2 + i % 30, due));
    }
    return items;
}

// Answers every card both sessions show, in step, until the day is done, checking that they show
// the same card with the same counts throughout; Again now and then keeps cards in their steps.
void StudyInStep(Session& everything, Session& paged, std::int64_t now) {
    int answers = 0;
    while (!everything.Finished()) {
        CHECK(paged.Counts() == everything.Counts());
        CHECK(paged.NextLearningDue() == everything.NextLearningDue());
        if (everything.Current() == nullptr) {
            REQUIRE(everything.NextLearningDue().has_value());
            now = *everything.NextLearningDue();
            everything.Update(now);
            paged.Update(now);
            continue;
        }
        REQUIRE(paged.Current() != nullptr);
        CHECK(paged.Current()->question.id == everything.Current()->question.id);
        const auto rating = answers % 3 == 1 ? sched::Rating::kAgain : sched::Rating::kGood;
        REQUIRE(everything.Answer(rating, "", std::nullopt, now, 1000).has_value());
        REQUIRE(paged.Answer(rating, "", std::nullopt, now, 1000).has_value());
        ++answers;
        now += 20;
        if (answers == 7) {  // undo once, then answer the same card again
            REQUIRE(everything.Undo().has_value());
            REQUIRE(paged.Undo().has_value());
            REQUIRE(paged.Current() != nullptr);
            CHECK(paged.Current()->question.id == everything.Current()->question.id);
        }
        if (answers == 11) {  // suspend one
            REQUIRE(everything.Current() != nullptr);
            REQUIRE(everything.SuspendCurrent(now).has_value());
            REQUIRE(paged.SuspendCurrent(now).has_value());
        }
    }
    CHECK(paged.Finished());
    CHECK(answers > 250);
}

TEST_CASE(
    "before the day's limits are reached, learning cards no loaded card is a sibling of come a "
    "page at a time, and the session shows what it shows when everything is loaded") {
    // Reviews and new questions, a few of them in the learning cards' exchanges (siblings the
    // queue buries).
    std::vector<StudyItem> items = LearningCardsOfADay();
    // Recall questions are siblings of every question of their exchange; five reviews and five
    // new questions share an exchange with learning cards.
    using content::QuestionKind;
    for (int i = 0; i < 30; ++i) {
        items.push_back(ReviewItem("r" + std::to_string(i), i < 5 ? 2 + 5 * i : 100 + i,
                                   kMonday9 - kDay, 3, QuestionKind::kRecall));
        items.push_back(
            NewItem("n" + std::to_string(i), i < 5 ? 3 + 5 * i : 200 + i, QuestionKind::kRecall));
    }
    StudySettings settings;
    settings.new_per_day = 10;
    settings.reviews_per_day = 20;
    MemoryStore everything_store(items), paged_store(items);
    auto everything = Session::Start(everything_store, settings, kMonday9);
    auto paged = Session::Start(paged_store, settings, kMonday9, {}, LoadMode::kToday);
    REQUIRE(everything.has_value());
    REQUIRE(paged.has_value());
    CHECK(paged->items().size() < 200);  // not every learning card
    // The siblings of learning cards wait; the limits take 20 of the 25 other reviews and 10 of
    // the 25 other new questions.
    CHECK(everything->Counts() == QueueCounts{10, 200, 20});
    CHECK(paged->Counts() == everything->Counts());
    StudyInStep(*everything, *paged, kMonday9);
}

TEST_CASE(
    "once the day's limits are reached, learning cards read a page at a time come in the same "
    "order as when everything is loaded") {
    // Reviews and new questions the limits leave out.
    std::vector<StudyItem> items = LearningCardsOfADay();
    for (int i = 0; i < 20; ++i) {
        items.push_back(ReviewItem("r" + std::to_string(i), 1 + i % 30, kMonday9 - kDay));
        items.push_back(NewItem("n" + std::to_string(i), 40 + i));
    }
    StudySettings settings;
    settings.new_per_day = 0;
    settings.reviews_per_day = 0;
    MemoryStore everything_store(items), paged_store(items);
    auto everything = Session::Start(everything_store, settings, kMonday9);
    auto paged = Session::Start(paged_store, settings, kMonday9, {}, LoadMode::kToday);
    REQUIRE(everything.has_value());
    REQUIRE(paged.has_value());
    CHECK(paged->items().size() < 100);  // a page or two, not the 200
    CHECK(paged->Counts() == QueueCounts{0, 200, 0});
    StudyInStep(*everything, *paged, kMonday9);
    CHECK(paged->items().size() == 200);
}

}  // namespace
}  // namespace mondo::study
