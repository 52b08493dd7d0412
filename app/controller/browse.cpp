// Browse: every question with its state and due date, a search key, and the selected one's
// review history; suspending, flagging and studying from the list.
#include <map>
#include <string>
#include <utility>

#include "app/app_controller.h"
#include "app/local_time.h"
#include "app/study/grading.h"
#include "content/japanese_text.h"

namespace mondo::app {

void AppController::Apply(const BrowseIntent& intent) {
    using Kind = BrowseIntent::Kind;
    switch (intent.kind) {
        case Kind::kNone:
            return;
        case Kind::kSelect:
            RefreshBrowseHistory();
            return;
        case Kind::kSetSuspended:
            if (session_) {
                if (auto done =
                        session_->SetSuspended(intent.question_id, intent.value, NowSeconds());
                    !done) {
                    Fail("cannot change suspension", done.error().message);
                    return;
                }
                Refresh();
            }
            return;
        case Kind::kSetFlagged:
            if (session_) {
                if (auto done = session_->SetFlag(intent.question_id, intent.value ? 1 : 0);
                    !done) {
                    Fail("cannot flag", done.error().message);
                    return;
                }
                Refresh();
            }
            return;
        case Kind::kStudyQuestion:
            StudyScope(study::QueueScope::Selection({intent.question_id}), "this question");
            return;
        case Kind::kStudyExchange:
            StudyScope(study::QueueScope::Exchange(intent.exchange, SourceOf(intent.question_id)),
                       "this exchange");
            return;
        case Kind::kOpenInRead:
            if (const std::string source = SourceOf(intent.question_id);
                !source.empty() && source != read_source_) {
                read_source_ = source;
                RefreshRead();
            }
            for (std::size_t i = 0; i < read_.exchanges.size(); ++i) {
                if (read_.exchanges[i].index == intent.exchange)
                    read_ui_.selected = static_cast<int>(i);
            }
            read_ui_.scroll_to_selected = true;
            screen_ = Screen::kRead;
            return;
    }
}

std::string AppController::SourceOf(const std::string& question_id) const {
    // Question ids begin with their source's id (content::GenerateQuestions).
    for (const auto& source : sources_) {
        if (question_id.rfind(source.id + "-", 0) == 0) return source.id;
    }
    return {};
}

void AppController::RefreshBrowse() {
    BrowseViewModel model;
    // Sections are numbered per source: with all sources chosen the section filter has none.
    if (!chosen_source_.empty()) {
        for (const auto& section : InterviewOf(chosen_source_).sections)
            model.sections.push_back(section.title);
    }
    std::map<std::pair<std::string, int>, std::string> question_of_exchange;
    for (const auto& [id, interview] : interviews_) {
        for (const auto& exchange : interview.exchanges)
            question_of_exchange[{id, exchange.index}] = exchange.question;
    }
    const std::int64_t now = NowSeconds();
    const sched::DayBoundary boundary = settings_.MakeDayBoundary();
    const std::int64_t today = boundary.DayNumber(now);
    // Every question of the collection, read when Browse is shown (the session holds only
    // today's).
    auto items = collection_.LoadStudyItems(chosen_source_);
    if (!items) {
        Fail("cannot read the questions", items.error().message);
    } else {
        for (const auto& item : *items) {
            BrowseRow row;
            row.id = item.question.id;
            row.kind = item.question.kind;
            row.exchange = item.question.exchange.value_or(0);
            row.section = row.exchange > 0 && !chosen_source_.empty() ? item.section : 0;
            row.prompt = item.question.prompt;
            row.answer = item.question.answer;
            row.choices = item.question.choices;
            std::string searchable = row.prompt + " " + row.answer;
            for (const auto& choice : row.choices) searchable += " " + choice;
            if (row.exchange > 0)
                searchable += " " + question_of_exchange[{item.source_id, row.exchange}];
            row.search_key = content::Fold(searchable);
            row.state = item.card.state;
            if (item.card.state != sched::CardState::kNew) {
                const std::int64_t days = boundary.DayNumber(item.card.due) - today;
                row.due = days < 0    ? "overdue " + std::to_string(-days) + "d"
                          : days == 0 ? "today"
                                      : "in " + std::to_string(days) + "d";
                row.due_order = static_cast<double>(item.card.due);
                row.stability = item.card.memory.stability;
                row.difficulty = item.card.memory.difficulty;
            }
            row.reviews = item.card.reps;
            row.lapses = item.card.lapses;
            row.flagged = item.flag != 0;
            row.suspended = item.suspended;
            model.rows.push_back(std::move(row));
        }
    }
    model.revision = ++browse_revision_;
    browse_ = std::move(model);
    RefreshBrowseHistory();
}

void AppController::RefreshBrowseHistory() {
    const std::string& id = browse_ui_.selected_id;
    browse_.history.clear();
    browse_.history_id = id;
    if (id.empty()) return;
    auto log = collection_.LoadReviewLog(id);
    if (!log) {
        Fail("cannot read the question's history", log.error().message);
        return;
    }
    for (auto it = log->rbegin(); it != log->rend(); ++it) {
        BrowseReview review;
        const std::int64_t seconds = it->time_ms / 1000;
        review.time = LocalDateTime(seconds);
        review.rating = static_cast<int>(it->rating);
        review.interval =
            it->card_after.scheduled_days > 0
                ? study::FormatInterval(static_cast<std::int64_t>(it->card_after.scheduled_days) *
                                        86400)
                : study::FormatInterval(it->card_after.due - seconds);
        review.answer = it->answer_given;
        review.seconds = static_cast<double>(it->duration_ms) / 1000.0;
        browse_.history.push_back(std::move(review));
    }
}

}  // namespace mondo::app
