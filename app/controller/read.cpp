// Read: the interview with each exchange's mastery; studying one exchange.
#include "app/app_controller.h"
#include "content/arguments.h"

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
        // Each sentence's role, at its offset in the answer (sentences are found in order).
        std::size_t from = 0;
        for (const auto& sentence :
             content::AnalyseArguments(exchange.answer, exchange.question).sentences) {
            const std::size_t at = exchange.answer.find(sentence.text, from);
            if (at == std::string::npos) continue;
            view.roles.push_back(ReadSentenceRole{at, sentence.role});
            from = at + sentence.text.size();
        }
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
