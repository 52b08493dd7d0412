// A simulated learner who studies day after day through the real Session (and, on a collection,
// the real storage code: one transaction per review). It answers what it remembers: each question
// has a hidden FSRS memory of the learner (the same FSRS-6 model the scheduler uses, with the
// default or given parameters), and the learner recalls it with the probability R(t, S) of that
// memory at the real time elapsed since its last review; a first sight is rated with fixed
// probabilities. Everything random comes from the seed, so a run is reproducible.
//
// This is Anki's "help me decide": what a desired retention costs in reviews and minutes a day.
// Thread-safety: none needed (no globals); one simulation per store at a time.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "app/study/settings.h"
#include "app/study/study_store.h"

namespace mondo::study {

struct SimulationOptions {
    int days = 30;           // >= 1
    std::uint64_t seed = 1;  // every random choice comes from this
    StudySettings settings;  // limits, retention, steps used by the sessions
    // Unix time of the first day's study session; later days are at the same time of day.
    std::int64_t start = 1767603600;  // 2026-01-05 09:00 UTC
    // How a first sight is rated (Again, Hard, Good, Easy), and how a recalled self-graded
    // question is rated (Hard, Good, Easy); auto-graded questions are Good when recalled.
    // Defaults: fsrs-rs's simulator.
    std::array<double, 4> first_rating_probability = {0.24, 0.094, 0.495, 0.171};
    std::array<double, 3> recall_rating_probability = {0.224, 0.631, 0.145};
    // Seconds an answer takes by rating, for a first sight and for later reviews (fsrs-rs's
    // simulator defaults, rounded).
    std::array<double, 4> first_seconds = {33.8, 24.3, 13.7, 6.5};
    std::array<double, 4> review_seconds = {23.0, 11.7, 7.3, 5.6};
    // Asked before each day: false stops the simulation there (the result holds the days done).
    // Empty: never stops. (Settings runs simulations on a worker thread that can be cancelled.)
    std::function<bool()> keep_going;
};

struct SimulatedDay {
    int day = 0;              // 1-based
    std::int64_t time = 0;    // unix time the day's session started
    int reviews = 0;          // answers given (learning steps included)
    int new_cards = 0;        // questions seen for the first time
    int review_cards = 0;     // answers to cards in the review state
    int review_recalled = 0;  // of which recalled
    // review_recalled / review_cards; empty when no review card was due.
    std::optional<double> true_retention;
    double minutes = 0.0;  // time spent answering
    int cards_seen = 0;    // questions no longer new, in total, at the end of the day
};

struct SimulationSummary {
    int days = 0;
    int reviews = 0;
    int new_cards = 0;
    int review_cards = 0;
    std::optional<double> true_retention;  // over all review-state answers
    double minutes = 0.0;
    double reviews_per_day = 0.0;
    double minutes_per_day = 0.0;
    int cards_seen = 0;
    // Knowledge retained: the learner's (hidden) chance of recalling each question seen, summed,
    // at the start of the day after the last one — the questions "memorised".
    double memorized = 0.0;
};

struct SimulationResult {
    std::vector<SimulatedDay> days;
    SimulationSummary summary;
};

// Runs the simulation on `store` (its cards and log change as a real learner's would). Cards that
// were already studied start with a hidden memory equal to their scheduled one. `on_day` is called
// after each day (for streaming output). Errors: the store's.
Expected<SimulationResult, StorageError> Simulate(
    StudyStore& store, const SimulationOptions& options,
    const std::function<void(const SimulatedDay&)>& on_day = {});

// What each desired retention costs: for each retention, a simulation of `days` days on an
// in-memory copy of `items` (cards as they are now) starting at `now`. Nothing is written
// anywhere. Made for the Settings screen: the built-in interview, four retentions and 60 days
// take a few milliseconds. `report` (optional) is told the fraction done after every simulated
// day; when it returns false the estimate stops and returns nothing.
struct LoadEstimate {
    double desired_retention = 0.0;
    SimulationSummary summary;
    std::vector<SimulatedDay> days;
};
std::vector<LoadEstimate> EstimateLoad(
    const std::vector<StudyItem>& items, const StudySettings& settings, std::int64_t now,
    const std::vector<double>& retentions = {0.80, 0.85, 0.90, 0.95}, int days = 60,
    std::uint64_t seed = 1, const std::function<bool(double)>& report = {});

}  // namespace mondo::study
