// Read: the interview with each exchange's mastery; studying one exchange.
#include <map>

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
    std::map<int, ReadExchangeView*> by_index;
    for (const auto& exchange : interview_.exchanges) {
        ReadExchangeView view;
        view.index = exchange.index;
        view.section = exchange.section;
        view.question = exchange.question;
        view.answer = exchange.answer;
        view.notes = exchange.notes;
        model.exchanges.push_back(std::move(view));
    }
    for (auto& view : model.exchanges) by_index[view.index] = &view;
    if (session_) {
        const std::int64_t now = NowSeconds();
        const sched::DayBoundary boundary = settings_.MakeDayBoundary();
        for (const auto& item : session_->items()) {
            if (!item.question.exchange) continue;
            const auto it = by_index.find(*item.question.exchange);
            if (it == by_index.end()) continue;
            ReadExchangeView& view = *it->second;
            ++view.questions;
            if (const auto r =
                    sched::RetrievabilityAt(item.card, now, settings_.parameters, boundary)) {
                ++view.reviewed;
                view.mastery += *r;
            }
        }
        // New questions count as 0, so one well-known question does not make an exchange
        // "mastered".
        for (auto& view : model.exchanges) {
            if (view.questions > 0) view.mastery /= view.questions;
        }
    }
    read_ = std::move(model);
}

}  // namespace mondo::app
