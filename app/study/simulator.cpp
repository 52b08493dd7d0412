#include "app/study/simulator.h"

#include <algorithm>
#include <cassert>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "app/study/memory_store.h"
#include "app/study/session.h"

namespace mondo::study {
namespace {

using content::QuestionKind;

// Uniform doubles in [0, 1) from a 64-bit Mersenne twister: the engine's output is fixed by the
// standard, unlike std::uniform_real_distribution's, so runs match across standard libraries.
class Random {
  public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
    template <std::size_t N>
    std::size_t Pick(const std::array<double, N>& weights) {
        double total = 0.0;
        for (const double w : weights) total += w;
        double u = Uniform() * total;
        for (std::size_t i = 0; i < N; ++i) {
            if (u < weights[i]) return i;
            u -= weights[i];
        }
        return N - 1;
    }

  private:
    std::mt19937_64 engine_;
};

struct HiddenMemory {
    sched::MemoryState memory;
    std::int64_t last_review = 0;
};

int ChoiceIndexOf(const content::Question& q, const std::string& text) {
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        if (q.choices[i] == text) return static_cast<int>(i);
    }
    return -1;
}

// The answer of a learner who remembers.
AnswerInput RightAnswer(const content::Question& q) {
    switch (q.kind) {
        case QuestionKind::kTrueFalse:
            return TrueFalseAnswer{q.answer == "true"};
        case QuestionKind::kOrder: {
            OrderAnswer order;
            std::istringstream lines(q.answer);
            std::string line;
            std::vector<bool> used(q.choices.size(), false);
            while (std::getline(lines, line)) {
                for (std::size_t i = 0; i < q.choices.size(); ++i) {
                    if (!used[i] && q.choices[i] == line) {
                        used[i] = true;
                        order.order.push_back(static_cast<int>(i));
                        break;
                    }
                }
            }
            return order;
        }
        default:
            if (const int index = ChoiceIndexOf(q, q.answer); index >= 0)
                return ChoiceAnswer{index};
            return TypedAnswer{q.answer};
    }
}

// The answer of a learner who does not remember (and does not guess).
AnswerInput WrongAnswer(const content::Question& q, Random& random) {
    switch (q.kind) {
        case QuestionKind::kTrueFalse:
            return TrueFalseAnswer{q.answer != "true"};
        case QuestionKind::kOrder: {
            OrderAnswer order;  // left as shown: the shuffle is never the right order
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                order.order.push_back(static_cast<int>(i));
            return order;
        }
        default: {
            const int right = ChoiceIndexOf(q, q.answer);
            if (q.choices.size() >= 2 && right >= 0) {
                int index = static_cast<int>(random.Below(q.choices.size() - 1));
                if (index >= right) ++index;
                return ChoiceAnswer{index};
            }
            return TypedAnswer{""};
        }
    }
}

}  // namespace

Expected<SimulationResult, StorageError> Simulate(
    StudyStore& store, const SimulationOptions& options,
    const std::function<void(const SimulatedDay&)>& on_day) {
    assert(options.days >= 1 && "Simulate: at least one day");
    Random random(options.seed);
    const StudySettings& settings = options.settings;
    const sched::DayBoundary boundary = settings.MakeDayBoundary();

    std::unordered_map<std::string, HiddenMemory> hidden;
    std::unordered_set<std::string> seen;
    {
        auto items = store.LoadStudyItems();
        if (!items) return Unexpected(items.error());
        for (const StudyItem& item : *items) {
            if (item.card.state == sched::CardState::kNew) continue;
            hidden[item.question.id] = {item.card.memory, item.card.last_review};
            seen.insert(item.question.id);
        }
    }

    SimulationResult result;
    int total_recalled = 0;
    for (int d = 0; d < options.days; ++d) {
        if (options.keep_going && !options.keep_going()) break;
        SimulatedDay day;
        day.day = d + 1;
        day.time = options.start + static_cast<std::int64_t>(d) * 86400;
        std::int64_t now = day.time;
        const std::int64_t day_end = boundary.NextDayStart(now);
        // Today's part only, as the app starts its sessions: loading every item each simulated
        // day made a year on a 100,000-question collection take many minutes.
        auto started = Session::Start(store, settings, now, {}, LoadMode::kToday);
        if (!started) return Unexpected(started.error());
        Session& session = *started;
        double seconds = 0.0;
        while (now < day_end) {
            const StudyItem* item = session.Current();
            if (!item) {
                const auto due = session.NextLearningDue();
                if (!due || *due >= day_end) break;
                // Wait for the next learning step (shown when within the learn-ahead limit).
                now = std::max(now + 1, *due - settings.learn_ahead_seconds);
                session.Update(now);
                continue;
            }
            const content::Question& question = item->question;
            const sched::CardState state_before = item->card.state;
            const bool first_sight = state_before == sched::CardState::kNew;
            bool recalled = false;
            sched::Rating wanted = sched::Rating::kAgain;
            if (first_sight) {
                wanted =
                    static_cast<sched::Rating>(random.Pick(options.first_rating_probability) + 1);
                recalled = wanted != sched::Rating::kAgain;
            } else {
                const HiddenMemory& memory = hidden.at(question.id);
                const double elapsed =
                    static_cast<double>(std::max<std::int64_t>(0, now - memory.last_review)) /
                    86400.0;
                const double p =
                    sched::Retrievability(settings.parameters, elapsed, memory.memory.stability);
                recalled = random.Uniform() < p;
                if (recalled) {
                    wanted = static_cast<sched::Rating>(
                        random.Pick(options.recall_rating_probability) + 2);
                }
            }

            // The rating the session will record, and the time the answer takes.
            std::optional<CheckResult> check;
            Override choice = Override::kNone;
            sched::Rating rating = wanted;
            if (!content::IsSelfGraded(question.kind)) {
                check =
                    session.Check(recalled ? RightAnswer(question) : WrongAnswer(question, random));
                // An honest learner: a first sight rated Hard was a guess.
                if (recalled && wanted == sched::Rating::kHard && first_sight)
                    choice = Override::kGuessed;
                rating = RatingFor(check->verdict, choice);
            }
            const auto r = static_cast<std::size_t>(rating) - 1;
            const double cost = first_sight ? options.first_seconds[r] : options.review_seconds[r];
            const auto duration_ms = static_cast<std::int64_t>(cost * 1000.0 + 0.5);
            auto receipt = check ? session.AnswerChecked(*check, choice, now, duration_ms)
                                 : session.Answer(rating, "", std::nullopt, now, duration_ms);
            if (!receipt) return Unexpected(receipt.error());
            assert(receipt->outcome.rating == rating && "Simulate: the session rated differently");

            // The learner's own memory follows the review as the model says it does.
            HiddenMemory& memory = hidden[question.id];
            const std::optional<sched::MemoryState> previous =
                first_sight ? std::nullopt : std::optional<sched::MemoryState>(memory.memory);
            const int elapsed_days =
                first_sight ? 0 : boundary.ElapsedDays(memory.last_review, now);
            memory.memory =
                sched::NextMemoryState(settings.parameters, previous, elapsed_days, rating);
            memory.last_review = now;

            seconds += cost;
            now += std::max<std::int64_t>(1, (duration_ms + 500) / 1000);
            ++day.reviews;
            if (first_sight) {
                ++day.new_cards;
                seen.insert(question.id);
            }
            if (state_before == sched::CardState::kReview) {
                ++day.review_cards;
                if (rating != sched::Rating::kAgain) ++day.review_recalled;
            }
        }
        MONDO_TRY(session.End(now));
        day.minutes = seconds / 60.0;
        if (day.review_cards > 0) {
            day.true_retention = static_cast<double>(day.review_recalled) / day.review_cards;
        }
        day.cards_seen = static_cast<int>(seen.size());
        SimulationSummary& s = result.summary;
        s.reviews += day.reviews;
        s.new_cards += day.new_cards;
        s.review_cards += day.review_cards;
        s.minutes += day.minutes;
        total_recalled += day.review_recalled;
        if (on_day) on_day(day);
        result.days.push_back(day);
    }
    SimulationSummary& s = result.summary;
    s.days = options.days;
    s.reviews_per_day = static_cast<double>(s.reviews) / options.days;
    s.minutes_per_day = s.minutes / options.days;
    s.cards_seen = static_cast<int>(seen.size());
    if (s.review_cards > 0) s.true_retention = static_cast<double>(total_recalled) / s.review_cards;
    if (!result.days.empty()) {
        const std::int64_t end = result.days.back().time + 86400;
        for (const auto& [id, memory] : hidden) {
            if (memory.memory.stability <= 0.0) continue;
            const double days =
                std::max<double>(0.0, static_cast<double>(end - memory.last_review)) / 86400.0;
            s.memorized +=
                sched::Retrievability(settings.parameters, days, memory.memory.stability);
        }
    }
    return result;
}

std::vector<LoadEstimate> EstimateLoad(const std::vector<StudyItem>& items,
                                       const StudySettings& settings, std::int64_t now,
                                       const std::vector<double>& retentions, int days,
                                       std::uint64_t seed,
                                       const std::function<bool(double)>& report) {
    std::vector<LoadEstimate> estimates;
    const double total_days = static_cast<double>(retentions.size()) * std::max(days, 1);
    bool stopped = false;
    for (const double retention : retentions) {
        MemoryStore store(items);
        SimulationOptions options;
        options.days = days;
        options.seed = seed;
        options.settings = settings;
        options.settings.desired_retention = retention;
        options.start = now;
        if (report) {
            const double done_before = static_cast<double>(estimates.size()) * std::max(days, 1);
            // The day counter lives in the callback: this block ends before Simulate calls it.
            options.keep_going = [&report, &stopped, day = 0, done_before, total_days]() mutable {
                if (!report((done_before + day++) / total_days)) stopped = true;
                return !stopped;
            };
        }
        LoadEstimate estimate;
        estimate.desired_retention = retention;
        // A MemoryStore never fails.
        if (auto result = Simulate(store, options)) {
            estimate.summary = result->summary;
            estimate.days = std::move(result->days);
        }
        if (stopped) return {};
        estimates.push_back(std::move(estimate));
    }
    if (report) report(1.0);
    return estimates;
}

}  // namespace mondo::study
