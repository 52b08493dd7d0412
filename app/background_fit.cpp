#include "app/background_fit.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace mondo::app {

int BackgroundFit::Progress::Epoch() const {
    if (total == 0 || epochs <= 0) return 0;
    const auto per_epoch = std::max<std::size_t>(total / static_cast<std::size_t>(epochs), 1);
    return std::min(epochs, static_cast<int>(done / per_epoch) + 1);
}

double BackgroundFit::Progress::Fraction() const {
    if (total == 0) return 0.0;
    return std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
}

BackgroundFit::BackgroundFit(Load load, const sched::Parameters& current,
                             sched::OptimizerOptions options, WakeUp wake_up, StopFlag stop)
    : wake_up_(std::move(wake_up)), epochs_(options.epochs), stop_(std::move(stop)) {
    worker_ = std::thread(
        [this, load = std::move(load), current, options = std::move(options)]() mutable {
            Run(load, current, std::move(options));
        });
}

BackgroundFit::BackgroundFit(sched::TrainingItems items, const sched::Parameters& current,
                             const sched::OptimizerOptions& options, WakeUp wake_up)
    : BackgroundFit(
          [items = std::make_shared<sched::TrainingItems>(
               std::move(items))]() -> Expected<Input, std::string> {
              return Input{std::move(*items), 0};
          },
          current, options, std::move(wake_up)) {}

BackgroundFit::~BackgroundFit() {
    Cancel();
    Join();
}

void BackgroundFit::Join() {
    if (worker_.joinable()) worker_.join();
}

BackgroundFit::Progress BackgroundFit::progress() const {
    Progress p;
    p.total = total_.load(std::memory_order_relaxed);
    p.done = done_.load(std::memory_order_relaxed);
    p.epochs = epochs_;
    return p;
}

std::string BackgroundFit::LoadError() {
    if (!finished()) return {};
    const std::lock_guard lock(outcome_mutex_);
    return load_error_;
}

std::optional<sched::OptimizeOutcome> BackgroundFit::TakeOutcome() {
    if (!finished()) return std::nullopt;
    const std::lock_guard lock(outcome_mutex_);
    return std::exchange(outcome_, std::nullopt);
}

void BackgroundFit::Run(const Load& load, sched::Parameters current,
                        sched::OptimizerOptions options) {
    auto input = load();
    if (!input) {
        {
            // A read cut short by Cancel() is no error to show.
            const std::lock_guard lock(outcome_mutex_);
            if (!stop_->load(std::memory_order_relaxed)) load_error_ = input.error();
        }
        finished_.store(true, std::memory_order_release);
        if (wake_up_) wake_up_();
        return;
    }
    reviews_.store(input->reviews, std::memory_order_release);
    const sched::TrainingItems& items = input->items;
    int shown_percent = -1;
    // The optimizer reads the flag itself between batches and every few thousand items of its
    // other loops (the evaluations of a big log take seconds): Cancel() is heard at once.
    options.stop = stop_.get();
    options.progress = [this, &shown_percent](std::size_t done, std::size_t total) {
        total_.store(total, std::memory_order_relaxed);
        done_.store(done, std::memory_order_relaxed);
        // Wake the window only when the percentage it shows changes (at most ~100 frames a run).
        const int percent = total == 0 ? 0 : static_cast<int>(done * 100 / total);
        if (percent != shown_percent) {
            shown_percent = percent;
            if (wake_up_) wake_up_();
        }
        return !stop_->load(std::memory_order_relaxed);
    };
    sched::OptimizeOutcome outcome = sched::Optimize(items, current, options);
    {
        const std::lock_guard lock(outcome_mutex_);
        if (outcome.fit.kind != sched::FitResult::Kind::kCancelled &&
            !stop_->load(std::memory_order_relaxed)) {
            outcome_ = std::move(outcome);
        }
    }
    finished_.store(true, std::memory_order_release);
    if (wake_up_) wake_up_();
}

}  // namespace mondo::app
