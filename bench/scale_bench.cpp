// Scale (issue 13): a collection of 100,000 questions and 1,000,000 reviews ON DISK, with the
// states a year of study leaves (review, learning, relearning, suspended and new cards, reviews
// spread over 365 days), measured as the app and `mondo stats` use it:
//   today's due count (the one definition, DueForecast's first day)       target <= 10 ms
//   today's queue items (LoadDueItems: due cards + a pool of new ones)       for reference
//   session start: open (with its check) + today's queue (Session, kToday) target <= 20 ms
//   Home and Read progress (study::LoadProgress)                           target <= 20 ms
//   every statistic of the Stats screen (LoadStats)                        target <= 100 ms
//   `mondo stats --json` (open + LoadStats + JSON)                         target <= 150 ms
//   peak RSS of a process that opens it and does all of the above          target <= 200 MB
// Warm: repeated in one process (SQLite's and the OS's caches filled). Cold: each run a freshly
// executed process (this program with `--cold NAME`) that opens the file and does the one thing,
// as the app does when it starts; the OS page cache is warm (the file was just written or read),
// SQLite's own cache is empty. Medians; the conditions are printed.
//
// The collection is generated once and kept in $TMPDIR (mondo-scale-bench-<version>.sqlite3) so
// repeated runs measure, not generate; `--regenerate` makes it again. `--smoke`: 1,000 questions,
// 10,000 reviews in a private folder, one run of each.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/stats_command.h"
#include "app/stats_builder.h"
#include "app/study/collection_store.h"
#include "app/study/progress.h"
#include "app/study/session.h"
#include "bench/bench_util.h"
#include "storage/collection.h"

extern char** environ;

namespace {

using namespace mondo;
namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'767'258'000;  // 2026-01-01 09:00 UTC
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNextMorning = kNow + kDay;  // 2026-01-02 09:00 UTC, no review yet that day
constexpr int kGeneratorVersion = 1;                // bump when the generated collection changes
constexpr int kSources = 40;

[[noreturn]] void Die(const std::string& what, const std::string& message) {
    std::fprintf(stderr, "scale_bench: %s: %s\n", what.c_str(), message.c_str());
    std::exit(1);
}

content::Interview MakeInterview(int source, int exchanges) {
    content::Interview interview;
    interview.title = "ベンチマーク " + std::to_string(source);
    interview.source_id = content::SourceIdFor(interview.title);
    for (int s = 1; s <= 5; ++s)
        interview.sections.push_back(content::Section{s, "第" + std::to_string(s) + "部"});
    for (int i = 1; i <= exchanges; ++i) {
        interview.exchanges.push_back(content::Exchange{
            i,
            1 + (i - 1) * 5 / exchanges,
            "質問" + std::to_string(i) + "？",
            "答え" + std::to_string(i) + "。長めの答えの文章で、理由と例を挙げて説明します。",
            {}});
    }
    return interview;
}

std::vector<content::Question> MakeQuestions(const content::Interview& interview, int count) {
    std::vector<content::Question> questions;
    const int exchanges = static_cast<int>(interview.exchanges.size());
    for (int i = 0; i < count; ++i) {
        content::Question q;
        q.id = interview.source_id + "-choice-" + std::to_string(i);
        q.kind = content::QuestionKind::kChoice;
        q.exchange = 1 + i * exchanges / count;
        q.prompt = "問題文" + std::to_string(i) + "：インタビューの中で何と言いましたか？";
        q.answer = "正解の文章" + std::to_string(i);
        q.choices = {"選択肢一", "選択肢二", q.answer, "選択肢四"};
        q.context = "文脈の文章。";
        questions.push_back(std::move(q));
    }
    return questions;
}

// One card's year: introduced on a day of the past year, reviewed with growing intervals (Again
// now and then: relearning), ending in the review state, or still learning (introduced today), or
// relearning (lapsed today). About 10 reviews per reviewed card.
void Generate(const fs::path& path, int questions, int reviews) {
    auto collection = storage::Collection::Open(path);
    if (!collection) Die("open", collection.error().message);
    std::vector<std::string> ids;
    const int per_source = questions / kSources;
    for (int s = 0; s < kSources; ++s) {
        const auto interview = MakeInterview(s, std::max(1, per_source / 5));
        const auto generated = MakeQuestions(interview, per_source);
        if (auto imported = collection->ImportSource(interview, generated); !imported)
            Die("import", imported.error().message);
        for (const auto& q : generated) ids.push_back(q.id);
    }
    std::mt19937 random(42);
    const auto uniform = [&](double a, double b) {
        return std::uniform_real_distribution<double>(a, b)(random);
    };
    const std::size_t reviewed = ids.size() - ids.size() / 10;  // a tenth stays new
    std::vector<storage::ReviewRow> batch;
    std::vector<std::string> suspended;
    int written = 0;
    for (std::size_t q = 0; q < reviewed && written < reviews; ++q) {
        sched::Card card;
        const double roll = uniform(0, 1);
        const bool learning = roll < 0.03;  // introduced in the last hours, still in its steps
        const bool relearning = roll >= 0.03 && roll < 0.05;  // lapsed in the last hour
        // Introduced on a day of the past year (cards introduced earlier have more reviews).
        std::int64_t t = learning
                             ? kNow - static_cast<std::int64_t>(uniform(60, 6 * 3600))
                             : kNow - static_cast<std::int64_t>(uniform(0.02, 1.0) * 365 * kDay);
        double interval = 1.0;
        for (int r = 0; written < reviews; ++r) {
            // The lapse of a relearning card: its last review, Again, in the last hour.
            const bool lapse_now = relearning && t >= kNow - 3600;
            const bool again = lapse_now || (!learning && r > 0 && uniform(0, 1) < 0.1);
            storage::ReviewRow row;
            row.question_id = ids[q];
            row.time_ms = t * 1000;
            row.rating = again ? sched::Rating::kAgain : sched::Rating::kGood;
            row.duration_ms = 2000 + static_cast<std::int64_t>(random() % 10000);
            row.elapsed_days =
                card.last_review ? static_cast<int>((t - card.last_review) / kDay) : 0;
            row.card_before = card;
            sched::Card after = card;
            after.reps = card.reps + 1;
            after.last_review = t;
            after.memory.difficulty = 5.0;
            if (learning) {
                after.state = sched::CardState::kLearning;
                after.memory.stability = 1.0;
                after.scheduled_days = 0;
                after.due = t + 600;
            } else if (again) {
                after.state = sched::CardState::kRelearning;
                after.lapses = card.lapses + 1;
                after.memory.stability = std::max(0.5, card.memory.stability * 0.3);
                after.scheduled_days = 0;
                after.due = t + 600;
                interval = std::max(1.0, interval * 0.3);
            } else {
                after.state = sched::CardState::kReview;
                after.memory.stability = interval * 1.2;
                after.scheduled_days = static_cast<int>(interval + 0.5);
                after.due = t + after.scheduled_days * kDay;
                interval *= uniform(1.4, 2.2);
            }
            row.scheduled_days = after.scheduled_days;
            row.card_after = after;
            batch.push_back(row);
            ++written;
            card = after;
            if (lapse_now || (learning && (r == 1 || uniform(0, 1) < 0.5))) break;
            // The next review: on its due day, a little late at times (a relearning step the
            // same day).
            std::int64_t next = after.due + static_cast<std::int64_t>(uniform(0, 0.15) *
                                                                      after.scheduled_days * kDay);
            if (relearning && next >= kNow - 3600)
                next = kNow - static_cast<std::int64_t>(uniform(60, 3000));  // the lapse
            if (next >= kNow || next <= t) break;  // not due again yet: the card stays so
            t = next;
        }
        if (batch.size() >= 100'000) {
            if (auto done = collection->RecordReviews(batch); !done)
                Die("reviews", done.error().message);
            batch.clear();
        }
        if (q % 50 == 7) suspended.push_back(ids[q]);  // 2% suspended
    }
    if (auto done = collection->RecordReviews(batch); !done) Die("reviews", done.error().message);
    for (const auto& id : suspended) {
        if (auto done = collection->SetSuspended(id, true); !done)
            Die("suspend", done.error().message);
    }
}

study::StudySettings Settings() {
    study::StudySettings settings;
    settings.utc_offset_seconds = 9 * 3600;  // Japan: the day starts at 04:00 JST
    return settings;
}

double CpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Wall and processor time of one run, in ms.
struct Timing {
    double wall = 0.0;
    double cpu = 0.0;
};

Timing TimeOnce(const std::function<void()>& work) {
    const double cpu = CpuMs();
    const auto start = std::chrono::steady_clock::now();
    work();
    return Timing{
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
        CpuMs() - cpu};
}

// "<wall median> ms" with the processor time's median beside the target: on a loaded machine the
// processor time says what the code costs, the wall time what the machine gave.
void ReportTimings(const std::string& name, const std::vector<Timing>& runs,
                   const std::string& target) {
    std::vector<double> wall;
    std::vector<double> cpu;
    for (const Timing& t : runs) {
        wall.push_back(t.wall);
        cpu.push_back(t.cpu);
    }
    char note[96];
    std::snprintf(note, sizeof note, "cpu %8.2f ms  ", bench::Median(cpu));
    bench::Report(name, bench::Median(wall), "ms", note + target);
}

std::int64_t PeakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The operations measured, each from an open collection (`collection`) or from the path.
struct Operations {
    fs::path path;

    static int DueToday(storage::Collection& collection) {
        const study::StudySettings settings = Settings();
        const auto clock = study::MakeProgressClock(settings, kNow);
        const std::int64_t today = (kNow + clock.day_offset_seconds) / kDay;
        auto due = collection.DueForecast(today, 1, clock.day_offset_seconds);
        if (!due) Die("due", due.error().message);
        return (*due)[0];
    }
    static std::size_t QueueItems(storage::Collection& collection) {
        const auto boundary = Settings().MakeDayBoundary();
        // As a session does: the review limit (200) twice over, the new limit (20) eight times.
        auto items = collection.LoadDueItems(boundary.NextDayStart(kNow), 20 * 8, 200 * 2);
        if (!items) Die("due items", items.error().message);
        return items->size();
    }
    // Open (with its check) + Session::Start (today's queue, the session recorded): timed until
    // the first card is there; ending the session and closing the collection come after.
    // At kNow the day's limits are already reached (a heavy day); at kNextMorning nothing has been
    // reviewed yet that day, so the whole queue (due reviews, learning cards, new ones) is read.
    Timing SessionStart(std::int64_t now = kNow, std::size_t* items = nullptr) const {
        const double cpu = CpuMs();
        const auto start = std::chrono::steady_clock::now();
        auto collection = storage::Collection::Open(path);
        if (!collection) Die("open", collection.error().message);
        auto session =
            study::Session::Start(*collection, Settings(), now, {}, study::LoadMode::kToday);
        if (!session) Die("session", session.error().message);
        if (session->Current() == nullptr) Die("session", "no first card");
        const Timing timing{
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count(),
            CpuMs() - cpu};
        if (items) *items = session->items().size();
        return timing;
    }
    static int Progress(storage::Collection& collection, std::int64_t now = kNow) {
        auto progress = study::LoadProgress(collection, content::SourceIdFor("ベンチマーク 0"),
                                            Settings(), now);
        if (!progress) Die("progress", progress.error().message);
        return progress->collection.learned;
    }
    static int Stats(storage::Collection& collection) {
        content::Interview interview = MakeInterview(0, 1);
        auto stats = app::LoadStats(collection, interview, Settings(), kNow);
        if (!stats) Die("stats", stats.error().message);
        return stats->total_reviews;
    }
    std::size_t StatsCommand() const {
        std::ostringstream out;
        std::ostringstream err;
        if (app::RunStatsCommand({"--db", path.string(), "--json"}, out, err) != 0)
            Die("mondo stats", err.str());
        return out.str().size();
    }
};

// The operations a cold run can do, by name (`--cold NAME`): each from the collection's path.
Timing ColdOperation(const Operations& ops, const std::string& name, int day) {
    const auto opened = [&ops](const std::function<void(storage::Collection&)>& work) {
        return TimeOnce([&ops, &work] {
            auto collection = storage::Collection::Open(ops.path);
            if (!collection) Die("open", collection.error().message);
            work(*collection);
        });
    };
    if (name == "open") return opened([](storage::Collection&) {});
    if (name == "due") return opened([](auto& c) { Operations::DueToday(c); });
    if (name == "start") return ops.SessionStart(kNow);
    if (name == "start-next-morning") return ops.SessionStart(kNextMorning);
    if (name == "progress") return opened([](auto& c) { Operations::Progress(c); });
    if (name == "progress-of-day")
        return opened([day](auto& c) { Operations::Progress(c, kNow + day * kDay); });
    if (name == "stats") return opened([](auto& c) { Operations::Stats(c); });
    if (name == "stats-command") return TimeOnce([&ops] { ops.StatsCommand(); });
    Die("--cold", "no operation " + name);
}

// A cold run: this program executed afresh (`--cold NAME`), as the app starts: none of this
// process's heap, SQLite state or page cache (a fork would share them). Its times are measured in
// it from before the open to the end and written to its standard output.
Timing Cold(const fs::path& path, const std::string& name, int day = 0) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) Die("pipe", std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    const std::string day_text = std::to_string(day);
    std::vector<std::string> args = {"/proc/self/exe", "--cold", name,    "--db",
                                     path.string(),    "--day",  day_text};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) Die("cold run", std::strerror(spawned));
    Timing timing;
    FILE* out = fdopen(pipe_fds[0], "r");
    const bool read = out && std::fscanf(out, "%lf %lf", &timing.wall, &timing.cpu) == 2;
    if (out) std::fclose(out);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!read || !WIFEXITED(status) || WEXITSTATUS(status) != 0) Die("cold run", name + " failed");
    return timing;
}

// The value of `--name VALUE`, or "".
std::string OptionValue(int argc, char** argv, const char* name) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
    return std::string();
}

}  // namespace

int main(int argc, char** argv) {
    if (const std::string cold = OptionValue(argc, argv, "--cold"); !cold.empty()) {
        const Operations ops{OptionValue(argc, argv, "--db")};
        const Timing timing =
            ColdOperation(ops, cold, std::atoi(OptionValue(argc, argv, "--day").c_str()));
        std::printf("%.6f %.6f\n", timing.wall, timing.cpu);
        return 0;
    }
    const bool smoke = bench::SmokeRun(argc, argv);
    bool regenerate = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--regenerate") == 0) regenerate = true;
    const int questions = smoke ? 1'000 : 100'000;
    const int reviews = smoke ? 10'000 : 1'000'000;
    const int runs = smoke ? 1 : 11;
    const fs::path dir =
        fs::temp_directory_path() / (smoke ? "mondo-scale-bench-smoke-" + std::to_string(::getpid())
                                           : std::string("mondo-scale-bench"));
    fs::create_directories(dir);
    const fs::path path = dir / ("collection-v" + std::to_string(kGeneratorVersion) + ".sqlite3");
    if (smoke || regenerate || !fs::exists(path)) {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", ".lock"})
            fs::remove(path.string() + suffix, ec);
        const auto ms = bench::TimeRuns(1, [&] { Generate(path, questions, reviews); })[0];
        std::printf("generated in %.1f s\n", ms / 1000.0);
    }
    Operations ops{path};
    // --repeat-session N [--next-morning]: only session starts, N of them (for a profiler: perf
    // record -g), at kNow or the next morning.
    bool next_morning = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--next-morning") == 0) next_morning = true;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat-session") != 0) continue;
        const int repeat = std::atoi(argv[i + 1]);
        std::size_t items = 0;
        for (int r = 0; r < repeat; ++r)
            ops.SessionStart(next_morning ? kNextMorning : kNow, &items);
        std::printf("%d session starts, %zu items each\n", repeat, items);
        return 0;
    }
    {
        auto collection = storage::Collection::Open(path);
        if (!collection) Die("open", collection.error().message);
        auto counts = collection->ReviewsPerDay(0, kNow / kDay + 1, 0);
        std::int64_t total = 0;
        if (counts) {
            for (const auto& day : *counts)
                total += day.count[0] + day.count[1] + day.count[2] + day.count[3];
        }
        std::printf(
            "collection: %s, %.1f MB on disk, %d questions, %lld reviews, due today %d, "
            "LoadDueItems items %zu\n",
            path.c_str(), static_cast<double>(fs::file_size(path)) / 1e6, questions,
            static_cast<long long>(total), Operations::DueToday(*collection),
            Operations::QueueItems(*collection));
    }

    {
        std::size_t items = 0;
        ops.SessionStart(kNow, &items);
        std::printf("session start reads %zu study items (kToday, the day's limits reached)\n",
                    items);
        ops.SessionStart(kNextMorning, &items);
        std::printf("session start reads %zu study items (kToday, the next morning)\n", items);
    }
    std::printf("\nwarm (one process, %d runs each, medians):\n", runs);
    {
        auto collection = storage::Collection::Open(path);
        if (!collection) Die("open", collection.error().message);
        const auto report = [&](const char* name, const std::function<void()>& work,
                                const char* target) {
            std::vector<Timing> timings;
            for (int i = 0; i < runs; ++i) timings.push_back(TimeOnce(work));
            ReportTimings(name, timings, target);
        };
        report(
            "today's due count", [&] { Operations::DueToday(*collection); }, "target <= 10 ms");
        report(
            "today's queue items (LoadDueItems)", [&] { Operations::QueueItems(*collection); },
            "for reference");
        report(
            "Home and Read progress (LoadProgress)", [&] { Operations::Progress(*collection); },
            "target <= 20 ms");
        report(
            "all statistics of Stats (LoadStats)", [&] { Operations::Stats(*collection); },
            "target <= 100 ms");
    }
    {
        const auto report = [&](const char* name, const std::function<void()>& work,
                                const char* target) {
            std::vector<Timing> timings;
            for (int i = 0; i < runs; ++i) timings.push_back(TimeOnce(work));
            ReportTimings(name, timings, target);
        };
        std::vector<Timing> starts;
        for (int i = 0; i < runs; ++i) starts.push_back(ops.SessionStart());
        ReportTimings("session start, the day's limits reached", starts, "target <= 20 ms");
        starts.clear();
        for (int i = 0; i < runs; ++i) starts.push_back(ops.SessionStart(kNextMorning));
        ReportTimings("session start, the next morning", starts, "target <= 20 ms");
        report(
            "mondo stats --json (in process)", [&] { ops.StatsCommand(); }, "target <= 150 ms");
    }

    std::printf(
        "\ncold (a freshly executed process per run, OS page cache warm, %d runs, medians):\n",
        runs);
    const auto cold = [&](const char* name, const char* operation, const char* target) {
        std::vector<Timing> timings;
        for (int i = 0; i < runs; ++i) timings.push_back(Cold(path, operation));
        ReportTimings(name, timings, target);
    };
    cold("open (with its check)", "open", "for reference");
    cold("open + today's due count", "due", "target <= 10 ms (after open)");
    cold("session start, the day's limits reached", "start", "target <= 20 ms");
    cold("session start, the next morning", "start-next-morning", "target <= 20 ms");
    cold("open + Home and Read progress", "progress", "target <= 20 ms (after open)");
    cold("open + all statistics of Stats", "stats", "target <= 100 ms (after open)");
    cold("mondo stats --json", "stats-command", "target <= 150 ms");
    // The progress summary holds one day's due counts and mastery: the first read of a new day
    // recomputes every exchange (each run here is another day).
    {
        std::vector<Timing> timings;
        for (int i = 1; i <= runs; ++i) timings.push_back(Cold(path, "progress-of-day", i));
        ReportTimings("open + progress, first of a new day", timings, "for reference (once a day)");
    }

    bench::Report("peak RSS of this process (all of the above)",
                  static_cast<double>(PeakRssKb()) / 1024.0, "MB", "target <= 200 MB (the app)");
    if (smoke) {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    return 0;
}
