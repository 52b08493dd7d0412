#include "app/sched/scheduler.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

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
    step = std::max(step, 0);  // a corrupt stored step must not index before the steps
    if (count == 0 || step >= count) return std::nullopt;
    const auto at = [&](int i) {
        return static_cast<std::int64_t>(steps[static_cast<std::size_t>(i)]);
    };
    switch (rating) {
        case Rating::kAgain:
            return StepDelay{at(0), 0};
        case Rating::kHard:
            if (step == 0) {
                const std::int64_t delay = count >= 2
                                               ? (at(0) + at(1)) / 2
                                               : std::min(at(0) * 3 / 2, at(0) + kSecondsPerDay);
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
        assert(
            (!context.fuzz_factor || (*context.fuzz_factor >= 0.0 && *context.fuzz_factor < 1.0)) &&
            "fuzz factor must be in [0, 1)");
        if (card.state != CardState::kNew) {
            elapsed_days_ = context.day_boundary.ElapsedDays(card.last_review, context.now);
            retrievability_ =
                Retrievability(context.parameters, elapsed_days_, card.memory.stability);
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
            const CardState in_steps = card_.state == CardState::kRelearning
                                           ? CardState::kRelearning
                                           : CardState::kLearning;
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
        const std::optional<MemoryState> previous = card_.state == CardState::kNew
                                                        ? std::nullopt
                                                        : std::optional<MemoryState>(card_.memory);
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
        outcome.card.due = context_.day_boundary.SameLocalTimeLater(context_.now, days);
        outcome.interval_seconds = outcome.card.due - context_.now;
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

std::optional<double> RetrievabilityAt(const Card& card, std::int64_t now,
                                       const Parameters& parameters, const DayBoundary& boundary) {
    if (card.state == CardState::kNew) return std::nullopt;
    return Retrievability(parameters, boundary.ElapsedDays(card.last_review, now),
                          card.memory.stability);
}

namespace {

constexpr std::int32_t kMaxStepSeconds = 30 * 86400;

std::optional<std::string> StepsProblem(const std::vector<std::int32_t>& steps, const char* name) {
    for (const std::int32_t step : steps) {
        if (step < 1 || step > kMaxStepSeconds) {
            return std::string(name) + " must each be between 1 second and 30 days";
        }
    }
    return std::nullopt;
}

}  // namespace

Expected<Ok, SettingsError> ValidateContext(const SchedulingContext& context) {
    const auto fail = [](std::string message) {
        return Unexpected{SettingsError{std::move(message)}};
    };
    // A little slack so that 0.7 and 0.99 typed by a user pass whatever their binary rounding.
    if (!(context.desired_retention >= kMinDesiredRetention - 1e-9 &&
          context.desired_retention <= kMaxDesiredRetention + 1e-9)) {
        return fail("desired retention must be between 0.70 and 0.99");
    }
    if (context.maximum_interval < 1 || context.maximum_interval > kDefaultMaximumInterval) {
        return fail("maximum interval must be between 1 and 36500 days");
    }
    if (auto problem = StepsProblem(context.learning_steps, "learning steps"))
        return fail(*problem);
    if (auto problem = StepsProblem(context.relearning_steps, "relearning steps"))
        return fail(*problem);
    if (context.day_boundary.day_start_hour < 0 || context.day_boundary.day_start_hour > 23) {
        return fail("the day start hour must be between 0 and 23");
    }
    if (context.fuzz_factor && !(*context.fuzz_factor >= 0.0 && *context.fuzz_factor < 1.0)) {
        return fail("the fuzz factor must be in [0, 1)");
    }
    return Ok{};
}

Expected<std::vector<std::int32_t>, SettingsError> ParseSteps(std::string_view text) {
    std::vector<std::int32_t> steps;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ' || text[pos] == ',' || text[pos] == '\t') {
            ++pos;
            continue;
        }
        std::size_t end = pos;
        while (end < text.size() && text[end] != ' ' && text[end] != ',' && text[end] != '\t')
            ++end;
        const std::string_view token = text.substr(pos, end - pos);
        pos = end;
        const auto bad = [&](const char* why) {
            return Unexpected{SettingsError{"step \"" + std::string(token) + "\" " + why +
                                            " (write steps like \"1m 10m\"; units s, m, h, d)"}};
        };
        std::string_view number = token;
        std::int64_t unit = 60;
        switch (token.back()) {
            case 's':
                unit = 1;
                number.remove_suffix(1);
                break;
            case 'm':
                unit = 60;
                number.remove_suffix(1);
                break;
            case 'h':
                unit = 3600;
                number.remove_suffix(1);
                break;
            case 'd':
                unit = 86400;
                number.remove_suffix(1);
                break;
            default:
                break;
        }
        double value = 0.0;
        const char* last = number.data() + number.size();
        const auto [ptr, ec] = std::from_chars(number.data(), last, value);
        if (number.empty() || ec != std::errc{} || ptr != last) return bad("is not a duration");
        const double seconds = std::round(value * static_cast<double>(unit));
        if (!(seconds >= 1.0 && seconds <= kMaxStepSeconds)) {
            return bad("must be between 1 second and 30 days");
        }
        steps.push_back(static_cast<std::int32_t>(seconds));
    }
    return steps;
}

std::string FormatSteps(const std::vector<std::int32_t>& steps) {
    std::string text;
    for (const std::int32_t step : steps) {
        if (!text.empty()) text += ' ';
        if (step % 86400 == 0) {
            text += std::to_string(step / 86400) + "d";
        } else if (step % 3600 == 0) {
            text += std::to_string(step / 3600) + "h";
        } else if (step % 60 == 0) {
            text += std::to_string(step / 60) + "m";
        } else {
            text += std::to_string(step) + "s";
        }
    }
    return text;
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
