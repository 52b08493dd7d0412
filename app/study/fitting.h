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

}  // namespace mondo::study
