// MemoryStore: a StudyStore kept in plain memory — no SQLite, nothing durable. Used by the load
// estimate of the Settings screen (simulator.h) and by tests of the session logic. Copyable.
#pragma once

#include <map>
#include <span>
#include <vector>

#include "app/study/study_store.h"

namespace mondo::study {

struct MemorySession {
    std::int64_t id = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    int reviews = 0;
    std::int64_t studied_ms = 0;
};

class MemoryStore final : public StudyStore {
  public:
    MemoryStore() = default;
    // `items` in the interview's order (their `order` fields are renumbered 0, 1, …).
    explicit MemoryStore(std::vector<StudyItem> items);

    Expected<std::vector<StudyItem>, StorageError> LoadStudyItems() override;
    Expected<std::vector<StudyItem>, StorageError> LoadTodayItems(std::int64_t due_before,
                                                                  int new_limit,
                                                                  int review_limit) override;
    Expected<std::vector<StudyItem>, StorageError> LoadDueLearningItems(std::int64_t due_before,
                                                                        storage::DueCursor after,
                                                                        int limit) override;
    Expected<int, StorageError> CountDueLearning(std::int64_t due_before) override;
    Expected<DayCounts, StorageError> CountReviewsSince(std::int64_t since_unix_seconds) override;
    Expected<std::vector<std::string>, StorageError> QuestionsIntroducedSince(
        std::int64_t since_unix_seconds) override;
    Expected<std::int64_t, StorageError> RecordReview(const ReviewRow& review) override;
    Expected<Ok, StorageError> UndoReview(std::int64_t review_id) override;
    Expected<Ok, StorageError> SetSuspended(const std::string& question_id,
                                            bool suspended) override;
    Expected<Ok, StorageError> SetFlag(const std::string& question_id, int flag) override;
    Expected<std::int64_t, StorageError> StartSession(std::int64_t now) override;
    Expected<Ok, StorageError> EndSession(std::int64_t session_id, std::int64_t now, int reviews,
                                          std::int64_t studied_ms) override;

    const std::vector<StudyItem>& items() const { return items_; }
    // The log in insertion order, each row with its id.
    const std::vector<ReviewRow>& log() const { return log_; }
    const std::vector<MemorySession>& sessions() const { return sessions_; }

  private:
    StudyItem* Find(const std::string& question_id);
    // The log rows at or after the time (all rows when the log is not in time order).
    std::span<const ReviewRow> LogSince(std::int64_t since_unix_seconds) const;

    std::vector<StudyItem> items_;
    std::map<std::string, std::size_t> index_;
    std::vector<ReviewRow> log_;
    std::vector<MemorySession> sessions_;
    std::int64_t next_review_id_ = 1;
    bool log_in_time_order_ = true;  // every row recorded at or after the one before it
};

}  // namespace mondo::study
