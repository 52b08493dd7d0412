#include "app/study/fitting.h"

#include <unordered_map>

namespace mondo::study {

Expected<CollectionTrainingData, storage::StorageError> LoadTrainingData(
    storage::Collection& collection, const StudySettings& settings) {
    auto rows = collection.LoadReviewLog();
    if (!rows) return Unexpected(std::move(rows).error());
    std::unordered_map<std::string, std::int64_t> card_ids;
    std::vector<sched::ReviewLogEntry> log;
    log.reserve(rows->size());
    for (const storage::ReviewRow& row : *rows) {
        const auto next_id = static_cast<std::int64_t>(card_ids.size());
        const std::int64_t card_id = card_ids.try_emplace(row.question_id, next_id).first->second;
        log.push_back({card_id, row.rating, row.time_ms, row.duration_ms});
    }
    CollectionTrainingData data;
    data.items = sched::BuildTrainingItems(log, settings.MakeDayBoundary());
    data.reviews = rows->size();
    data.cards = card_ids.size();
    return data;
}

}  // namespace mondo::study
