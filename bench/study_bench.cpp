// Study benchmarks (medians of repeated runs):
//   - building today's queue over 100,000 questions (target ≤ 20 ms): from loaded items, and
//     loading them from an in-memory SQLite collection first;
//   - `mondo simulate --days 365` on the built-in interview (through the real session and
//     storage code, one transaction per review);
//   - the Settings screen's load estimate (4 retentions × 60 days, target < 200 ms).
// --smoke: one run with tiny sizes.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "app/study/collection_store.h"
#include "app/study/memory_store.h"
#include "app/study/session.h"
#include "app/study/simulator.h"
#include "app/study/study_queue.h"
#include "bench/bench_util.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace {

using namespace mondo;

constexpr std::int64_t kNow = 1772442000;  // 2026-03-02 09:00 UTC

// A large collection: 40 % new, 55 % review (due from 30 days ago to 300 days ahead), 5 % in
// learning; 12 questions an exchange, kinds in turn.
std::vector<study::StudyItem> LargeCollection(int count) {
    std::vector<study::StudyItem> items;
    items.reserve(static_cast<std::size_t>(count));
    std::uint64_t state = 42;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    for (int i = 0; i < count; ++i) {
        study::StudyItem item;
        item.question.id = "bench-" + std::to_string(i);
        item.question.kind = content::kAllQuestionKinds[static_cast<std::size_t>(i) % 7];
        item.question.exchange = 1 + i / 12;
        item.question.prompt = "prompt " + std::to_string(i);
        item.question.answer = "answer " + std::to_string(i);
        item.order = i;
        const auto roll = next() % 100;
        if (roll < 55) {
            item.card.state = sched::CardState::kReview;
            item.card.memory = {1.0 + static_cast<double>(next() % 300), 5.0};
            item.card.due = kNow + (static_cast<std::int64_t>(next() % 330) - 30) * 86400;
            item.card.last_review = item.card.due - 10 * 86400;
            item.card.reps = 4;
        } else if (roll < 60) {
            item.card.state = sched::CardState::kLearning;
            item.card.memory = {2.3, 5.0};
            item.card.due = kNow + static_cast<std::int64_t>(next() % 7200);
            item.card.last_review = kNow - 600;
            item.card.reps = 1;
        }
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<content::Question> BuiltinQuestions(content::Interview& interview) {
    auto parsed = content::ParseInterview(content::BuiltinInterviewText());
    if (!parsed) {
        std::fprintf(stderr, "the built-in interview does not parse\n");
        std::exit(1);
    }
    interview = std::move(*parsed);
    return content::GenerateQuestions(interview);
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int runs = smoke ? 1 : 15;
    const int size = smoke ? 2000 : 100000;

    // Today's queue from loaded items.
    const std::vector<study::StudyItem> items = LargeCollection(size);
    study::QueueCounts counts;
    const auto build = bench::TimeRuns(runs, [&] {
        const auto queue = study::StudyQueue::Build(items, study::StudySettings{}, kNow, {}, {});
        counts = queue.Counts();
    });
    bench::Report("today's queue, " + std::to_string(size) + " questions (build)",
                  bench::Median(build), "ms",
                  "target <= 20 ms; " + std::to_string(counts.review) + " review, " +
                      std::to_string(counts.learning) + " learning, " +
                      std::to_string(counts.new_count) + " new");

    // The same through SQLite: a session start on a collection of that size loads every item,
    // counts today's reviews and builds the queue (what the Study screen waits for).
    {
        content::Interview big;
        big.source_id = "benchsource00001";
        big.title = "bench";
        std::vector<content::Question> big_questions;
        big_questions.reserve(items.size());
        for (const study::StudyItem& item : items) {
            if (big.exchanges.size() < static_cast<std::size_t>(*item.question.exchange)) {
                content::Exchange exchange;
                exchange.index = *item.question.exchange;
                exchange.question = "question " + std::to_string(exchange.index);
                exchange.answer = "answer " + std::to_string(exchange.index);
                big.exchanges.push_back(exchange);
            }
            big_questions.push_back(item.question);
        }
        auto collection = storage::Collection::OpenInMemory();
        if (!collection || !collection->ImportSource(big, big_questions)) {
            std::fprintf(stderr, "cannot create the large collection\n");
            return 1;
        }
        int shown = 0;
        const auto start = bench::TimeRuns(smoke ? 1 : 5, [&] {
            auto session = study::Session::Start(*collection, study::StudySettings{}, kNow);
            if (!session) {
                std::fprintf(stderr, "session start failed: %s\n", session.error().message.c_str());
                std::exit(1);
            }
            shown = session->Counts().Total();
        });
        bench::Report("session start, " + std::to_string(size) + " questions (SQLite load+build)",
                      bench::Median(start), "ms", std::to_string(shown) + " to study (all new)");
        const auto start_today = bench::TimeRuns(smoke ? 1 : 5, [&] {
            auto session = study::Session::Start(*collection, study::StudySettings{}, kNow, {},
                                                 study::LoadMode::kToday);
            if (!session) std::exit(1);
            shown = session->Counts().Total();
        });
        bench::Report("session start, today's cards only (LoadMode::kToday)",
                      bench::Median(start_today), "ms", std::to_string(shown) + " to study");
        std::size_t loaded = 0;
        const auto all = bench::TimeRuns(smoke ? 1 : 5, [&] {
            auto every = collection->LoadStudyItems();
            loaded = every ? every->size() : 0;
        });
        bench::Report("storage LoadStudyItems, " + std::to_string(size) + " questions",
                      bench::Median(all), "ms", std::to_string(loaded) + " items");
        const auto due = bench::TimeRuns(smoke ? 1 : 5, [&] {
            auto today = collection->LoadDueItems(kNow + 86400, 20);
            loaded = today ? today->size() : 0;
        });
        bench::Report("storage LoadDueItems, " + std::to_string(size) + " questions",
                      bench::Median(due), "ms", std::to_string(loaded) + " items");
    }

    // A 365-day simulation of the built-in interview through the session and SQLite storage.
    content::Interview interview;
    const std::vector<content::Question> questions = BuiltinQuestions(interview);
    const int days = smoke ? 5 : 365;
    std::vector<double> simulate_ms;
    study::SimulationSummary summary;
    for (int run = 0; run < (smoke ? 1 : 3); ++run) {
        auto collection = storage::Collection::OpenInMemory();
        if (!collection || !collection->ImportSource(interview, questions)) {
            std::fprintf(stderr, "cannot create the in-memory collection\n");
            return 1;
        }
        study::CollectionStore store(*collection);
        study::SimulationOptions options;
        options.days = days;
        simulate_ms.push_back(bench::TimeRuns(1, [&] {
            auto result = study::Simulate(store, options);
            if (!result) {
                std::fprintf(stderr, "simulation failed: %s\n", result.error().message.c_str());
                std::exit(1);
            }
            summary = result->summary;
        })[0]);
    }
    char note[160];
    std::snprintf(note, sizeof note,
                  "%zu questions, %d reviews (%.2f ms per review), retention %.3f",
                  questions.size(), summary.reviews,
                  summary.reviews ? bench::Median(simulate_ms) / summary.reviews : 0.0,
                  summary.true_retention.value_or(0.0));
    bench::Report("simulate --days " + std::to_string(days) + " (SQLite, in memory)",
                  bench::Median(simulate_ms), "ms", note);

    // The Settings screen's estimate: 4 retentions x 60 days on the built-in interview.
    std::vector<study::StudyItem> builtin;
    for (const content::Question& q : questions) {
        study::StudyItem item;
        item.question = q;
        builtin.push_back(std::move(item));
    }
    const auto estimate = bench::TimeRuns(smoke ? 1 : 9, [&] {
        (void)study::EstimateLoad(builtin, study::StudySettings{}, kNow, {0.80, 0.85, 0.90, 0.95},
                                  smoke ? 5 : 60);
    });
    bench::Report("load estimate, 4 retentions x 60 days", bench::Median(estimate), "ms",
                  "target < 200 ms");
    return 0;
}
