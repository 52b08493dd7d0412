#include "app/study/memory_store.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace mondo::study {
namespace {

Unexpected<StorageError> NotFound(const std::string& what) {
    return Unexpected(StorageError{storage::StorageErrorKind::kInternal, what + " not found"});
}

}  // namespace

MemoryStore::MemoryStore(std::vector<StudyItem> items) : items_(std::move(items)) {
    for (std::size_t i = 0; i < items_.size(); ++i) {
        items_[i].order = static_cast<int>(i);
        items_[i].qid = static_cast<std::int64_t>(i) + 1;
        index_[items_[i].question.id] = i;
    }
}

StudyItem* MemoryStore::Find(const std::string& question_id) {
    const auto it = index_.find(question_id);
    return it == index_.end() ? nullptr : &items_[it->second];
}

Expected<std::vector<StudyItem>, StorageError> MemoryStore::LoadStudyItems() { return items_; }

Expected<std::vector<StudyItem>, StorageError> MemoryStore::LoadTodayItems(std::int64_t due_before,
                                                                           int new_limit,
                                                                           int review_limit) {
    // Chosen by index and copied once chosen: a simulated year on a big collection asks for this
    // every day, and most due cards stay behind the review limit.
    std::vector<std::size_t> due;
    std::vector<std::size_t> fresh;
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const StudyItem& item = items_[i];
        if (item.suspended) continue;
        if (item.card.state != sched::CardState::kNew) {
            if (item.card.due < due_before) due.push_back(i);
        } else if (static_cast<int>(fresh.size()) < new_limit) {
            fresh.push_back(i);
        }
    }
    std::stable_sort(due.begin(), due.end(), [this](std::size_t a, std::size_t b) {
        return items_[a].card.due < items_[b].card.due;
    });
    if (review_limit >= 0) {
        // At most `review_limit` in the review state, the most overdue (the order above).
        int reviews = 0;
        std::erase_if(due, [&](std::size_t i) {
            return items_[i].card.state == sched::CardState::kReview && ++reviews > review_limit;
        });
    }
    // As the collection does: only the learning cards of an exchange a returned review or new
    // card belongs to; the session reads the others a page at a time.
    std::set<std::pair<std::string, std::optional<int>>> exchanges;
    const auto exchange_of = [this](std::size_t i) {
        return std::make_pair(items_[i].source_id, items_[i].question.exchange);
    };
    for (const std::size_t i : due) {
        if (items_[i].card.state == sched::CardState::kReview) exchanges.insert(exchange_of(i));
    }
    for (const std::size_t i : fresh) exchanges.insert(exchange_of(i));
    std::erase_if(due, [&](std::size_t i) {
        return items_[i].card.state != sched::CardState::kReview &&
               !exchanges.count(exchange_of(i));
    });
    std::vector<StudyItem> chosen;
    chosen.reserve(due.size() + fresh.size());
    for (const std::size_t i : due) chosen.push_back(items_[i]);
    for (const std::size_t i : fresh) chosen.push_back(items_[i]);
    return chosen;
}

namespace {

bool DueLearning(const StudyItem& item, std::int64_t due_before) {
    const sched::CardState state = item.card.state;
    return !item.suspended && item.card.due < due_before &&
           (state == sched::CardState::kLearning || state == sched::CardState::kRelearning);
}

}  // namespace

Expected<std::vector<StudyItem>, StorageError> MemoryStore::LoadDueLearningItems(
    std::int64_t due_before, storage::DueCursor after, int limit) {
    std::vector<StudyItem> page;
    for (const StudyItem& item : items_) {
        if (!DueLearning(item, due_before)) continue;
        if (item.card.due < after.due || (item.card.due == after.due && item.qid <= after.qid))
            continue;
        page.push_back(item);
    }
    std::sort(page.begin(), page.end(), [](const StudyItem& a, const StudyItem& b) {
        return a.card.due != b.card.due ? a.card.due < b.card.due : a.qid < b.qid;
    });
    if (page.size() > static_cast<std::size_t>(std::max(0, limit)))
        page.resize(static_cast<std::size_t>(std::max(0, limit)));
    return page;
}

Expected<int, StorageError> MemoryStore::CountDueLearning(std::int64_t due_before) {
    return static_cast<int>(std::count_if(items_.begin(), items_.end(), [&](const StudyItem& item) {
        return DueLearning(item, due_before);
    }));
}

std::span<const ReviewRow> MemoryStore::LogSince(std::int64_t since_unix_seconds) const {
    const std::int64_t since_ms = since_unix_seconds * 1000;
    if (!log_in_time_order_) return log_;
    // A simulation appends in time order and asks for "today" every day: only today's rows.
    const auto first =
        std::partition_point(log_.begin(), log_.end(),
                             [since_ms](const ReviewRow& row) { return row.time_ms < since_ms; });
    return {first, log_.end()};
}

Expected<DayCounts, StorageError> MemoryStore::CountReviewsSince(std::int64_t since_unix_seconds) {
    DayCounts counts;
    std::set<std::string> introduced;
    for (const ReviewRow& review : LogSince(since_unix_seconds)) {
        if (review.time_ms < since_unix_seconds * 1000) continue;
        const sched::CardState before = review.card_before.state;
        if (before == sched::CardState::kNew) introduced.insert(review.question_id);
        if (before == sched::CardState::kReview) ++counts.reviews_done;
    }
    counts.new_introduced = static_cast<int>(introduced.size());
    return counts;
}

Expected<std::vector<std::string>, StorageError> MemoryStore::QuestionsIntroducedSince(
    std::int64_t since_unix_seconds) {
    std::set<std::string> introduced;
    for (const ReviewRow& review : LogSince(since_unix_seconds)) {
        if (review.time_ms >= since_unix_seconds * 1000 &&
            review.card_before.state == sched::CardState::kNew) {
            introduced.insert(review.question_id);
        }
    }
    return std::vector<std::string>(introduced.begin(), introduced.end());
}

Expected<std::int64_t, StorageError> MemoryStore::RecordReview(const ReviewRow& review) {
    StudyItem* item = Find(review.question_id);
    if (!item) return NotFound("question " + review.question_id);
    item->card = review.card_after;
    if (!log_.empty() && review.time_ms < log_.back().time_ms) log_in_time_order_ = false;
    log_.push_back(review);
    log_.back().id = next_review_id_++;
    return log_.back().id;
}

Expected<Ok, StorageError> MemoryStore::UndoReview(std::int64_t review_id) {
    const auto it = std::find_if(log_.begin(), log_.end(),
                                 [&](const ReviewRow& row) { return row.id == review_id; });
    if (it == log_.end()) return NotFound("review " + std::to_string(review_id));
    StudyItem* item = Find(it->question_id);
    if (!item) return NotFound("question " + it->question_id);
    item->card = it->card_before;
    log_.erase(it);
    return Ok{};
}

Expected<Ok, StorageError> MemoryStore::SetSuspended(const std::string& question_id,
                                                     bool suspended) {
    StudyItem* item = Find(question_id);
    if (!item) return NotFound("question " + question_id);
    item->suspended = suspended;
    return Ok{};
}

Expected<Ok, StorageError> MemoryStore::SetFlag(const std::string& question_id, int flag) {
    StudyItem* item = Find(question_id);
    if (!item) return NotFound("question " + question_id);
    item->flag = flag;
    return Ok{};
}

Expected<std::int64_t, StorageError> MemoryStore::StartSession(std::int64_t now) {
    MemorySession session;
    session.id = static_cast<std::int64_t>(sessions_.size()) + 1;
    session.start = now;
    sessions_.push_back(session);
    return session.id;
}

Expected<Ok, StorageError> MemoryStore::EndSession(std::int64_t session_id, std::int64_t now,
                                                   int reviews, std::int64_t studied_ms) {
    if (session_id < 1 || session_id > static_cast<std::int64_t>(sessions_.size())) {
        return NotFound("session " + std::to_string(session_id));
    }
    MemorySession& session = sessions_[static_cast<std::size_t>(session_id - 1)];
    session.end = now;
    session.reviews = reviews;
    session.studied_ms = studied_ms;
    return Ok{};
}

}  // namespace mondo::study
