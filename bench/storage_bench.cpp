// Storage benchmarks (targets from issue 4):
//   grade → durable commit (RecordReview, synchronous=FULL, WAL)   p50 ≤ 2 ms, p99 ≤ 10 ms
//   on 100,000 questions and 1,000,000 reviews (generated):
//     today's queue (LoadDueItems)                                ≤ 20 ms
//     the statistics' aggregates (per day, retention, forecast,
//       progress, today's counts)                                 ≤ 150 ms
//     open (lock, checks, WAL) of a file unchanged since its clean
//       close; and, for reference, with the full integrity_check   ≤ 100 ms
// `--smoke`: 1,000 questions and 10,000 reviews, one iteration.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "storage/collection.h"

namespace {

using namespace mondo;
using namespace mondo::storage;
namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 UTC
constexpr std::int64_t kDay = 86400;

[[noreturn]] void Die(const std::string& what, const StorageError& error) {
    std::fprintf(stderr, "storage_bench: %s: %s\n", what.c_str(), error.message.c_str());
    std::exit(1);
}

content::Interview MakeInterview(int exchanges) {
    content::Interview interview;
    interview.title = "ベンチマーク";
    interview.source_id = content::SourceIdFor(interview.title);
    for (int i = 1; i <= exchanges; ++i) {
        interview.exchanges.push_back(
            content::Exchange{i,
                              1 + i / 100,
                              "質問" + std::to_string(i) + "？",
                              "答え" + std::to_string(i) + "。長めの答えの文章です。",
                              {}});
    }
    return interview;
}

std::vector<content::Question> MakeQuestions(const content::Interview& interview, int count) {
    std::vector<content::Question> questions;
    questions.reserve(static_cast<std::size_t>(count));
    const int per_exchange = std::max(1, count / static_cast<int>(interview.exchanges.size()));
    for (int i = 0; i < count; ++i) {
        content::Question q;
        q.id = interview.source_id + "-choice-" + std::to_string(i);
        q.kind = content::QuestionKind::kChoice;
        q.exchange =
            1 + std::min(i / per_exchange, static_cast<int>(interview.exchanges.size()) - 1);
        q.prompt = "問題文" + std::to_string(i) + "：インタビューの中で何と言いましたか？";
        q.answer = "正解の文章" + std::to_string(i);
        q.choices = {"選択肢一", "選択肢二", q.answer, "選択肢四"};
        q.context = "文脈の文章。";
        questions.push_back(std::move(q));
    }
    return questions;
}

// Fills `path` with `questions` questions and `reviews` reviews over the past year; cards end due
// spread from 30 days ago to a year ahead, a tenth still new.
void Generate(const fs::path& path, int questions, int reviews) {
    auto collection = Collection::Open(path);
    if (!collection) Die("open", collection.error());
    const auto interview = MakeInterview(std::max(1, questions / 50));
    const auto generated = MakeQuestions(interview, questions);
    if (auto imported = collection->ImportSource(interview, generated); !imported)
        Die("import", imported.error());
    std::mt19937 random(42);
    const int reviewed = questions - questions / 10;
    const int per_question = std::max(1, reviews / reviewed);
    std::vector<ReviewRow> batch;
    batch.reserve(100'000);
    int written = 0;
    for (int q = 0; q < reviewed && written < reviews; ++q) {
        sched::Card card;
        std::int64_t t = kNow - 365 * kDay + static_cast<std::int64_t>(random() % (30 * kDay));
        for (int r = 0; r < per_question && written < reviews; ++r, ++written) {
            ReviewRow row;
            row.question_id = generated[static_cast<std::size_t>(q)].id;
            row.time_ms = t * 1000;
            row.rating = static_cast<sched::Rating>(1 + random() % 4);
            row.duration_ms = 2000 + static_cast<std::int64_t>(random() % 8000);
            row.card_before = card;
            sched::Card after = card;
            after.state = row.rating == sched::Rating::kAgain ? sched::CardState::kRelearning
                                                              : sched::CardState::kReview;
            after.memory.stability = 1.0 + r * 2.0;
            after.memory.difficulty = 5.0;
            after.reps = card.reps + 1;
            after.last_review = t;
            after.scheduled_days = 1 + static_cast<int>(random() % 30);
            after.due = r + 1 == per_question
                            ? kNow - 30 * kDay + static_cast<std::int64_t>(random() % (395 * kDay))
                            : t + after.scheduled_days * kDay;
            row.card_after = after;
            row.scheduled_days = after.scheduled_days;
            batch.push_back(row);
            card = after;
            t += std::max<std::int64_t>(1, (365 * kDay - 30 * kDay) / per_question);
            if (batch.size() == 100'000) {
                if (auto ids = collection->RecordReviews(batch); !ids) Die("reviews", ids.error());
                batch.clear();
            }
        }
    }
    if (auto ids = collection->RecordReviews(batch); !ids) Die("reviews", ids.error());
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int questions = smoke ? 1'000 : 100'000;
    const int reviews = smoke ? 10'000 : 1'000'000;
    const int runs = smoke ? 1 : 15;
    // On the disk the collection lives on (the default collection's folder), not in a temporary
    // folder that may be memory: MONDO_BENCH_DIR chooses another place.
    const char* chosen = std::getenv("MONDO_BENCH_DIR");
    const fs::path base = chosen != nullptr && chosen[0] != '\0'
                              ? fs::path(chosen)
                              : DefaultCollectionPath().parent_path();
    const fs::path dir = base / ("mondo-storage-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::printf("working in %s (the disk of the collection; MONDO_BENCH_DIR to change)\n",
                dir.c_str());

    // 1. Grade → durable commit on a small collection.
    {
        const fs::path path = dir / "grade.sqlite3";
        auto collection = Collection::Open(path);
        if (!collection) Die("open", collection.error());
        const auto interview = MakeInterview(20);
        const auto generated = MakeQuestions(interview, 200);
        if (auto imported = collection->ImportSource(interview, generated); !imported)
            Die("import", imported.error());
        std::vector<sched::Card> cards(generated.size());
        const int grades = smoke ? 5 : 1000;
        std::vector<double> ms;
        for (int i = 0; i < grades; ++i) {
            const std::size_t q = static_cast<std::size_t>(i) % generated.size();
            ReviewRow row;
            row.question_id = generated[q].id;
            row.time_ms = (kNow + i) * 1000;
            row.rating = sched::Rating::kGood;
            row.answer_given = "答え";
            row.card_before = cards[q];
            row.card_after = cards[q];
            row.card_after.state = sched::CardState::kReview;
            row.card_after.reps += 1;
            row.card_after.last_review = kNow + i;
            ms.push_back(bench::TimeRuns(1, [&] {
                if (auto id = collection->RecordReview(row); !id) Die("grade", id.error());
            })[0]);
            cards[q] = row.card_after;
        }
        bench::Report("grade -> durable commit p50", bench::Percentile(ms, 50), "ms",
                      "target <= 2 ms");
        bench::Report("grade -> durable commit p99", bench::Percentile(ms, 99), "ms",
                      "target <= 10 ms");
    }

    // 2. The large collection.
    const fs::path path = dir / "large.sqlite3";
    const auto generate_ms = bench::TimeRuns(1, [&] { Generate(path, questions, reviews); })[0];
    std::printf("generated %d questions, %d reviews (%.1f MB) in %.1f s\n", questions, reviews,
                static_cast<double>(fs::file_size(path)) / 1e6, generate_ms / 1000.0);

    // Open as it really happens: the file unchanged since its last clean close (its fingerprint
    // is read and compared, no other check), and after an outside change or a crash (the full
    // integrity_check, every index against its table). The lock file's note is what tells them
    // apart: emptying it makes the next open check in full.
    { auto first = Collection::Open(path); }  // leaves the clean-close fingerprint
    const auto open_ms = bench::TimeRuns(runs, [&] {
        auto collection = Collection::Open(path);
        if (!collection) Die("open", collection.error());
    });
    bench::Report("open, unchanged since a clean close (fingerprint)", bench::Median(open_ms), "ms",
                  "target <= 100 ms");
    fs::path lock = path;
    lock += ".lock";
    const auto checked_ms = bench::TimeRuns(smoke ? 1 : 3, [&] {
        fs::resize_file(lock, 0);
        auto collection = Collection::Open(path);
        if (!collection) Die("open", collection.error());
    });
    bench::Report("open after an outside change or a crash (integrity_check)",
                  bench::Median(checked_ms), "ms", "for reference");

    auto collection = Collection::Open(path);
    if (!collection) Die("open", collection.error());
    std::size_t due_count = 0;
    const auto queue_ms = bench::TimeRuns(runs, [&] {
        auto items = collection->LoadDueItems(kNow + kDay, 20);
        if (!items) Die("due items", items.error());
        due_count = items->size();
    });
    bench::Report("today's queue (LoadDueItems)", bench::Median(queue_ms), "ms",
                  "target <= 20 ms; " + std::to_string(due_count) + " items");
    const auto all_ms = bench::TimeRuns(smoke ? 1 : 5, [&] {
        auto items = collection->LoadStudyItems();
        if (!items) Die("study items", items.error());
    });
    bench::Report("all study items (LoadStudyItems)", bench::Median(all_ms), "ms", "for reference");
    const auto stats_ms = bench::TimeRuns(runs, [&] {
        const std::int64_t today = kNow / kDay;
        if (auto r = collection->ReviewsPerDay(today - 365, today, 9 * 3600); !r)
            Die("per day", r.error());
        if (auto r = collection->ReviewsByStateAndRating((kNow - 30 * kDay) * 1000, kNow * 1000);
            !r)
            Die("state", r.error());
        if (auto r = collection->DueForecast(today, 30, 9 * 3600); !r) Die("forecast", r.error());
        if (auto r = collection->ProgressByExchange(ProgressClock{kNow, 9 * 3600, {}}); !r)
            Die("progress", r.error());
        if (auto r = collection->CountReviewsSince(kNow - kDay); !r) Die("today", r.error());
    });
    bench::Report("statistics aggregates (all five)", bench::Median(stats_ms), "ms",
                  "target <= 150 ms");
    {
        const std::int64_t today = kNow / kDay;
        auto one = [&](const char* name, auto&& work) {
            bench::Report(std::string("  ") + name, bench::Median(bench::TimeRuns(runs, work)),
                          "ms");
        };
        one("reviews per day, 365 days",
            [&] { (void)collection->ReviewsPerDay(today - 365, today, 9 * 3600); });
        one("reviews by state and rating, 30 days", [&] {
            (void)collection->ReviewsByStateAndRating((kNow - 30 * kDay) * 1000, kNow * 1000);
        });
        one("due forecast, 30 days", [&] { (void)collection->DueForecast(today, 30, 9 * 3600); });
        one("progress by exchange", [&] {
            (void)collection->ProgressByExchange(ProgressClock{kNow, 9 * 3600, {}});
        });
        one("reviews since the day start",
            [&] { (void)collection->CountReviewsSince(kNow - kDay); });
    }
    if (const char* keep = std::getenv("MONDO_BENCH_KEEP"); keep != nullptr && keep[0] != '\0') {
        std::printf("kept %s\n", path.c_str());
        return 0;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
