// The FSRS-6 optimizer (optimizer.h): fsrs-rs 6.5's compute_parameters and evaluate in C++.
//
// [SECTION] The model with its local derivatives
// [SECTION] Loss and gradient, per item and per card
// [SECTION] Randomness, learning rate, optimiser, clipping
// [SECTION] Data preparation (outlier filter)
// [SECTION] Initial stability
// [SECTION] Prediction and metrics
// [SECTION] Training
// [SECTION] Public functions
#include "app/sched/optimizer.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace mondo::sched {
namespace {

using Weights = std::array<double, kParameterCount>;

// fsrs-rs' prior spread of each parameter over many collections: the L2 penalty divides each
// squared departure from the starting value by its square.
constexpr Weights kParameterStddev = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,
                                      0.12, 0.39, 0.18,  0.33,  0.3,  0.09, 0.16,
                                      0.57, 0.25, 1.03,  0.31,  0.32, 0.14, 0.27};

constexpr double kDifficultyMin = 1.0;
constexpr double kDifficultyMax = 10.0;
constexpr double kInitialStabilityMax = 100.0;
const double kLn09 = std::log(0.9);

bool Recalled(const TrainingReview& review) { return review.rating > 1; }

bool Stopped(const std::atomic<bool>* stop) {
    return stop != nullptr && stop->load(std::memory_order_relaxed);
}

// For loops over all items: reads the flag only every kStopCheckItems items (`index` counts them).
bool StoppedAt(const std::atomic<bool>* stop, std::size_t index) {
    return index % kStopCheckItems == 0 && Stopped(stop);
}

std::size_t LongTermReviewCount(std::span<const TrainingReview> reviews) {
    return static_cast<std::size_t>(std::count_if(
        reviews.begin(), reviews.end(), [](const TrainingReview& r) { return r.delta_t > 0; }));
}

// [SECTION] The model with its local derivatives

// Values that depend only on the weights, computed once per parameter vector.
struct Model {
    Weights w{};
    double factor = 0.0;  // 0.9^(−1/w20) − 1
    double exp_w8 = 0.0;
    double mean_reversion_target;  // D0(Easy), unclamped
    double exp_3w5 = 0.0;

    explicit Model(const Weights& weights) : w(weights) {
        factor = std::exp(-kLn09 / w[20]) - 1.0;
        exp_w8 = std::exp(w[8]);
        exp_3w5 = std::exp(3.0 * w[5]);
        mean_reversion_target = w[4] - exp_3w5 + 1.0;
    }

    double Retrievability(double t, double s) const {
        return std::pow(1.0 + factor * t / s, -w[20]);
    }
};

// R(t, S) with ∂R/∂S and ∂R/∂w20.
struct CurvePoint {
    double r, dr_ds, dr_dw20;
};

CurvePoint CurveWithPartials(const Model& m, double t, double s) {
    const double u = 1.0 + m.factor * t / s;
    const double log_u = std::log(u);
    const double r = std::exp(-m.w[20] * log_u);
    const double dr_ds = m.w[20] * r / u * m.factor * t / (s * s);
    // ∂factor/∂w20 = (factor + 1)·ln 0.9 / w20²
    const double dfactor = (m.factor + 1.0) * kLn09 / (m.w[20] * m.w[20]);
    const double dr_dw20 = r * (-log_u - m.w[20] / u * t / s * dfactor);
    return {r, dr_ds, dr_dw20};
}

// One review's effect on (S, D) and the derivatives the backward pass needs. Direct derivatives
// with respect to the weights are sparse: at most 6 for S, and w4..w7 for D.
struct Step {
    double s = 0.0, d = 0.0;                       // state after the review
    double ds_ds = 0.0, ds_dd = 0.0, dd_dd = 0.0;  // with respect to the state before
    std::uint8_t count = 0;
    std::array<std::uint8_t, 6> index{};
    std::array<double, 6> ds_dw{};
    std::array<double, 4> dd_dw{};  // ∂D/∂w4..w7

    void AddS(std::size_t i, double value) {
        index[count] = static_cast<std::uint8_t>(i);
        ds_dw[count] = value;
        ++count;
    }
};

// The first review: S = w[G−1], D = D0(G), both clamped (no gradient through a clamp that bites,
// as in fsrs-rs).
Step FirstStep(const Model& m, int rating) {
    Step step;
    const double s = m.w[static_cast<std::size_t>(rating - 1)];
    step.s = std::clamp(s, kMinStability, kMaxStability);
    if (s > kMinStability && s < kMaxStability) step.AddS(static_cast<std::size_t>(rating - 1), 1);
    const double e = std::exp(m.w[5] * (rating - 1));
    const double d = m.w[4] - e + 1.0;
    step.d = std::clamp(d, kDifficultyMin, kDifficultyMax);
    if (d > kDifficultyMin && d < kDifficultyMax) {
        step.dd_dw[0] = 1.0;
        step.dd_dw[1] = -(rating - 1) * e;
    }
    return step;
}

Step NextStep(const Model& m, double s, double d, std::uint32_t delta_t, int rating) {
    const Weights& w = m.w;
    Step step;
    // Difficulty: linear damping, mean reversion to D0(Easy), clamp.
    {
        const double g = rating - 3;
        const double damped = d - w[6] * g * (10.0 - d) / 9.0;
        const double next = w[7] * m.mean_reversion_target + (1.0 - w[7]) * damped;
        step.d = std::clamp(next, kDifficultyMin, kDifficultyMax);
        if (next > kDifficultyMin && next < kDifficultyMax) {
            step.dd_dd = (1.0 - w[7]) * (1.0 + w[6] * g / 9.0);
            step.dd_dw[0] = w[7];
            step.dd_dw[1] = -3.0 * w[7] * m.exp_3w5;
            step.dd_dw[2] = -(1.0 - w[7]) * g * (10.0 - d) / 9.0;
            step.dd_dw[3] = m.mean_reversion_target - damped;
        }
    }

    double next_s = 0.0;
    if (delta_t == 0) {
        // Same day: S·SInc, SInc = e^(w17·(G−3+w18))·S^−w19; a pass never lowers S.
        const double x = rating - 3 + w[18];
        const double sinc = std::exp(w[17] * x) * std::pow(s, -w[19]);
        if (rating >= 2 && sinc < 1.0) {
            next_s = s;
            step.ds_ds = 1.0;
        } else {
            next_s = s * sinc;
            step.ds_ds = sinc * (1.0 - w[19]);
            step.AddS(17, next_s * x);
            step.AddS(18, next_s * w[17]);
            step.AddS(19, -next_s * std::log(s));
        }
    } else {
        const CurvePoint c = CurveWithPartials(m, delta_t, s);
        if (rating == 1) {
            const double e14 = std::exp(w[14] * (1.0 - c.r));
            const double log_d = std::log(d);
            const double log_s1 = std::log(s + 1.0);
            const double d_pow = std::exp(-w[12] * log_d);
            const double s1_pow = std::exp(w[13] * log_s1);
            const double raw = w[11] * d_pow * (s1_pow - 1.0) * e14;
            const double shrink = std::exp(-w[17] * w[18]);
            const double floor_value = s * shrink;
            if (floor_value < raw) {
                next_s = floor_value;
                step.ds_ds = shrink;
                step.AddS(17, -w[18] * floor_value);
                step.AddS(18, -w[17] * floor_value);
            } else {
                next_s = raw;
                const double dr_factor = -w[14] * raw;  // ∂raw/∂R
                step.ds_ds = w[11] * d_pow * e14 * w[13] * s1_pow / (s + 1.0) + dr_factor * c.dr_ds;
                step.ds_dd = -w[12] * raw / d;
                step.AddS(11, d_pow * (s1_pow - 1.0) * e14);
                step.AddS(12, -raw * log_d);
                step.AddS(13, w[11] * d_pow * s1_pow * log_s1 * e14);
                step.AddS(14, raw * (1.0 - c.r));
                step.AddS(20, dr_factor * c.dr_dw20);
            }
        } else {
            const double bonus = rating == 2 ? w[15] : rating == 4 ? w[16] : 1.0;
            const double log_s = std::log(s);
            const double s_pow = std::exp(-w[9] * log_s);
            const double e10 = std::exp(w[10] * (1.0 - c.r));
            const double base = m.exp_w8 * (11.0 - d) * s_pow;  // without (e10 − 1)·bonus
            const double k = base * (e10 - 1.0) * bonus;
            next_s = s * (1.0 + k);
            const double dr_factor = -s * base * bonus * e10 * w[10];  // ∂S'/∂R
            step.ds_ds = 1.0 + (1.0 - w[9]) * k + dr_factor * c.dr_ds;
            step.ds_dd = -s * m.exp_w8 * s_pow * (e10 - 1.0) * bonus;
            step.AddS(8, s * k);
            step.AddS(9, -s * k * log_s);
            step.AddS(10, s * base * bonus * e10 * (1.0 - c.r));
            if (rating == 2) step.AddS(15, s * base * (e10 - 1.0));
            if (rating == 4) step.AddS(16, s * base * (e10 - 1.0));
            step.AddS(20, dr_factor * c.dr_dw20);
        }
    }
    step.s = std::clamp(next_s, kMinStability, kMaxStability);
    if (!(next_s > kMinStability && next_s < kMaxStability)) {
        step.ds_ds = 0.0;
        step.ds_dd = 0.0;
        step.count = 0;
    }
    return step;
}

// [SECTION] Loss and gradient, per item and per card

double BinaryCrossEntropy(double r, bool recalled) {
    const double p = std::clamp(r, 1e-10, 1.0 - 1e-10);
    return -(recalled ? std::log(p) : std::log(1.0 - p));
}

// Loss and gradient of one item; `steps` is scratch space reused between items.
double AccumulateItem(const Model& m, std::span<const TrainingReview> item, double weight,
                      std::vector<Step>& steps, Weights& gradient) {
    const std::size_t history = item.size() - 1;
    steps.clear();
    steps.push_back(FirstStep(m, item[0].rating));
    for (std::size_t k = 1; k < history; ++k) {
        const Step& prev = steps.back();
        steps.push_back(NextStep(m, prev.s, prev.d, item[k].delta_t, item[k].rating));
    }
    const TrainingReview& last = item[history];
    const CurvePoint c = CurveWithPartials(m, last.delta_t, steps.back().s);
    const bool y = Recalled(last);
    const double p = std::clamp(c.r, 1e-10, 1.0 - 1e-10);
    const double loss = -(y ? std::log(p) : std::log(1.0 - p)) * weight;
    const double dl_dr = -(y ? 1.0 / p : -1.0 / (1.0 - p)) * weight;

    double adj_s = dl_dr * c.dr_ds;
    double adj_d = 0.0;
    gradient[20] += dl_dr * c.dr_dw20;
    for (std::size_t k = steps.size(); k-- > 0;) {
        const Step& step = steps[k];
        for (std::size_t j = 0; j < step.count; ++j)
            gradient[step.index[j]] += adj_s * step.ds_dw[j];
        for (std::size_t j = 0; j < 4; ++j) gradient[4 + j] += adj_d * step.dd_dw[j];
        const double next_adj_s = adj_s * step.ds_ds;
        adj_d = adj_s * step.ds_dd + adj_d * step.dd_dd;
        adj_s = next_adj_s;
    }
    return loss;
}

struct WeightedItem {
    std::size_t index;
    double weight;
};

// A training item copied out of TrainingItems in card order (by history, then length), with its
// weight: the training reads these sequentially instead of looking each item up in the
// time-ordered item list (on 100,000 items those look-ups missed the cache).
struct CardItem {
    std::uint32_t begin;   // the card's first review in TrainingItems::reviews
    std::uint32_t length;  // reviews in the prefix, the predicted one included
    double weight;
};

// `batch` as CardItems sorted by (card, length).
void ToCardItems(const TrainingItems& items, std::span<const WeightedItem> batch,
                 std::vector<CardItem>& out) {
    out.clear();
    out.reserve(batch.size());
    for (const WeightedItem& w : batch) {
        const TrainingItems::Item& item = items.items[w.index];
        out.push_back({item.begin, item.length, w.weight});
    }
    std::stable_sort(out.begin(), out.end(), [](const CardItem& a, const CardItem& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.length < b.length;
    });
}

// The summed loss and gradient of several items of ONE card (same history, `group` sorted by
// length): one forward pass over the history and one backward pass that picks up each item's
// loss where its predicted review comes, instead of one pass per item.
double AccumulateCard(const Model& m, const TrainingReview* reviews,
                      std::span<const CardItem> group, std::vector<Step>& steps,
                      Weights& gradient) {
    const TrainingReview* history = reviews + group.back().begin;
    const std::size_t history_length = group.back().length - 1;
    steps.clear();
    steps.push_back(FirstStep(m, history[0].rating));
    for (std::size_t k = 1; k < history_length; ++k) {
        const Step& prev = steps.back();
        steps.push_back(NextStep(m, prev.s, prev.d, history[k].delta_t, history[k].rating));
    }
    double loss = 0.0;
    double adj_s = 0.0;
    double adj_d = 0.0;
    std::size_t next = group.size();  // items not yet picked up, from the longest down
    for (std::size_t k = steps.size(); k-- > 0;) {
        // Items predicting review k + 1 read the state after review k.
        while (next > 0 && group[next - 1].length == k + 2) {
            const CardItem& item = group[--next];
            const TrainingReview& last = history[k + 1];
            const CurvePoint c = CurveWithPartials(m, last.delta_t, steps[k].s);
            const bool y = Recalled(last);
            const double p = std::clamp(c.r, 1e-10, 1.0 - 1e-10);
            loss -= (y ? std::log(p) : std::log(1.0 - p)) * item.weight;
            const double dl_dr = -(y ? 1.0 / p : -1.0 / (1.0 - p)) * item.weight;
            adj_s += dl_dr * c.dr_ds;
            gradient[20] += dl_dr * c.dr_dw20;
        }
        const Step& step = steps[k];
        for (std::size_t j = 0; j < step.count; ++j) {
            gradient[step.index[j]] += adj_s * step.ds_dw[j];
        }
        for (std::size_t j = 0; j < 4; ++j) gradient[4 + j] += adj_d * step.dd_dw[j];
        const double next_adj_s = adj_s * step.ds_ds;
        adj_d = adj_s * step.ds_dd + adj_d * step.dd_dd;
        adj_s = next_adj_s;
    }
    return loss;
}

// The end of the card whose items start at `first` in `sorted` (items sorted by card).
std::size_t CardEnd(std::span<const CardItem> sorted, std::size_t first) {
    std::size_t last = first + 1;
    while (last < sorted.size() && sorted[last].begin == sorted[first].begin) ++last;
    return last;
}

// Sum over `batch` (any items, any order) by card.
double AccumulateItems(const Model& m, const TrainingItems& items,
                       std::span<const WeightedItem> batch, std::vector<CardItem>& sorted,
                       std::vector<Step>& steps, Weights& gradient) {
    ToCardItems(items, batch, sorted);
    double loss = 0.0;
    for (std::size_t first = 0; first < sorted.size();) {
        const std::size_t last = CardEnd(sorted, first);
        loss += AccumulateCard(m, items.reviews.data(),
                               std::span(sorted).subspan(first, last - first), steps, gradient);
        first = last;
    }
    return loss;
}

// The weighted binary cross-entropy of items sorted by card (no gradient): each history walked
// once, every item reading R off at its predicted review; summed in the items' order. Empty when
// `stop` was set.
std::optional<double> CardItemsLoss(const Model& m, const TrainingReview* reviews,
                                    std::span<const CardItem> sorted,
                                    const std::atomic<bool>* stop) {
    double loss = 0.0;
    std::uint32_t current_begin = UINT32_MAX;
    std::uint32_t applied = 0;
    double s = 0.0;
    double d = 0.0;
    for (std::size_t index = 0; index < sorted.size(); ++index) {
        if (StoppedAt(stop, index)) return std::nullopt;
        const CardItem& item = sorted[index];
        if (item.begin != current_begin) {
            current_begin = item.begin;
            const Step first = FirstStep(m, reviews[item.begin].rating);
            s = first.s;
            d = first.d;
            applied = 1;
        }
        while (applied + 1 < item.length) {
            const TrainingReview& r = reviews[item.begin + applied];
            const Step next = NextStep(m, s, d, r.delta_t, r.rating);
            s = next.s;
            d = next.d;
            ++applied;
        }
        const TrainingReview& last = reviews[item.begin + item.length - 1];
        loss += BinaryCrossEntropy(m.Retrievability(last.delta_t, s), Recalled(last)) * item.weight;
    }
    return loss;
}

// [SECTION] Randomness, learning rate, optimiser, clipping

struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t Next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
};

struct Adam {
    static constexpr double kBeta1 = 0.9;
    static constexpr double kBeta2 = 0.999;
    static constexpr double kEpsilon = 1e-8;
    Weights m{}, v{};
    int t = 0;

    void Step(double lr, Weights& w, const Weights& g) {
        ++t;
        const double c1 = 1.0 - std::pow(kBeta1, t);
        const double c2 = 1.0 - std::pow(kBeta2, t);
        for (std::size_t i = 0; i < kParameterCount; ++i) {
            m[i] = kBeta1 * m[i] + (1.0 - kBeta1) * g[i];
            v[i] = kBeta2 * v[i] + (1.0 - kBeta2) * g[i] * g[i];
            w[i] -= lr * (m[i] / c1) / (std::sqrt(v[i] / c2) + kEpsilon);
        }
    }
};

// fsrs-rs 6.5's clipper for FSRS-6 with short-term reviews on.
void Clip(Weights& w, std::size_t relearning_steps) {
    double ceiling = 2.0;
    if (relearning_steps > 1) {
        const double value =
            -(std::log(w[11]) + std::log(std::pow(2.0, w[13]) - 1.0) + w[14] * 0.3) /
            static_cast<double>(relearning_steps);
        ceiling = std::min(std::sqrt(std::max(value, 0.01)), 2.0);
        if (!std::isfinite(ceiling)) ceiling = 2.0;
    }
    for (std::size_t i = 0; i < kParameterCount; ++i) {
        ParameterRange range = ParameterRangeOf(i);
        if (i == 17 || i == 18) range.max = ceiling;
        w[i] = std::isnan(w[i]) ? range.min : std::clamp(w[i], range.min, range.max);
    }
}

double L2Penalty(const Weights& w, const Weights& start, double scale) {
    double sum = 0.0;
    for (std::size_t i = 0; i < kParameterCount; ++i) {
        const double delta = w[i] - start[i];
        sum += delta * delta / (kParameterStddev[i] * kParameterStddev[i]);
    }
    return sum * scale;
}

double RecencyWeight(std::size_t index, std::size_t count) {
    const double length = std::max(static_cast<double>(count) - 1.0, 1.0);
    const double x = static_cast<double>(index) / length;
    return 0.25 + 0.75 * x * x * x;
}

// [SECTION] Data preparation (outlier filter)

std::uint32_t FirstLongTermDeltaT(std::span<const TrainingReview> reviews) {
    for (const TrainingReview& r : reviews) {
        if (r.delta_t > 0) return r.delta_t;
    }
    return 0;
}

// FilterOutliers, empty when `stop` was set.
std::optional<OutlierFilter> FilterOutliersUnlessStopped(const TrainingItems& items,
                                                         const std::atomic<bool>* stop) {
    std::map<int, std::map<std::uint32_t, std::vector<std::size_t>>> groups;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (StoppedAt(stop, i)) return std::nullopt;
        const auto reviews = items.ReviewsOf(i);
        if (LongTermReviewCount(reviews) != 1) continue;
        groups[reviews[0].rating][reviews.back().delta_t].push_back(i);
    }
    OutlierFilter data;
    std::array<std::unordered_set<std::uint32_t>, 5> removed;
    for (auto& [rating, by_delta] : groups) {
        std::vector<std::pair<std::uint32_t, std::vector<std::size_t>*>> sub;
        std::size_t total = 0;
        for (auto& [delta_t, indices] : by_delta) {
            sub.emplace_back(delta_t, &indices);
            total += indices.size();
        }
        // Smallest groups first; among equal sizes, shorter intervals first.
        std::sort(sub.begin(), sub.end(), [](const auto& a, const auto& b) {
            if (a.second->size() != b.second->size()) return a.second->size() < b.second->size();
            return a.first < b.first;
        });
        std::size_t removed_so_far = 0;
        const std::size_t quota = std::max<std::size_t>(20, total / 20);
        const std::uint32_t longest = rating != 4 ? 100 : 365;
        for (const auto& [delta_t, indices] : sub) {
            if (removed_so_far + indices->size() >= quota) {
                if (indices->size() >= 6 && delta_t <= longest) {
                    data.initialization.insert(data.initialization.end(), indices->begin(),
                                               indices->end());
                } else {
                    removed[static_cast<std::size_t>(rating)].insert(delta_t);
                }
            } else {
                removed_so_far += indices->size();
                removed[static_cast<std::size_t>(rating)].insert(delta_t);
            }
        }
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (StoppedAt(stop, i)) return std::nullopt;
        const auto reviews = items.ReviewsOf(i);
        if (!removed[reviews[0].rating].contains(FirstLongTermDeltaT(reviews))) {
            data.training.push_back(i);
        }
    }
    return data;
}

}  // namespace

OutlierFilter FilterOutliers(const TrainingItems& items) {
    return *FilterOutliersUnlessStopped(items, nullptr);
}

namespace {

double AverageRecall(const TrainingItems& items, const std::vector<std::size_t>& indices) {
    if (indices.empty()) return 0.0;
    std::size_t recalled = 0;
    for (const std::size_t i : indices) recalled += Recalled(items.ReviewsOf(i).back()) ? 1 : 0;
    return static_cast<double>(recalled) / static_cast<double>(indices.size());
}

// [SECTION] Initial stability

struct RecallPoint {
    double delta_t, recall, count;
};

double PretrainLoss(const std::vector<RecallPoint>& points, double s, double default_s) {
    const double decay = -kDefaultWeights[20];
    const double factor = std::pow(0.9, 1.0 / decay) - 1.0;
    double loss = 0.0;
    for (const RecallPoint& p : points) {
        const double y = std::pow(1.0 + factor * p.delta_t / s, decay);
        loss -= (p.recall * std::log(y) + (1.0 - p.recall) * std::log(1.0 - y)) * p.count;
    }
    return loss + std::abs(s - default_s) / 16.0;
}

// fsrs-rs' smooth_and_fill: order the known stabilities by rating (the rating with more data
// wins a conflict), then fill missing ratings from the known ones by fixed log-linear ratios.
std::array<double, 4> SmoothAndFill(std::array<std::optional<double>, 5> s,
                                    const std::array<std::size_t, 5>& count) {
    for (int r = 1; r <= 4; ++r) {
        if (count[static_cast<std::size_t>(r)] == 0) s[static_cast<std::size_t>(r)].reset();
    }
    static constexpr std::pair<int, int> kPairs[] = {{1, 2}, {2, 3}, {3, 4},
                                                     {1, 3}, {2, 4}, {1, 4}};
    for (const auto& [small, big] : kPairs) {
        auto& a = s[static_cast<std::size_t>(small)];
        auto& b = s[static_cast<std::size_t>(big)];
        if (a && b && *a > *b) {
            if (count[static_cast<std::size_t>(small)] > count[static_cast<std::size_t>(big)]) {
                b = *a;
            } else {
                a = *b;
            }
        }
    }
    constexpr double w1 = 0.41;
    constexpr double w2 = 0.54;
    const int known = static_cast<int>(
        std::count_if(s.begin() + 1, s.end(), [](const auto& v) { return v.has_value(); }));
    std::array<double, 4> out{};
    const auto P = [](double base, double exponent) { return std::pow(base, exponent); };
    if (known == 1) {
        int rating = 1;
        while (!s[static_cast<std::size_t>(rating)]) ++rating;
        const double factor = *s[static_cast<std::size_t>(rating)] /
                              kDefaultWeights[static_cast<std::size_t>(rating - 1)];
        for (std::size_t i = 0; i < 4; ++i) out[i] = kDefaultWeights[i] * factor;
        std::sort(out.begin(), out.end());
    } else {
        auto& r1 = s[1];
        auto& r2 = s[2];
        auto& r3 = s[3];
        auto& r4 = s[4];
        if (known == 2) {
            if (!r1 && !r2) {
                r2 = P(*r3, 1.0 / (1.0 - w2)) * P(*r4, 1.0 - 1.0 / (1.0 - w2));
                r1 = P(*r2, 1.0 / w1) * P(*r3, 1.0 - 1.0 / w1);
            } else if (!r1 && !r3) {
                r3 = P(*r2, 1.0 - w2) * P(*r4, w2);
                r1 = P(*r2, 1.0 / w1) * P(*r3, 1.0 - 1.0 / w1);
            } else if (!r1 && !r4) {
                r4 = P(*r2, 1.0 - 1.0 / w2) * P(*r3, 1.0 / w2);
                r1 = P(*r2, 1.0 / w1) * P(*r3, 1.0 - 1.0 / w1);
            } else if (!r2 && !r3) {
                const double denom = w1 + w2 - w1 * w2;
                r2 = P(*r1, w1 / denom) * P(*r4, 1.0 - w1 / denom);
                r3 = P(*r1, 1.0 - w2 / denom) * P(*r4, w2 / denom);
            } else if (!r2 && !r4) {
                r2 = P(*r1, w1) * P(*r3, 1.0 - w1);
                r4 = P(*r2, 1.0 - 1.0 / w2) * P(*r3, 1.0 / w2);
            } else if (!r3 && !r4) {
                r3 = P(*r1, 1.0 - 1.0 / (1.0 - w1)) * P(*r2, 1.0 / (1.0 - w1));
                r4 = P(*r2, 1.0 - 1.0 / w2) * P(*r3, 1.0 / w2);
            }
        } else if (known == 3) {
            if (!r1) {
                r1 = P(*r2, 1.0 / w1) * P(*r3, 1.0 - 1.0 / w1);
            } else if (!r2) {
                r2 = P(*r1, w1) * P(*r3, 1.0 - w1);
            } else if (!r3) {
                r3 = P(*r2, 1.0 - w2) * P(*r4, w2);
            } else {
                r4 = P(*r2, 1.0 - 1.0 / w2) * P(*r3, 1.0 / w2);
            }
        }
        for (std::size_t i = 0; i < 4; ++i) out[i] = s[i + 1].value_or(kDefaultWeights[i]);
    }
    for (double& v : out) v = std::clamp(v, kMinStability, kInitialStabilityMax);
    return out;
}

struct Pretrained {
    std::array<double, 4> stability;
    std::array<std::size_t, 5> count;  // first-interval items per first rating
};

std::optional<Pretrained> Pretrain(const TrainingItems& items,
                                   const std::vector<std::size_t>& indices, double average_recall) {
    // first rating -> interval -> (recalled, total)
    std::array<std::map<std::uint32_t, std::pair<double, double>>, 5> groups;
    Pretrained result{};
    for (const std::size_t i : indices) {
        const auto reviews = items.ReviewsOf(i);
        if (LongTermReviewCount(reviews) != 1) continue;
        const TrainingReview& first_long = reviews.back();
        auto& cell = groups[reviews[0].rating][first_long.delta_t];
        cell.first += Recalled(first_long) ? 1.0 : 0.0;
        cell.second += 1.0;
        ++result.count[reviews[0].rating];
    }
    std::array<std::optional<double>, 5> found;
    for (int rating = 1; rating <= 4; ++rating) {
        const auto& group = groups[static_cast<std::size_t>(rating)];
        if (group.empty()) continue;
        std::vector<RecallPoint> points;
        for (const auto& [delta_t, cell] : group) {
            const double recall = cell.first / cell.second;
            // Laplace smoothing towards the average recall.
            points.push_back({static_cast<double>(delta_t),
                              (recall * cell.second + average_recall) / (cell.second + 1.0),
                              cell.second});
        }
        const double default_s = kDefaultWeights[static_cast<std::size_t>(rating - 1)];
        double low = kMinStability;
        double high = kInitialStabilityMax;
        for (int iteration = 0; high - low > 2.220446049250313e-16 && iteration < 1000;
             ++iteration) {
            const double mid1 = low + (high - low) / 3.0;
            const double mid2 = high - (high - low) / 3.0;
            if (PretrainLoss(points, mid1, default_s) < PretrainLoss(points, mid2, default_s)) {
                high = mid2;
            } else {
                low = mid1;
            }
        }
        found[static_cast<std::size_t>(rating)] = (high + low) / 2.0;
    }
    if (std::none_of(found.begin(), found.end(), [](const auto& v) { return v.has_value(); })) {
        return std::nullopt;
    }
    result.stability = SmoothAndFill(found, result.count);
    return result;
}

// [SECTION] Prediction and metrics

// Retrievability predicted for every item in `indices`: each card history is walked once and
// every item of it reads R off at its last review. Empty when `stop` was set.
std::optional<std::vector<double>> Predict(const Model& m, const TrainingItems& items,
                                           const std::vector<std::size_t>& indices,
                                           const std::atomic<bool>* stop) {
    std::vector<std::size_t> order(indices.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& ia = items.items[indices[a]];
        const auto& ib = items.items[indices[b]];
        return ia.begin != ib.begin ? ia.begin < ib.begin : ia.length < ib.length;
    });
    std::vector<double> predictions(indices.size());
    std::uint32_t current_begin = UINT32_MAX;
    std::uint32_t applied = 0;
    Step state;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (StoppedAt(stop, k)) return std::nullopt;
        const std::size_t o = order[k];
        const auto& item = items.items[indices[o]];
        if (item.begin != current_begin) {
            current_begin = item.begin;
            state = FirstStep(m, items.reviews[item.begin].rating);
            applied = 1;
        }
        while (applied + 1 < item.length) {
            const TrainingReview& r = items.reviews[item.begin + applied];
            state = NextStep(m, state.s, state.d, r.delta_t, r.rating);
            ++applied;
        }
        predictions[o] =
            m.Retrievability(items.reviews[item.begin + item.length - 1].delta_t, state.s);
    }
    return predictions;
}

// fsrs-rs' bin of an item for RMSE(bins): interval, review count and lapse count, each on a
// logarithmic scale.
std::uint64_t BinOf(std::span<const TrainingReview> reviews) {
    const double delta_t = reviews.back().delta_t;
    const auto log_floor = [](double x, double base) {
        return std::pow(base, std::floor(std::log(x) / std::log(base)));
    };
    const auto delta_bin =
        static_cast<std::uint64_t>(std::round(2.48 * log_floor(delta_t, 3.62) * 100.0));
    const double length = static_cast<double>(LongTermReviewCount(reviews)) + 1.0;
    const auto length_bin = static_cast<std::uint64_t>(std::round(1.99 * log_floor(length, 1.89)));
    std::size_t lapses = 0;
    for (std::size_t i = 0; i + 1 < reviews.size(); ++i) {
        if (reviews[i].rating == 1 && reviews[i].delta_t > 0) ++lapses;
    }
    const std::uint64_t lapse_bin =
        lapses == 0 ? 0
                    : static_cast<std::uint64_t>(
                          std::round(1.65 * log_floor(static_cast<double>(lapses), 1.73)));
    return (delta_bin << 40) | (length_bin << 20) | lapse_bin;
}

struct MetricsAccumulator {
    struct Bin {
        double predicted = 0, actual = 0, count = 0, weight = 0;
    };
    std::unordered_map<std::uint64_t, Bin> bins;
    double loss = 0, weight_sum = 0;
    std::size_t items = 0;

    void Add(std::span<const TrainingReview> reviews, double p, double weight) {
        const bool y = Recalled(reviews.back());
        Bin& bin = bins[BinOf(reviews)];
        bin.predicted += p;
        bin.actual += y ? 1.0 : 0.0;
        bin.count += 1.0;
        bin.weight += weight;
        const double q = std::clamp(p, 1e-15, 1.0 - 1e-15);
        loss -= (y ? std::log(q) : std::log(1.0 - q)) * weight;
        weight_sum += weight;
        ++items;
    }

    Evaluation Result() const {
        Evaluation e;
        e.items = items;
        if (items == 0) return e;
        e.log_loss = loss / weight_sum;
        double squared = 0, weights = 0;
        for (const auto& [key, bin] : bins) {
            const double diff = bin.predicted / bin.count - bin.actual / bin.count;
            squared += diff * diff * bin.weight;
            weights += bin.weight;
        }
        e.rmse_bins = std::sqrt(squared / weights);
        return e;
    }
};

// [SECTION] Training

std::optional<Weights> Train(const TrainingItems& items, const std::vector<WeightedItem>& train,
                             const Weights& start, const OptimizerOptions& options) {
    const std::size_t total = train.size();
    const std::size_t batch = std::max<std::size_t>(options.batch_size, 1);
    const double schedule_length = static_cast<double>((total / batch + 1) * options.epochs);
    // Batches of whole cards: all of a card's items go in one batch, so its history is walked
    // once per batch (O(reviews) per epoch instead of O(sum of item lengths)).
    std::vector<CardItem> sorted;
    ToCardItems(items, train, sorted);
    const TrainingReview* reviews = items.reviews.data();
    struct Range {
        std::size_t first, last;  // the card's items in `sorted`
    };
    std::vector<Range> cards;
    for (std::size_t first = 0; first < total;) {
        const std::size_t last = CardEnd(sorted, first);
        cards.push_back({first, last});
        first = last;
    }
    SplitMix64 rng{options.seed};
    Adam adam;
    Weights w = start;
    Weights best = start;
    double best_loss = INFINITY;
    std::vector<Step> scratch;
    std::size_t step_count = 0;
    std::size_t done = 0;
    const std::size_t work = total * static_cast<std::size_t>(options.epochs);
    std::vector<std::size_t> batch_cards;  // cards of the current batch
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        // Each epoch deals the cards out in a new random order; a batch closes once it holds
        // `batch` items.
        for (std::size_t i = cards.size(); i > 1; --i) {
            std::swap(cards[i - 1], cards[rng.Below(i)]);
        }
        for (std::size_t next_card = 0; next_card < cards.size();) {
            batch_cards.clear();
            std::size_t batch_items = 0;
            while (next_card < cards.size() && batch_items < batch) {
                batch_items += cards[next_card].last - cards[next_card].first;
                batch_cards.push_back(next_card++);
            }
            ++step_count;
            const double lr = options.learning_rate * 0.5 *
                              (1.0 + std::cos(std::numbers::pi * static_cast<double>(step_count) /
                                              schedule_length));
            const Model model(w);
            Weights gradient{};
            for (const std::size_t c : batch_cards) {
                const Range& card = cards[c];
                AccumulateCard(model, reviews,
                               std::span(sorted).subspan(card.first, card.last - card.first),
                               scratch, gradient);
            }
            const double scale =
                options.l2_strength * static_cast<double>(batch_items) / static_cast<double>(total);
            for (std::size_t i = 0; i < kParameterCount; ++i) {
                gradient[i] +=
                    2.0 * (w[i] - start[i]) / (kParameterStddev[i] * kParameterStddev[i]) * scale;
            }
            adam.Step(lr, w, gradient);
            Clip(w, options.relearning_steps);
            done += batch_items;
            if (options.progress && !options.progress(done, work)) return std::nullopt;
            if (Stopped(options.stop)) return std::nullopt;
        }
        // The epoch's loss over the whole training set (with the penalty) picks the best epoch.
        const std::optional<double> items_loss =
            CardItemsLoss(Model(w), reviews, sorted, options.stop);
        if (!items_loss) return std::nullopt;
        double loss = *items_loss + L2Penalty(w, start, options.l2_strength);
        loss /= static_cast<double>(total);
        if (loss < best_loss) {
            best_loss = loss;
            best = w;
        }
    }
    return best;
}

Parameters ToParameters(const Weights& w, std::size_t relearning_steps) {
    auto made = MakeParameters(std::span<const double>(w.data(), w.size()), relearning_steps);
    return made ? *made : Parameters{};
}

}  // namespace

// [SECTION] Public functions

TrainingItems TrainingItems::Slice(std::size_t first, std::size_t last) const {
    TrainingItems out;
    out.reviews = reviews;
    out.items.assign(items.begin() + static_cast<std::ptrdiff_t>(first),
                     items.begin() + static_cast<std::ptrdiff_t>(last));
    return out;
}

TrainingItems TrainingItems::Subset(std::span<const std::size_t> indices) const {
    TrainingItems out;
    out.reviews = reviews;
    out.items.reserve(indices.size());
    for (const std::size_t i : indices) out.items.push_back(items[i]);
    return out;
}

void TrainingItems::AddHistory(std::span<const TrainingReview> history) {
    const auto begin = static_cast<std::uint32_t>(reviews.size());
    reviews.insert(reviews.end(), history.begin(), history.end());
    for (std::size_t i = 1; i < history.size(); ++i) {
        if (history[i].delta_t > 0) items.push_back({begin, static_cast<std::uint32_t>(i + 1)});
    }
}

TrainingItems BuildTrainingItems(const std::vector<ReviewLogEntry>& log,
                                 const DayBoundary& day_boundary) {
    // Reviews by card, then time, then place in the log. The keys are copied next to the index
    // so that the sort compares values it holds rather than looking each one up in `log` (the
    // sort was a fifth of the time outside the fit in `mondo fsrs optimize`).
    struct Key {
        std::int64_t card_id;
        std::int64_t time_ms;
        std::size_t index;
    };
    std::vector<Key> keys(log.size());
    for (std::size_t i = 0; i < log.size(); ++i) {
        keys[i] = {log[i].card_id, log[i].review_time_ms, i};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        if (a.card_id != b.card_id) return a.card_id < b.card_id;
        if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
        return a.index < b.index;
    });
    std::vector<std::size_t> order(log.size());
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
    const auto seconds = [](std::int64_t ms) { return ms / 1000 - (ms % 1000 < 0 ? 1 : 0); };
    TrainingItems out;
    out.reviews.reserve(log.size());
    struct Pending {
        std::int64_t time_ms;
        std::size_t log_index;
        TrainingItems::Item item;
    };
    std::vector<Pending> pending;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        const auto begin = static_cast<std::uint32_t>(out.reviews.size());
        while (j < order.size() && log[order[j]].card_id == log[order[i]].card_id) {
            const ReviewLogEntry& entry = log[order[j]];
            TrainingReview review{static_cast<std::uint8_t>(entry.rating), 0};
            if (j > i) {
                review.delta_t = static_cast<std::uint32_t>(day_boundary.ElapsedDays(
                    seconds(log[order[j - 1]].review_time_ms), seconds(entry.review_time_ms)));
            }
            out.reviews.push_back(review);
            if (j > i && review.delta_t > 0) {
                pending.push_back({entry.review_time_ms,
                                   order[j],
                                   {begin, static_cast<std::uint32_t>(j - i + 1)}});
            }
            ++j;
        }
        i = j;
    }
    // (time, log index) is unique: an unstable sort gives the one order.
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
        return a.time_ms != b.time_ms ? a.time_ms < b.time_ms : a.log_index < b.log_index;
    });
    out.items.reserve(pending.size());
    for (const Pending& p : pending) out.items.push_back(p.item);
    return out;
}

LossAndGradient ItemLossAndGradient(const std::array<double, kParameterCount>& weights,
                                    std::span<const TrainingReview> item, double weight) {
    assert(item.size() >= 2 && "an item holds a history and the review it predicts");
    LossAndGradient out;
    std::vector<Step> scratch;
    out.loss = AccumulateItem(Model(weights), item, weight, scratch, out.gradient);
    return out;
}

LossAndGradient ItemsLossAndGradient(const std::array<double, kParameterCount>& weights,
                                     const TrainingItems& items,
                                     std::span<const std::size_t> indices,
                                     std::span<const double> item_weights) {
    assert(indices.size() == item_weights.size());
    std::vector<WeightedItem> batch;
    for (std::size_t k = 0; k < indices.size(); ++k) batch.push_back({indices[k], item_weights[k]});
    std::vector<CardItem> sorted;
    std::vector<Step> steps;
    LossAndGradient out;
    out.loss = AccumulateItems(Model(weights), items, batch, sorted, steps, out.gradient);
    return out;
}

std::optional<std::array<double, 4>> PretrainInitialStability(
    const TrainingItems& initialization_items, double average_recall) {
    std::vector<std::size_t> all(initialization_items.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    const auto pretrained = Pretrain(initialization_items, all, average_recall);
    if (!pretrained) return std::nullopt;
    return pretrained->stability;
}

FitResult FitParameters(const TrainingItems& items, const OptimizerOptions& options) {
    FitResult result;
    const std::optional<OutlierFilter> filtered = FilterOutliersUnlessStopped(items, options.stop);
    if (!filtered) {
        result.kind = FitResult::Kind::kCancelled;
        return result;
    }
    const OutlierFilter& data = *filtered;
    result.training_items = data.training.size();
    result.initialization_items = data.initialization.size();
    if (data.training.size() < 8) return result;
    const double average_recall = AverageRecall(items, data.training);
    const auto pretrained = Pretrain(items, data.initialization, average_recall);
    if (!pretrained) return result;  // fsrs-rs reports "not enough data"; the defaults stay
    Weights start = kDefaultWeights;
    std::copy(pretrained->stability.begin(), pretrained->stability.end(), start.begin());
    if (data.training.size() == data.initialization.size() || data.training.size() < 64) {
        result.kind = FitResult::Kind::kInitialOnly;
        result.parameters = ToParameters(start, options.relearning_steps);
        return result;
    }
    std::vector<WeightedItem> train;
    train.reserve(data.training.size());
    for (std::size_t k = 0; k < data.training.size(); ++k) {
        train.push_back({data.training[k], RecencyWeight(k, data.training.size())});
    }
    std::erase_if(train, [&](const WeightedItem& t) {
        return items.items[t.index].length > options.max_sequence_length;
    });
    if (train.empty()) {
        result.kind = FitResult::Kind::kInitialOnly;
        result.parameters = ToParameters(start, options.relearning_steps);
        return result;
    }
    const auto trained = Stopped(options.stop) ? std::nullopt : Train(items, train, start, options);
    if (!trained) {
        result.kind = FitResult::Kind::kCancelled;
        result.parameters = ToParameters(start, options.relearning_steps);
        return result;
    }
    Weights w = *trained;
    std::array<std::optional<double>, 5> initial;
    for (std::size_t i = 0; i < 4; ++i) initial[i + 1] = w[i];
    const std::array<double, 4> smoothed = SmoothAndFill(initial, pretrained->count);
    std::copy(smoothed.begin(), smoothed.end(), w.begin());
    result.kind = FitResult::Kind::kTrained;
    result.parameters = ToParameters(w, options.relearning_steps);
    return result;
}

Evaluation Evaluate(const Parameters& parameters, const TrainingItems& items) {
    return *Evaluate(parameters, items, nullptr);
}

std::optional<Evaluation> Evaluate(const Parameters& parameters, const TrainingItems& items,
                                   const std::atomic<bool>* stop) {
    std::vector<std::size_t> all(items.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    const std::optional<std::vector<double>> p = Predict(Model(parameters.w), items, all, stop);
    if (!p) return std::nullopt;
    MetricsAccumulator metrics;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (StoppedAt(stop, i)) return std::nullopt;
        metrics.Add(items.ReviewsOf(i), (*p)[i], RecencyWeight(i, items.size()));
    }
    return metrics.Result();
}

std::optional<Evaluation> EvaluateTimeSeriesSplits(const TrainingItems& items,
                                                   const OptimizerOptions& options) {
    constexpr std::size_t kSplits = 5;
    const std::size_t segment = items.size() / (kSplits + 1);
    if (segment == 0) return std::nullopt;
    MetricsAccumulator metrics;
    for (std::size_t i = 0; i < kSplits; ++i) {
        const std::size_t test_start = (i + 1) * segment;
        const std::size_t test_end = i == kSplits - 1 ? items.size() : (i + 2) * segment;
        OptimizerOptions split_options = options;
        split_options.progress = nullptr;
        const FitResult fit = FitParameters(items.Slice(0, test_start), split_options);
        if (fit.kind == FitResult::Kind::kCancelled) return std::nullopt;
        std::vector<std::size_t> test(test_end - test_start);
        std::iota(test.begin(), test.end(), test_start);
        const auto p = Predict(Model(fit.parameters.w), items, test, options.stop);
        if (!p) return std::nullopt;
        for (std::size_t k = 0; k < test.size(); ++k)
            metrics.Add(items.ReviewsOf(test[k]), (*p)[k], 1.0);
    }
    return metrics.Result();
}

OptimizeOutcome Optimize(const TrainingItems& items, const Parameters& current,
                         const OptimizerOptions& options) {
    OptimizeOutcome outcome;
    outcome.fit = FitParameters(items, options);
    outcome.chosen = current;
    // Cancelled: nothing to judge, and whoever cancelled is waiting.
    if (outcome.fit.kind == FitResult::Kind::kCancelled) return outcome;
    // Each evaluation of 800,000 items takes a second or more: both hear a stop as they go.
    const auto cancelled = [&] {
        outcome.fit.kind = FitResult::Kind::kCancelled;
        outcome.fit.parameters = current;
        outcome.before = {};
        return outcome;
    };
    const std::optional<Evaluation> before = Evaluate(current, items, options.stop);
    if (!before) return cancelled();
    outcome.before = *before;
    const std::optional<Evaluation> after = Evaluate(outcome.fit.parameters, items, options.stop);
    if (!after) return cancelled();
    outcome.after = *after;
    outcome.improved = outcome.after.log_loss < outcome.before.log_loss;
    outcome.chosen = outcome.improved ? outcome.fit.parameters : current;
    return outcome;
}

}  // namespace mondo::sched
