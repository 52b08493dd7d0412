// The study layer's view of a collection: the few reads and writes a study session needs, behind
// one small interface so the same session code runs on the SQLite collection (CollectionStore,
// collection_store.h) and on a plain in-memory table (MemoryStore, memory_store.h) that the
// Settings screen's load estimate uses to simulate thousands of reviews in milliseconds.
//
// Contract for implementations: RecordReview writes the card's new state and the log row in ONE
// transaction (all or nothing) and returns the review id; UndoReview removes that row and puts the
// card back exactly as it was before that review, also in one transaction. Errors are returned,
// never thrown. Not thread-safe: one thread at a time (the UI thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/sched/scheduler.h"
#include "content/expected.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::study {

using storage::StorageError;

// The collection's own types: a question with its card, and one row of the review log (the session
// fills every field but `id`, which the store assigns).
using storage::ReviewRow;
using storage::StudyItem;

// What was already done in the current study day (for the daily limits).
struct DayCounts {
    int new_introduced = 0;  // distinct questions answered for the first time since the day start
    int reviews_done = 0;    // answers given to cards that were in the review state
    // The ids of those questions introduced (for spreading an exchange's new questions over
    // days); CountReviewsSince leaves it empty, QuestionsIntroducedSince lists them.
    std::vector<std::string> introduced_ids;
};

class StudyStore {
  public:
    virtual ~StudyStore() = default;

    // Every active (not retired) question with its card, in the interview's order.
    virtual Expected<std::vector<StudyItem>, StorageError> LoadStudyItems() = 0;
    // Only today's part: unsuspended cards that are not new and due before `due_before` (unix
    // seconds), then up to `new_limit` new questions in the interview's order. `order` fields
    // keep the interview's relative order.
    // `review_limit` >= 0: at most that many due cards in the review state (the most overdue).
    // Due learning and relearning cards: at least those of an exchange a returned review or new
    // card belongs to (the queue buries their siblings); the others may be left to
    // LoadDueLearningItems.
    virtual Expected<std::vector<StudyItem>, StorageError> LoadTodayItems(std::int64_t due_before,
                                                                          int new_limit,
                                                                          int review_limit) = 0;
    // Today's learning and relearning cards a page at a time: unsuspended cards in a learning
    // step due before `due_before`, in (due, StudyItem::qid) order after `after`, at most `limit`
    // (a shorter page is the last); and how many there are in all.
    virtual Expected<std::vector<StudyItem>, StorageError> LoadDueLearningItems(
        std::int64_t due_before, storage::DueCursor after, int limit) = 0;
    virtual Expected<int, StorageError> CountDueLearning(std::int64_t due_before) = 0;
    // Counts of the reviews logged at or after `since_unix_seconds` (introduced_ids empty).
    virtual Expected<DayCounts, StorageError> CountReviewsSince(
        std::int64_t since_unix_seconds) = 0;
    // The ids of the questions first answered at or after `since_unix_seconds`, sorted.
    virtual Expected<std::vector<std::string>, StorageError> QuestionsIntroducedSince(
        std::int64_t since_unix_seconds) = 0;
    // Card update and log row in one transaction; returns the review id.
    virtual Expected<std::int64_t, StorageError> RecordReview(const ReviewRow& review) = 0;
    // Deletes the row and restores the card snapshot it holds, in one transaction.
    virtual Expected<Ok, StorageError> UndoReview(std::int64_t review_id) = 0;
    virtual Expected<Ok, StorageError> SetSuspended(const std::string& question_id,
                                                    bool suspended) = 0;
    virtual Expected<Ok, StorageError> SetFlag(const std::string& question_id, int flag) = 0;
    // A study session (time studied); returns its id.
    virtual Expected<std::int64_t, StorageError> StartSession(std::int64_t now) = 0;
    virtual Expected<Ok, StorageError> EndSession(std::int64_t session_id, std::int64_t now,
                                                  int reviews, std::int64_t studied_ms) = 0;
};

}  // namespace mondo::study
