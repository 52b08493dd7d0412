// A study session: today's queue, answering, undo, suspend and flag, on a collection.
//
// Use (the UI thread):
//   auto session = Session::Start(collection, settings, now);      // records the session start
//   while (const StudyItem* item = session->Current()) {
//       sched::NextStates next = session->Preview(now);              // intervals on the buttons
//       // self-graded:  session->Answer(rating, "", std::nullopt, now, duration_ms);
//       // auto-graded:  CheckResult r = session->Check(input);
//       //               session->AnswerChecked(r, Override::kNone, now, duration_ms);
//   }
//   session->Update(now);   // while Current() is null: a learning card may have come due
//   session->End(now);
//
// `now` is always passed in (unix seconds); nothing reads a clock or hidden randomness (the
// interval fuzz comes from the question id and its review count, sched::FuzzFactorFor).
// Each answer is one transaction (card state + log row); Undo() reverts the last answers one by
// one, each in one transaction, restoring the card exactly and deleting its log row, and shows the
// undone card again. A failed write leaves the session as it was (the same card is current).
//
// Ownership: a Session refers to the collection (or store) it was started on, which must outlive
// it. Move-only. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/sched/scheduler.h"
#include "app/study/grading.h"
#include "app/study/settings.h"
#include "app/study/study_queue.h"
#include "app/study/study_store.h"
#include "storage/collection.h"

namespace mondo::study {

struct AnswerReceipt {
    std::int64_t review_id = 0;
    sched::Outcome outcome;  // the card after the answer, its interval
};

struct SessionStats {
    int reviews = 0;              // answers given (undone ones excluded)
    int again = 0;                // of which Again
    std::int64_t studied_ms = 0;  // sum of answer durations
};

// How far the day's plan has got. `planned` is fixed when the day's queue is built (the new,
// learning and review cards then due today) and does not grow as cards come back in learning
// steps; `done` counts the planned cards answered at least once (or suspended) since; `repeats`
// counts the further answers of cards already answered (learning steps, lapses).
struct SessionProgress {
    int planned = 0;
    int done = 0;
    int repeats = 0;
    bool operator==(const SessionProgress&) const = default;
};

// What a session loads. kEverything: every question of the collection (items() is the whole
// collection, as the Home and Browse screens want it). kToday: only today's due cards and new
// questions (for very large collections; items() then holds only those, and a question
// unsuspended during the session joins the queue only in the next session). kToday loads a pool
// of new questions several times the day's limit, for the queue to skip buried siblings. Scoped
// sessions always load everything in their scope.
enum class LoadMode { kEverything, kToday };

class Session {
  public:
    // Loads the collection's study items and today's counts, builds the queue and records the
    // session start. Errors: whatever the storage reports.
    static Expected<Session, StorageError> Start(storage::Collection& collection,
                                                 StudySettings settings, std::int64_t now,
                                                 QueueScope scope = {},
                                                 LoadMode load = LoadMode::kEverything);
    // The same over any StudyStore (the in-memory one of the load estimate and of tests); the
    // first form refers to `store`, the second owns it.
    static Expected<Session, StorageError> Start(StudyStore& store, StudySettings settings,
                                                 std::int64_t now, QueueScope scope = {},
                                                 LoadMode load = LoadMode::kEverything);
    static Expected<Session, StorageError> Start(std::unique_ptr<StudyStore> store,
                                                 StudySettings settings, std::int64_t now,
                                                 QueueScope scope = {},
                                                 LoadMode load = LoadMode::kEverything);

    Session(Session&&) noexcept;
    Session& operator=(Session&&) noexcept;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    // Ends the session (at the time of the last answer) if End() was not called; errors ignored.
    ~Session();

    // The question to show, or nullptr when nothing is due now (see NextLearningDue / Finished).
    const StudyItem* Current() const;
    // What is left, the current card included.
    QueueCounts Counts() const;
    // True when nothing is left today (no current card, no waiting learning card).
    bool Finished() const;
    // When Current() is null but learning cards wait: the unix time the first one is due.
    std::optional<std::int64_t> NextLearningDue() const;
    // Picks the next card when there is none and one has come due (or is within the learn-ahead
    // limit); after the day boundary, rebuilds the queue for the new day.
    void Update(std::int64_t now);

    // The four outcomes of answering the current card at `now`. Precondition: Current() != nullptr.
    sched::NextStates Preview(std::int64_t now) const;
    // CheckAnswer() on the current question. Precondition: Current() is auto-graded.
    CheckResult Check(const AnswerInput& input) const;

    // Answers the current card: schedules it, writes card + log row in one transaction, then moves
    // to the next card (learning cards come back when their step is due).
    // Precondition: Current() != nullptr, duration_ms >= 0.
    Expected<AnswerReceipt, StorageError> Answer(sched::Rating rating, std::string answer_given,
                                                 std::optional<bool> correct, std::int64_t now,
                                                 std::int64_t duration_ms);
    // Answer() with the rating RatingFor(result.verdict, override_choice).
    Expected<AnswerReceipt, StorageError> AnswerChecked(const CheckResult& result,
                                                        Override override_choice, std::int64_t now,
                                                        std::int64_t duration_ms);

    // What Undo() takes back, newest first: the session's answers and the cards it suspended
    // from the study screen, in the order they happened.
    enum class UndoAction { kAnswer, kSuspension };
    // How many actions Undo() can still revert (every answer and suspension of this session).
    std::size_t UndoDepth() const { return undo_.size(); }
    // The action Undo() reverts next. Precondition: UndoDepth() > 0.
    UndoAction NextUndo() const { return undo_.back().action; }
    // Reverts the last action and shows its card again: an answer's card and log row restored
    // in one transaction, or a suspended card unsuspended.
    // Precondition: UndoDepth() > 0.
    Expected<Ok, StorageError> Undo();

    // Suspends the current card (it leaves the queue; the next one is shown). Undo() brings it
    // back.
    Expected<Ok, StorageError> SuspendCurrent(std::int64_t now);
    // Suspends or unsuspends any question of the collection (Browse). An unsuspended question
    // that is due (or new, within today's limit) joins the queue.
    Expected<Ok, StorageError> SetSuspended(const std::string& question_id, bool suspended,
                                            std::int64_t now);
    // Flag 0 (none) to 7.
    Expected<Ok, StorageError> SetFlag(const std::string& question_id, int flag);

    // Records the session's end (time studied). Further calls do nothing.
    Expected<Ok, StorageError> End(std::int64_t now);

    const SessionStats& stats() const { return stats_; }
    // The day's plan and how far it has got (see SessionProgress); undo takes answers back.
    SessionProgress Progress() const;
    const StudySettings& settings() const { return settings_; }
    // Every item the session loaded (cards as they are now), in the interview's order.
    const std::vector<StudyItem>& items() const { return items_; }

  private:
    struct UndoEntry {
        UndoAction action = UndoAction::kAnswer;
        std::int64_t review_id = 0;  // kAnswer: the log row to take back
        std::size_t index = 0;
        QueueEntry entry;  // where the card stood in the queue when it was answered
        sched::Card card_before;
        sched::Rating rating = sched::Rating::kGood;
        std::int64_t duration_ms = 0;
    };

    Session(StudyStore* store, std::unique_ptr<StudyStore> owned, StudySettings settings,
            QueueScope scope, LoadMode load);
    static Expected<Session, StorageError> StartOn(Session session, std::int64_t now);
    // Loads the items (all, or today's) and builds the queue for the day holding `now`.
    Expected<Ok, StorageError> Load(std::int64_t now);
    Expected<Ok, StorageError> EndAt(std::int64_t now);
    // Reads pages of today's learning cards until the queue's next choice is among those read.
    Expected<Ok, StorageError> TopUpLearning(std::int64_t now);
    // After LoadTodayItems: the first page of the due learning cards `items` lacks, and how many
    // are still to come.
    Expected<Ok, StorageError> HoldFirstLearningPage(std::int64_t day_end,
                                                     std::vector<StudyItem>& items);
    sched::SchedulingContext ContextFor(const StudyItem& item, std::int64_t now) const;
    // The day's counts since `day_start`, with the introduced questions when they matter.
    Expected<DayCounts, StorageError> DoneSince(std::int64_t day_start);
    Expected<Ok, StorageError> Rebuild(std::int64_t now);
    Expected<Ok, StorageError> Rebuild(std::int64_t now, const DayCounts& done);
    Expected<Ok, StorageError> NewDay(std::int64_t now);
    void Advance(std::int64_t now);
    std::optional<std::size_t> FindIndex(const std::string& question_id) const;

    std::unique_ptr<StudyStore> owned_store_;
    StudyStore* store_ = nullptr;
    StudySettings settings_;
    QueueScope scope_;
    LoadMode load_ = LoadMode::kEverything;
    std::vector<StudyItem> items_;
    StudyQueue queue_;
    std::optional<QueueEntry> current_;
    std::vector<UndoEntry> undo_;
    SessionStats stats_;
    std::optional<std::int64_t> session_id_;
    std::int64_t last_activity_ = 0;
    std::int64_t day_start_ = 0;  // unix time the queue's day started (for today's counts)
    // The day's plan: its size, the day it was made for, and the undo_ entries before it.
    int planned_ = 0;
    std::int64_t planned_day_ = -1;
    std::size_t planned_from_ = 0;
    std::vector<std::string> set_aside_;  // planned cards suspended before being answered
    // kToday once the day's limits are reached: today's learning cards not read yet (all due at
    // learning_cursor_.due or later, before learning_due_before_), and the keys of those read.
    int learning_to_come_ = 0;
    storage::DueCursor learning_cursor_;
    std::int64_t learning_due_before_ = 0;
    std::unordered_set<std::int64_t> loaded_qids_;
};

}  // namespace mondo::study
