// Study settings: what the Settings screen edits and every session and simulation uses. Typed,
// validated, with Anki's defaults; stored in the collection's settings table as text values under
// the keys below (collection_store.h loads and saves them). A value that is absent or invalid
// reads as its default, so a damaged or hand-edited table never stops the app.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sched/scheduler.h"

namespace mondo::study {

inline constexpr int kMaxPerDayLimit = 9999;   // new cards per day
inline constexpr int kMaxReviewLimit = 99999;  // reviews per day
inline constexpr std::int32_t kMaxStepSeconds = 30 * 86400;
inline constexpr std::size_t kMaxSteps = 20;

// FSRS parameters that took effect at `time_ms` (unix ms). Applying new parameters recomputes
// every card's memory from its log, so the replay check needs to know which parameters were in
// effect when (see consistency.h).
struct ParameterChange {
    std::int64_t time_ms = 0;
    sched::Parameters parameters;
    bool operator==(const ParameterChange&) const = default;
};

struct StudySettings {
    double desired_retention = sched::kDefaultDesiredRetention;               // 0.70..0.99
    int new_per_day = 20;                                                     // 0..kMaxPerDayLimit
    int reviews_per_day = 200;                                                // 0..kMaxReviewLimit
    std::vector<std::int32_t> learning_steps = sched::kDefaultLearningSteps;  // seconds
    std::vector<std::int32_t> relearning_steps = sched::kDefaultRelearningSteps;  // seconds
    int day_start_hour = 4;                                 // 0..23, local time
    int maximum_interval = sched::kDefaultMaximumInterval;  // days, 1..36500
    // Anki's "learn ahead limit": when nothing else is left, a learning card due within this many
    // seconds is shown early instead of making the learner wait. 0..86400, default 20 minutes.
    int learn_ahead_seconds = 1200;
    sched::Parameters parameters{};  // FSRS weights (21 values)
    // Every application of new parameters, oldest first; the first entry (time 0) holds the
    // parameters used before the first change. Empty: `parameters` were always in effect.
    std::vector<ParameterChange> parameter_history;

    // Local time (not persisted; the app passes the system's zone): the offset from UTC in effect
    // at a unix time. Empty: `utc_offset_seconds` is used.
    std::function<std::int32_t(std::int64_t)> utc_offset_at;
    std::int32_t utc_offset_seconds = 0;

    sched::DayBoundary MakeDayBoundary() const;
    // The parameters in effect at `time_ms` (by `parameter_history`, else `parameters`).
    const sched::Parameters& ParametersAt(std::int64_t time_ms) const;
    // The scheduler's context for a review at `now` (fuzz not set: the session adds it per card).
    sched::SchedulingContext MakeContext(std::int64_t now) const;
};

// Keys in the settings table.
inline constexpr std::string_view kKeyDesiredRetention = "study.desired_retention";
inline constexpr std::string_view kKeyNewPerDay = "study.new_per_day";
inline constexpr std::string_view kKeyReviewsPerDay = "study.reviews_per_day";
inline constexpr std::string_view kKeyLearningSteps = "study.learning_steps";
inline constexpr std::string_view kKeyRelearningSteps = "study.relearning_steps";
inline constexpr std::string_view kKeyDayStartHour = "study.day_start_hour";
inline constexpr std::string_view kKeyMaximumInterval = "study.maximum_interval";
inline constexpr std::string_view kKeyLearnAheadSeconds = "study.learn_ahead_seconds";
inline constexpr std::string_view kKeyFsrsParameters = "study.fsrs_parameters";
inline constexpr std::string_view kKeyFsrsParameterHistory = "study.fsrs_parameter_history";

struct SettingProblem {
    std::string key;      // one of the keys above
    std::string message;  // one sentence for the Settings screen
};

// Problems of a settings value (empty when every field is in range).
std::vector<SettingProblem> Validate(const StudySettings& settings);

// The persisted fields as text values (utc offset excluded).
std::map<std::string, std::string> SettingsToValues(const StudySettings& settings);

// Reads the persisted fields; a missing or invalid value keeps its default (and, when `problems`
// is given, adds a line saying so). Keys that are not study settings are ignored.
StudySettings SettingsFromValues(const std::map<std::string, std::string>& values,
                                 std::vector<SettingProblem>* problems = nullptr);

}  // namespace mondo::study
