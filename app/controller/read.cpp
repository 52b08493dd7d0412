// Read: the interview with each exchange's mastery; studying one exchange.
#include "app/app_controller.h"
#include "content/arguments.h"

namespace mondo::app {

void AppController::Apply(const ReadIntent& intent) {
    switch (intent.kind) {
        case ReadIntent::Kind::kNone:
            return;
        case ReadIntent::Kind::kStudyExchange:
            StudyScope(study::QueueScope::Exchange(intent.exchange, read_source_), "this exchange");
            return;
        case ReadIntent::Kind::kNextSource:
        case ReadIntent::Kind::kPreviousSource: {
            if (sources_.size() < 2) return;
            std::size_t at = 0;
            for (std::size_t i = 0; i < sources_.size(); ++i) {
                if (sources_[i].id == read_source_) at = i;
            }
            const std::size_t n = sources_.size();
            at = intent.kind == ReadIntent::Kind::kNextSource ? (at + 1) % n : (at + n - 1) % n;
            // With one source chosen, reading another chooses it (its mastery is then at hand);
            // with all chosen, every source's is.
            if (!chosen_source_.empty()) Choose(sources_[at].id);
            read_source_ = sources_[at].id;
            read_ui_ = ReadUiState{};
            Refresh();
            return;
        }
    }
}

void AppController::RefreshRead() {
    ReadViewModel model;
    const content::Interview& interview = InterviewOf(read_source_);
    model.title = interview.title;
    model.profile = interview.profile;
    model.sections = interview.sections;
    model.ruby = interview.ruby;
    model.source_count = static_cast<int>(sources_.size());
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        if (sources_[i].id == interview.source_id) model.source_number = static_cast<int>(i) + 1;
    }
    for (const auto& exchange : interview.exchanges) {
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
