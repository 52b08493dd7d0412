// Settings: validating and saving study settings and preferences, restarting the session when
// the queue changes, and the load estimate per desired retention.
#include <algorithm>

#include "app/app_controller.h"
#include "app/preferences.h"
#include "app/study/collection_store.h"
#include "app/study/simulator.h"

namespace mondo::app {

void AppController::Apply(const SettingsIntent& intent) {
    if (intent.kind == SettingsIntent::Kind::kNone) return;
    SettingsValues values =
        intent.kind == SettingsIntent::Kind::kResetDefaults ? SettingsValues{} : intent.values;
    study::StudySettings next = settings_;
    next.desired_retention = values.desired_retention;
    next.new_per_day = values.new_per_day;
    next.reviews_per_day = values.reviews_per_day;
    next.day_start_hour = values.day_start_hour;
    if (const auto steps = sched::ParseSteps(values.learning_steps)) next.learning_steps = *steps;
    if (const auto steps = sched::ParseSteps(values.relearning_steps))
        next.relearning_steps = *steps;
    if (const auto problems = study::Validate(next); !problems.empty()) {
        Fail("setting not saved", problems.front().message);
        return;
    }
    if (auto saved = study::SaveSettings(collection_, next); !saved) {
        Fail("settings not saved", saved.error().message);
        return;
    }
    if (auto saved = SavePreferences(collection_, values); !saved) {
        Fail("settings not saved", saved.error());
        return;
    }
    const SettingsValues before = settings_view_.values;
    const bool study_changed = next.desired_retention != settings_.desired_retention ||
                               next.new_per_day != settings_.new_per_day ||
                               next.reviews_per_day != settings_.reviews_per_day ||
                               next.day_start_hour != settings_.day_start_hour ||
                               next.learning_steps != settings_.learning_steps ||
                               next.relearning_steps != settings_.relearning_steps;
    settings_ = std::move(next);
    if (values.font_size != before.font_size || values.japanese_font != before.japanese_font) {
        font_changed_ = true;
    }
    error_.clear();
    if (study_changed) {
        if (auto started = StartSession(scope_); !started)
            Fail("cannot restart studying", started.error());
    }
    settings_view_.values = values;
    settings_view_.values.learning_steps = sched::FormatSteps(settings_.learning_steps);
    settings_view_.values.relearning_steps = sched::FormatSteps(settings_.relearning_steps);
    if (intent.field == SettingField::kDesiredRetention || study_changed) RefreshSettings();
    Refresh();
}

void AppController::RefreshSettings() {
    if (!session_) return;
    settings_view_.load.clear();
    // The estimate simulates the whole collection (the session holds only today's part).
    auto items = collection_.LoadStudyItems();
    if (!items) {
        Fail("cannot read the questions", items.error().message);
        return;
    }
    for (const auto& estimate : study::EstimateLoad(*items, settings_, NowSeconds())) {
        RetentionLoad load{estimate.desired_retention, estimate.summary.reviews_per_day,
                           estimate.summary.minutes_per_day};
        const std::size_t week = std::min<std::size_t>(7, estimate.days.size());
        for (std::size_t d = 0; d < week; ++d) {
            const double reviews = estimate.days[d].reviews;
            load.first_week_reviews_per_day += reviews / static_cast<double>(week);
            load.first_week_peak = std::max(load.first_week_peak, reviews);
        }
        settings_view_.load.push_back(load);
    }
    settings_view_.load_days = 60;
}

}  // namespace mondo::app
