#include "app/study/progress.h"

namespace mondo::study {

void ProgressFigures::Add(const ProgressFigures& other) {
    questions += other.questions;
    seen += other.seen;
    learned += other.learned;
    due += other.due;
    mastery_sum += other.mastery_sum;
}

storage::ProgressClock MakeProgressClock(const StudySettings& settings, std::int64_t now) {
    const std::int32_t utc_offset =
        settings.utc_offset_at ? settings.utc_offset_at(now) : settings.utc_offset_seconds;
    return storage::ProgressClock{
        .now = now,
        .day_offset_seconds =
            static_cast<std::int64_t>(utc_offset) - std::int64_t{settings.day_start_hour} * 3600,
        .parameters = settings.parameters};
}

namespace {

ProgressFigures FiguresOf(const storage::ExchangeProgress& row) {
    return ProgressFigures{.questions = row.questions,
                           .seen = row.seen,
                           .learned = row.learned,
                           .due = row.due,
                           .mastery_sum = row.mastery_sum};
}

// Adds `source_id`'s exchanges to `progress` (source, sections, exchanges).
Expected<Ok, storage::StorageError> AddSourceExchanges(storage::Collection& collection,
                                                       const storage::ProgressClock& clock,
                                                       const std::string& source_id,
                                                       Progress& progress) {
    auto rows = collection.ProgressByExchange(clock, source_id);
    if (!rows) return Unexpected(std::move(rows).error());
    for (const storage::ExchangeProgress& row : *rows) {
        const ProgressFigures figures = FiguresOf(row);
        progress.source.Add(figures);
        progress.sections[row.section].Add(figures);
        progress.exchanges[row.exchange].Add(figures);
    }
    return Ok{};
}

}  // namespace

Expected<Progress, storage::StorageError> LoadProgress(storage::Collection& collection,
                                                       const std::string& source_id,
                                                       const StudySettings& settings,
                                                       std::int64_t now) {
    const storage::ProgressClock clock = MakeProgressClock(settings, now);
    auto sources = collection.ProgressBySource(clock);
    if (!sources) return Unexpected(std::move(sources).error());
    Progress progress;
    for (const storage::ExchangeProgress& row : *sources) {
        const ProgressFigures figures = FiguresOf(row);
        progress.collection.Add(figures);
        progress.by_source[row.source_id].Add(figures);
    }
    if (source_id.empty()) return progress;
    // The chosen source's exchanges only: the other sources' are summed in storage.
    MONDO_TRY(AddSourceExchanges(collection, clock, source_id, progress));
    return progress;
}

Expected<Progress, storage::StorageError> LoadSourceProgress(storage::Collection& collection,
                                                             const std::string& source_id,
                                                             const StudySettings& settings,
                                                             std::int64_t now) {
    Progress progress;
    if (source_id.empty()) return progress;
    MONDO_TRY(
        AddSourceExchanges(collection, MakeProgressClock(settings, now), source_id, progress));
    return progress;
}

}  // namespace mondo::study
