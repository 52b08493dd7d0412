// Small helpers that build study items and stores for the tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/study/memory_store.h"
#include "app/study/settings.h"
#include "app/study/study_store.h"

namespace mondo::study::testing {

// 2026-03-02 09:00 UTC, a Monday morning.
inline constexpr std::int64_t kMonday9 = 1772442000;
inline constexpr std::int64_t kMinute = 60;
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 86400;

inline content::Question MakeQuestion(const std::string& id, content::QuestionKind kind,
                                      std::optional<int> exchange) {
    content::Question q;
    q.id = id;
    q.kind = kind;
    q.exchange = exchange;
    q.prompt = "prompt of " + id;
    q.answer = "answer of " + id;
    q.context = "sentence of " + id;  // each question its own source sentence: no siblings
    return q;
}

// Cloze questions by default: each made from its own sentence, so none buries another (a recall
// covers its whole answer, see study_queue.h).
inline StudyItem NewItem(const std::string& id, int exchange,
                         content::QuestionKind kind = content::QuestionKind::kCloze) {
    StudyItem item;
    item.question = MakeQuestion(id, kind, exchange);
    return item;
}

// A review card due at `due` (last seen `interval_days` before), with a plausible memory.
inline StudyItem ReviewItem(const std::string& id, int exchange, std::int64_t due,
                            int interval_days = 3,
                            content::QuestionKind kind = content::QuestionKind::kCloze) {
    StudyItem item = NewItem(id, exchange, kind);
    item.card.state = sched::CardState::kReview;
    item.card.memory = {static_cast<double>(interval_days), 5.0};
    item.card.due = due;
    item.card.last_review = due - interval_days * kDay;
    item.card.reps = 3;
    item.card.scheduled_days = interval_days;
    return item;
}

inline StudyItem LearningItem(const std::string& id, int exchange, std::int64_t due, int step = 1) {
    StudyItem item = NewItem(id, exchange);
    item.card.state = sched::CardState::kLearning;
    item.card.memory = {2.3, 5.0};
    item.card.due = due;
    item.card.last_review = due - 600;
    item.card.step = step;
    item.card.reps = 1;
    return item;
}

// `n` new recall questions, `per_exchange` to an exchange, ids q000, q001, …
inline std::vector<StudyItem> NewItems(int n, int per_exchange = 1) {
    std::vector<StudyItem> items;
    for (int i = 0; i < n; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "q%03d", i);
        items.push_back(NewItem(id, 1 + i / per_exchange));
    }
    return items;
}

inline std::vector<StudyItem> Renumbered(std::vector<StudyItem> items) {
    for (std::size_t i = 0; i < items.size(); ++i) items[i].order = static_cast<int>(i);
    return items;
}

}  // namespace mondo::study::testing
