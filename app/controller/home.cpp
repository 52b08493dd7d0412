// Home: the overview — due counts, sections and their mastery, today's work and the streak.
#include <map>
#include <optional>
#include <set>

#include "app/app_controller.h"
#include "app/study/grading.h"

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
        case HomeIntent::kDismissIntro:
            first_run_ = false;
            RefreshHome();
            return;
    }
}

void AppController::RefreshHome() {
    HomeViewModel model;
    model.source_title = interview_.title;
    model.first_run = first_run_;
    if (!session_) {
        home_ = std::move(model);
        return;
    }
    const auto counts = session_->Counts();
    model.due_now = counts.review + counts.learning;
    model.new_today = counts.new_count;
    const std::int64_t now = NowSeconds();
    const sched::DayBoundary boundary = settings_.MakeDayBoundary();
    std::map<int, HomeSectionRow> sections;
    for (const auto& section : interview_.sections) {
        sections[section.index] = HomeSectionRow{section.index, section.title, 0, 0, 0.0};
    }
    std::map<int, int> section_of_exchange;
    for (const auto& exchange : interview_.exchanges)
        section_of_exchange[exchange.index] = exchange.section;
    std::map<int, double> retrievability_sum;
    std::optional<std::int64_t> next_due;
    for (const auto& item : session_->items()) {
        if (item.suspended) continue;
        ++model.total_questions;
        const bool learned = item.card.state == sched::CardState::kReview;
        if (learned) ++model.learned;
        if (item.card.state != sched::CardState::kNew && (!next_due || item.card.due < *next_due)) {
            next_due = item.card.due;
        }
        const int section =
            item.question.exchange ? section_of_exchange[*item.question.exchange] : 0;
        auto it = sections.find(section);
        if (it == sections.end()) continue;
        ++it->second.questions;
        if (learned) ++it->second.learned;
        if (const auto r =
                sched::RetrievabilityAt(item.card, now, settings_.parameters, boundary)) {
            retrievability_sum[section] += *r;
        }
    }
    for (auto& [index, row] : sections) {
        row.mastery = row.questions > 0 ? retrievability_sum[index] / row.questions : 0.0;
        model.sections.push_back(row);
    }
    if (model.due_now == 0 && next_due && *next_due > now)
        model.next_due = FormatWait(*next_due - now);
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
