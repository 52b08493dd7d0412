// FSRS parameters fitted to a collection's own review log: the training items of its log (days
// counted with the collection's day start and the given local time), for sched::Optimize.
#pragma once

#include "app/sched/optimizer.h"
#include "app/study/settings.h"
#include "storage/collection.h"

namespace mondo::study {

struct CollectionTrainingData {
    sched::TrainingItems items;
    std::size_t reviews = 0;  // rows of the review log
    std::size_t cards = 0;    // questions with at least one review
};

// The training items of the whole review log. Days follow `settings.MakeDayBoundary()` (its day
// start hour and UTC offset). Errors: the collection's.
Expected<CollectionTrainingData, storage::StorageError> LoadTrainingData(
    storage::Collection& collection, const StudySettings& settings);

// Every reviewed card's memory (stability, difficulty) replayed from its log with `parameters`:
// each card's reviews in time order through the FSRS-6 memory model, with the elapsed days stored
// with each review (what it was scheduled with), never days counted by today's day start or zone:
// `mondo check` replays the same way, so a later change of either is no false alarm.
std::vector<std::pair<std::string, sched::MemoryState>> ReplayMemories(
    const std::vector<storage::ReviewRow>& log, const sched::Parameters& parameters);

// Applies `next` as the collection's FSRS parameters at `now_ms`: every reviewed card's memory
// is recomputed from its log with them (due dates and everything else stay), the parameters and
// the change (settings.parameter_history; the first change also records the parameters before
// it) are saved, all in ONE transaction. `settings` is updated to match on success. Returns the
// number of cards recomputed. Errors: the collection's.
Expected<std::size_t, storage::StorageError> ApplyParameters(storage::Collection& collection,
                                                             StudySettings& settings,
                                                             const sched::Parameters& next,
                                                             std::int64_t now_ms);

// The parameters in effect before the last change, if there was one (what "undo" puts back:
// ApplyParameters with them, which is itself recorded as a change).
std::optional<sched::Parameters> PreviousParameters(const StudySettings& settings);

}  // namespace mondo::study
