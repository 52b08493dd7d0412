// Settings: validating and saving study settings and preferences, restarting the session when
// the queue changes, and the load estimate per desired retention.
#include <algorithm>
#include <memory>

#include "app/app_controller.h"
#include "app/preferences.h"
#include "app/sched/optimizer.h"
#include "app/study/collection_store.h"
#include "app/study/fitting.h"
#include "app/study/simulator.h"

namespace mondo::app {

void AppController::ApplyParameterIntent(const SettingsIntent& intent) {
    if (intent.kind == SettingsIntent::Kind::kHelpDecide) {
        // The whole collection (the session holds only today's part), as the load estimate.
        auto items = collection_.LoadStudyItems();
        if (!items) return Fail("cannot read the questions", items.error().message);
        constexpr int kDays = 365;
        settings_view_.decide.clear();
        for (const auto& estimate : study::EstimateLoad(
                 *items, settings_, NowSeconds(), {0.70, 0.75, 0.80, 0.85, 0.90, 0.95}, kDays)) {
            settings_view_.decide.push_back(
                RetentionChoice{estimate.desired_retention, estimate.summary.minutes_per_day,
                                estimate.summary.reviews_per_day, estimate.summary.memorized});
        }
        settings_view_.decide_best = LeastWorkPerMemorized(settings_view_.decide);
        settings_view_.decide_days = kDays;
        return;
    }
    if (intent.kind == SettingsIntent::Kind::kOptimise) {
        if (fit_job_) return;  // one fit at a time
        // The log is read here (the collection belongs to this thread); the fit runs on a worker
        // thread with its own copy of the items, and Tick shows its progress and result.
        auto data = study::LoadTrainingData(collection_, settings_);
        if (!data) return Fail("cannot read the review log", data.error().message);
        settings_view_.fit = ParameterFitView{};
        settings_view_.parameters_message.clear();
        fitted_parameters_.reset();
        const sched::OptimizerOptions options;
        fit_job_reviews_ = data->reviews;
        fit_job_ = std::make_unique<BackgroundFit>(std::move(data->items), settings_.parameters,
                                                   options, wake_up_);
        settings_view_.fit_progress = FitProgressView{true, 0.0, 0, options.epochs};
        return;
    }
    if (intent.kind == SettingsIntent::Kind::kCancelOptimise) {
        if (!fit_job_) return;
        StopBackgroundWork();
        settings_view_.parameters_message = "Optimisation cancelled: the parameters in use stay.";
        return;
    }
    // The fit in progress compares against the parameters in use: they stay until it ends.
    if (fit_job_) return;
    std::optional<sched::Parameters> next;
    if (intent.kind == SettingsIntent::Kind::kApplyFit) next = fitted_parameters_;
    if (intent.kind == SettingsIntent::Kind::kUndoParameters) {
        next = study::PreviousParameters(settings_);
    }
    if (!next) return;
    auto applied = study::ApplyParameters(collection_, settings_, *next, NowMs());
    if (!applied) return Fail("parameters not applied", applied.error().message);
    settings_view_.parameters_message = std::string(intent.kind == SettingsIntent::Kind::kApplyFit
                                                        ? "Now using the fitted parameters"
                                                        : "The previous parameters are back") +
                                        ": the memory of " + std::to_string(*applied) +
                                        " questions was recomputed.";
    settings_view_.fit = ParameterFitView{};
    fitted_parameters_.reset();
    settings_view_.can_undo_parameters = study::PreviousParameters(settings_).has_value();
    if (auto started = StartSession(scope_); !started) {
        Fail("cannot restart studying", started.error());
    }
    RefreshSettings();
    Refresh();
}

void AppController::StopBackgroundWork() {
    if (!fit_job_) return;
    fit_job_->Cancel();
    fit_job_.reset();  // joins: the worker stops after the batch in progress
    settings_view_.fit_progress = FitProgressView{};
}

bool AppController::PollFit() {
    if (!fit_job_) return false;
    if (fit_job_->finished()) {
        const std::optional<sched::OptimizeOutcome> outcome = fit_job_->TakeOutcome();
        fit_job_.reset();
        settings_view_.fit_progress = FitProgressView{};
        if (outcome) ShowFit(*outcome, fit_job_reviews_);
        return true;
    }
    const BackgroundFit::Progress progress = fit_job_->progress();
    const FitProgressView view{true, progress.Fraction(), progress.Epoch(), progress.epochs};
    if (view == settings_view_.fit_progress) return false;
    settings_view_.fit_progress = view;
    return true;
}

void AppController::ShowFit(const sched::OptimizeOutcome& outcome, std::size_t reviews) {
    ParameterFitView& fit = settings_view_.fit;
    fit.ran = true;
    fit.reviews = reviews;
    fit.items = outcome.before.items;
    fit.log_loss_before = outcome.before.log_loss;
    fit.rmse_before = outcome.before.rmse_bins;
    fit.log_loss_after = outcome.after.log_loss;
    fit.rmse_after = outcome.after.rmse_bins;
    fit.better = outcome.improved;
    fit.health = DescribeFit(fit);
    fitted_parameters_ = outcome.improved ? std::optional(outcome.fit.parameters) : std::nullopt;
    settings_view_.parameters_message.clear();
}

void AppController::Apply(const SettingsIntent& intent) {
    if (intent.kind == SettingsIntent::Kind::kNone) return;
    if (intent.kind == SettingsIntent::Kind::kOptimise ||
        intent.kind == SettingsIntent::Kind::kCancelOptimise ||
        intent.kind == SettingsIntent::Kind::kApplyFit ||
        intent.kind == SettingsIntent::Kind::kUndoParameters ||
        intent.kind == SettingsIntent::Kind::kHelpDecide) {
        ApplyParameterIntent(intent);
        return;
    }
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
    settings_view_.can_undo_parameters = study::PreviousParameters(settings_).has_value();
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
