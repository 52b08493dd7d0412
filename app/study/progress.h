// Progress as every screen and `mondo stats` show it: storage's rows per exchange (the ONE
// definition of learned, mastery and due, in storage/collection.h) summed per section, per source
// and over the collection. Home, Read, Browse, Stats and `mondo stats` read these figures and
// compute none of their own, so they cannot disagree.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/study/settings.h"
#include "content/expected.h"
#include "storage/collection.h"

namespace mondo::study {

// The figures of one group of questions (an exchange, a section, a source, the collection).
struct ProgressFigures {
    int questions = 0;  // counted: active and unsuspended
    int seen = 0;       // reviewed at least once (not new)
    int learned = 0;    // in the review state
    int due = 0;        // not new, due before the end of today
    double mastery_sum = 0.0;

    // 0..1: the mean over the questions of a learned card's retrievability (0 for the others);
    // never above learned / questions.
    double mastery() const { return questions > 0 ? mastery_sum / questions : 0.0; }
    void Add(const ProgressFigures& other);
};

struct Progress {
    ProgressFigures collection;  // every source
    ProgressFigures source;      // the chosen source
    // Of the chosen source: by section index (0: profile questions and exchanges without one) and
    // by exchange number (0: profile questions).
    std::map<int, ProgressFigures> sections;
    std::map<int, ProgressFigures> exchanges;
    // Every source's figures, by source id (the Library's rows, Home's with all sources chosen).
    std::map<std::string, ProgressFigures> by_source;
};

// The clock storage computes progress with: `now`, the settings' day start in the local zone
// (the offset in effect at `now`) and the settings' FSRS parameters.
storage::ProgressClock MakeProgressClock(const StudySettings& settings, std::int64_t now);

// Progress of the collection and of `source_id` (empty: no source is chosen; sections and
// exchanges stay empty). Two reads of the summaries storage keeps (per source, and the chosen
// source's exchanges).
Expected<Progress, storage::StorageError> LoadProgress(storage::Collection& collection,
                                                       const std::string& source_id,
                                                       const StudySettings& settings,
                                                       std::int64_t now);
// Of `source_id` only: `source`, `sections` and `exchanges` (one read of its exchanges; the
// collection's figures and `by_source` stay empty; all empty for an empty id). For the Stats
// screen's rows of every source, after one LoadProgress.
Expected<Progress, storage::StorageError> LoadSourceProgress(storage::Collection& collection,
                                                             const std::string& source_id,
                                                             const StudySettings& settings,
                                                             std::int64_t now);

}  // namespace mondo::study
