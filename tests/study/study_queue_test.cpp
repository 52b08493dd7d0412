#include "app/study/study_queue.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

using namespace testing;
using content::QuestionKind;

std::vector<std::string> Drain(StudyQueue& queue, const std::vector<StudyItem>& items,
                               std::int64_t now) {
    std::vector<std::string> ids;
    while (auto entry = queue.PopNext(now)) ids.push_back(items[entry->index].question.id);
    return ids;
}

TEST_CASE(
    "the queue shows due learning cards, then reviews by due time, then new questions in order") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        NewItem("new-a", 1),
        ReviewItem("review-late", 2, now - 1 * kHour),
        LearningItem("learning", 3, now - 5 * kMinute),
        ReviewItem("review-early", 4, now - 2 * kDay),
        NewItem("new-b", 5),
        ReviewItem("review-tomorrow", 6, now + kDay),
    });
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, DayCounts{}, QueueScope{});
    CHECK(queue.Counts() == QueueCounts{2, 1, 2});
    CHECK(Drain(queue, items, now) ==
          std::vector<std::string>{"learning", "review-early", "review-late", "new-a", "new-b"});
}

TEST_CASE("the daily limits count what was already done today") {
    std::vector<StudyItem> items = NewItems(30);
    for (int i = 0; i < 250; ++i) {
        std::string id = "r";
        id += std::to_string(i);
        items.push_back(ReviewItem(id, 100 + i, kMonday9 - i * kMinute));
    }
    items = Renumbered(std::move(items));
    StudySettings settings;
    SUBCASE("defaults: 20 new and 200 reviews") {
        const StudyQueue queue = StudyQueue::Build(items, settings, kMonday9, {}, {});
        CHECK(queue.Counts() == QueueCounts{20, 0, 200});
        // The first new questions of the interview, in its order.
        const auto order = queue.MainOrder();
        CHECK(items[order[200]].question.id == "q000");
        CHECK(items[order[219]].question.id == "q019");
        // The most overdue reviews first.
        CHECK(items[order[0]].question.id == "r249");
    }
    SUBCASE("minus what earlier sessions of the day introduced and reviewed") {
        const StudyQueue queue =
            StudyQueue::Build(items, settings, kMonday9, DayCounts{15, 190, {}}, {});
        CHECK(queue.Counts() == QueueCounts{5, 0, 10});
    }
    SUBCASE("never below zero") {
        const StudyQueue queue =
            StudyQueue::Build(items, settings, kMonday9, DayCounts{40, 400, {}}, {});
        CHECK(queue.Counts() == QueueCounts{0, 0, 0});
    }
    SUBCASE("settings change the limits") {
        settings.new_per_day = 3;
        settings.reviews_per_day = 7;
        const StudyQueue queue = StudyQueue::Build(items, settings, kMonday9, {}, {});
        CHECK(queue.Counts() == QueueCounts{3, 0, 7});
    }
}

TEST_CASE(
    "two questions of the same exchange never come back to back when another can come between") {
    // Three reviews for each of exchanges 1 and 2, due in the order 1,1,1,2,2,2.
    std::vector<StudyItem> items;
    for (int i = 0; i < 6; ++i) {
        std::string id = "r";
        id += std::to_string(i);
        items.push_back(ReviewItem(id, 1 + i / 3, kMonday9 - (6 - i) * kHour));
    }
    items = Renumbered(std::move(items));
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
    std::vector<int> exchanges;
    while (auto entry = queue.PopNext(kMonday9)) exchanges.push_back(entry->exchange);
    CHECK(exchanges == std::vector<int>{1, 2, 1, 2, 1, 2});
}

TEST_CASE("questions of a single exchange still all come when nothing else is left") {
    std::vector<StudyItem> items;
    for (int i = 0; i < 4; ++i) {
        std::string id = "r";
        id += std::to_string(i);
        items.push_back(ReviewItem(id, 1, kMonday9 - (4 - i) * kHour));
    }
    items = Renumbered(std::move(items));
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
    CHECK(Drain(queue, items, kMonday9).size() == 4);
}

TEST_CASE("kinds are interleaved") {
    std::vector<StudyItem> items = Renumbered({
        NewItem("recall-1", 1, QuestionKind::kRecall),
        NewItem("recall-2", 2, QuestionKind::kRecall),
        NewItem("recall-3", 3, QuestionKind::kRecall),
        NewItem("cloze-1", 4, QuestionKind::kCloze),
        NewItem("cloze-2", 5, QuestionKind::kCloze),
        NewItem("choice-1", 6, QuestionKind::kChoice),
    });
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
    std::vector<QuestionKind> kinds;
    while (auto entry = queue.PopNext(kMonday9)) kinds.push_back(entry->kind);
    REQUIRE(kinds.size() == 6);
    int repeats = 0;
    for (std::size_t i = 1; i < kinds.size(); ++i) repeats += kinds[i] == kinds[i - 1];
    CHECK(repeats == 0);
}

TEST_CASE("suspended questions are not in the queue") {
    std::vector<StudyItem> items =
        Renumbered({NewItem("a", 1), NewItem("b", 2), ReviewItem("c", 3, kMonday9 - kDay)});
    items[0].suspended = true;
    items[2].suspended = true;
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
    CHECK(Drain(queue, items, kMonday9) == std::vector<std::string>{"b"});
}

TEST_CASE(
    "a learning card waits for its step, is shown early within the learn-ahead limit, and leaves "
    "at the day's end") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        LearningItem("soon", 1, now + 10 * kMinute),
        LearningItem("later-today", 2, now + 3 * kHour),
        LearningItem("tomorrow", 3, now + kDay),
        NewItem("new", 4),
    });
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
    CHECK(queue.Counts() == QueueCounts{1, 2, 0});
    // The new card first: the learning step is not due yet.
    CHECK(items[queue.PopNext(now)->index].question.id == "new");
    // Nothing else left: the card due in 10 minutes is within the 20-minute learn-ahead limit.
    CHECK(items[queue.PopNext(now)->index].question.id == "soon");
    // The one due in 3 hours is not; the UI learns when to come back.
    CHECK_FALSE(queue.PopNext(now).has_value());
    CHECK(queue.NextLearningDue() == now + 3 * kHour);
    CHECK(items[queue.PopNext(now + 3 * kHour)->index].question.id == "later-today");
    CHECK(queue.Empty());
}

TEST_CASE("a due learning card comes before reviews and new questions") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        ReviewItem("review", 1, now - kDay),
        NewItem("new", 2),
    });
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
    StudyItem relearn = LearningItem("again", 3, now + kMinute);
    items.push_back(relearn);
    queue.PushLearning(QueueEntry::Of(items.size() - 1, items.back()));
    CHECK(items[queue.PopNext(now)->index].question.id == "review");
    CHECK(items[queue.PopNext(now + kMinute)->index].question.id == "again");
    CHECK(items[queue.PopNext(now + kMinute)->index].question.id == "new");
}

TEST_CASE(
    "a scoped queue holds only the exchange or the selection asked for, without daily limits") {
    std::vector<StudyItem> items = NewItems(40, 10);  // exchanges 1..4, ten questions each
    items.push_back(ReviewItem("not-due", 2, kMonday9 + 5 * kDay));
    items = Renumbered(std::move(items));
    SUBCASE("one exchange") {
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, DayCounts{20, 0, {}},
                                             QueueScope::Exchange(3));
        const auto ids = Drain(queue, items, kMonday9);
        CHECK(ids.size() == 10);
        CHECK(std::all_of(ids.begin(), ids.end(),
                          [](const std::string& id) { return id >= "q020" && id <= "q029"; }));
    }
    SUBCASE("a selection, with a review that is not due yet") {
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, DayCounts{20, 0, {}},
                                             QueueScope::Selection({"q005", "not-due", "q039"}));
        auto ids = Drain(queue, items, kMonday9);
        std::sort(ids.begin(), ids.end());
        CHECK(ids == std::vector<std::string>{"not-due", "q005", "q039"});
    }
}

TEST_CASE("review cards are due by study day, not by the hour") {
    // Day start 04:00: a card due Tuesday 20:00 is due all of Tuesday (from 04:00), not Monday.
    const std::int64_t tuesday_20 = kMonday9 + kDay + 11 * kHour;
    std::vector<StudyItem> items = Renumbered({ReviewItem("r", 1, tuesday_20)});
    StudySettings settings;
    CHECK(StudyQueue::Build(items, settings, kMonday9 + 18 * kHour, {}, {}).Counts().review ==
          0);  // Tue 03:00
    CHECK(StudyQueue::Build(items, settings, kMonday9 + 20 * kHour, {}, {}).Counts().review ==
          1);  // Tue 05:00
    // In Japan (UTC+9) Tuesday 20:00 UTC is Wednesday 05:00 local: due on Wednesday.
    settings.utc_offset_seconds = 9 * 3600;
    CHECK(StudyQueue::Build(items, settings, kMonday9 + kDay + 8 * kHour, {}, {}).Counts().review ==
          0);
    CHECK(
        StudyQueue::Build(items, settings, kMonday9 + kDay + 11 * kHour, {}, {}).Counts().review ==
        1);
}

// A question of `exchange` made from `sentence`.
StudyItem FromSentence(const std::string& id, int exchange, const std::string& sentence,
                       QuestionKind kind = QuestionKind::kCloze) {
    StudyItem item = NewItem(id, exchange, kind);
    item.question.context = sentence;
    return item;
}

TEST_CASE("siblings: one question per source sentence a day, the others wait for tomorrow") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        FromSentence("cloze-a", 1, "資本ではなく自信です。"),
        FromSentence("false-a", 1, "資本ではなく自信です。", QuestionKind::kTrueFalse),
        FromSentence("cloze-b", 1, "人材を組織化する。"),
        FromSentence("cloze-c", 2, "資本ではなく自信です。"),  // same words, another exchange
    });
    SUBCASE("new siblings") {
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
        CHECK(queue.Counts() == QueueCounts{3, 0, 0});
        CHECK(Drain(queue, items, now) ==
              std::vector<std::string>{"cloze-a", "cloze-c", "cloze-b"});
        // Tomorrow the buried sibling comes.
        items[0].card = ReviewItem("cloze-a", 1, now + 5 * kDay).card;
        items[0].card.last_review = now;
        StudyQueue tomorrow = StudyQueue::Build(items, StudySettings{}, now + kDay, {}, {});
        CHECK(Drain(tomorrow, items, now + kDay) ==
              std::vector<std::string>{"false-a", "cloze-c", "cloze-b"});
    }
    SUBCASE("a review due today buries its new sibling, even one answered in an earlier session") {
        items[1] = ReviewItem("false-a", 1, now - kDay, 3, QuestionKind::kTrueFalse);
        items[1].question.context = "資本ではなく自信です。";
        items[1].order = 1;
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
        CHECK(Drain(queue, items, now) ==
              std::vector<std::string>{"false-a", "cloze-c", "cloze-b"});
        items[1].card.last_review = now - kHour;  // answered this morning, due in days
        items[1].card.due = now + 3 * kDay;
        StudyQueue later = StudyQueue::Build(items, StudySettings{}, now, {}, {});
        CHECK(Drain(later, items, now) == std::vector<std::string>{"cloze-b", "cloze-c"});
    }
    SUBCASE("a scoped queue shows every question asked for") {
        StudyQueue queue =
            StudyQueue::Build(items, StudySettings{}, now, {}, QueueScope::Exchange(1));
        CHECK(queue.Counts() == QueueCounts{3, 0, 0});
    }
}

TEST_CASE("a recall covers its whole answer: no other question of the exchange the same day") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        NewItem("recall-1", 1, QuestionKind::kRecall),
        FromSentence("cloze-1", 1, "一文目。"),
        FromSentence("cloze-2", 2, "二文目。"),
        NewItem("order-2", 2, QuestionKind::kOrder),
    });
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
    CHECK(Drain(queue, items, now) == std::vector<std::string>{"recall-1", "cloze-2"});
}

TEST_CASE(
    "exchange numbers restart in every source: the same number in two sources is no sibling") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        NewItem("first-recall-1", 1, QuestionKind::kRecall),
        NewItem("second-recall-1", 1, QuestionKind::kRecall),
        NewItem("first-order-1", 1, QuestionKind::kOrder),
    });
    items[0].source_id = "first";
    items[1].source_id = "second";
    items[2].source_id = "first";
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
    // The second source's recall is not buried by the first's; the first's order item is.
    CHECK(Drain(queue, items, now) ==
          std::vector<std::string>{"first-recall-1", "second-recall-1"});
}

TEST_CASE("learning cards are never buried, and their new siblings wait") {
    const std::int64_t now = kMonday9;
    std::vector<StudyItem> items = Renumbered({
        FromSentence("cloze-a", 1, "同じ文。"),
        LearningItem("learning-a", 1, now - kMinute),
    });
    items[1].question.context = "同じ文。";
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, now, {}, {});
    CHECK(Drain(queue, items, now) == std::vector<std::string>{"learning-a"});
}

TEST_CASE("new questions of one exchange are spread over days") {
    // Ten questions of exchange 1 from ten sentences, then three of exchange 2.
    std::vector<StudyItem> items = NewItems(10, 10);
    for (int i = 0; i < 3; ++i) {
        std::string id = "other";
        id += std::to_string(i);
        items.push_back(NewItem(id, 2));
    }
    items = Renumbered(std::move(items));
    SUBCASE("at most two a day") {
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
        CHECK(Drain(queue, items, kMonday9) ==
              std::vector<std::string>{"q000", "other0", "q001", "other1"});
    }
    SUBCASE("counting those an earlier session introduced today") {
        DayCounts done;
        done.new_introduced = 1;
        done.introduced_ids = {"q000"};
        items[0].card = LearningItem("q000", 1, kMonday9 + kHour).card;
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, done, {});
        CHECK(queue.MainOrder().size() == 3);  // q001, other0, other1
        CHECK(Drain(queue, items, kMonday9 + 2 * kHour) ==
              std::vector<std::string>{"q000", "other0", "q001", "other1"});
    }
    SUBCASE("not when studying that exchange") {
        StudyQueue queue =
            StudyQueue::Build(items, StudySettings{}, kMonday9, {}, QueueScope::Exchange(1));
        CHECK(queue.Counts().new_count == 10);
    }
}

}  // namespace
}  // namespace mondo::study
