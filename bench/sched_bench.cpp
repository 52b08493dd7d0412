// Scheduler speed: replay of the real review log (12,580 reviews of 1,205 cards; target ≤ 10 ms),
// the four next states of one card (target ≤ 1 µs), and the FSRS optimizer on that log (target:
// no slower than fsrs-rs' computeParameters, ≈40 ms; scripts/fsrs_golden/optimize.mjs --mondo
// times both in one run) and on 4× and 16× copies of it (≈25,000 and ≈100,000 items: linear).
// Prints medians; `--smoke` runs once.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "app/sched/optimizer.h"
#include "app/sched/review_log.h"
#include "app/sched/scheduler.h"
#include "bench/bench_util.h"

namespace {

std::string ReadLog() {
    std::ifstream in(std::string(MONDO_TEST_DATA_DIR) + "/fsrs/fsrs-review-log.csv",
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace mondo;
    const bool smoke = bench::SmokeRun(argc, argv);
    const int runs = smoke ? 1 : 51;

    const std::string text = ReadLog();
    const auto log = sched::ParseReviewLogCsv(text);
    if (!log || log->size() != 12580) {
        std::fprintf(stderr, "sched_bench: cannot read tests/data/fsrs/fsrs-review-log.csv\n");
        return 1;
    }

    std::size_t sink = 0;
    const sched::ReplayOptions options;
    const double replay_ms =
        bench::Median(bench::TimeRuns(runs, [&] { sink += sched::Replay(*log, options).size(); }));
    const double parse_replay_ms = bench::Median(bench::TimeRuns(runs, [&] {
        const auto parsed = sched::ParseReviewLogCsv(text);
        sink += sched::Replay(*parsed, options).size();
    }));

    // NextAll on a review card, with fuzz: time a batch and divide, the call is far below the
    // clock's resolution.
    sched::SchedulingContext context;
    context.now = 1'717'243'200;
    context.fuzz_factor = 0.42;
    sched::Card card;
    card.state = sched::CardState::kReview;
    card.memory = {12.5, 5.2};
    card.last_review = context.now - 11 * 86400;
    const int batch = smoke ? 1000 : 200'000;
    double days_sink = 0;
    const double batch_ms = bench::Median(bench::TimeRuns(runs, [&] {
        for (int i = 0; i < batch; ++i) {
            context.now += 1;  // defeat hoisting: each call sees a new time
            const sched::NextStates next = sched::NextAll(card, context);
            days_sink += next[sched::Rating::kGood].interval_days;
        }
    }));
    const double next_all_us = batch_ms * 1000.0 / batch;

    // The optimizer: Optimize = fit + evaluation of the fit and of the current parameters.
    const int fit_runs = smoke ? 1 : 11;
    const sched::TrainingItems items = sched::BuildTrainingItems(*log, sched::DayBoundary{});
    const double optimize_ms = bench::Median(bench::TimeRuns(
        fit_runs, [&] { sink += sched::Optimize(items, sched::Parameters{}).fit.training_items; }));
    const double whole_ms = bench::Median(bench::TimeRuns(fit_runs, [&] {
        const auto parsed = sched::ParseReviewLogCsv(text);
        const auto built = sched::BuildTrainingItems(*parsed, sched::DayBoundary{});
        sink += sched::Optimize(built, sched::Parameters{}).fit.training_items;
    }));
    // Copies of the log under other card ids, shifted by a day per copy, for the scaling.
    struct Scaled {
        std::size_t items;
        double wall_ms, cpu_ms;
    };
    std::vector<Scaled> scaled;
    for (const int copies : {1, 4, 16}) {
        if (smoke && copies > 1) break;
        std::vector<sched::ReviewLogEntry> big;
        big.reserve(log->size() * static_cast<std::size_t>(copies));
        for (int c = 0; c < copies; ++c) {
            for (sched::ReviewLogEntry entry : *log) {
                entry.card_id += static_cast<std::int64_t>(c) * 1'000'000;
                entry.review_time_ms += static_cast<std::int64_t>(c) * 86'400'000;
                big.push_back(entry);
            }
        }
        const sched::TrainingItems big_items = sched::BuildTrainingItems(big, sched::DayBoundary{});
        // Processor time beside wall time: on a loaded machine the wall time mostly measures the
        // other processes, and the scaling is about this one's work (and its cache misses).
        std::vector<double> cpu_ms;
        const double ms = bench::Median(bench::TimeRuns(smoke ? 1 : 5, [&] {
            const std::clock_t start = std::clock();
            sink += sched::FitParameters(big_items).training_items;
            cpu_ms.push_back(static_cast<double>(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC);
        }));
        scaled.push_back({big_items.size(), ms, bench::Median(cpu_ms)});
    }

    bench::Report("sched: replay 12,580 reviews (memory model)", replay_ms, "ms",
                  "target <= 10 ms");
    bench::Report("sched: parse CSV + replay 12,580 reviews", parse_replay_ms, "ms", "");
    bench::Report("sched: NextAll, one review card (4 outcomes)", next_all_us, "us",
                  "target <= 1 us");
    bench::Report("sched: Optimize (fit + 2 evaluations), real log", optimize_ms, "ms",
                  "fsrs-rs computeParameters ~40 ms");
    bench::Report("sched: parse + items + Optimize, real log", whole_ms, "ms", "");
    for (const Scaled& row : scaled) {
        char name[96];
        std::snprintf(name, sizeof name, "sched: FitParameters, %zu items", row.items);
        char note[96];
        const double thousands = static_cast<double>(row.items) / 1000.0;
        std::snprintf(note, sizeof note,
                      "%.3f ms per 1,000 items; processor %.1f ms, %.3f ms per 1,000 items",
                      row.wall_ms / thousands, row.cpu_ms, row.cpu_ms / thousands);
        bench::Report(name, row.wall_ms, "ms", note);
    }
    if (sink == 0 || days_sink == 0) std::printf("(unexpected empty result)\n");
    return 0;
}
