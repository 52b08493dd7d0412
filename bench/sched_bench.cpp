// Scheduler speed: replay of the real review log (12,580 reviews of 1,205 cards; target ≤ 10 ms)
// and the four next states of one card (target ≤ 1 µs). Prints medians; `--smoke` runs once.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

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

    bench::Report("sched: replay 12,580 reviews (memory model)", replay_ms, "ms",
                  "target <= 10 ms");
    bench::Report("sched: parse CSV + replay 12,580 reviews", parse_replay_ms, "ms", "");
    bench::Report("sched: NextAll, one review card (4 outcomes)", next_all_us, "us",
                  "target <= 1 us");
    if (sink == 0 || days_sink == 0) std::printf("(unexpected empty result)\n");
    return 0;
}
