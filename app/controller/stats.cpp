// Stats: the review log summarised by BuildStats; studying a weak exchange from it.
#include "app/app_controller.h"
#include "app/stats_builder.h"
#include "app/study/collection_store.h"

namespace mondo::app {

void AppController::Apply(const StatsIntent& intent) {
    switch (intent.kind) {
        case StatsIntent::Kind::kNone:
            return;
        case StatsIntent::Kind::kStudy:
            Navigate(Screen::kStudy);
            return;
        case StatsIntent::Kind::kStudyExchange:
            StudyScope(study::QueueScope::Exchange(intent.exchange), "this exchange");
            return;
    }
}

void AppController::RefreshStats() {
    auto log = collection_.LoadReviewLog();
    if (!log) {
        Fail("cannot read the review log", log.error().message);
        return;
    }
    const std::vector<study::StudyItem> no_items;
    stats_ = BuildStats(ReviewFactsOf(*log), session_ ? session_->items() : no_items, interview_,
                        settings_, NowSeconds());
}

}  // namespace mondo::app
