// The FSRS-6 memory model: retrievability, stability and difficulty after a review, the interval
// for a desired retention, and interval fuzz. Pure functions of their arguments (no clock, no
// randomness); thread-safe. Formulas: app/sched/README.md. Computed in double precision; the
// results match ts-fsrs 5.4 (double) and fsrs-rs 6.5 (float) within 1e-5 relative.
#pragma once

#include <cstdint>
#include <optional>

#include "app/sched/parameters.h"

namespace mondo::sched {

enum class Rating : std::uint8_t { kAgain = 1, kHard = 2, kGood = 3, kEasy = 4 };

inline constexpr Rating kAllRatings[] = {Rating::kAgain, Rating::kHard, Rating::kGood,
                                         Rating::kEasy};

// True for 1..4.
bool IsValidRating(int value);

struct MemoryState {
    double stability = 0.0;   // days until R falls to 90 %; in [kMinStability, kMaxStability]
    double difficulty = 0.0;  // 1..10
    bool operator==(const MemoryState&) const = default;
};

// Desired retention accepted by the scheduler (the settings UI offers this range).
inline constexpr double kMinDesiredRetention = 0.70;
inline constexpr double kMaxDesiredRetention = 0.99;
inline constexpr double kDefaultDesiredRetention = 0.9;
inline constexpr int kDefaultMaximumInterval = 36500;

// factor = 0.9^(1/decay) − 1, so that R(S, S) = 0.9.
double CurveFactor(const Parameters& parameters);

// R(t, S) = (1 + factor·t/S)^decay. `elapsed_days` >= 0, `stability` > 0.
double Retrievability(const Parameters& parameters, double elapsed_days, double stability);

// State after the first review of a card.
MemoryState InitialMemoryState(const Parameters& parameters, Rating rating);

// State after a review `elapsed_days` (whole days, >= 0) after the previous one. Without a prior
// state this is the first review (`elapsed_days` is ignored). elapsed_days == 0 uses the same-day
// (short-term) formula, as fsrs-rs and ts-fsrs with short-term enabled do.
MemoryState NextMemoryState(const Parameters& parameters, const std::optional<MemoryState>& state,
                            int elapsed_days, Rating rating);

// Unrounded interval in days at which R falls to `desired_retention` (in (0, 1]).
double RawInterval(const Parameters& parameters, double stability, double desired_retention);

// The interval in whole days: round(I), at least 1, at most `maximum_interval` (>= 1). I is
// computed in single precision exactly as fsrs-rs (Anki) does, so intervals are identical to
// Anki's; RawInterval is the double-precision value for display and simulation.
int RoundedInterval(const Parameters& parameters, double stability, double desired_retention,
                    int maximum_interval);

struct FuzzRange {
    int min;
    int max;
};

// The days a fuzzed `interval` (already rounded, >= 1) may land on, as ts-fsrs/Anki compute it:
// delta = 1 + 0.15·[2.5,7) + 0.10·[7,20) + 0.05·[20,∞) portions of the interval; the range is
// [max(2, round(I − delta)), min(round(I + delta), maximum_interval)], and never earlier than
// elapsed_days + 1 when the interval is longer than the time already elapsed.
FuzzRange FuzzRangeOf(int interval, int elapsed_days, int maximum_interval);

// Fuzzed interval for a `fuzz_factor` in [0, 1): intervals below 2.5 days are returned unchanged,
// others become floor(factor·(max − min + 1) + min) over `FuzzRangeOf`.
int ApplyFuzz(int interval, double fuzz_factor, int elapsed_days, int maximum_interval);

}  // namespace mondo::sched
