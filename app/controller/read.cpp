// Read: the interview with each exchange's mastery; studying one exchange.
#include "app/app_controller.h"

namespace mondo::app {

void AppController::Apply(const ReadIntent& intent) {
    if (intent.kind != ReadIntent::Kind::kStudyExchange) return;
    StudyScope(study::QueueScope::Exchange(intent.exchange), "this exchange");
}

void AppController::RefreshRead() {
    ReadViewModel model;
    model.title = interview_.title;
    model.profile = interview_.profile;
    model.sections = interview_.sections;
    model.ruby = interview_.ruby;
    for (const auto& exchange : interview_.exchanges) {
        ReadExchangeView view;
        view.index = exchange.index;
        view.section = exchange.section;
        view.question = exchange.question;
        view.answer = exchange.answer;
        view.notes = exchange.notes;
        model.exchanges.push_back(std::move(view));
    }
    // Progress from the collection's aggregates (study/progress.h), as every screen shows it.
    if (progress_) {
        for (auto& view : model.exchanges) {
            const auto it = progress_->exchanges.find(view.index);
            if (it == progress_->exchanges.end()) continue;
            view.questions = it->second.questions;
            view.reviewed = it->second.seen;
            view.learned = it->second.learned;
            view.mastery = it->second.mastery();
        }
    }
    read_ = std::move(model);
}

}  // namespace mondo::app
