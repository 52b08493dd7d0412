// Fitting FSRS-6 parameters to a learner's own review history, as fsrs-rs 6.5 (Anki's optimiser)
// does: training items from the log, initial stabilities pretrained from first reviews, then Adam
// on the recency-weighted binary cross-entropy of retrievability with an L2 pull to the starting
// parameters. Also the evaluation fsrs-rs reports (log loss, RMSE(bins), time-series splits).
//
// Pure: no I/O, no clock, no hidden randomness (the batch order comes from the seed in the
// options). Thread-safe: every function works only on its arguments (and reads the stop flag it
// may be given, which another thread may set). Differences from fsrs-rs are
// tabled in app/sched/README.md.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "app/sched/day_boundary.h"
#include "app/sched/parameters.h"
#include "app/sched/review_log.h"

namespace mondo::sched {

// One review inside a training item: its rating and the whole days since the card's previous
// review (0 on the card's first review and for same-day reviews).
struct TrainingReview {
    std::uint8_t rating = 3;  // 1..4
    std::uint32_t delta_t = 0;
    bool operator==(const TrainingReview&) const = default;
};

// Training items share storage: every card's history is stored once, and an item is the prefix of
// one history that ends at a review with delta_t > 0 (the review whose recall is predicted).
struct TrainingItems {
    struct Item {
        std::uint32_t begin = 0;   // index of the card's first review in `reviews`
        std::uint32_t length = 0;  // reviews in the prefix, the predicted one included (>= 2)
    };
    std::vector<TrainingReview> reviews;
    std::vector<Item> items;  // in time order of the predicted review (ties keep the log's order)

    std::span<const TrainingReview> ReviewsOf(const Item& item) const {
        return {reviews.data() + item.begin, item.length};
    }
    std::span<const TrainingReview> ReviewsOf(std::size_t index) const {
        return ReviewsOf(items[index]);
    }
    std::size_t size() const { return items.size(); }
    // The items [first, last) of this set, in the same order (for time-series splits).
    TrainingItems Slice(std::size_t first, std::size_t last) const;
    // The items at `indices`, in that order (the histories are shared, not copied per item).
    TrainingItems Subset(std::span<const std::size_t> indices) const;
    // Appends one card history (first review delta_t 0) and its items; the items go to the end,
    // so the caller orders histories by time if order matters.
    void AddHistory(std::span<const TrainingReview> history);
};

// Builds the items of a review log: each card's reviews in time order, elapsed days by
// `day_boundary` (Anki's rule: local calendar days from the day-start hour), one item per review
// after the first with elapsed days > 0, items ordered by the time of their last review.
TrainingItems BuildTrainingItems(const std::vector<ReviewLogEntry>& log,
                                 const DayBoundary& day_boundary);

// fsrs-rs' outlier filter (filter_outlier): first-interval items (no long-term review before the
// predicted one) are grouped by first rating and interval; the smallest groups making up 5 % of
// a rating (at least 20 items) are dropped, as are groups under 6 items or with an interval over
// 100 days (365 for Easy). `initialization` lists the kept first-interval items by rating, then
// group (smallest first); `training` lists, in time order, every item whose first interval was
// not dropped.
struct OutlierFilter {
    std::vector<std::size_t> initialization;
    std::vector<std::size_t> training;
};
OutlierFilter FilterOutliers(const TrainingItems& items);

struct OptimizerOptions {
    std::uint64_t seed = 2023;  // shuffles the batch order each epoch
    int epochs = 5;
    std::size_t batch_size = 512;
    double learning_rate = 4e-2;            // cosine-annealed to 0 over all steps
    std::size_t max_sequence_length = 256;  // longer items are left out of training
    double l2_strength = 1.0;               // fsrs-rs' gamma
    std::size_t relearning_steps = 1;       // bounds w17·w18 as fsrs-rs' clipper does
    // Called after every batch with (items done, items total over all epochs); returning false
    // stops the training (the result is then the starting parameters, kind kCancelled).
    std::function<bool(std::size_t, std::size_t)> progress;
    // Set (from any thread) to stop: read after every batch and every kStopCheckItems items of
    // the other loops over all items (outlier filter, each epoch's loss, evaluations), so a stop
    // is heard within milliseconds even on a million items. The result is then kCancelled, as
    // when `progress` returns false. Not owned; must outlive the call. nullptr: never stops.
    const std::atomic<bool>* stop = nullptr;
};

// How many items the long loops process between two reads of the stop flag.
inline constexpr std::size_t kStopCheckItems = 4096;

struct FitResult {
    enum class Kind {
        kDefaults,     // fewer than 8 items after filtering: the FSRS-6 defaults
        kInitialOnly,  // fewer than 64 (or only first-interval items): w0..w3 pretrained
        kTrained,      // all 21 trained
        kCancelled,    // progress returned false
    };
    Kind kind = Kind::kDefaults;
    Parameters parameters;
    std::size_t training_items = 0;        // items left after outlier filtering
    std::size_t initialization_items = 0;  // first-interval items used for w0..w3
};

// fsrs-rs' compute_parameters: outlier filter, pretraining of w0..w3, training, smoothing of
// w0..w3. `items` must be in time order (the recency weights depend on it).
FitResult FitParameters(const TrainingItems& items, const OptimizerOptions& options = {});

struct Evaluation {
    double log_loss = 0.0;   // recency-weighted mean binary cross-entropy
    double rmse_bins = 0.0;  // RMSE between predicted and actual recall over fsrs-rs' bins
    std::size_t items = 0;
};

// fsrs-rs' evaluate: every item weighted 0.25 + 0.75·(i/(n−1))³ by its position in time.
// An empty set gives zeros.
Evaluation Evaluate(const Parameters& parameters, const TrainingItems& items);
// The same, stopping early when `stop` is set (read every kStopCheckItems items): empty then.
std::optional<Evaluation> Evaluate(const Parameters& parameters, const TrainingItems& items,
                                   const std::atomic<bool>* stop);

// fsrs-rs' evaluate_with_time_series_splits: the items cut into 6 segments in time order; for
// each of the last 5, parameters fitted on everything before it predict it (weights 1). Empty
// when there are fewer than 6 items.
std::optional<Evaluation> EvaluateTimeSeriesSplits(const TrainingItems& items,
                                                   const OptimizerOptions& options = {});

// What Settings and `mondo fsrs optimize` run: fit, evaluate the fit and the current parameters
// on the same items, and keep the fit only if its log loss is lower. A cancelled run (progress
// returned false, or options.stop was set during the fit or either evaluation) is not judged:
// kind kCancelled, `before` and `after` stay empty, `chosen` is `current`.
struct OptimizeOutcome {
    FitResult fit;
    Evaluation before;      // current parameters
    Evaluation after;       // fitted parameters
    bool improved = false;  // fit kept (log loss lower than before)
    Parameters chosen;      // fit.parameters if improved, else the current ones
};
OptimizeOutcome Optimize(const TrainingItems& items, const Parameters& current,
                         const OptimizerOptions& options = {});

// The loss of one item and its gradient with respect to the 21 weights (reverse-mode, analytic),
// as the training uses it: −weight·(y·ln R + (1−y)·ln(1−R)), y = recall of the last review.
// `weights` need not be clamped. Exposed for the gradient test.
struct LossAndGradient {
    double loss = 0.0;
    std::array<double, kParameterCount> gradient{};
};
LossAndGradient ItemLossAndGradient(const std::array<double, kParameterCount>& weights,
                                    std::span<const TrainingReview> item, double weight);

// The summed loss and gradient of the items at `indices` (weights `item_weights`), computed as
// the training does: one pass per card over its history for all of its items. Equals the sum of
// ItemLossAndGradient over the items (tested).
LossAndGradient ItemsLossAndGradient(const std::array<double, kParameterCount>& weights,
                                     const TrainingItems& items,
                                     std::span<const std::size_t> indices,
                                     std::span<const double> item_weights);

// Pretraining of w0..w3 alone (fsrs-rs' initialize_stability_parameters + smooth_and_fill), from
// items whose only long-term review is the predicted one. Empty when there are none.
std::optional<std::array<double, 4>> PretrainInitialStability(
    const TrainingItems& initialization_items, double average_recall);

}  // namespace mondo::sched
