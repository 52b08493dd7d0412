#include "app/study/collection_store.h"

#include <cassert>

#include "app/study/session.h"

namespace mondo::study {
namespace {

sched::CardState StateOf(storage::CardState state) {
    switch (state) {
        case storage::CardState::kLearning:
            return sched::CardState::kLearning;
        case storage::CardState::kReview:
            return sched::CardState::kReview;
        case storage::CardState::kRelearning:
            return sched::CardState::kRelearning;
        case storage::CardState::kNew:
            break;
    }
    return sched::CardState::kNew;  // kNew, or a damaged value: start again
}

storage::CardState StoredState(sched::CardState state) {
    return static_cast<storage::CardState>(static_cast<int>(state));
}

sched::Card CardFrom(const storage::Card& s) {
    sched::Card card;
    card.state = StateOf(s.state);
    card.memory = {s.stability, s.difficulty};
    card.due = s.due;
    card.step = s.step;
    card.reps = s.reps;
    card.lapses = s.lapses;
    card.last_review = s.last_review.value_or(0);
    card.scheduled_days = s.scheduled_days;
    return card;
}

storage::Card StoredCard(const sched::Card& card) {
    storage::Card s;
    s.state = StoredState(card.state);
    s.stability = card.memory.stability;
    s.difficulty = card.memory.difficulty;
    s.due = card.due;
    s.step = card.step;
    s.reps = card.reps;
    s.lapses = card.lapses;
    if (card.state != sched::CardState::kNew || card.reps > 0) s.last_review = card.last_review;
    s.scheduled_days = card.scheduled_days;
    return s;
}

StudyItem ItemFrom(storage::StudyItem&& stored) {
    StudyItem item;
    item.question = std::move(stored.question);
    item.card = CardFrom(stored.card);
    item.suspended = stored.suspended;
    item.flag = stored.flag;
    item.order = stored.order;
    return item;
}

ReviewRecord RecordFrom(const storage::ReviewRow& row) {
    ReviewRecord record;
    record.question_id = row.question_id;
    record.time_ms = row.time_ms;
    record.rating = sched::IsValidRating(row.rating) ? static_cast<sched::Rating>(row.rating)
                                                     : sched::Rating::kAgain;
    record.answer_given = row.answer_given;
    record.correct = row.correct;
    record.elapsed_days = row.elapsed_days;
    record.scheduled_days = row.scheduled_days;
    record.state_before = StateOf(row.state_before);
    record.state_after = StateOf(row.state_after);
    record.duration_ms = row.duration_ms;
    record.session_id = row.session_id;
    record.card_before = CardFrom(row.card_before);
    record.card_after = CardFrom(row.card_after);
    return record;
}

}  // namespace

Expected<std::vector<StudyItem>, StorageError> CollectionStore::LoadStudyItems() {
    auto stored = collection_.LoadStudyItems();
    if (!stored) return Unexpected(stored.error());
    std::vector<StudyItem> items;
    items.reserve(stored->size());
    for (storage::StudyItem& item : *stored) items.push_back(ItemFrom(std::move(item)));
    return items;
}

Expected<std::vector<StudyItem>, StorageError> CollectionStore::LoadTodayItems(
    std::int64_t due_before, int new_limit) {
    auto stored = collection_.LoadDueItems(due_before, new_limit);
    if (!stored) return Unexpected(stored.error());
    std::vector<StudyItem> items;
    items.reserve(stored->size());
    for (storage::StudyItem& item : *stored) items.push_back(ItemFrom(std::move(item)));
    return items;
}

Expected<DayCounts, StorageError> CollectionStore::CountReviewsSince(
    std::int64_t since_unix_seconds) {
    auto counts = collection_.CountReviewsSince(since_unix_seconds);
    if (!counts) return Unexpected(counts.error());
    return DayCounts{counts->new_introduced, counts->reviews_done};
}

Expected<std::int64_t, StorageError> CollectionStore::RecordReview(const ReviewRecord& review) {
    storage::ReviewRow row;
    row.question_id = review.question_id;
    row.time_ms = review.time_ms;
    row.rating = static_cast<int>(review.rating);
    row.answer_given = review.answer_given;
    row.correct = review.correct;
    row.elapsed_days = review.elapsed_days;
    row.scheduled_days = review.scheduled_days;
    row.state_before = StoredState(review.state_before);
    row.state_after = StoredState(review.state_after);
    row.duration_ms = review.duration_ms;
    row.session_id = review.session_id;
    row.card_before = StoredCard(review.card_before);
    row.card_after = StoredCard(review.card_after);
    return collection_.RecordReview(row);
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
    auto rows = collection.LoadReviewLog();
    if (!rows) return Unexpected(rows.error());
    std::vector<ReviewRecord> log;
    log.reserve(rows->size());
    for (const storage::ReviewRow& row : *rows) log.push_back(RecordFrom(row));
    return CheckReplayConsistency(*items, log, settings);
}

storage::ReplayCheck MakeReplayCheck(StudySettings settings) {
    return [settings = std::move(settings)](const std::vector<storage::StudyItem>& stored_items,
                                            const std::vector<storage::ReviewRow>& rows) {
        std::vector<StudyItem> items;
        items.reserve(stored_items.size());
        for (storage::StudyItem item : stored_items) items.push_back(ItemFrom(std::move(item)));
        std::vector<ReviewRecord> log;
        log.reserve(rows.size());
        for (const storage::ReviewRow& row : rows) log.push_back(RecordFrom(row));
        std::vector<storage::CheckProblem> problems;
        for (ReplayMismatch& mismatch : CheckReplayConsistency(items, log, settings)) {
            problems.push_back({std::move(mismatch.question_id), std::move(mismatch.message)});
        }
        return problems;
    };
}

}  // namespace mondo::study
