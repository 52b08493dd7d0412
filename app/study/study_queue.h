// Today's queue: which question comes next.
//
// Order (as Anki's v3 scheduler with FSRS): (re)learning cards whose step is due come first, then
// review cards due today by due time (oldest first), then new questions in the interview's order.
// Limits: at most `reviews_per_day` review cards and `new_per_day` new questions a day, minus what
// was already done since the day started. Variety: the next card is never from the same exchange as
// the one just shown when any other card could be shown instead, and among the next few candidates
// one of a different kind is preferred, so kinds interleave.
//
// Siblings (as Anki's "bury siblings"): questions made from the same source sentence of an
// answer are siblings; a question over a whole answer (recall, order) is a sibling of every
// question of its exchange. At most one of a set of siblings is shown a day: once one was answered
// today (in this session or an earlier one) or is due today, the others wait for a later day
// (buried, they leave today's queue; learning cards are never buried). New questions are spread
// over days: at most kNewPerExchangePerDay new questions of one exchange (the profile counts as
// one) are introduced a day, counting those introduced earlier today (DayCounts::introduced_ids).
// Scoped queues do neither: the learner asked for exactly those questions.
//
// Learning cards re-enter when their step comes due during the session (PushLearning). When
// nothing else is left, a learning card due within the learn-ahead limit (default 20 minutes, as
// Anki) is shown early; one due later makes PopNext return nothing until it is due
// (NextLearningDue tells the UI when). Learning cards due after the end of today leave the queue.
//
// Scope: the whole collection, one exchange ("study this exchange" on the Read screen) or a set of
// question ids ("study selection" in Browse). Scoped queues ignore the daily limits (the learner
// asked for exactly these questions); a selection also includes its review cards that are not due
// yet (studying them early is recorded like any review; FSRS accounts for the shorter interval).
//
// The queue stores indices into the items vector it was built from. Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "app/study/settings.h"
#include "app/study/study_store.h"

namespace mondo::study {

inline constexpr int kNewPerExchangePerDay = 2;

// The sentence of the interview a question was made from (the same text for every question made
// from it), or empty when the question covers a whole answer (recall, order, a section theme).
std::string_view SourceSentence(const content::Question& question);

struct QueueScope {
    std::optional<int> exchange;                                  // only this exchange's questions
    std::optional<std::unordered_set<std::string>> question_ids;  // only these questions
    // With `exchange`: the source the exchange is in (exchange numbers restart in every source);
    // empty: any source.
    std::string source_id;

    static QueueScope Exchange(int exchange_index, std::string source_id = {});
    static QueueScope Selection(const std::vector<std::string>& ids);
    bool Contains(const StudyItem& item) const;
    bool IsScoped() const { return exchange.has_value() || question_ids.has_value(); }
};

struct QueueCounts {
    int new_count = 0;  // new questions still to introduce
    int learning = 0;   // cards in (re)learning steps due later today
    int review = 0;     // review cards still due
    int Total() const { return new_count + learning + review; }
    bool operator==(const QueueCounts&) const = default;
};

// An exchange across sources: exchange numbers restart in every source, so the source's hash
// is part of what makes two questions come from the same exchange.
using ExchangeKey = std::pair<std::uint64_t, int>;

struct QueueEntry {
    std::size_t index = 0;     // into the items vector
    std::uint64_t source = 0;  // hash of the question's source id
    int exchange = -1;         // -1 when the question has no exchange (profile questions)
    content::QuestionKind kind = content::QuestionKind::kRecall;
    sched::CardState state = sched::CardState::kNew;
    std::int64_t due = 0;
    std::uint64_t sentence = 0;  // hash of SourceSentence(); 0 for a whole answer
    // The card's key (StudyItem::qid): learning cards due at the same second come in this order,
    // whichever were loaded first (a session reads them a page at a time in (due, qid) order).
    std::int64_t qid = 0;
    static QueueEntry Of(std::size_t index, const StudyItem& item);
    ExchangeKey Exchange() const { return {source, exchange}; }
};

class StudyQueue {
  public:
    StudyQueue() = default;

    // Today's queue over `items` at `now`; `done_today` holds what the day's earlier sessions did.
    static StudyQueue Build(const std::vector<StudyItem>& items, const StudySettings& settings,
                            std::int64_t now, const DayCounts& done_today, const QueueScope& scope);

    // Removes and returns the card to show at `now`, or nothing (queue empty, or only learning
    // cards due beyond the learn-ahead limit are left).
    std::optional<QueueEntry> PopNext(std::int64_t now);

    // A card that entered (or stays in) a learning step due at entry.due; ignored when that is
    // after the end of the queue's day.
    void PushLearning(const QueueEntry& entry);
    // Puts a card back where it came from, to be shown before the others of its kind (undo).
    void PushFront(const QueueEntry& entry);
    // Removes the card with this index wherever it is (suspend, undo). True if it was there.
    bool Remove(std::size_t index);

    QueueCounts Counts() const;
    bool Empty() const { return main_.empty() && learning_.empty(); }
    // The due time of the earliest waiting learning card.
    std::optional<std::int64_t> NextLearningDue() const;
    // For a caller that hands the queue its learning cards a page at a time (in due order): true
    // when the queue holds every learning card PopNext(now) and NextLearningDue could pick,
    // given that the cards still to come are all due at `more_from` or later. False: hand it
    // the next page first.
    bool LearningChoiceKnown(std::int64_t now, std::int64_t more_from) const;
    // Unix time at which the queue's day ends (the next day start).
    std::int64_t day_end() const { return day_end_; }
    // The order in which the review and new cards stand now (before variety choices), for tests.
    std::vector<std::size_t> MainOrder() const;
    // Forgets the last shown card (after an undo the restored card is shown out of order).
    void SetLastShown(const QueueEntry& entry);

  private:
    // What was shown today, for burying siblings.
    class ShownToday {
      public:
        void Add(const QueueEntry& entry);
        bool HasSiblingOf(const QueueEntry& entry) const;

      private:
        std::set<std::pair<ExchangeKey, std::uint64_t>> sentences_;  // (exchange, sentence)
        std::set<ExchangeKey> whole_;  // exchanges shown as a whole answer
        std::set<ExchangeKey> any_;    // exchanges with anything shown
    };

    std::optional<QueueEntry> TakeLearning(std::int64_t limit);
    std::optional<QueueEntry> TakeMain();
    void Shown(const QueueEntry& entry);

    std::deque<QueueEntry> main_;       // reviews (due order), then new (interview order)
    std::vector<QueueEntry> learning_;  // sorted by due
    std::int64_t day_end_ = 0;
    int learn_ahead_seconds_ = 0;
    std::optional<ExchangeKey> last_exchange_;
    std::optional<content::QuestionKind> last_kind_;
    bool bury_siblings_ = false;  // false for scoped queues
    ShownToday shown_today_;
};

}  // namespace mondo::study
