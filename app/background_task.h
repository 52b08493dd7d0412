// One computation on a worker thread, so that the window keeps drawing and taking input while it
// runs: Settings' load estimate and "Help me decide" (simulations of the whole collection, which
// take seconds on a big one) run this way. BackgroundFit is the same idea with the fit's own
// progress (epochs).
//
// The work reports how far it is (0..1) through the function it is given, which returns false
// once the task is cancelled (the work should then stop soon and return nothing). The same stop
// flag can be handed to what the work reads with (Collection::OpenReader), so that a long read
// ends too. `wake_up` is called from the worker when the shown percentage changes and when the
// work ends, so an event-driven loop asleep between events draws the progress. Cancel() returns
// at once; the destructor cancels and joins, so destroying a task never leaves a thread behind.
//
// Ownership: the work owns what it captures; only the atomics and the result (behind a mutex)
// are shared. One instance per run.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace mondo::app {

// Set to stop background work: shared by a task and the reader its work reads with.
using StopFlag = std::shared_ptr<std::atomic<bool>>;
inline StopFlag MakeStopFlag() { return std::make_shared<std::atomic<bool>>(false); }

// What the app needs of any background work to let it finish on its own after a cancel (a
// cancelled run is kept until its thread ends, so the UI thread never waits for it).
class BackgroundWork {
  public:
    virtual ~BackgroundWork() = default;
    virtual bool finished() const = 0;
    // Asks the work to stop; returns at once.
    virtual void Cancel() = 0;
};

template <typename Result>
class BackgroundTask final : public BackgroundWork {
  public:
    // Called on the worker thread; must be thread-safe (SDL_PushEvent is) and cheap.
    using WakeUp = std::function<void()>;
    // Returns false once the task is cancelled.
    using Report = std::function<bool(double fraction)>;
    // Runs on the worker thread; empty when it stopped because it was cancelled.
    using Work = std::function<std::optional<Result>(const Report& report)>;

    // `stop`: the flag Cancel() sets (pass the one the work's reader was opened with).
    BackgroundTask(Work work, WakeUp wake_up, StopFlag stop = MakeStopFlag())
        : wake_up_(std::move(wake_up)), stop_(std::move(stop)) {
        worker_ = std::thread([this, work = std::move(work)] { Run(work); });
    }
    ~BackgroundTask() override {
        Cancel();
        if (worker_.joinable()) worker_.join();
    }
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    // 0..1, as last reported.
    double fraction() const {
        return static_cast<double>(per_mille_.load(std::memory_order_relaxed)) / 1000.0;
    }
    bool finished() const override { return finished_.load(std::memory_order_acquire); }
    void Cancel() override { stop_->store(true, std::memory_order_relaxed); }
    // The result once finished: empty if cancelled (or not finished yet, or taken already).
    std::optional<Result> TakeResult() {
        if (!finished()) return std::nullopt;
        const std::lock_guard lock(result_mutex_);
        return std::exchange(result_, std::nullopt);
    }

  private:
    void Run(const Work& work) {
        int shown_percent = 0;
        const Report report = [this, &shown_percent](double fraction) {
            const int per_mille = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000.0);
            per_mille_.store(per_mille, std::memory_order_relaxed);
            // Wake the window only when the percentage changes (at most ~100 frames a run).
            if (per_mille / 10 != shown_percent) {
                shown_percent = per_mille / 10;
                if (wake_up_) wake_up_();
            }
            return !stop_->load(std::memory_order_relaxed);
        };
        std::optional<Result> result = work(report);
        {
            const std::lock_guard lock(result_mutex_);
            if (!stop_->load(std::memory_order_relaxed)) result_ = std::move(result);
        }
        finished_.store(true, std::memory_order_release);
        if (wake_up_) wake_up_();
    }

    WakeUp wake_up_;
    std::atomic<int> per_mille_{0};
    StopFlag stop_;
    std::atomic<bool> finished_{false};
    std::mutex result_mutex_;
    std::optional<Result> result_;
    std::thread worker_;  // last: started once every other member is ready
};

}  // namespace mondo::app
