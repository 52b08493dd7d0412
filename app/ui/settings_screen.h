// The Settings screen: desired retention (with the simulator's estimate of the daily load beside
// it), new cards and reviews per day, learning and relearning steps, the hour the day starts, font
// size, light or dark theme, and the preferred Japanese font family.
//
// Every change applies at once: when the learner finishes editing a field (releases a slider,
// presses Enter or leaves a text field, clicks a theme) the screen returns a SettingsIntent with
// the whole settings and the field that changed; the app saves them in the collection and feeds
// them back through the view model. Steps that do not parse (sched::ParseSteps) show an inline
// message and return no intent. Keyboard: Tab / arrows move between fields (ImGui navigation), a
// focused slider takes a typed value (Enter applies), Space toggles.
#pragma once

#include <string>
#include <vector>

#include "app/ui/theme_choice.h"

namespace mondo::app {

// The settings as the screen edits them (study settings plus the app's own).
struct SettingsValues {
    double desired_retention = 0.90;        // 0.70..0.99
    int new_per_day = 20;                   // 0..9999
    int reviews_per_day = 200;              // 0..99999
    std::string learning_steps = "1m 10m";  // as sched::FormatSteps writes them
    std::string relearning_steps = "10m";
    int day_start_hour = 4;  // 0..23, local time
    int font_size = 20;      // pixels (before HiDPI scaling), 14..32
    Theme theme = Theme::kLight;
    std::string japanese_font;  // fontconfig family name; empty: found automatically

    bool operator==(const SettingsValues&) const = default;
};

// One point of the simulator's estimate (study::EstimateLoad's summary). New questions make the
// first days the heaviest, so the first week's average and busiest day are kept beside the
// average over the whole horizon.
struct RetentionLoad {
    double retention = 0.0;
    double reviews_per_day = 0.0;  // average over the simulated horizon
    double minutes_per_day = 0.0;
    double first_week_reviews_per_day = 0.0;  // average over days 1-7
    double first_week_peak = 0.0;             // reviews on the busiest of days 1-7
};

// "Optimise parameters": the FSRS parameters fitted to the learner's own reviews, judged against
// the ones in use on the same reviews.
struct ParameterFitView {
    bool ran = false;         // an optimisation has run since the screen opened
    std::size_t reviews = 0;  // reviews in the collection's log
    std::size_t items = 0;    // reviews that could be predicted (not a card's first, not same-day)
    double log_loss_before = 0.0;  // parameters in use
    double rmse_before = 0.0;
    double log_loss_after = 0.0;  // fitted
    double rmse_after = 0.0;
    bool better = false;  // the fit predicts better: offered to apply
    std::string health;   // the health check, in plain words
};

// "Optimise parameters" while the fit runs on its worker thread.
struct FitProgressView {
    bool running = false;
    double fraction = 0.0;  // of the training, 0..1
    int epoch = 0;          // the epoch in progress, 1-based; 0 while the reviews are prepared
    int epochs = 0;
    bool operator==(const FitProgressView&) const = default;
};

// The load estimate or "Help me decide" while it is simulated on a worker thread.
struct LoadProgressView {
    bool running = false;
    double fraction = 0.0;  // 0..1
    bool operator==(const LoadProgressView&) const = default;
};
using DecideProgressView = LoadProgressView;

// "Help me decide": one simulated desired retention — daily work against knowledge retained.
struct RetentionChoice {
    double retention = 0.0;
    double minutes_per_day = 0.0;
    double reviews_per_day = 0.0;
    double memorized = 0.0;  // questions remembered at the end (sum of recall chances)
};

struct SettingsViewModel {
    SettingsValues values;                   // as saved
    std::vector<RetentionLoad> load;         // ascending retention; empty while not computed
    LoadProgressView load_progress;          // the estimate being simulated
    int load_days = 60;                      // the simulated horizon the estimate averages over
    std::string font_in_use;                 // the Japanese font family the app is drawing with
    std::vector<std::string> font_families;  // installed families that cover Japanese (optional)
    ParameterFitView fit;
    FitProgressView fit_progress;
    bool can_undo_parameters = false;     // earlier parameters are kept and can be put back
    std::string parameters_message;       // what the last apply or undo did
    std::vector<RetentionChoice> decide;  // ascending retention; empty until asked
    int decide_best = -1;  // index in `decide` with the least work per question remembered
    int decide_days = 0;   // the simulated horizon
    DecideProgressView decide_progress;  // "Help me decide" being simulated
};

enum class SettingField {
    kNone,
    kDesiredRetention,
    kNewPerDay,
    kReviewsPerDay,
    kLearningSteps,
    kRelearningSteps,
    kDayStartHour,
    kFontSize,
    kTheme,
    kJapaneseFont,
};

// Transient state the app keeps between frames: the fields being edited and their messages.
struct SettingsUiState {
    // Give this field keyboard focus next frame (text fields, number fields and sliders; a focused
    // slider takes a typed value).
    SettingField focus = SettingField::kNone;
    bool ime_composing = false;  // set by the app from the IME state every frame

    // Maintained by the screen (copied from the model whenever the model's values change).
    SettingsValues synced;  // the model values the edit buffers were taken from
    bool initialised = false;
    float retention = 0.9f;
    int new_per_day = 20;
    int reviews_per_day = 200;
    std::string learning_steps;
    std::string relearning_steps;
    int day_start_hour = 4;
    int font_size = 20;
    std::string japanese_font;
    std::string learning_steps_error;  // empty when the text parses
    std::string relearning_steps_error;
    // "Help me decide"'s curve has been scrolled into view once (it arrives from a worker thread
    // below the fold); cleared while there is no curve.
    bool decide_in_view = false;
};

struct SettingsIntent {
    enum class Kind {
        kNone,
        kChanged,           // `values` are the new settings; `field` is the one that changed
        kResetDefaults,     // put every setting back to its default
        kOptimise,          // fit FSRS parameters to the collection's reviews
        kCancelOptimise,    // stop the fit in progress (Esc or its Cancel button)
        kApplyFit,          // use the fitted parameters (memory recomputed from the log)
        kUndoParameters,    // put the previous parameters back
        kHelpDecide,        // simulate desired retentions 0.70-0.95 side by side
        kCancelHelpDecide,  // stop that simulation
    };
    Kind kind = Kind::kNone;
    SettingField field = SettingField::kNone;
    SettingsValues values;
};

// The estimated reviews and minutes per day at `retention`, interpolated linearly in `load`
// (clamped to its ends). False when `load` is empty.
bool InterpolateLoad(const std::vector<RetentionLoad>& load, double retention, RetentionLoad& out);

// The choice with the least minutes a day per question remembered (-1 when none remembers any).
int LeastWorkPerMemorized(const std::vector<RetentionChoice>& choices);

// The health check of a fit in plain words (Anki judges by log loss and RMSE(bins)).
std::string DescribeFit(const ParameterFitView& fit);

SettingsIntent DrawSettingsScreen(const SettingsViewModel& model, SettingsUiState& ui);

}  // namespace mondo::app
