#include "app/study/study_queue.h"

#include <algorithm>

namespace mondo::study {
namespace {

// How many of the next candidates may be passed over to find one of a different kind.
constexpr std::size_t kKindWindow = 6;

bool IsLearningState(sched::CardState state) {
    return state == sched::CardState::kLearning || state == sched::CardState::kRelearning;
}

}  // namespace

QueueScope QueueScope::Exchange(int exchange_index) {
    QueueScope scope;
    scope.exchange = exchange_index;
    return scope;
}

QueueScope QueueScope::Selection(const std::vector<std::string>& ids) {
    QueueScope scope;
    scope.question_ids.emplace(ids.begin(), ids.end());
    return scope;
}

bool QueueScope::Contains(const content::Question& question) const {
    if (exchange && question.exchange != exchange) return false;
    if (question_ids && !question_ids->count(question.id)) return false;
    return true;
}

QueueEntry QueueEntry::Of(std::size_t index, const StudyItem& item) {
    QueueEntry entry;
    entry.index = index;
    entry.exchange = item.question.exchange.value_or(-1);
    entry.kind = item.question.kind;
    entry.state = item.card.state;
    entry.due = item.card.due;
    return entry;
}

StudyQueue StudyQueue::Build(const std::vector<StudyItem>& items, const StudySettings& settings,
                             std::int64_t now, const DayCounts& done_today,
                             const QueueScope& scope) {
    StudyQueue queue;
    const sched::DayBoundary boundary = settings.MakeDayBoundary();
    const std::int64_t today = boundary.DayNumber(now);
    queue.day_end_ = boundary.NextDayStart(now);
    queue.learn_ahead_seconds_ = settings.learn_ahead_seconds;
    const bool scoped = scope.IsScoped();
    const bool early_reviews = scope.question_ids.has_value();

    std::vector<QueueEntry> reviews;
    std::vector<QueueEntry> fresh;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const StudyItem& item = items[i];
        if (item.suspended) continue;
        if (scoped && !scope.Contains(item.question)) continue;
        const sched::Card& card = item.card;
        switch (card.state) {
            case sched::CardState::kNew:
                fresh.push_back(QueueEntry::Of(i, item));
                break;
            case sched::CardState::kLearning:
            case sched::CardState::kRelearning:
                // Steps of a day or more behave like reviews: due on their day.
                if (card.due < queue.day_end_ || early_reviews) {
                    queue.learning_.push_back(QueueEntry::Of(i, item));
                }
                break;
            case sched::CardState::kReview:
                if (early_reviews || boundary.DayNumber(card.due) <= today) {
                    reviews.push_back(QueueEntry::Of(i, item));
                }
                break;
        }
    }
    const auto by_due = [&items](const QueueEntry& a, const QueueEntry& b) {
        if (a.due != b.due) return a.due < b.due;
        return items[a.index].order < items[b.index].order;
    };
    const auto by_order = [&items](const QueueEntry& a, const QueueEntry& b) {
        return items[a.index].order < items[b.index].order;
    };
    std::size_t review_limit = reviews.size();
    std::size_t new_limit = fresh.size();
    if (!scoped) {
        review_limit = std::min<std::size_t>(
            review_limit, static_cast<std::size_t>(
                              std::max(0, settings.reviews_per_day - done_today.reviews_done)));
        new_limit = std::min<std::size_t>(
            new_limit, static_cast<std::size_t>(
                           std::max(0, settings.new_per_day - done_today.new_introduced)));
    }
    // Partial sorts: on a large collection only the day's share is ordered.
    std::partial_sort(reviews.begin(), reviews.begin() + static_cast<std::ptrdiff_t>(review_limit),
                      reviews.end(), by_due);
    std::partial_sort(fresh.begin(), fresh.begin() + static_cast<std::ptrdiff_t>(new_limit),
                      fresh.end(), by_order);
    queue.main_.insert(queue.main_.end(), reviews.begin(),
                       reviews.begin() + static_cast<std::ptrdiff_t>(review_limit));
    queue.main_.insert(queue.main_.end(), fresh.begin(),
                       fresh.begin() + static_cast<std::ptrdiff_t>(new_limit));
    std::sort(queue.learning_.begin(), queue.learning_.end(), by_due);
    return queue;
}

void StudyQueue::Shown(const QueueEntry& entry) {
    last_exchange_ = entry.exchange;
    last_kind_ = entry.kind;
}

void StudyQueue::SetLastShown(const QueueEntry& entry) { Shown(entry); }

std::optional<QueueEntry> StudyQueue::TakeLearning(std::int64_t limit) {
    // Among the learning cards due by `limit` (sorted by due), the earliest of another exchange.
    std::size_t chosen = learning_.size();
    for (std::size_t i = 0; i < learning_.size() && learning_[i].due <= limit; ++i) {
        if (chosen == learning_.size()) chosen = i;
        if (!last_exchange_ || learning_[i].exchange != *last_exchange_) {
            chosen = i;
            break;
        }
    }
    if (chosen == learning_.size()) return std::nullopt;
    const QueueEntry entry = learning_[chosen];
    learning_.erase(learning_.begin() + static_cast<std::ptrdiff_t>(chosen));
    return entry;
}

std::optional<QueueEntry> StudyQueue::TakeMain() {
    if (main_.empty()) return std::nullopt;
    std::size_t chosen = 0;
    if (last_exchange_) {
        std::optional<std::size_t> other_exchange;
        std::optional<std::size_t> other_both;
        for (std::size_t i = 0; i < main_.size(); ++i) {
            const QueueEntry& e = main_[i];
            if (e.exchange == *last_exchange_) continue;
            if (!other_exchange) other_exchange = i;
            if (i < kKindWindow && last_kind_ && e.kind != *last_kind_) {
                other_both = i;
                break;
            }
            if (i >= kKindWindow) break;
        }
        if (other_both) {
            chosen = *other_both;
        } else if (other_exchange) {
            chosen = *other_exchange;
        }
    }
    const QueueEntry entry = main_[chosen];
    main_.erase(main_.begin() + static_cast<std::ptrdiff_t>(chosen));
    return entry;
}

std::optional<QueueEntry> StudyQueue::PopNext(std::int64_t now) {
    std::optional<QueueEntry> entry;
    const bool learning_due = !learning_.empty() && learning_.front().due <= now;
    if (learning_due) {
        // A due learning card of the same exchange waits one card when the main queue offers
        // another exchange.
        const bool only_same =
            std::none_of(learning_.begin(), learning_.end(), [&](const QueueEntry& e) {
                return e.due <= now && (!last_exchange_ || e.exchange != *last_exchange_);
            });
        const bool main_other = std::any_of(main_.begin(), main_.end(), [&](const QueueEntry& e) {
            return !last_exchange_ || e.exchange != *last_exchange_;
        });
        entry = only_same && main_other ? TakeMain() : TakeLearning(now);
    }
    if (!entry) entry = TakeMain();
    if (!entry) entry = TakeLearning(now + learn_ahead_seconds_);
    if (entry) Shown(*entry);
    return entry;
}

void StudyQueue::PushLearning(const QueueEntry& entry) {
    if (entry.due >= day_end_) return;
    const auto at =
        std::upper_bound(learning_.begin(), learning_.end(), entry,
                         [](const QueueEntry& a, const QueueEntry& b) { return a.due < b.due; });
    learning_.insert(at, entry);
}

void StudyQueue::PushFront(const QueueEntry& entry) {
    if (IsLearningState(entry.state)) {
        QueueEntry first = entry;
        // Before every other learning card, and due now at the latest.
        if (!learning_.empty()) first.due = std::min(first.due, learning_.front().due);
        learning_.insert(learning_.begin(), first);
    } else {
        main_.push_front(entry);
    }
}

bool StudyQueue::Remove(std::size_t index) {
    const auto matches = [index](const QueueEntry& e) { return e.index == index; };
    const auto main_it = std::find_if(main_.begin(), main_.end(), matches);
    if (main_it != main_.end()) {
        main_.erase(main_it);
        return true;
    }
    const auto learning_it = std::find_if(learning_.begin(), learning_.end(), matches);
    if (learning_it != learning_.end()) {
        learning_.erase(learning_it);
        return true;
    }
    return false;
}

QueueCounts StudyQueue::Counts() const {
    QueueCounts counts;
    for (const QueueEntry& e : main_) {
        if (e.state == sched::CardState::kNew) {
            ++counts.new_count;
        } else {
            ++counts.review;
        }
    }
    counts.learning = static_cast<int>(learning_.size());
    return counts;
}

std::optional<std::int64_t> StudyQueue::NextLearningDue() const {
    if (learning_.empty()) return std::nullopt;
    return learning_.front().due;
}

std::vector<std::size_t> StudyQueue::MainOrder() const {
    std::vector<std::size_t> order;
    order.reserve(main_.size());
    for (const QueueEntry& e : main_) order.push_back(e.index);
    return order;
}

}  // namespace mondo::study
