// The scheduler: pure state transitions of a card for each rating. Everything that changes the
// result arrives in `SchedulingContext` — the time, the parameters, the desired retention, the
// steps, the maximum interval and the fuzz factor. No clock reads, no hidden randomness, no I/O;
// all functions are thread-safe.
//
// Model: FSRS-6 (memory_model.h). Policy (learning steps, interval ordering, fuzz) follows
// ts-fsrs 5.4's BasicScheduler with short-term enabled, with these differences taken from Anki:
// Hard on the first of several steps waits the mean of the first two steps in seconds (ts-fsrs
// rounds it to whole minutes), Hard on a later step repeats that step (ts-fsrs always uses the
// first-step mean), elapsed days follow the day boundary, and every interval is capped at the
// maximum (ts-fsrs lets Easy pass it). app/sched/README.md lists every difference.
//
// Typical use (the study session): keep a `Card` per question, build one `SchedulingContext` from
// the settings (check it once with ValidateContext), set `now` and `fuzz_factor =
// FuzzFactorFor(question_id, card.reps)` per review, show NextAll(...)[r].interval_* on the four
// buttons, store NextAll(...)[chosen].card.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sched/day_boundary.h"
#include "app/sched/memory_model.h"
#include "app/sched/parameters.h"
#include "content/expected.h"

namespace mondo::sched {

enum class CardState : std::uint8_t { kNew = 0, kLearning = 1, kReview = 2, kRelearning = 3 };

// "new", "learning", "review", "relearning".
std::string_view CardStateName(CardState state);

struct Card {
    CardState state = CardState::kNew;
    MemoryState memory{};          // meaningful unless state == kNew
    std::int64_t last_review = 0;  // unix seconds of the previous review; unused for kNew
    std::int64_t due = 0;          // unix seconds; see Outcome::interval_days for day intervals
    int step = 0;                  // index of the current (re)learning step
    int reps = 0;                  // reviews so far
    int lapses = 0;                // Again presses while in review
    int scheduled_days = 0;        // interval given at the last review (0 inside a step)
    bool operator==(const Card&) const = default;
};

// Anki's defaults: learning 1m 10m, relearning 10m.
inline const std::vector<std::int32_t> kDefaultLearningSteps = {60, 600};
inline const std::vector<std::int32_t> kDefaultRelearningSteps = {600};

struct SchedulingContext {
    std::int64_t now = 0;  // unix seconds of the review
    Parameters parameters{};
    double desired_retention = kDefaultDesiredRetention;  // [kMin, kMaxDesiredRetention]
    int maximum_interval = kDefaultMaximumInterval;       // days, >= 1
    std::vector<std::int32_t> learning_steps = kDefaultLearningSteps;      // seconds, each > 0
    std::vector<std::int32_t> relearning_steps = kDefaultRelearningSteps;  // seconds, each > 0
    DayBoundary day_boundary{};
    // In [0, 1) to fuzz day intervals of 3 days and more (see FuzzFactorFor); empty: no fuzz.
    std::optional<double> fuzz_factor;
};

struct Outcome {
    Rating rating = Rating::kAgain;
    Card card;  // the card after the review (last_review = now, reps + 1)
    // Whole days since the previous review by the day boundary (0 for a new card).
    int elapsed_days = 0;
    // R before the review; empty for a new card.
    std::optional<double> retrievability;
    // Days until the card is due: 0 while a (re)learning step shorter than a day runs, else the
    // card is due on day day_boundary.DayNumber(now) + interval_days, and card.due is the same
    // local clock time that day (interval_days · 86400 later unless a DST change intervenes).
    int interval_days = 0;
    // card.due − now: the step delay, or the day interval in seconds.
    std::int64_t interval_seconds = 0;
};

struct NextStates {
    std::array<Outcome, 4> outcomes;  // Again, Hard, Good, Easy
    const Outcome& operator[](Rating rating) const {
        return outcomes[static_cast<std::size_t>(rating) - 1];
    }
};

// The four possible outcomes of reviewing `card` at context.now (for the answer buttons).
// Preconditions (asserted): valid steps, retention in (0, 1), maximum_interval >= 1, and for a
// card that is not new, a memory state in range.
NextStates NextAll(const Card& card, const SchedulingContext& context);

// The outcome of one rating; identical to NextAll(card, context)[rating].
Outcome Next(const Card& card, Rating rating, const SchedulingContext& context);

// R of a card at `now`, by whole elapsed days as Next counts them; empty for a new card.
std::optional<double> RetrievabilityAt(const Card& card, std::int64_t now,
                                       const Parameters& parameters, const DayBoundary& boundary);

struct SettingsError {
    std::string message;  // one sentence naming the setting and its allowed range
};

// Checks what Next asserts, for values that come from the user: desired retention in
// [0.70, 0.99], maximum interval 1..36500 days, steps between 1 second and 30 days, day start
// 0..23, fuzz factor in [0, 1).
Expected<Ok, SettingsError> ValidateContext(const SchedulingContext& context);

// Steps as Anki writes them: "1m 10m", "30s 1h 2d" (units s, m, h, d; a bare number is minutes;
// spaces or commas between). Empty text means no steps. Errors name the bad step.
Expected<std::vector<std::int32_t>, SettingsError> ParseSteps(std::string_view text);

// The inverse of ParseSteps, with the largest exact unit: {60, 600} → "1m 10m".
std::string FormatSteps(const std::vector<std::int32_t>& steps);

// Deterministic fuzz: a seed from the question's stable id and its review count (so a repeated
// answer of the same review gets the same fuzz, the next review a new one), and a factor in
// [0, 1) from it (SplitMix64 of an FNV-1a hash).
std::uint64_t FuzzSeed(std::string_view question_id, int review_count);
double FuzzFactorFromSeed(std::uint64_t seed);
double FuzzFactorFor(std::string_view question_id, int review_count);

}  // namespace mondo::sched
