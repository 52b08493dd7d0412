// FSRS-6 model parameters: the 21 weights, their defaults, validation, clamping and the upgrade of
// FSRS-4.5 (17 values) and FSRS-5 (19 values) vectors.
//
// Contract: a `Parameters` value always holds 21 finite weights inside their clamp ranges (except
// the fixed values an upgrade from 17/19 appends), so the model never sees NaN or wild weights.
// Build one with `Parameters{}` (defaults) or `MakeParameters()` (user or optimiser values). Values
// are plain data: copy freely, share between threads freely.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>

#include "content/expected.h"

namespace mondo::sched {

inline constexpr std::size_t kParameterCount = 21;

// FSRS-6 defaults (fsrs-rs 6.x / ts-fsrs 5.x).
inline constexpr std::array<double, kParameterCount> kDefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

// Decay of FSRS-4.5 and FSRS-5 (w20 did not exist; their curve is (1 + t/(9S))^-0.5).
inline constexpr double kFsrs5Decay = 0.5;

// Stability bounds shared by every formula (days).
inline constexpr double kMinStability = 0.001;
inline constexpr double kMaxStability = 36500.0;

struct ParameterRange {
    double min;
    double max;
};

// Clamp range of w[i] (w17 and w18 may be lowered further by `MakeParameters`, see there).
ParameterRange ParameterRangeOf(std::size_t index);

struct Parameters {
    std::array<double, kParameterCount> w = kDefaultWeights;

    double decay() const { return -w[20]; }
    bool operator==(const Parameters&) const = default;
};

struct ParameterError {
    enum class Kind {
        kWrongCount,  // not 17, 19 or 21 values
        kNotFinite,   // NaN or infinity at `index`
    };
    Kind kind;
    std::size_t count = 0;  // how many values were given
    std::size_t index = 0;  // the offending value for kNotFinite
    std::string message;    // one readable sentence
};

// Validates, clamps and upgrades `values`:
//  - 21 values (FSRS-6): each clamped into its range.
//  - 19 values (FSRS-5): clamped, then w19 = 0 and w20 = 0.5 appended (no same-day decay term,
//    the FSRS-5 curve), as fsrs-rs and ts-fsrs do.
//  - 17 values (FSRS-4.5): clamped, then the difficulty formula is converted
//    (w4 += 2·w5, w5 = ln(3·w5 + 1)/3, w6 += 0.5) and w17..w20 = 0, 0, 0, 0.5 appended.
//  The upgraded entries are not clamped again (they reproduce the older model exactly).
// `relearning_steps` > 1 lowers the ceiling of w17 and w18 so that a chain of same-day lapses
// cannot grow stability (ts-fsrs / fsrs-rs clipping rule). Errors: wrong count, non-finite value.
Expected<Parameters, ParameterError> MakeParameters(std::span<const double> values,
                                                    std::size_t relearning_steps = 1);

}  // namespace mondo::sched
