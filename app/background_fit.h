// Fitting FSRS parameters off the UI thread: Settings' "Optimise parameters" hands the training
// items to a worker thread that runs sched::Optimize, and the window keeps drawing.
//
// The worker reports progress (training items done of the total over all epochs) through atomics
// the main thread reads each frame, and calls `wake_up` (from the worker thread) when the shown
// percentage changes and when it ends, so an event-driven loop asleep between events draws the
// progress. Cancel() stops the training after the batch in progress; the destructor cancels and
// joins, so destroying a BackgroundFit (the app closing mid-run) never leaves a thread behind.
//
// Ownership: the worker owns its copy of the items and parameters; nothing it touches is shared
// except the atomics and the outcome (behind a mutex). One instance per run.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "app/sched/optimizer.h"

namespace mondo::app {

class BackgroundFit {
  public:
    // Called on the worker thread; must be thread-safe (SDL_PushEvent is) and cheap.
    using WakeUp = std::function<void()>;

    struct Progress {
        std::size_t done = 0;   // training items processed, summed over epochs
        std::size_t total = 0;  // 0 until training starts (the outlier filter and pretraining)
        int epochs = 0;
        // The epoch in progress, 1-based (0 before training starts).
        int Epoch() const;
        // 0..1.
        double Fraction() const;
        bool operator==(const Progress&) const = default;
    };

    BackgroundFit(sched::TrainingItems items, const sched::Parameters& current,
                  sched::OptimizerOptions options, WakeUp wake_up);
    ~BackgroundFit();
    BackgroundFit(const BackgroundFit&) = delete;
    BackgroundFit& operator=(const BackgroundFit&) = delete;

    Progress progress() const;
    // True once the worker has finished (fitted, or stopped after Cancel()).
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    // Asks the worker to stop after the current batch; returns at once.
    void Cancel() { cancel_.store(true, std::memory_order_relaxed); }
    // Waits for the worker to end.
    void Join();
    // The outcome once finished: empty if it was cancelled (or not finished yet).
    std::optional<sched::OptimizeOutcome> TakeOutcome();

  private:
    void Run(sched::TrainingItems items, sched::Parameters current,
             sched::OptimizerOptions options);

    WakeUp wake_up_;
    std::atomic<std::size_t> done_{0};
    std::atomic<std::size_t> total_{0};
    int epochs_ = 0;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> finished_{false};
    std::mutex outcome_mutex_;
    std::optional<sched::OptimizeOutcome> outcome_;
    std::thread worker_;  // last: started once every other member is ready
};

}  // namespace mondo::app
