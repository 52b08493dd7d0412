// Stats: the collection's aggregates (LoadStats); studying a weak exchange from it.
#include "app/app_controller.h"
#include "app/stats_builder.h"

namespace mondo::app {

void AppController::Apply(const StatsIntent& intent) {
    switch (intent.kind) {
        case StatsIntent::Kind::kNone:
            return;
        case StatsIntent::Kind::kStudy:
            Navigate(Screen::kStudy);
            return;
        case StatsIntent::Kind::kStudyExchange:
            // The exchanges listed are those of the interview shown (InterviewOf).
            StudyScope(
                study::QueueScope::Exchange(intent.exchange, InterviewOf(chosen_source_).source_id),
                "this exchange");
            return;
    }
}

void AppController::RefreshStats() {
    auto stats = LoadStats(collection_, InterviewOf(chosen_source_), settings_, NowSeconds());
    if (!stats) {
        Fail("cannot read the statistics", stats.error().message);
        return;
    }
    stats_ = std::move(*stats);
}

}  // namespace mondo::app
