#include "app/study/collection_store.h"

#include <cassert>

#include "app/study/session.h"

namespace mondo::study {

Expected<std::vector<StudyItem>, StorageError> CollectionStore::LoadStudyItems() {
    return collection_.LoadStudyItems(source_id_);
}

Expected<std::vector<StudyItem>, StorageError> CollectionStore::LoadTodayItems(
    std::int64_t due_before, int new_limit, int review_limit) {
    // One source: its questions are few enough to load them all (the queue picks today's).
    if (!source_id_.empty()) return collection_.LoadStudyItems(source_id_);
    return collection_.LoadDueItems(due_before, new_limit, review_limit,
                                    storage::Collection::DueLearning::kOfReturnedExchanges);
}

Expected<std::vector<StudyItem>, StorageError> CollectionStore::LoadDueLearningItems(
    std::int64_t due_before, storage::DueCursor after, int limit) {
    return collection_.LoadDueLearningItems(due_before, after, limit, source_id_);
}

Expected<int, StorageError> CollectionStore::CountDueLearning(std::int64_t due_before) {
    return collection_.CountDueLearning(due_before, source_id_);
}

Expected<DayCounts, StorageError> CollectionStore::CountReviewsSince(
    std::int64_t since_unix_seconds) {
    auto counts = collection_.CountReviewsSince(since_unix_seconds);
    if (!counts) return Unexpected(counts.error());
    return DayCounts{counts->new_introduced, counts->reviews_done, {}};
}

Expected<std::vector<std::string>, StorageError> CollectionStore::QuestionsIntroducedSince(
    std::int64_t since_unix_seconds) {
    return collection_.QuestionsIntroducedSince(since_unix_seconds);
}

Expected<std::int64_t, StorageError> CollectionStore::RecordReview(const ReviewRow& review) {
    return collection_.RecordReview(review);
}

Expected<Ok, StorageError> CollectionStore::UndoReview(std::int64_t review_id) {
    return collection_.UndoReview(review_id);
}

Expected<Ok, StorageError> CollectionStore::SetSuspended(const std::string& question_id,
                                                         bool suspended) {
    return collection_.SetSuspended(question_id, suspended);
}

Expected<Ok, StorageError> CollectionStore::SetFlag(const std::string& question_id, int flag) {
    return collection_.SetFlag(question_id, flag);
}

Expected<std::int64_t, StorageError> CollectionStore::StartSession(std::int64_t now) {
    return collection_.StartSession(now);
}

Expected<Ok, StorageError> CollectionStore::EndSession(std::int64_t session_id, std::int64_t now,
                                                       int reviews, std::int64_t studied_ms) {
    return collection_.EndSession(session_id, now, reviews, studied_ms);
}

Expected<Session, StorageError> Session::Start(storage::Collection& collection,
                                               StudySettings settings, std::int64_t now,
                                               QueueScope scope, LoadMode load) {
    return Start(std::make_unique<CollectionStore>(collection), std::move(settings), now,
                 std::move(scope), load);
}

Expected<StudySettings, StorageError> LoadSettings(storage::Collection& collection) {
    auto values = collection.LoadSettings();
    if (!values) return Unexpected(values.error());
    return SettingsFromValues(*values);
}

Expected<Ok, StorageError> SaveSettings(storage::Collection& collection,
                                        const StudySettings& settings) {
    assert(Validate(settings).empty() && "SaveSettings: validate the settings first");
    return collection.SaveSettings(SettingsToValues(settings));
}

Expected<std::vector<StudyItem>, StorageError> LoadStudyItems(storage::Collection& collection) {
    return CollectionStore(collection).LoadStudyItems();
}

Expected<std::vector<ReplayMismatch>, StorageError> CheckReplayConsistency(
    storage::Collection& collection, const StudySettings& settings) {
    auto items = LoadStudyItems(collection);
    if (!items) return Unexpected(items.error());
    auto log = collection.LoadReviewLog();
    if (!log) return Unexpected(log.error());
    return CheckReplayConsistency(*items, *log, settings);
}

storage::ReplayCheck MakeReplayCheck(std::function<std::int32_t(std::int64_t)> utc_offset_at) {
    return [utc_offset_at = std::move(utc_offset_at)](
               const std::vector<StudyItem>& items, const std::vector<ReviewRow>& log,
               const std::map<std::string, std::string>& values) {
        StudySettings settings = SettingsFromValues(values);
        settings.utc_offset_at = utc_offset_at;
        std::vector<storage::CheckProblem> problems;
        for (ReplayMismatch& mismatch : CheckReplayConsistency(items, log, settings)) {
            problems.push_back({std::move(mismatch.question_id), std::move(mismatch.message)});
        }
        return problems;
    };
}

}  // namespace mondo::study
