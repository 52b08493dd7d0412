// Statistics of a collection, computed when asked (never per frame): the Stats screen's view
// model and `mondo stats`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/sched/scheduler.h"
#include "app/study/settings.h"
#include "app/ui/stats_screen.h"
#include "content/interview.h"
#include "storage/collection.h"

namespace mondo::app {

// The Stats screen's and `mondo stats`'s figures, read from the collection's aggregates (SQL over
// the summaries kept beside the log, never the whole log): reviews and time per day, true
// retention, the due forecast, and progress (study/progress.h: the one definition of learned,
// mastery and due). Days are the collection's days (settings.day_start_hour, the local offset at
// `now`); `history` covers the last 365 days ending today, `forecast` the next 30 days from today.
//
// With StatsScope::kCollection every figure but mastery (reviews, time, streaks, retention,
// forecast, totals) is the whole collection's, reviews of retired questions and sources included;
// `interviews` are the sources shown (the sources not retired, in import order): their sections
// and exchanges one source after the other, and with more than one a mastery row per source
// (StatsViewModel::sources). With kSource every figure is the one source's in `interviews` (the
// Stats screen with one source chosen, `mondo stats --source`).
enum class StatsScope { kCollection, kSource };
Expected<StatsViewModel, storage::StorageError> LoadStats(
    storage::Collection& collection, const std::vector<const content::Interview*>& interviews,
    const study::StudySettings& settings, std::int64_t now, StatsScope scope);
// The same with one interview.
Expected<StatsViewModel, storage::StorageError> LoadStats(
    storage::Collection& collection, const content::Interview& interview,
    const study::StudySettings& settings, std::int64_t now,
    StatsScope scope = StatsScope::kCollection);

// A source as `mondo stats --json` lists it under "sources" (figures from study/progress.h).
struct SourceSummary {
    std::string title;
    int exchanges = 0;
    std::string id;
    int questions = 0;
    int learned = 0;
    double mastery = 0.0;
    int due_today = 0;
    std::string added;     // "YYYY-MM-DD" (local) of its first import
    bool retired = false;  // retired: its questions count nowhere (figures 0)
};

// `mondo stats` output: readable text, or one JSON object (with "sources" when given).
std::string FormatStatsText(const StatsViewModel& stats);
std::string FormatStatsJson(const StatsViewModel& stats,
                            const std::vector<SourceSummary>& sources = {});

}  // namespace mondo::app
