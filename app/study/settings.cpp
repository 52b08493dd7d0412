#include "app/study/settings.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <span>
#include <sstream>

namespace mondo::study {
namespace {

std::optional<long long> ParseInt(std::string_view text) {
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

std::optional<double> ParseDouble(std::string_view text) {
    // std::from_chars for double is not in libstdc++ 12 for every target; strtod on a copy is.
    if (text.empty() || text.size() > 64) return std::nullopt;
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

bool ValidSteps(const std::vector<std::int32_t>& steps) {
    if (steps.size() > kMaxSteps) return false;
    for (const std::int32_t s : steps) {
        if (s < 1 || s > kMaxStepSeconds) return false;
    }
    return true;
}

std::string FormatDouble(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

}  // namespace

sched::DayBoundary StudySettings::MakeDayBoundary() const {
    sched::DayBoundary boundary;
    boundary.day_start_hour = day_start_hour;
    boundary.utc_offset_seconds = utc_offset_seconds;
    boundary.offset_at = utc_offset_at;
    return boundary;
}

const sched::Parameters& StudySettings::ParametersAt(std::int64_t time_ms) const {
    if (parameter_history.empty()) return parameters;
    const ParameterChange* in_effect = &parameter_history.front();
    for (const ParameterChange& change : parameter_history) {
        if (change.time_ms <= time_ms) in_effect = &change;
    }
    return in_effect->parameters;
}

sched::SchedulingContext StudySettings::MakeContext(std::int64_t now) const {
    sched::SchedulingContext context;
    context.now = now;
    context.parameters = parameters;
    context.desired_retention = desired_retention;
    context.maximum_interval = maximum_interval;
    context.learning_steps = learning_steps;
    context.relearning_steps = relearning_steps;
    context.day_boundary = MakeDayBoundary();
    return context;
}

std::vector<SettingProblem> Validate(const StudySettings& s) {
    std::vector<SettingProblem> problems;
    const auto add = [&](std::string_view key, std::string message) {
        problems.push_back({std::string(key), std::move(message)});
    };
    if (!(s.desired_retention >= sched::kMinDesiredRetention &&
          s.desired_retention <= sched::kMaxDesiredRetention)) {
        add(kKeyDesiredRetention, "Desired retention must be between 0.70 and 0.99.");
    }
    if (s.new_per_day < 0 || s.new_per_day > kMaxPerDayLimit) {
        add(kKeyNewPerDay, "New questions per day must be between 0 and 9999.");
    }
    if (s.reviews_per_day < 0 || s.reviews_per_day > kMaxReviewLimit) {
        add(kKeyReviewsPerDay, "Reviews per day must be between 0 and 99999.");
    }
    if (!ValidSteps(s.learning_steps)) {
        add(kKeyLearningSteps, "Learning steps must be at most 20 durations of 1s to 30d.");
    }
    if (!ValidSteps(s.relearning_steps)) {
        add(kKeyRelearningSteps, "Relearning steps must be at most 20 durations of 1s to 30d.");
    }
    if (s.day_start_hour < 0 || s.day_start_hour > 23) {
        add(kKeyDayStartHour, "The next day starts at an hour from 0 to 23.");
    }
    if (s.maximum_interval < 1 || s.maximum_interval > sched::kDefaultMaximumInterval) {
        add(kKeyMaximumInterval, "The maximum interval must be between 1 and 36500 days.");
    }
    if (s.learn_ahead_seconds < 0 || s.learn_ahead_seconds > 86400) {
        add(kKeyLearnAheadSeconds, "The learn-ahead limit must be between 0 and 1440 minutes.");
    }
    return problems;
}

std::map<std::string, std::string> SettingsToValues(const StudySettings& s) {
    std::map<std::string, std::string> values;
    values[std::string(kKeyDesiredRetention)] = FormatDouble(s.desired_retention);
    values[std::string(kKeyNewPerDay)] = std::to_string(s.new_per_day);
    values[std::string(kKeyReviewsPerDay)] = std::to_string(s.reviews_per_day);
    values[std::string(kKeyLearningSteps)] = sched::FormatSteps(s.learning_steps);
    values[std::string(kKeyRelearningSteps)] = sched::FormatSteps(s.relearning_steps);
    values[std::string(kKeyDayStartHour)] = std::to_string(s.day_start_hour);
    values[std::string(kKeyMaximumInterval)] = std::to_string(s.maximum_interval);
    values[std::string(kKeyLearnAheadSeconds)] = std::to_string(s.learn_ahead_seconds);
    std::string weights;
    for (std::size_t i = 0; i < s.parameters.w.size(); ++i) {
        if (i) weights += ' ';
        weights += FormatDouble(s.parameters.w[i]);
    }
    values[std::string(kKeyFsrsParameters)] = weights;
    // "time_ms w0 … w20" per change, separated by ';'.
    std::string history;
    for (const ParameterChange& change : s.parameter_history) {
        if (!history.empty()) history += ';';
        history += std::to_string(change.time_ms);
        for (const double w : change.parameters.w) history += ' ' + FormatDouble(w);
    }
    if (!history.empty()) values[std::string(kKeyFsrsParameterHistory)] = history;
    return values;
}

StudySettings SettingsFromValues(const std::map<std::string, std::string>& values,
                                 std::vector<SettingProblem>* problems) {
    StudySettings s;
    const auto lookup = [&](std::string_view key) -> const std::string* {
        const auto it = values.find(std::string(key));
        return it == values.end() ? nullptr : &it->second;
    };
    const auto complain = [&](std::string_view key, const std::string& value) {
        if (problems) {
            problems->push_back({std::string(key), "Ignored the invalid value \"" + value +
                                                       "\" of " + std::string(key) +
                                                       "; using the default."});
        }
    };
    const auto read_int = [&](std::string_view key, int& field, long long min, long long max) {
        if (const std::string* text = lookup(key)) {
            const auto value = ParseInt(*text);
            if (value && *value >= min && *value <= max) {
                field = static_cast<int>(*value);
            } else {
                complain(key, *text);
            }
        }
    };
    if (const std::string* text = lookup(kKeyDesiredRetention)) {
        const auto value = ParseDouble(*text);
        if (value && *value >= sched::kMinDesiredRetention &&
            *value <= sched::kMaxDesiredRetention) {
            s.desired_retention = *value;
        } else {
            complain(kKeyDesiredRetention, *text);
        }
    }
    read_int(kKeyNewPerDay, s.new_per_day, 0, kMaxPerDayLimit);
    read_int(kKeyReviewsPerDay, s.reviews_per_day, 0, kMaxReviewLimit);
    read_int(kKeyDayStartHour, s.day_start_hour, 0, 23);
    read_int(kKeyMaximumInterval, s.maximum_interval, 1, sched::kDefaultMaximumInterval);
    read_int(kKeyLearnAheadSeconds, s.learn_ahead_seconds, 0, 86400);
    const auto read_steps = [&](std::string_view key, std::vector<std::int32_t>& field) {
        if (const std::string* text = lookup(key)) {
            if (auto steps = sched::ParseSteps(*text); steps && ValidSteps(*steps)) {
                field = std::move(*steps);
            } else {
                complain(key, *text);
            }
        }
    };
    read_steps(kKeyLearningSteps, s.learning_steps);
    read_steps(kKeyRelearningSteps, s.relearning_steps);
    if (const std::string* text = lookup(kKeyFsrsParameters)) {
        std::vector<double> weights;
        std::istringstream stream(*text);
        std::string word;
        bool ok = true;
        while (stream >> word) {
            const auto value = ParseDouble(word);
            if (!value) {
                ok = false;
                break;
            }
            weights.push_back(*value);
        }
        auto parameters = ok ? sched::MakeParameters(weights, s.relearning_steps.size())
                             : Expected<sched::Parameters, sched::ParameterError>(
                                   Unexpected(sched::ParameterError{}));
        if (parameters) {
            s.parameters = *parameters;
        } else {
            complain(kKeyFsrsParameters, *text);
        }
    }
    if (const std::string* text = lookup(kKeyFsrsParameterHistory)) {
        std::vector<ParameterChange> history;
        std::istringstream entries(*text);
        bool ok = true;
        for (std::string entry; ok && std::getline(entries, entry, ';');) {
            std::istringstream words(entry);
            std::string word;
            std::vector<double> numbers;
            while (ok && words >> word) {
                const auto value = ParseDouble(word);
                ok = value.has_value();
                if (ok) numbers.push_back(*value);
            }
            if (!ok || numbers.size() != sched::kParameterCount + 1) {
                ok = false;
                break;
            }
            const auto parameters =
                sched::MakeParameters(std::span<const double>(numbers).subspan(1));
            ok = parameters.has_value() && (history.empty() || numbers[0] >= 0);
            if (ok) history.push_back({static_cast<std::int64_t>(numbers[0]), *parameters});
        }
        if (ok) {
            s.parameter_history = std::move(history);
        } else {
            complain(kKeyFsrsParameterHistory, *text);
        }
    }
    return s;
}

}  // namespace mondo::study
