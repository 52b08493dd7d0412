#include "app/study/fitting.h"

#include <algorithm>
#include <map>
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

std::vector<std::pair<std::string, sched::MemoryState>> ReplayMemories(
    const std::vector<storage::ReviewRow>& log, const sched::Parameters& parameters) {
    std::map<std::string, std::vector<const storage::ReviewRow*>> by_question;
    for (const storage::ReviewRow& row : log) by_question[row.question_id].push_back(&row);
    std::vector<std::pair<std::string, sched::MemoryState>> memories;
    memories.reserve(by_question.size());
    for (auto& [id, rows] : by_question) {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto* a, const auto* b) { return a->time_ms < b->time_ms; });
        std::optional<sched::MemoryState> memory;
        for (const storage::ReviewRow* row : rows) {
            const int elapsed = memory ? row->elapsed_days : 0;
            memory = sched::NextMemoryState(parameters, memory, elapsed, row->rating);
        }
        memories.emplace_back(id, *memory);
    }
    return memories;
}

Expected<std::size_t, storage::StorageError> ApplyParameters(storage::Collection& collection,
                                                             StudySettings& settings,
                                                             const sched::Parameters& next,
                                                             std::int64_t now_ms) {
    auto log = collection.LoadReviewLog();
    if (!log) return Unexpected(std::move(log).error());
    StudySettings updated = settings;
    if (updated.parameter_history.empty()) {
        updated.parameter_history.push_back({0, settings.parameters});
    }
    updated.parameter_history.push_back({now_ms, next});
    updated.parameters = next;
    const auto memories = ReplayMemories(*log, next);
    const auto values = SettingsToValues(updated);
    std::map<std::string, std::string> changed = {
        {std::string(kKeyFsrsParameters), values.at(std::string(kKeyFsrsParameters))},
        {std::string(kKeyFsrsParameterHistory), values.at(std::string(kKeyFsrsParameterHistory))}};
    if (auto saved = collection.UpdateMemoryStates(memories, changed); !saved) {
        return Unexpected(std::move(saved).error());
    }
    settings = std::move(updated);
    return memories.size();
}

std::optional<sched::Parameters> PreviousParameters(const StudySettings& settings) {
    const auto& history = settings.parameter_history;
    if (history.size() < 2) return std::nullopt;
    return history[history.size() - 2].parameters;
}

}  // namespace mondo::study
