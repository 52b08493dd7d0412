// Home: the overview — due counts, sections and their mastery, today's work and the streak.
#include <set>
#include <string>
#include <utility>

#include "app/app_controller.h"
#include "app/study/grading.h"
#include "app/study/progress.h"

namespace mondo::app {

void AppController::Apply(HomeIntent intent) {
    switch (intent) {
        case HomeIntent::kNone:
            return;
        case HomeIntent::kStudy:
            Navigate(Screen::kStudy);
            return;
        case HomeIntent::kRead:
            Navigate(Screen::kRead);
            return;
        case HomeIntent::kBrowse:
            Navigate(Screen::kBrowse);
            return;
        case HomeIntent::kStats:
            Navigate(Screen::kStats);
            return;
        case HomeIntent::kLibrary:
            Navigate(Screen::kLibrary);
            return;
        case HomeIntent::kDismissIntro:
            first_run_ = false;
            RefreshHome();
            return;
    }
}

void AppController::RefreshHome() {
    HomeViewModel model;
    model.source_title = chosen_source_.empty() && sources_.size() > 1
                             ? "All sources (" + std::to_string(sources_.size()) + ")"
                             : InterviewOf(chosen_source_).title;
    model.first_run = first_run_;
    if (!session_) {
        home_ = std::move(model);
        return;
    }
    const auto counts = session_->Counts();
    model.due_now = counts.review + counts.learning;
    model.new_today = counts.new_count;
    const std::int64_t now = NowSeconds();
    // Progress from the collection's aggregates (the one definition of learned and mastery,
    // study/progress.h): one source chosen, its totals and a row per section; all chosen, the
    // collection's totals and a row per source (the Library's figures).
    const bool by_source = chosen_source_.empty() && sources_.size() > 1;
    model.rows_are_sources = by_source;
    const auto row_of = [](HomeSectionRow row, const study::ProgressFigures& figures) {
        row.questions = figures.questions;
        row.learned = figures.learned;
        row.mastery = figures.mastery();
        return row;
    };
    if (progress_) {
        const study::ProgressFigures& totals =
            chosen_source_.empty() ? progress_->collection : progress_->source;
        model.total_questions = totals.questions;
        model.learned = totals.learned;
        if (by_source) {
            for (std::size_t i = 0; i < sources_.size(); ++i) {
                HomeSectionRow row{static_cast<int>(i) + 1, InterviewOf(sources_[i].id).title, 0, 0,
                                   0.0};
                const auto it = progress_->by_source.find(sources_[i].id);
                model.sections.push_back(
                    it == progress_->by_source.end() ? row : row_of(row, it->second));
            }
        } else {
            for (const auto& section : InterviewOf(chosen_source_).sections) {
                HomeSectionRow row{section.index, section.title, 0, 0, 0.0};
                const auto it = progress_->sections.find(section.index);
                model.sections.push_back(it == progress_->sections.end() ? row
                                                                         : row_of(row, it->second));
            }
        }
    }
    if (model.due_now == 0) {
        if (auto next_due = collection_.NextDue(); next_due && *next_due && **next_due > now)
            model.next_due = FormatWait(**next_due - now);
    }
    // Today's work and the streak come from the log (earlier sessions count too), one query.
    const std::int64_t offset =
        LocalUtcOffset(now) - static_cast<std::int64_t>(settings_.day_start_hour) * 3600;
    const std::int64_t today = (now + offset) / 86400;
    if (auto days = collection_.ReviewsPerDay(today - 3660, today, offset); days) {
        std::set<std::int64_t> studied;
        for (const auto& day : *days) {
            studied.insert(day.day);
            if (day.day != today) continue;
            model.reviews_today = day.count[0] + day.count[1] + day.count[2] + day.count[3];
            model.minutes_today = static_cast<double>(day.studied_ms) / 60000.0;
        }
        std::int64_t day = studied.count(today) ? today : today - 1;
        while (studied.count(day)) {
            ++model.streak_days;
            --day;
        }
    }
    home_ = std::move(model);
}

}  // namespace mondo::app
