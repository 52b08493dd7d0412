#include "app/sched/scheduler.h"

#include <algorithm>
#include <cassert>

namespace mondo::sched {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

struct StepDelay {
    std::int64_t seconds;
    int next_step;
};

// Where a rating sends a card that is inside its (re)learning steps; empty means "graduate".
// Again restarts at the first step. Hard waits the mean of the first two steps on the first step
// (1.5× the only step, at most one day more), and repeats the current step later on — Anki's
// rule; ts-fsrs uses the first-step mean (rounded to minutes) on every step. Good moves to the
// next step or graduates after the last one. Easy always graduates.
std::optional<StepDelay> DelayInSteps(const std::vector<std::int32_t>& steps, int step,
                                      Rating rating) {
    const int count = static_cast<int>(steps.size());
    if (count == 0 || step >= count) return std::nullopt;
    const auto at = [&](int i) { return static_cast<std::int64_t>(steps[static_cast<std::size_t>(i)]); };
    switch (rating) {
        case Rating::kAgain:
            return StepDelay{at(0), 0};
        case Rating::kHard:
            if (step == 0) {
                const std::int64_t delay =
                    count >= 2 ? (at(0) + at(1)) / 2 : std::min(at(0) * 3 / 2, at(0) + kSecondsPerDay);
                return StepDelay{delay, 0};
            }
            return StepDelay{at(step), step};
        case Rating::kGood:
            if (step + 1 < count) return StepDelay{at(step + 1), step + 1};
            return std::nullopt;
        case Rating::kEasy:
            return std::nullopt;
    }
    return std::nullopt;
}

[[maybe_unused]] bool ValidSteps(const std::vector<std::int32_t>& steps) {
    return std::all_of(steps.begin(), steps.end(), [](std::int32_t s) { return s > 0; });
}

class Transition {
public:
    Transition(const Card& card, const SchedulingContext& context)
        : card_(card), context_(context) {
        assert(context.desired_retention > 0.0 && context.desired_retention < 1.0 &&
               "desired retention must be in (0, 1)");
        assert(context.maximum_interval >= 1 && "maximum interval must be at least one day");
        assert(ValidSteps(context.learning_steps) && ValidSteps(context.relearning_steps) &&
               "steps must be positive durations");
        assert((!context.fuzz_factor || (*context.fuzz_factor >= 0.0 && *context.fuzz_factor < 1.0)) &&
               "fuzz factor must be in [0, 1)");
        if (card.state != CardState::kNew) {
            elapsed_days_ = context.day_boundary.ElapsedDays(card.last_review, context.now);
            retrievability_ = Retrievability(context.parameters, elapsed_days_, card.memory.stability);
        }
    }

    NextStates All() const {
        NextStates next;
        for (const Rating rating : kAllRatings) {
            Outcome& outcome = next.outcomes[static_cast<std::size_t>(rating) - 1];
            outcome = Base(rating);
        }
        if (card_.state == CardState::kReview) {
            ScheduleReview(next);
        } else {
            const auto& steps = card_.state == CardState::kRelearning ? context_.relearning_steps
                                                                      : context_.learning_steps;
            const CardState in_steps =
                card_.state == CardState::kRelearning ? CardState::kRelearning : CardState::kLearning;
            for (Outcome& outcome : next.outcomes) {
                ScheduleInSteps(outcome, DelayInSteps(steps, card_.step, outcome.rating), in_steps);
            }
        }
        return next;
    }

private:
    Outcome Base(Rating rating) const {
        Outcome outcome;
        outcome.rating = rating;
        outcome.elapsed_days = elapsed_days_;
        outcome.retrievability = retrievability_;
        Card& next = outcome.card;
        next = card_;
        const std::optional<MemoryState> previous =
            card_.state == CardState::kNew ? std::nullopt : std::optional<MemoryState>(card_.memory);
        next.memory = NextMemoryState(context_.parameters, previous, elapsed_days_, rating);
        next.last_review = context_.now;
        next.reps = card_.reps + 1;
        return outcome;
    }

    int Interval(double stability) const {
        const int interval = RoundedInterval(context_.parameters, stability,
                                             context_.desired_retention, context_.maximum_interval);
        if (!context_.fuzz_factor) return interval;
        return ApplyFuzz(interval, *context_.fuzz_factor, elapsed_days_, context_.maximum_interval);
    }

    void SetDays(Outcome& outcome, int days) const {
        days = std::clamp(days, 1, context_.maximum_interval);
        outcome.card.state = CardState::kReview;
        outcome.card.step = 0;
        outcome.card.scheduled_days = days;
        outcome.interval_days = days;
        outcome.interval_seconds = days * kSecondsPerDay;
        outcome.card.due = context_.now + outcome.interval_seconds;
    }

    void ScheduleDelay(Outcome& outcome, const StepDelay& delay, CardState in_steps) const {
        if (delay.seconds < kSecondsPerDay) {
            outcome.card.state = in_steps;
            outcome.card.step = delay.next_step;
            outcome.card.scheduled_days = 0;
            outcome.interval_days = 0;
        } else {
            // A step of a day or more leaves the steps, as in ts-fsrs.
            outcome.card.state = CardState::kReview;
            outcome.card.step = 0;
            outcome.card.scheduled_days = static_cast<int>(delay.seconds / kSecondsPerDay);
            outcome.interval_days = outcome.card.scheduled_days;
        }
        outcome.interval_seconds = delay.seconds;
        outcome.card.due = context_.now + delay.seconds;
    }

    void ScheduleInSteps(Outcome& outcome, const std::optional<StepDelay>& delay,
                         CardState in_steps) const {
        if (delay) {
            ScheduleDelay(outcome, *delay, in_steps);
        } else {
            SetDays(outcome, Interval(outcome.card.memory.stability));
        }
    }

    void ScheduleReview(NextStates& next) const {
        Outcome& again = next.outcomes[0];
        Outcome& hard = next.outcomes[1];
        Outcome& good = next.outcomes[2];
        Outcome& easy = next.outcomes[3];
        again.card.lapses = card_.lapses + 1;
        ScheduleInSteps(again, DelayInSteps(context_.relearning_steps, 0, Rating::kAgain),
                        CardState::kRelearning);
        // Passing intervals keep their order so each button means more time than the one before.
        int hard_days = Interval(hard.card.memory.stability);
        int good_days = Interval(good.card.memory.stability);
        hard_days = std::min(hard_days, good_days);
        good_days = std::max(good_days, hard_days + 1);
        const int easy_days = std::max(Interval(easy.card.memory.stability), good_days + 1);
        SetDays(hard, hard_days);
        SetDays(good, good_days);
        SetDays(easy, easy_days);
    }

    const Card& card_;
    const SchedulingContext& context_;
    int elapsed_days_ = 0;
    std::optional<double> retrievability_;
};

}  // namespace

std::string_view CardStateName(CardState state) {
    switch (state) {
        case CardState::kNew:
            return "new";
        case CardState::kLearning:
            return "learning";
        case CardState::kReview:
            return "review";
        case CardState::kRelearning:
            return "relearning";
    }
    return "unknown";
}

NextStates NextAll(const Card& card, const SchedulingContext& context) {
    return Transition(card, context).All();
}

Outcome Next(const Card& card, Rating rating, const SchedulingContext& context) {
    assert(IsValidRating(static_cast<int>(rating)) && "rating must be 1..4");
    return NextAll(card, context)[rating];
}

std::uint64_t FuzzSeed(std::string_view question_id, int review_count) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a offset basis
    for (const char c : question_id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(review_count)) *
                   0x9e3779b97f4a7c15ULL);
}

double FuzzFactorFromSeed(std::uint64_t seed) {
    // SplitMix64 finaliser: neighbouring seeds give unrelated factors.
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

double FuzzFactorFor(std::string_view question_id, int review_count) {
    return FuzzFactorFromSeed(FuzzSeed(question_id, review_count));
}

}  // namespace mondo::sched
