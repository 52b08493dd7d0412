// Settings: validating and saving study settings and preferences, restarting the session when
// the queue changes, and the load estimate per desired retention.
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/preferences.h"
#include "app/sched/optimizer.h"
#include "app/study/collection_store.h"
#include "app/study/fitting.h"
#include "app/study/simulator.h"

namespace mondo::app {

void AppController::ApplyParameterIntent(const SettingsIntent& intent) {
    if (intent.kind == SettingsIntent::Kind::kHelpDecide) {
        if (decide_job_) return;  // one at a time
        // The whole collection (the session holds only today's part), read once on the worker
        // and simulated there; Tick shows the progress, then the curve.
        decide_job_ = StartEstimate({0.70, 0.75, 0.80, 0.85, 0.90, 0.95}, kDecideDays);
        if (!decide_job_) return;
        settings_view_.decide.clear();
        settings_view_.decide_best = -1;
        settings_view_.decide_progress = DecideProgressView{true, 0.0};
        return;
    }
    if (intent.kind == SettingsIntent::Kind::kCancelHelpDecide) {
        if (!decide_job_) return;
        Retire(std::move(decide_job_));
        settings_view_.decide_progress = DecideProgressView{};
        return;
    }
    if (intent.kind == SettingsIntent::Kind::kOptimise) {
        if (fit_job_) return;  // one fit at a time
        // The log is read on the worker thread through a second connection (a big log takes
        // seconds); the fit runs there too, and Tick shows its progress and result.
        BackgroundFit::Load load;
        const study::StudySettings settings = settings_;
        StopFlag stop = MakeStopFlag();
        if (auto reader = collection_.OpenReader(stop.get())) {
            auto shared = std::make_shared<storage::Collection>(std::move(*reader));
            load = [shared, settings]() -> Expected<BackgroundFit::Input, std::string> {
                auto data = study::LoadTrainingData(*shared, settings);
                if (!data) return Unexpected(data.error().message);
                return BackgroundFit::Input{std::move(data->items), data->reviews};
            };
        } else {
            // An in-memory collection (tests): small, read here.
            auto data = study::LoadTrainingData(collection_, settings_);
            if (!data) return Fail("cannot read the review log", data.error().message);
            auto input = std::make_shared<BackgroundFit::Input>(
                BackgroundFit::Input{std::move(data->items), data->reviews});
            load = [input]() -> Expected<BackgroundFit::Input, std::string> {
                return std::move(*input);
            };
        }
        settings_view_.fit = ParameterFitView{};
        settings_view_.parameters_message.clear();
        fitted_parameters_.reset();
        const sched::OptimizerOptions options;
        fit_job_ = std::make_unique<BackgroundFit>(std::move(load), settings_.parameters, options,
                                                   wake_up_, std::move(stop));
        settings_view_.fit_progress = FitProgressView{true, 0.0, 0, options.epochs};
        return;
    }
    if (intent.kind == SettingsIntent::Kind::kCancelOptimise) {
        if (!fit_job_) return;
        Retire(std::move(fit_job_));  // the estimates go on
        settings_view_.fit_progress = FitProgressView{};
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
    // Every worker is told to stop first, then each is joined: a fit stops after its batch, a
    // simulation after its day, a read of the collection at once (its reader's stop flag).
    if (load_job_) Retire(std::move(load_job_));
    if (decide_job_) Retire(std::move(decide_job_));
    if (fit_job_) Retire(std::move(fit_job_));
    stopping_.clear();  // joins
    settings_view_.load_progress = LoadProgressView{};
    settings_view_.decide_progress = DecideProgressView{};
    settings_view_.fit_progress = FitProgressView{};
}

void AppController::Retire(std::unique_ptr<BackgroundWork> job) {
    // Joined later (ReapStoppedWork, or StopBackgroundWork on the way out), not here: a worker
    // in the middle of a simulated day or a read would hold up the window.
    job->Cancel();
    stopping_.push_back(std::move(job));
}

void AppController::ReapStoppedWork() {
    std::erase_if(stopping_, [](const std::unique_ptr<BackgroundWork>& job) {
        return job->finished();  // its thread is ending: the join is immediate
    });
}

Expected<std::function<Expected<std::vector<study::StudyItem>, std::string>()>, std::string>
AppController::StudyItemsReader(const StopFlag& stop) {
    using Items = Expected<std::vector<study::StudyItem>, std::string>;
    if (auto reader = collection_.OpenReader(stop.get())) {
        auto shared = std::make_shared<storage::Collection>(std::move(*reader));
        return std::function<Items()>([shared]() -> Items {
            auto items = shared->LoadStudyItems();
            if (!items) return Unexpected(items.error().message);
            return std::move(*items);
        });
    }
    // An in-memory collection (tests): small, read here.
    auto items = collection_.LoadStudyItems();
    if (!items) return Unexpected(items.error().message);
    auto shared = std::make_shared<std::vector<study::StudyItem>>(std::move(*items));
    return std::function<Items()>([shared]() -> Items { return *shared; });
}

std::unique_ptr<AppController::EstimateTask> AppController::StartEstimate(
    std::vector<double> retentions, int days) {
    StopFlag stop = MakeStopFlag();
    auto read = StudyItemsReader(stop);
    if (!read) {
        Fail("cannot read the questions", read.error());
        return nullptr;
    }
    using Result = Expected<std::vector<study::LoadEstimate>, std::string>;
    return std::make_unique<EstimateTask>(
        [read = std::move(*read), settings = settings_, now = NowSeconds(),
         retentions = std::move(retentions),
         days](const EstimateTask::Report& report) -> std::optional<Result> {
            auto items = read();                    // once for every retention and day
            if (!report(0.0)) return std::nullopt;  // cancelled (the read may have been cut)
            if (!items) return Result(Unexpected(items.error()));
            auto estimates =
                study::EstimateLoad(*items, settings, now, retentions, days, 1, report);
            if (estimates.size() != retentions.size()) return std::nullopt;  // cancelled
            return Result(std::move(estimates));
        },
        wake_up_, std::move(stop));
}

bool AppController::PollEstimates() {
    bool changed = false;
    if (load_job_) {
        if (load_job_->finished()) {
            auto result = load_job_->TakeResult();
            load_job_.reset();
            settings_view_.load_progress = LoadProgressView{};
            if (result && !*result) Fail("cannot read the questions", result->error());
            if (result && *result) ShowLoad(**result);
            changed = true;
        } else if (const double fraction = load_job_->fraction();
                   fraction != settings_view_.load_progress.fraction) {
            settings_view_.load_progress.fraction = fraction;
            changed = true;
        }
    }
    if (decide_job_) {
        if (decide_job_->finished()) {
            auto result = decide_job_->TakeResult();
            decide_job_.reset();
            settings_view_.decide_progress = DecideProgressView{};
            if (result && !*result) Fail("cannot read the questions", result->error());
            if (result && *result) ShowDecide(**result, kDecideDays);
            changed = true;
        } else if (const double fraction = decide_job_->fraction();
                   fraction != settings_view_.decide_progress.fraction) {
            settings_view_.decide_progress.fraction = fraction;
            changed = true;
        }
    }
    return changed;
}

void AppController::ShowLoad(const std::vector<study::LoadEstimate>& estimates) {
    settings_view_.load.clear();
    for (const auto& estimate : estimates) {
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

void AppController::ShowDecide(const std::vector<study::LoadEstimate>& estimates, int days) {
    settings_view_.decide.clear();
    for (const auto& estimate : estimates) {
        settings_view_.decide.push_back(
            RetentionChoice{estimate.desired_retention, estimate.summary.minutes_per_day,
                            estimate.summary.reviews_per_day, estimate.summary.memorized});
    }
    settings_view_.decide_best = LeastWorkPerMemorized(settings_view_.decide);
    settings_view_.decide_days = days;
}

bool AppController::PollFit() {
    if (!fit_job_) return false;
    if (fit_job_->finished()) {
        const std::optional<sched::OptimizeOutcome> outcome = fit_job_->TakeOutcome();
        const std::string load_error = fit_job_->LoadError();
        const std::size_t reviews = fit_job_->reviews();
        fit_job_.reset();
        settings_view_.fit_progress = FitProgressView{};
        if (!load_error.empty()) Fail("cannot read the review log", load_error);
        if (outcome) ShowFit(*outcome, reviews);
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
        intent.kind == SettingsIntent::Kind::kHelpDecide ||
        intent.kind == SettingsIntent::Kind::kCancelHelpDecide) {
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
    // The estimate simulates the whole collection (the session holds only today's part): seconds
    // on a big one, so on a worker thread. An estimate of settings that just changed is dropped.
    if (load_job_) Retire(std::move(load_job_));
    settings_view_.load.clear();
    settings_view_.load_progress = LoadProgressView{};
    load_job_ = StartEstimate({0.80, 0.85, 0.90, 0.95}, 60);
    if (load_job_) settings_view_.load_progress = LoadProgressView{true, 0.0};
}

}  // namespace mondo::app
