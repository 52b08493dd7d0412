// The study layer on a storage::Collection: the StudyStore over SQLite, study settings load/save,
// and the replay consistency check.
//
// Ownership: a CollectionStore refers to a Collection that must outlive it. Not thread-safe (the
// collection is not). Errors: the collection's StorageError, unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/study/consistency.h"
#include "app/study/settings.h"
#include "app/study/study_store.h"
#include "storage/collection.h"

namespace mondo::study {

class CollectionStore final : public StudyStore {
  public:
    explicit CollectionStore(storage::Collection& collection) : collection_(collection) {}
    // Only the questions of one source (the Library's choice); empty: every source.
    CollectionStore(storage::Collection& collection, std::string source_id)
        : collection_(collection), source_id_(std::move(source_id)) {}

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

  private:
    storage::Collection& collection_;
    std::string source_id_;
};

// The study settings stored in the collection (defaults for absent or invalid values; see
// SettingsFromValues). `utc_offset_at` is left empty: the app sets the local zone.
Expected<StudySettings, StorageError> LoadSettings(storage::Collection& collection);
// Stores the persisted fields in one transaction. Precondition (asserted): Validate(settings) is
// empty — the Settings screen validates first and shows the problems.
Expected<Ok, StorageError> SaveSettings(storage::Collection& collection,
                                        const StudySettings& settings);

// The study items of a collection (for the Settings screen's EstimateLoad, Browse counts…).
Expected<std::vector<StudyItem>, StorageError> LoadStudyItems(storage::Collection& collection);

// CheckReplayConsistency (consistency.h) over the collection's cards and whole review log.
// Errors: the collection's.
Expected<std::vector<ReplayMismatch>, StorageError> CheckReplayConsistency(
    storage::Collection& collection, const StudySettings& settings);

// The same check as storage's hook for `mondo check` (storage::CheckCollection(path, hook)),
// with the settings stored in the collection as the check read them (SettingsFromValues) and
// `utc_offset_at` as the zone: each mismatch becomes a CheckProblem.
storage::ReplayCheck MakeReplayCheck(std::function<std::int32_t(std::int64_t)> utc_offset_at);

}  // namespace mondo::study
