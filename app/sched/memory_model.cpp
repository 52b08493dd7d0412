#include "app/sched/memory_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace mondo::sched {
namespace {

int Grade(Rating rating) { return static_cast<int>(rating); }

// D0(G) = w4 − e^(w5·(G−1)) + 1, not clamped (mean reversion targets the unclamped D0(Easy)).
double RawInitialDifficulty(const Parameters& p, Rating rating) {
    return p.w[4] - std::exp(p.w[5] * (Grade(rating) - 1)) + 1.0;
}

double ClampStability(double s) { return std::clamp(s, kMinStability, kMaxStability); }

double NextDifficulty(const Parameters& p, double d, Rating rating) {
    const double delta = -p.w[6] * (Grade(rating) - 3);
    const double damped = d + delta * (10.0 - d) / 9.0;  // linear damping towards 10
    const double reverted =
        p.w[7] * RawInitialDifficulty(p, Rating::kEasy) + (1.0 - p.w[7]) * damped;
    return std::clamp(reverted, 1.0, 10.0);
}

double StabilityAfterSuccess(const Parameters& p, double s, double d, double r, Rating rating) {
    const double hard_penalty = rating == Rating::kHard ? p.w[15] : 1.0;
    const double easy_bonus = rating == Rating::kEasy ? p.w[16] : 1.0;
    return s * (1.0 + std::exp(p.w[8]) * (11.0 - d) * std::pow(s, -p.w[9]) *
                          (std::exp(p.w[10] * (1.0 - r)) - 1.0) * hard_penalty * easy_bonus);
}

double StabilityAfterLapse(const Parameters& p, double s, double d, double r) {
    const double after_lapse = p.w[11] * std::pow(d, -p.w[12]) *
                               (std::pow(s + 1.0, p.w[13]) - 1.0) * std::exp(p.w[14] * (1.0 - r));
    // A lapse never leaves the card more stable than a same-day Again would.
    const double ceiling = s / std::exp(p.w[17] * p.w[18]);
    return std::min(after_lapse, ceiling);
}

double StabilitySameDay(const Parameters& p, double s, Rating rating) {
    const double sinc = std::exp(p.w[17] * (Grade(rating) - 3 + p.w[18])) * std::pow(s, -p.w[19]);
    // A same-day pass never lowers stability (fsrs-rs and ts-fsrs mask SInc at 1 for G >= 2).
    return s * (rating >= Rating::kHard ? std::max(sinc, 1.0) : sinc);
}

}  // namespace

bool IsValidRating(int value) { return value >= 1 && value <= 4; }

double CurveFactor(const Parameters& parameters) {
    return std::pow(0.9, 1.0 / parameters.decay()) - 1.0;
}

double Retrievability(const Parameters& parameters, double elapsed_days, double stability) {
    assert(elapsed_days >= 0.0 && "elapsed time must not be negative");
    assert(stability > 0.0 && "stability must be positive");
    return std::pow(1.0 + CurveFactor(parameters) * elapsed_days / stability, parameters.decay());
}

MemoryState InitialMemoryState(const Parameters& parameters, Rating rating) {
    return {ClampStability(parameters.w[static_cast<std::size_t>(Grade(rating) - 1)]),
            std::clamp(RawInitialDifficulty(parameters, rating), 1.0, 10.0)};
}

MemoryState NextMemoryState(const Parameters& parameters, const std::optional<MemoryState>& state,
                            int elapsed_days, Rating rating) {
    assert(IsValidRating(Grade(rating)) && "rating must be 1..4");
    if (!state) return InitialMemoryState(parameters, rating);
    assert(elapsed_days >= 0 && "elapsed days must not be negative");
    const double s = state->stability;
    const double d = state->difficulty;
    assert(s > 0.0 && d >= 1.0 && d <= 10.0 && "memory state out of range");

    double next_s = 0.0;
    if (elapsed_days == 0) {
        next_s = StabilitySameDay(parameters, s, rating);
    } else {
        // Both stability formulas use the old difficulty; difficulty is updated afterwards.
        const double r = Retrievability(parameters, elapsed_days, s);
        next_s = rating == Rating::kAgain ? StabilityAfterLapse(parameters, s, d, r)
                                          : StabilityAfterSuccess(parameters, s, d, r, rating);
    }
    return {ClampStability(next_s), NextDifficulty(parameters, d, rating)};
}

double RawInterval(const Parameters& parameters, double stability, double desired_retention) {
    assert(desired_retention > 0.0 && desired_retention <= 1.0 && "retention must be in (0, 1]");
    return stability / CurveFactor(parameters) *
           (std::pow(desired_retention, 1.0 / parameters.decay()) - 1.0);
}

int RoundedInterval(const Parameters& parameters, double stability, double desired_retention,
                    int maximum_interval) {
    assert(maximum_interval >= 1 && "maximum interval must be at least one day");
    assert(desired_retention > 0.0 && desired_retention <= 1.0 && "retention must be in (0, 1]");
    // Single precision on purpose: this is fsrs-rs' next_interval, the one Anki schedules with,
    // operation for operation, so rounded intervals are identical to Anki's even where a double
    // computation lands on the other side of .5 (S = 1, r = 0.1: 3116766 here and in fsrs-rs,
    // 3116769 in ts-fsrs).
    const float decay = -static_cast<float>(parameters.w[20]);
    const float factor = std::pow(0.9f, 1.0f / decay) - 1.0f;
    const float raw = static_cast<float>(std::min(stability, 1e30)) / factor *
                      (std::pow(static_cast<float>(desired_retention), 1.0f / decay) - 1.0f);
    const double rounded = std::round(static_cast<double>(raw));
    // Written so that NaN (a corrupt stored state) gives 1 day rather than an undefined cast.
    if (!(rounded >= 1.0)) return 1;
    return rounded >= maximum_interval ? maximum_interval : static_cast<int>(rounded);
}

FuzzRange FuzzRangeOf(int interval, int elapsed_days, int maximum_interval) {
    struct Band {
        double start, end, factor;
    };
    static constexpr Band kBands[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.10}, {20.0, 1e300, 0.05}};
    const double ivl = interval;
    double delta = 1.0;
    for (const Band& band : kBands) {
        delta += band.factor * std::max(std::min(ivl, band.end) - band.start, 0.0);
    }
    const int capped = std::min(interval, maximum_interval);
    int min_ivl = std::max(2, static_cast<int>(std::round(capped - delta)));
    const int max_ivl = std::min(static_cast<int>(std::round(capped + delta)), maximum_interval);
    if (capped > elapsed_days) min_ivl = std::max(min_ivl, elapsed_days + 1);
    min_ivl = std::min(min_ivl, max_ivl);
    return {min_ivl, max_ivl};
}

int ApplyFuzz(int interval, double fuzz_factor, int elapsed_days, int maximum_interval) {
    assert(fuzz_factor >= 0.0 && fuzz_factor < 1.0 && "fuzz factor must be in [0, 1)");
    if (interval < 3) return interval;  // ts-fsrs and Anki leave intervals below 2.5 days alone
    const FuzzRange range = FuzzRangeOf(interval, elapsed_days, maximum_interval);
    return static_cast<int>(std::floor(fuzz_factor * (range.max - range.min + 1) + range.min));
}

}  // namespace mondo::sched
