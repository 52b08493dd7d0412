#include "app/sched/parameters.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

namespace mondo::sched {
namespace {

constexpr std::array<ParameterRange, kParameterCount> kRanges = {{
    {kMinStability, 100.0},  // w0..w3: initial stability per first rating
    {kMinStability, 100.0},
    {kMinStability, 100.0},
    {kMinStability, 100.0},
    {1.0, 10.0},  // w4..w7: difficulty
    {0.001, 4.0},
    {0.001, 4.0},
    {0.001, 0.75},
    {0.0, 4.5},  // w8..w10: stability after success
    {0.0, 0.8},
    {0.001, 3.5},
    {0.001, 5.0},  // w11..w14: stability after a lapse
    {0.001, 0.25},
    {0.001, 0.9},
    {0.0, 4.0},
    {0.0, 1.0},  // w15 hard penalty, w16 easy bonus
    {1.0, 6.0},
    {0.0, 2.0},  // w17..w19: same-day reviews
    {0.0, 2.0},
    {0.01, 0.8},
    {0.1, 0.8},  // w20: decay
}};

constexpr double kW17W18Ceiling = 2.0;

double RoundTo8(double value) { return std::round(value * 1e8) / 1e8; }

}  // namespace

ParameterRange ParameterRangeOf(std::size_t index) {
    assert(index < kParameterCount && "parameter index out of range");
    return kRanges[index];
}

Expected<Parameters, ParameterError> MakeParameters(std::span<const double> values,
                                                    std::size_t relearning_steps) {
    const std::size_t count = values.size();
    if (count != 17 && count != 19 && count != 21) {
        return Unexpected{
            ParameterError{ParameterError::Kind::kWrongCount, count, 0,
                           "FSRS needs 17, 19 or 21 parameters (FSRS-4.5, FSRS-5, FSRS-6), got " +
                               std::to_string(count)}};
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (!std::isfinite(values[i])) {
            return Unexpected{
                ParameterError{ParameterError::Kind::kNotFinite, count, i,
                               "FSRS parameter w" + std::to_string(i) + " is not a finite number"}};
        }
    }

    std::array<ParameterRange, kParameterCount> ranges = kRanges;
    if (relearning_steps > 1) {
        // Several relearning steps mean several same-day reviews after a lapse; cap w17·w18 so
        // that they cannot undo the lapse (the rule of fsrs-rs' parameter clipper).
        const double w11 = std::clamp(values[11], ranges[11].min, ranges[11].max);
        const double w13 = std::clamp(values[13], ranges[13].min, ranges[13].max);
        const double w14 = std::clamp(values[14], ranges[14].min, ranges[14].max);
        const double value = -(std::log(w11) + std::log(std::pow(2.0, w13) - 1.0) + w14 * 0.3) /
                             static_cast<double>(relearning_steps);
        const double ceiling =
            std::clamp(RoundTo8(std::sqrt(std::max(value, 0.0))), 0.01, kW17W18Ceiling);
        ranges[17].max = ceiling;
        ranges[18].max = ceiling;
    }

    Parameters parameters;
    for (std::size_t i = 0; i < count; ++i) {
        parameters.w[i] = std::clamp(values[i], ranges[i].min, ranges[i].max);
    }
    if (count == 17) {
        auto& w = parameters.w;
        w[4] = w[5] * 2.0 + w[4];
        w[5] = std::log(w[5] * 3.0 + 1.0) / 3.0;
        w[6] = w[6] + 0.5;
        w[17] = 0.0;
        w[18] = 0.0;
    }
    if (count <= 19) {
        parameters.w[19] = 0.0;
        parameters.w[20] = kFsrs5Decay;
    }
    return parameters;
}

}  // namespace mondo::sched
