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
            // The exchanges listed are those of the interview shown (RefreshStats).
            StudyScope(
                study::QueueScope::Exchange(
                    intent.exchange,
                    InterviewOf(chosen_source_.empty() ? read_source_ : chosen_source_).source_id),
                "this exchange");
            return;
    }
}

void AppController::RefreshStats() {
    // One source chosen: every figure is that source's; all chosen: the collection's (with the
    // sections of the source Read shows).
    auto stats = LoadStats(
        collection_, InterviewOf(chosen_source_.empty() ? read_source_ : chosen_source_), settings_,
        NowSeconds(), chosen_source_.empty() ? StatsScope::kCollection : StatsScope::kSource);
    if (!stats) {
        Fail("cannot read the statistics", stats.error().message);
        return;
    }
    stats_ = std::move(*stats);
    stats_.showing = chosen_source_.empty() ? "all sources" : InterviewOf(chosen_source_).title;
}

}  // namespace mondo::app
