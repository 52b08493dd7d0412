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
            StudyQueue::Build(items, settings, kMonday9, DayCounts{15, 190}, {});
        CHECK(queue.Counts() == QueueCounts{5, 0, 10});
    }
    SUBCASE("never below zero") {
        const StudyQueue queue =
            StudyQueue::Build(items, settings, kMonday9, DayCounts{40, 400}, {});
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
    // Three questions for each of exchanges 1 and 2, in the interview's order 1,1,1,2,2,2.
    std::vector<StudyItem> items = Renumbered(NewItems(6, 3));
    StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, {}, {});
    std::vector<int> exchanges;
    while (auto entry = queue.PopNext(kMonday9)) exchanges.push_back(entry->exchange);
    CHECK(exchanges == std::vector<int>{1, 2, 1, 2, 1, 2});
}

TEST_CASE("questions of a single exchange still all come when nothing else is left") {
    std::vector<StudyItem> items = Renumbered(NewItems(4, 4));
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
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, DayCounts{20, 0},
                                             QueueScope::Exchange(3));
        const auto ids = Drain(queue, items, kMonday9);
        CHECK(ids.size() == 10);
        CHECK(std::all_of(ids.begin(), ids.end(),
                          [](const std::string& id) { return id >= "q020" && id <= "q029"; }));
    }
    SUBCASE("a selection, with a review that is not due yet") {
        StudyQueue queue = StudyQueue::Build(items, StudySettings{}, kMonday9, DayCounts{20, 0},
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

}  // namespace
}  // namespace mondo::study
