#include "app/background_fit.h"

#include <algorithm>
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

BackgroundFit::BackgroundFit(sched::TrainingItems items, const sched::Parameters& current,
                             sched::OptimizerOptions options, WakeUp wake_up)
    : wake_up_(std::move(wake_up)), epochs_(options.epochs) {
    worker_ = std::thread(
        [this, items = std::move(items), current, options = std::move(options)]() mutable {
            Run(std::move(items), current, std::move(options));
        });
}

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

std::optional<sched::OptimizeOutcome> BackgroundFit::TakeOutcome() {
    if (!finished()) return std::nullopt;
    const std::lock_guard lock(outcome_mutex_);
    return std::exchange(outcome_, std::nullopt);
}

void BackgroundFit::Run(sched::TrainingItems items, sched::Parameters current,
                        sched::OptimizerOptions options) {
    int shown_percent = -1;
    options.progress = [this, &shown_percent](std::size_t done, std::size_t total) {
        total_.store(total, std::memory_order_relaxed);
        done_.store(done, std::memory_order_relaxed);
        // Wake the window only when the percentage it shows changes (at most ~100 frames a run).
        const int percent = total == 0 ? 0 : static_cast<int>(done * 100 / total);
        if (percent != shown_percent) {
            shown_percent = percent;
            if (wake_up_) wake_up_();
        }
        return !cancel_.load(std::memory_order_relaxed);
    };
    sched::OptimizeOutcome outcome = sched::Optimize(items, current, options);
    {
        const std::lock_guard lock(outcome_mutex_);
        if (outcome.fit.kind != sched::FitResult::Kind::kCancelled &&
            !cancel_.load(std::memory_order_relaxed)) {
            outcome_ = std::move(outcome);
        }
    }
    finished_.store(true, std::memory_order_release);
    if (wake_up_) wake_up_();
}

}  // namespace mondo::app
