// The FSRS optimizer against fsrs-rs 6.5 (golden data from scripts/fsrs_golden/optimize.mjs): the
// same items, the same evaluator numbers, a fit at least as good on the real log and on logs
// simulated from known parameters, and analytic gradients that agree with finite differences.
#include "app/sched/optimizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>
#include <thread>

#include "tests/sched/golden_csv.h"

namespace mondo::sched {
namespace {

using testing::GoldenTable;
using testing::ReadDataFile;
using testing::SplitNumbers;

std::vector<ReviewLogEntry> LoadLog(const std::string& name) {
    auto log = ParseReviewLogCsv(ReadDataFile(name));
    REQUIRE(log);
    return *log;
}

Parameters ParametersFrom(const std::string& text) {
    const std::vector<double> values = SplitNumbers(text);
    auto made = MakeParameters(values);
    REQUIRE(made);
    return *made;
}

// Distance of fitted parameters from the truth in units of fsrs-rs' prior spread per parameter
// (the L2 penalty's scale), so that no single parameter dominates by its units.
double StandardisedDistance(const Parameters& a, const Parameters& b) {
    static constexpr double kSpread[] = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,
                                         0.12, 0.39, 0.18,  0.33,  0.3,  0.09, 0.16,
                                         0.57, 0.25, 1.03,  0.31,  0.32, 0.14, 0.27};
    double sum = 0.0;
    for (std::size_t i = 0; i < kParameterCount; ++i) {
        const double d = (a.w[i] - b.w[i]) / kSpread[i];
        sum += d * d;
    }
    return std::sqrt(sum);
}

std::string FileOf(const std::string& log) { return log + ".csv"; }

// Mean |R_a − R_b| over the items: how far two parameter sets' predictions are apart where the
// learner's reviews actually fall.
double MeanRetrievabilityError(const Parameters& a, const Parameters& b,
                               const TrainingItems& items) {
    double sum = 0.0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto reviews = items.ReviewsOf(i);
        std::optional<MemoryState> sa, sb;
        for (std::size_t k = 0; k + 1 < reviews.size(); ++k) {
            const auto rating = static_cast<Rating>(reviews[k].rating);
            sa = NextMemoryState(a, sa, static_cast<int>(reviews[k].delta_t), rating);
            sb = NextMemoryState(b, sb, static_cast<int>(reviews[k].delta_t), rating);
        }
        const double t = reviews.back().delta_t;
        sum += std::abs(Retrievability(a, t, sa->stability) - Retrievability(b, t, sb->stability));
    }
    return sum / static_cast<double>(items.size());
}

// FSRSBinding.evaluate (the npm binding) reorders and filters the items before fsrs-rs' evaluate:
// the kept first-interval items first, then the other surviving items in time order.
TrainingItems AsBindingEvaluates(const TrainingItems& items) {
    const OutlierFilter filter = FilterOutliers(items);
    std::vector<std::size_t> order = filter.initialization;
    for (const std::size_t i : filter.training) {
        const auto reviews = items.ReviewsOf(i);
        const auto long_term = std::count_if(reviews.begin(), reviews.end(),
                                             [](const TrainingReview& r) { return r.delta_t > 0; });
        if (long_term != 1) order.push_back(i);
    }
    return items.Subset(order);
}

std::vector<std::size_t> WithTwoLongTermReviews(const TrainingItems& items) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto reviews = items.ReviewsOf(i);
        if (std::count_if(reviews.begin(), reviews.end(),
                          [](const TrainingReview& r) { return r.delta_t > 0; }) >= 2) {
            out.push_back(i);
        }
    }
    return out;
}

void CheckEvaluation(const Evaluation& mondo, const GoldenTable& golden, std::size_t row,
                     const std::string& log_loss, const std::string& rmse) {
    CAPTURE(log_loss);
    // fsrs-rs evaluates in f32; the same formulas in double agree to about 1e-6.
    CHECK(mondo.log_loss == doctest::Approx(golden.Number(row, log_loss)).epsilon(2e-5));
    CHECK(mondo.rmse_bins == doctest::Approx(golden.Number(row, rmse)).epsilon(2e-4));
}

}  // namespace

TEST_CASE("training items are built as fsrs-rs builds them, and evaluation matches its evaluate") {
    const GoldenTable golden("optimizer_golden.csv");
    for (std::size_t row = 0; row < golden.size(); ++row) {
        const std::string name = golden.Text(row, "log");
        CAPTURE(name);
        const TrainingItems items = BuildTrainingItems(LoadLog(FileOf(name)), DayBoundary{});
        CHECK(items.size() == static_cast<std::size_t>(golden.Integer(row, "items")));
        const Parameters fitted = ParametersFrom(golden.Text(row, "parameters"));

        // fsrs-rs' evaluate itself: items in time order, all of them.
        const std::vector<std::size_t> later_indices = WithTwoLongTermReviews(items);
        const TrainingItems later = items.Subset(later_indices);
        CheckEvaluation(Evaluate(Parameters{}, later), golden, row, "later_log_loss_default",
                        "later_rmse_bins_default");
        CheckEvaluation(Evaluate(fitted, later), golden, row, "later_log_loss", "later_rmse_bins");

        // The binding's evaluate: outlier filter and first-interval items first.
        const TrainingItems binding_order = AsBindingEvaluates(items);
        CheckEvaluation(Evaluate(Parameters{}, binding_order), golden, row, "log_loss_default",
                        "rmse_bins_default");
        CheckEvaluation(Evaluate(fitted, binding_order), golden, row, "log_loss", "rmse_bins");
    }
}

TEST_CASE("the fit is within 0.002 log loss of fsrs-rs and recovers known parameters as closely") {
    const GoldenTable golden("optimizer_golden.csv");
    for (std::size_t row = 0; row < golden.size(); ++row) {
        const std::string name = golden.Text(row, "log");
        CAPTURE(name);
        const TrainingItems items = BuildTrainingItems(LoadLog(FileOf(name)), DayBoundary{});
        const FitResult fit = FitParameters(items);
        REQUIRE(fit.kind == FitResult::Kind::kTrained);
        const Parameters fsrs_rs = ParametersFrom(golden.Text(row, "parameters"));
        // Scored by the binding's evaluator (as the golden numbers are) and by fsrs-rs' evaluate
        // on every item in time order (as Anki and mondo score).
        for (const TrainingItems& scored : {AsBindingEvaluates(items), items}) {
            const double mondo_loss = Evaluate(fit.parameters, scored).log_loss;
            const double rs_loss = Evaluate(fsrs_rs, scored).log_loss;
            CAPTURE(mondo_loss);
            CAPTURE(rs_loss);
            CHECK(mondo_loss <= rs_loss + 0.002);
            CHECK(mondo_loss < Evaluate(Parameters{}, scored).log_loss);
        }
        CHECK(Evaluate(fsrs_rs, AsBindingEvaluates(items)).log_loss ==
              doctest::Approx(golden.Number(row, "log_loss")).epsilon(2e-5));
    }
}

TEST_CASE("known parameters are recovered at least as closely as fsrs-rs, over five seeds") {
    // Which parameters a fit lands on varies with the batch order (the seed) as much as between
    // implementations, so both are compared over the same five training seeds; and with the
    // known parameters (one log recovers better in one, the next in the other), so over all six
    // simulated logs (scripts/fsrs_golden/optimize.mjs: two hand-picked sets, four drawn), each
    // log reported.
    const GoldenTable golden("optimizer_golden.csv");
    double mondo_r = 0, rs_r = 0, mondo_distance = 0, rs_distance = 0;
    int logs = 0;
    for (std::size_t row = 0; row < golden.size(); ++row) {
        if (golden.Empty(row, "true_parameters")) continue;
        const std::string name = golden.Text(row, "log");
        CAPTURE(name);
        const TrainingItems items = BuildTrainingItems(LoadLog(FileOf(name)), DayBoundary{});
        const Parameters truth = ParametersFrom(golden.Text(row, "true_parameters"));
        std::vector<Parameters> rs_fits = {ParametersFrom(golden.Text(row, "parameters"))};
        std::istringstream seeds(golden.Text(row, "seed_parameters"));
        for (std::string text; std::getline(seeds, text, ';');)
            rs_fits.push_back(ParametersFrom(text));
        REQUIRE(rs_fits.size() == 5);
        double log_mondo_r = 0, log_rs_r = 0, log_mondo_distance = 0, log_rs_distance = 0;
        for (const std::uint64_t seed : {2023, 1, 2, 3, 4}) {
            OptimizerOptions options;
            options.seed = seed;
            const Parameters fit = FitParameters(items, options).parameters;
            log_mondo_r += MeanRetrievabilityError(fit, truth, items) / 5;
            log_mondo_distance += StandardisedDistance(fit, truth) / 5;
        }
        for (const Parameters& fit : rs_fits) {
            log_rs_r += MeanRetrievabilityError(fit, truth, items) / 5;
            log_rs_distance += StandardisedDistance(fit, truth) / 5;
        }
        MESSAGE(name << ": mean |R − R_true| mondo " << log_mondo_r << ", fsrs-rs " << log_rs_r
                     << "; standardised parameter distance mondo " << log_mondo_distance
                     << ", fsrs-rs " << log_rs_distance);
        mondo_r += log_mondo_r;
        rs_r += log_rs_r;
        mondo_distance += log_mondo_distance;
        rs_distance += log_rs_distance;
        ++logs;
    }
    REQUIRE(logs == 6);
    mondo_r /= logs;
    rs_r /= logs;
    mondo_distance /= logs;
    rs_distance /= logs;
    MESSAGE("all simulated logs: mean |R − R_true| mondo "
            << mondo_r << ", fsrs-rs " << rs_r << "; standardised parameter distance mondo "
            << mondo_distance << ", fsrs-rs " << rs_distance);
    // The predictions are what scheduling uses; the parameters themselves too, over all logs
    // (single ones such as the same-day parameters are barely identifiable from one log).
    CHECK(mondo_r <= rs_r);
    CHECK(mondo_distance <= rs_distance);
}

TEST_CASE("time-series split evaluation is within 0.002 of fsrs-rs'") {
    const GoldenTable golden("optimizer_golden.csv");
    const TrainingItems items = BuildTrainingItems(LoadLog("fsrs-review-log.csv"), DayBoundary{});
    // The binding splits the items in its evaluation order (see AsBindingEvaluates).
    const TrainingItems binding_order = AsBindingEvaluates(items);
    const auto split = EvaluateTimeSeriesSplits(binding_order);
    REQUIRE(split);
    CHECK(split->items == binding_order.size() - binding_order.size() / 6);
    const double rs = golden.Number(0, "split_log_loss");
    CAPTURE(rs);
    CHECK(split->log_loss <= rs + 0.002);
    CHECK(split->rmse_bins <= golden.Number(0, "split_rmse_bins") + 0.01);
    // In true time order (as mondo evaluates) the past predicts the future about as well.
    const auto in_time_order = EvaluateTimeSeriesSplits(items);
    REQUIRE(in_time_order);
    CHECK(in_time_order->log_loss == doctest::Approx(rs).epsilon(0.02));
    CHECK_FALSE(EvaluateTimeSeriesSplits(items.Slice(0, 5)));
}

TEST_CASE("analytic gradients agree with central finite differences") {
    const TrainingItems items = BuildTrainingItems(LoadLog("fsrs-review-log.csv"), DayBoundary{});
    std::array<double, kParameterCount> perturbed = kDefaultWeights;
    for (std::size_t i = 0; i < kParameterCount; ++i)
        perturbed[i] *= 1.0 + 0.05 * std::sin(i + 1.0);
    std::size_t checked_steps = 0;
    for (const auto& weights : {kDefaultWeights, perturbed}) {
        // Items of every shape: short and long, same-day reviews, lapses, each rating.
        for (std::size_t index = 0; index < items.size(); index += 97) {
            const auto item = items.ReviewsOf(index);
            checked_steps += item.size();
            const LossAndGradient analytic = ItemLossAndGradient(weights, item, 0.7);
            for (std::size_t i = 0; i < kParameterCount; ++i) {
                const double h = 1e-6 * std::max(1.0, std::abs(weights[i]));
                auto up = weights;
                auto down = weights;
                up[i] += h;
                down[i] -= h;
                const double numeric = (ItemLossAndGradient(up, item, 0.7).loss -
                                        ItemLossAndGradient(down, item, 0.7).loss) /
                                       (2 * h);
                CAPTURE(index);
                CAPTURE(i);
                CHECK(analytic.gradient[i] == doctest::Approx(numeric).epsilon(1e-4).scale(1e-6));
            }
        }
    }
    CHECK(checked_steps > 500);
}

TEST_CASE("one pass per card gives the same loss and gradient as one pass per item") {
    const TrainingItems items = BuildTrainingItems(LoadLog("fsrs-review-log.csv"), DayBoundary{});
    std::vector<std::size_t> indices;
    std::vector<double> weights;
    for (std::size_t i = 0; i < items.size(); i += 3) {
        indices.push_back(i);
        weights.push_back(0.25 + static_cast<double>(i % 7) / 10.0);
    }
    const LossAndGradient together = ItemsLossAndGradient(kDefaultWeights, items, indices, weights);
    LossAndGradient apart;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const LossAndGradient one =
            ItemLossAndGradient(kDefaultWeights, items.ReviewsOf(indices[k]), weights[k]);
        apart.loss += one.loss;
        for (std::size_t i = 0; i < kParameterCount; ++i) apart.gradient[i] += one.gradient[i];
    }
    CHECK(together.loss == doctest::Approx(apart.loss).epsilon(1e-12));
    for (std::size_t i = 0; i < kParameterCount; ++i) {
        CAPTURE(i);
        CHECK(together.gradient[i] ==
              doctest::Approx(apart.gradient[i]).epsilon(1e-10).scale(1e-9));
    }
}

TEST_CASE("small data: defaults under 8 items, initial stabilities only under 64") {
    TrainingItems few;
    const TrainingReview history[] = {{3, 0}, {3, 2}, {3, 5}};
    for (int i = 0; i < 3; ++i) few.AddHistory(history);  // 6 items
    CHECK(FitParameters(few).kind == FitResult::Kind::kDefaults);
    CHECK(FitParameters(few).parameters == Parameters{});

    TrainingItems some;
    for (int card = 0; card < 40; ++card) {
        const TrainingReview h[] = {{3, 0}, {card % 5 == 0 ? std::uint8_t{1} : std::uint8_t{3}, 1}};
        some.AddHistory(h);
    }
    const FitResult initial = FitParameters(some);
    REQUIRE(initial.kind == FitResult::Kind::kInitialOnly);
    // Only Good first ratings: the other three are filled in, in order, and w4.. stay default.
    const auto& w = initial.parameters.w;
    CHECK(w[0] < w[1]);
    CHECK(w[1] < w[2]);
    CHECK(w[2] < w[3]);
    CHECK(w[2] != doctest::Approx(kDefaultWeights[2]));
    for (std::size_t i = 4; i < kParameterCount; ++i) CHECK(w[i] == kDefaultWeights[i]);
}

TEST_CASE("a fixed seed gives the same fit; progress can stop it; a worse fit is not kept") {
    const TrainingItems items = BuildTrainingItems(LoadLog("simulated_log_1.csv"), DayBoundary{});
    OptimizerOptions options;
    options.epochs = 1;
    const FitResult a = FitParameters(items, options);
    const FitResult b = FitParameters(items, options);
    CHECK(a.parameters == b.parameters);
    options.seed = 7;
    CHECK(FitParameters(items, options).parameters != a.parameters);

    std::size_t calls = 0;
    options.progress = [&](std::size_t done, std::size_t total) {
        CHECK(done <= total);
        return ++calls < 3;
    };
    CHECK(FitParameters(items, options).kind == FitResult::Kind::kCancelled);
    CHECK(calls == 3);
    // Optimize returns at once when cancelled: no evaluation, the current parameters stay.
    calls = 0;
    Parameters current;
    current.w[20] = 0.3;
    const OptimizeOutcome stopped = Optimize(items, current, options);
    CHECK(stopped.fit.kind == FitResult::Kind::kCancelled);
    CHECK_FALSE(stopped.improved);
    CHECK(stopped.chosen == current);
    CHECK(stopped.before.items == 0);
    CHECK(stopped.after.items == 0);

    // Parameters already fitted to these items: a one-epoch refit from the pretrained start
    // cannot beat them, so Optimize keeps them.
    const OptimizeOutcome best = Optimize(items, FitParameters(items).parameters);
    OptimizerOptions short_options;
    short_options.epochs = 1;
    short_options.learning_rate = 1e-4;
    const OptimizeOutcome worse = Optimize(items, best.chosen, short_options);
    CHECK_FALSE(worse.improved);
    CHECK(worse.chosen == best.chosen);
    CHECK(worse.after.log_loss >= worse.before.log_loss);
}

TEST_CASE("a stop flag ends a fit, an evaluation or Optimize early, and nothing is judged") {
    const TrainingItems items = BuildTrainingItems(LoadLog("simulated_log_1.csv"), DayBoundary{});
    Parameters current;
    current.w[20] = 0.3;
    std::atomic<bool> stop{false};

    SUBCASE("a flag not set changes nothing") {
        OptimizerOptions options;
        options.epochs = 1;
        const OptimizeOutcome plain = Optimize(items, current, options);
        options.stop = &stop;
        const OptimizeOutcome watched = Optimize(items, current, options);
        CHECK(watched.fit.kind == FitResult::Kind::kTrained);
        CHECK(watched.fit.parameters == plain.fit.parameters);
        CHECK(watched.after.log_loss == plain.after.log_loss);
        const std::optional<Evaluation> evaluated = Evaluate(current, items, &stop);
        REQUIRE(evaluated.has_value());
        CHECK(evaluated->log_loss == Evaluate(current, items).log_loss);
        CHECK(evaluated->rmse_bins == Evaluate(current, items).rmse_bins);
    }

    SUBCASE("a flag already set: every long loop hears it before its work") {
        stop = true;
        OptimizerOptions options;
        options.stop = &stop;
        std::size_t batches = 0;
        options.progress = [&](std::size_t, std::size_t) {
            ++batches;
            return true;
        };
        CHECK(FitParameters(items, options).kind == FitResult::Kind::kCancelled);
        CHECK(batches == 0);  // the outlier filter heard it: no training began
        CHECK_FALSE(Evaluate(current, items, &stop).has_value());
        CHECK_FALSE(EvaluateTimeSeriesSplits(items, options).has_value());
        const OptimizeOutcome stopped = Optimize(items, current, options);
        CHECK(stopped.fit.kind == FitResult::Kind::kCancelled);
        CHECK_FALSE(stopped.improved);
        CHECK(stopped.chosen == current);
        CHECK(stopped.before.items == 0);
        CHECK(stopped.after.items == 0);
    }

    SUBCASE("a flag set from another thread during the training stops it after that batch") {
        OptimizerOptions options;
        options.stop = &stop;
        std::size_t batches = 0;
        options.progress = [&](std::size_t, std::size_t) {
            // Another thread (as Settings' Cancel on the UI thread) sets the flag; the progress
            // report itself goes on.
            if (++batches == 1) std::thread([&stop] { stop = true; }).join();
            return true;
        };
        const OptimizeOutcome stopped = Optimize(items, current, options);
        CHECK(batches == 1);
        CHECK(stopped.fit.kind == FitResult::Kind::kCancelled);
        CHECK(stopped.chosen == current);
        CHECK(stopped.before.items == 0);
    }
}

}  // namespace mondo::sched
