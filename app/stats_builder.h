// Statistics of a collection, computed once from its review log and cards (never per frame):
// the Stats screen's view model and `mondo stats`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/sched/scheduler.h"
#include "app/study/settings.h"
#include "app/study/study_store.h"
#include "app/ui/stats_screen.h"
#include "content/interview.h"
#include "storage/collection.h"

namespace mondo::app {

// What statistics need of one review.
struct ReviewFact {
    std::string question_id;
    std::int64_t time_ms = 0;
    int rating = 3;  // 1..4
    std::int64_t duration_ms = 0;
    sched::CardState state_before = sched::CardState::kNew;
    int interval_before_days = 0;  // the card's scheduled interval when it was reviewed
};

std::vector<ReviewFact> ReviewFactsOf(const std::vector<storage::ReviewRow>& log);

// Days are the collection's days (settings.day_start_hour, local time); `history` covers the last
// 365 days ending today, `forecast` the next 30 days from today.
StatsViewModel BuildStats(const std::vector<ReviewFact>& reviews,
                          const std::vector<study::StudyItem>& items,
                          const content::Interview& interview, const study::StudySettings& settings,
                          std::int64_t now);

// `mondo stats` output: readable text, or one JSON object.
std::string FormatStatsText(const StatsViewModel& stats);
std::string FormatStatsJson(const StatsViewModel& stats);

}  // namespace mondo::app
