// Fitting FSRS parameters off the UI thread: Settings' "Optimise parameters" hands a worker thread
// the reading of the review log (or the training items themselves) and the worker runs
// sched::Optimize, while the window keeps drawing.
//
// The worker reports progress (training items done of the total over all epochs) through atomics
// the main thread reads each frame, and calls `wake_up` (from the worker thread) when the shown
// percentage changes and when it ends, so an event-driven loop asleep between events draws the
// progress. Cancel() stops the work within milliseconds (after the batch in progress, or within a
// few thousand items of the outlier filter, an epoch's loss or an evaluation); the destructor
// cancels and joins, so destroying a BackgroundFit (the app closing mid-run) never leaves a
// thread behind.
//
// Ownership: the worker owns its copy of the items and parameters; nothing it touches is shared
// except the atomics and the outcome (behind a mutex). One instance per run.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/background_task.h"
#include "app/sched/optimizer.h"
#include "content/expected.h"

namespace mondo::app {

class BackgroundFit final : public BackgroundWork {
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

    // What the fit trains on, and the size of the log it came from (for the screen).
    struct Input {
        sched::TrainingItems items;
        std::size_t reviews = 0;
    };
    // Called on the worker thread first (reading the review log): the input, or why it failed.
    using Load = std::function<Expected<Input, std::string>()>;

    // `stop`: the flag Cancel() sets (pass the one the loader's reader was opened with).
    BackgroundFit(Load load, const sched::Parameters& current, sched::OptimizerOptions options,
                  WakeUp wake_up, StopFlag stop = MakeStopFlag());
    BackgroundFit(sched::TrainingItems items, const sched::Parameters& current,
                  const sched::OptimizerOptions& options, WakeUp wake_up);
    ~BackgroundFit() override;
    BackgroundFit(const BackgroundFit&) = delete;
    BackgroundFit& operator=(const BackgroundFit&) = delete;

    Progress progress() const;
    // True once the worker has finished (fitted, or stopped after Cancel()).
    bool finished() const override { return finished_.load(std::memory_order_acquire); }
    // Asks the worker to stop (its read, or the fit within a few thousand items); returns at once.
    void Cancel() override { stop_->store(true, std::memory_order_relaxed); }
    // Waits for the worker to end.
    void Join();
    // The outcome once finished: empty if it was cancelled (or not finished yet).
    std::optional<sched::OptimizeOutcome> TakeOutcome();
    // Once finished: why the input could not be loaded (empty when it was).
    std::string LoadError();
    // Once finished: the reviews of the log the fit read.
    std::size_t reviews() const { return reviews_.load(std::memory_order_acquire); }

  private:
    void Run(const Load& load, sched::Parameters current, sched::OptimizerOptions options);

    WakeUp wake_up_;
    std::atomic<std::size_t> done_{0};
    std::atomic<std::size_t> total_{0};
    int epochs_ = 0;
    StopFlag stop_;
    std::atomic<bool> finished_{false};
    std::mutex outcome_mutex_;
    std::optional<sched::OptimizeOutcome> outcome_;
    std::string load_error_;
    std::atomic<std::size_t> reviews_{0};
    std::thread worker_;  // last: started once every other member is ready
};

}  // namespace mondo::app
