#include "app/study/study_queue.h"

#include <algorithm>
#include <map>

namespace mondo::study {
namespace {

// How many of the next candidates may be passed over to find one of a different kind.
constexpr std::size_t kKindWindow = 6;

bool IsLearningState(sched::CardState state) {
    return state == sched::CardState::kLearning || state == sched::CardState::kRelearning;
}

std::uint64_t Fnv1a(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::uint64_t SentenceHash(std::string_view sentence) {
    if (sentence.empty()) return 0;
    const std::uint64_t hash = Fnv1a(sentence);
    return hash == 0 ? 1 : hash;  // 0 means "a whole answer"
}

// Learning cards by due time, then by key (see QueueEntry::qid).
bool LearningOrder(const QueueEntry& a, const QueueEntry& b) {
    return a.due != b.due ? a.due < b.due : a.qid < b.qid;
}

// Made from the same sentence, or one of them from the whole answer holding the other's.
bool IsSibling(const QueueEntry& a, const QueueEntry& b) {
    if (a.Exchange() != b.Exchange()) return false;
    return a.sentence == 0 || b.sentence == 0 || a.sentence == b.sentence;
}

}  // namespace

std::string_view SourceSentence(const content::Question& question) {
    using content::QuestionKind;
    if (!question.source_sentence.empty()) return question.source_sentence;
    // Questions stored by the collection do not keep the generator's source fields: the same
    // sentence is where each kind keeps it.
    switch (question.kind) {
        case QuestionKind::kRecall:
        case QuestionKind::kOrder:
            return {};
        case QuestionKind::kWhichQuestion:
            return question.prompt;  // the excerpt
        case QuestionKind::kChoice:
            return question.answer;  // the key sentence
        case QuestionKind::kCloze:
        case QuestionKind::kTrueFalse:
            return question.context;  // the full (original) sentence
        case QuestionKind::kProfile:
            return question.context.empty() ? std::string_view(question.prompt)
                                            : std::string_view(question.context);
    }
    return {};
}

void StudyQueue::ShownToday::Add(const QueueEntry& entry) {
    any_.insert(entry.Exchange());
    if (entry.sentence == 0) {
        whole_.insert(entry.Exchange());
    } else {
        sentences_.emplace(entry.Exchange(), entry.sentence);
    }
}

bool StudyQueue::ShownToday::HasSiblingOf(const QueueEntry& entry) const {
    if (entry.sentence == 0) return any_.count(entry.Exchange()) > 0;
    return whole_.count(entry.Exchange()) > 0 ||
           sentences_.count({entry.Exchange(), entry.sentence}) > 0;
}

QueueScope QueueScope::Exchange(int exchange_index, std::string source_id) {
    QueueScope scope;
    scope.exchange = exchange_index;
    scope.source_id = std::move(source_id);
    return scope;
}

QueueScope QueueScope::Selection(const std::vector<std::string>& ids) {
    QueueScope scope;
    scope.question_ids.emplace(ids.begin(), ids.end());
    return scope;
}

bool QueueScope::Contains(const StudyItem& item) const {
    const content::Question& question = item.question;
    if (exchange && question.exchange != exchange) return false;
    if (exchange && !source_id.empty() && item.source_id != source_id) return false;
    if (question_ids && !question_ids->count(question.id)) return false;
    return true;
}

QueueEntry QueueEntry::Of(std::size_t index, const StudyItem& item) {
    QueueEntry entry;
    entry.index = index;
    entry.source = Fnv1a(item.source_id);
    entry.exchange = item.question.exchange.value_or(-1);
    entry.kind = item.question.kind;
    entry.state = item.card.state;
    entry.due = item.card.due;
    entry.sentence = SentenceHash(SourceSentence(item.question));
    entry.qid = item.qid;
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
    queue.bury_siblings_ = !scoped;

    std::vector<QueueEntry> reviews;
    std::vector<QueueEntry> fresh;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const StudyItem& item = items[i];
        if (item.suspended) continue;
        if (scoped && !scope.Contains(item)) continue;
        const sched::Card& card = item.card;
        // Answered today (in any session): its siblings wait for another day.
        if (card.state != sched::CardState::kNew && boundary.DayNumber(card.last_review) == today) {
            queue.shown_today_.Add(QueueEntry::Of(i, item));
        }
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
    // Learning cards are shown today whatever their siblings: theirs wait.
    if (queue.bury_siblings_) {
        for (const QueueEntry& entry : queue.learning_) queue.shown_today_.Add(entry);
    }
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

    // Takes up to `limit` entries in `first`-order from a heap (so on a large collection only
    // what is taken is ordered), skipping buried siblings and what `accept` refuses.
    const auto take = [&queue](std::vector<QueueEntry>& candidates, std::size_t limit,
                               const auto& first, const auto& accept) {
        const auto later = [&first](const QueueEntry& a, const QueueEntry& b) {
            return first(b, a);
        };
        std::make_heap(candidates.begin(), candidates.end(), later);
        std::size_t taken = 0;
        for (auto end = candidates.end(); taken < limit && end != candidates.begin(); --end) {
            std::pop_heap(candidates.begin(), end, later);
            const QueueEntry& entry = *(end - 1);
            if (queue.bury_siblings_ && queue.shown_today_.HasSiblingOf(entry)) continue;
            if (!accept(entry)) continue;
            queue.main_.push_back(entry);
            if (queue.bury_siblings_) queue.shown_today_.Add(entry);
            ++taken;
        }
    };
    const auto by_due = [&items](const QueueEntry& a, const QueueEntry& b) {
        if (a.due != b.due) return a.due < b.due;
        return items[a.index].order < items[b.index].order;
    };
    const auto by_order = [&items](const QueueEntry& a, const QueueEntry& b) {
        return items[a.index].order < items[b.index].order;
    };
    take(reviews, review_limit, by_due, [](const QueueEntry&) { return true; });

    // New questions: at most kNewPerExchangePerDay of an exchange today, those introduced by
    // earlier sessions of the day included.
    std::map<ExchangeKey, int> new_of_exchange;
    if (!scoped && !done_today.introduced_ids.empty()) {
        const std::unordered_set<std::string> introduced(done_today.introduced_ids.begin(),
                                                         done_today.introduced_ids.end());
        for (const StudyItem& item : items) {
            if (introduced.count(item.question.id)) {
                ++new_of_exchange[QueueEntry::Of(0, item).Exchange()];
            }
        }
    }
    take(fresh, new_limit, by_order, [&](const QueueEntry& entry) {
        // The profile is not an exchange: its facts come as they are.
        if (scoped || entry.exchange < 0) return true;
        int& count = new_of_exchange[entry.Exchange()];
        if (count >= kNewPerExchangePerDay) return false;
        ++count;
        return true;
    });
    std::sort(queue.learning_.begin(), queue.learning_.end(), LearningOrder);
    return queue;
}

void StudyQueue::Shown(const QueueEntry& entry) {
    last_exchange_ = entry.Exchange();
    last_kind_ = entry.kind;
    if (!bury_siblings_) return;
    // A card put back (undo, unsuspend) may be a sibling of cards still waiting: they go.
    shown_today_.Add(entry);
    main_.erase(std::remove_if(main_.begin(), main_.end(),
                               [&](const QueueEntry& e) {
                                   return e.index != entry.index && IsSibling(e, entry);
                               }),
                main_.end());
}

void StudyQueue::SetLastShown(const QueueEntry& entry) { Shown(entry); }

std::optional<QueueEntry> StudyQueue::TakeLearning(std::int64_t limit) {
    // Among the learning cards due by `limit` (sorted by due), the earliest of another exchange.
    std::size_t chosen = learning_.size();
    for (std::size_t i = 0; i < learning_.size() && learning_[i].due <= limit; ++i) {
        if (chosen == learning_.size()) chosen = i;
        if (!last_exchange_ || learning_[i].Exchange() != *last_exchange_) {
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
            if (e.Exchange() == *last_exchange_) continue;
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
                return e.due <= now && (!last_exchange_ || e.Exchange() != *last_exchange_);
            });
        const bool main_other = std::any_of(main_.begin(), main_.end(), [&](const QueueEntry& e) {
            return !last_exchange_ || e.Exchange() != *last_exchange_;
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
    learning_.insert(std::upper_bound(learning_.begin(), learning_.end(), entry, LearningOrder),
                     entry);
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

bool StudyQueue::LearningChoiceKnown(std::int64_t now, std::int64_t more_from) const {
    // The earliest held card must come before every card to come (NextLearningDue).
    if (learning_.empty() || learning_.front().due >= more_from) return false;
    const std::int64_t limit = now + learn_ahead_seconds_;
    if (more_from > limit) return true;  // none to come is due in time to be chosen
    // PopNext takes the earliest due card of another exchange than the last shown (the earliest
    // when there is none): found among the held cards due before any to come, it is the one.
    for (const QueueEntry& entry : learning_) {
        if (entry.due >= more_from || entry.due > limit) break;
        if (!last_exchange_ || entry.Exchange() != *last_exchange_) return true;
    }
    return false;
}

std::vector<std::size_t> StudyQueue::MainOrder() const {
    std::vector<std::size_t> order;
    order.reserve(main_.size());
    for (const QueueEntry& e : main_) order.push_back(e.index);
    return order;
}

}  // namespace mondo::study
