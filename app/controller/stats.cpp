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
            // The exchanges listed are the source shown, or every source (RefreshStats).
            StudyScope(study::QueueScope::Exchange(intent.exchange,
                                                   intent.source_id.empty()
                                                       ? InterviewOf(chosen_source_).source_id
                                                       : intent.source_id),
                       "this exchange");
            return;
    }
}

void AppController::RefreshStats() {
    // One source chosen: every figure is that source's; all chosen: the collection's, with the
    // mastery of every source not retired (per source, then each one's sections and exchanges).
    std::vector<const content::Interview*> shown;
    if (chosen_source_.empty()) {
        for (const storage::SourceRecord& source : sources_)
            shown.push_back(&InterviewOf(source.id));
    }
    if (shown.empty()) shown.push_back(&InterviewOf(chosen_source_));
    auto stats = LoadStats(collection_, shown, settings_, NowSeconds(),
                           chosen_source_.empty() ? StatsScope::kCollection : StatsScope::kSource);
    if (!stats) {
        Fail("cannot read the statistics", stats.error().message);
        return;
    }
    stats_ = std::move(*stats);
    stats_.showing = chosen_source_.empty() ? "all sources" : InterviewOf(chosen_source_).title;
}

}  // namespace mondo::app
