// BackgroundFit: Settings' fit on a worker thread. It gives the same parameters as the fit on the
// calling thread, reports progress to the end, wakes the loop, stops when cancelled and never
// outlives its owner.
#include "app/background_fit.h"

#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <vector>

namespace mondo::app {
namespace {

// 300 cards with the same five-review history: 1,200 items, enough for a full training.
sched::TrainingItems SomeItems() {
    sched::TrainingItems items;
    const std::vector<sched::TrainingReview> history = {{3, 0}, {3, 2}, {1, 5},
                                                        {3, 1}, {3, 3}, {4, 8}};
    for (int card = 0; card < 300; ++card) items.AddHistory(history);
    return items;
}

}  // namespace

TEST_CASE("a fit on the worker thread equals the fit on the caller's, with progress to the end") {
    const sched::TrainingItems items = SomeItems();
    const sched::OptimizeOutcome here = sched::Optimize(items, sched::Parameters{});
    REQUIRE(here.fit.kind == sched::FitResult::Kind::kTrained);

    std::atomic<int> wake_ups{0};
    BackgroundFit fit(items, sched::Parameters{}, sched::OptimizerOptions{},
                      [&wake_ups] { wake_ups.fetch_add(1); });
    fit.Join();
    REQUIRE(fit.finished());
    const auto outcome = fit.TakeOutcome();
    REQUIRE(outcome.has_value());
    CHECK(outcome->fit.parameters == here.fit.parameters);
    CHECK(outcome->after.log_loss == here.after.log_loss);
    CHECK(outcome->improved == here.improved);
    const BackgroundFit::Progress progress = fit.progress();
    CHECK(progress.total == here.fit.training_items * 5);
    CHECK(progress.done == progress.total);
    CHECK(progress.Fraction() == 1.0);
    CHECK(progress.Epoch() == 5);
    // Woken on each new percentage (at least the first and the last batch) and at the end.
    CHECK(wake_ups.load() >= 3);
    CHECK_FALSE(fit.TakeOutcome().has_value());  // taken once
}

TEST_CASE("a cancelled fit stops after the batch in progress and gives no outcome") {
    std::latch first_report(1);
    std::latch go_on(1);
    std::atomic<bool> reported{false};
    BackgroundFit fit(SomeItems(), sched::Parameters{}, sched::OptimizerOptions{}, [&] {
        // The worker waits in its first progress report until the test has cancelled.
        if (reported.exchange(true)) return;
        first_report.count_down();
        go_on.wait();
    });
    first_report.wait();
    const BackgroundFit::Progress early = fit.progress();
    CHECK(early.total > 0);
    CHECK(early.Epoch() == 1);
    CHECK(early.Fraction() < 0.5);
    fit.Cancel();
    go_on.count_down();
    fit.Join();
    CHECK(fit.finished());
    CHECK_FALSE(fit.TakeOutcome().has_value());
    CHECK(fit.progress().done < fit.progress().total);
}

TEST_CASE("a fit cancelled before its training began ends without training or an outcome") {
    // The cancel comes while the worker reads (here: from the read itself); the optimizer hears
    // the flag in its first loop over the items, before any batch.
    const StopFlag stop = MakeStopFlag();
    BackgroundFit::Load load = [stop]() -> Expected<BackgroundFit::Input, std::string> {
        stop->store(true);
        return BackgroundFit::Input{SomeItems(), 1800};
    };
    BackgroundFit fit(std::move(load), sched::Parameters{}, sched::OptimizerOptions{}, nullptr,
                      stop);
    fit.Join();
    CHECK(fit.finished());
    CHECK_FALSE(fit.TakeOutcome().has_value());
    CHECK(fit.LoadError().empty());
    CHECK(fit.progress().total == 0);  // not one batch trained
}

TEST_CASE("a fit destroyed while it runs cancels and joins its thread") {
    // Run under the sanitizers: no thread left behind, nothing touched after destruction.
    std::atomic<int> wake_ups{0};
    for (int run = 0; run < 3; ++run) {
        BackgroundFit fit(SomeItems(), sched::Parameters{}, sched::OptimizerOptions{},
                          [&wake_ups] { wake_ups.fetch_add(1); });
    }
    CHECK(wake_ups.load() >= 3);  // each worker reported at least its end
}

TEST_CASE("progress before training, in the middle and at the end") {
    BackgroundFit::Progress p;
    CHECK(p.Epoch() == 0);
    CHECK(p.Fraction() == 0.0);
    p = {500, 1000, 5};
    CHECK(p.Epoch() == 3);
    CHECK(p.Fraction() == doctest::Approx(0.5));
    p.done = 1000;
    CHECK(p.Epoch() == 5);
}

}  // namespace mondo::app
