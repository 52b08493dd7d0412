// Settings on a big collection (issue 14): what the Settings screen computes in the background on
// the 100,000-question / 1,000,000-review collection that scale_bench generates (run scale_bench
// once first; its file stays in $TMPDIR/mondo-scale-bench):
//   reading the study items (LoadStudyItems)                         once per estimate or sweep
//   the load estimate beside the retention slider (4 retentions, 60 days)
//   "Help me decide" (6 retentions 0.70-0.95, 365 days)
//   reading the review log into training items (LoadTrainingData)   before a fit
// Each is timed in one process (warm), wall and processor time; the machine's load is printed.
// Then the UI thread as the window drives it (AppController): opening Settings, "Help me decide",
// "Optimise parameters", their cancels and closing, each call timed, and the longest Tick while
// the work runs on its worker (Tick every 16 ms, as frames would come).
// Last, closing the controller while a fit evaluates its result (`--runs` times).
// `--smoke`: an empty in-memory collection, one run (keeps the program working in the tests);
// `--db PATH`: another collection; `--runs N`: repetitions (default 3; the sweep runs once);
// `--ui-only`: only the UI-thread part.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "app/app_controller.h"
#include "app/study/collection_store.h"
#include "app/study/fitting.h"
#include "app/study/simulator.h"
#include "bench/bench_util.h"
#include "storage/collection.h"

namespace {

using namespace mondo;
namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'767'258'000;  // scale_bench's "now": 2026-01-01 09:00 UTC

[[noreturn]] void Die(const std::string& what, const std::string& message) {
    std::fprintf(stderr, "settings_bench: %s: %s\n", what.c_str(), message.c_str());
    std::exit(1);
}

double CpuMs() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0) +
           (static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
}

void Time(const std::string& name, int runs, const std::function<std::string()>& work) {
    std::vector<double> wall;
    std::vector<double> cpu;
    std::string note;
    for (int i = 0; i < runs; ++i) {
        const double cpu_start = CpuMs();
        const auto start = std::chrono::steady_clock::now();
        note = work();
        wall.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        cpu.push_back(CpuMs() - cpu_start);
    }
    std::printf("%-44s %10.1f ms wall %10.1f ms cpu (median of %d)  %s\n", name.c_str(),
                bench::Median(wall), bench::Median(cpu), runs, note.c_str());
    std::fflush(stdout);
}

double MsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// Times `call` on this (the UI) thread.
double TimedMs(const std::function<void()>& call) {
    const auto start = std::chrono::steady_clock::now();
    call();
    return MsSince(start);
}

double ThreadCpuMs() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Ticks every 16 ms for at most `seconds` or until no work is left; the longest Tick in wall
// time (which includes waiting for a core on a loaded machine) and in this thread's processor
// time, and how many Ticks there were.
std::string LongestTick(app::AppController& controller, double seconds, double& waited_ms) {
    const auto start = std::chrono::steady_clock::now();
    double longest_wall = 0.0;
    double longest_cpu = 0.0;
    int ticks = 0;
    while (controller.Busy() && MsSince(start) < seconds * 1000.0) {
        const double cpu_start = ThreadCpuMs();
        longest_wall = std::max(longest_wall, TimedMs([&] { controller.Tick(); }));
        longest_cpu = std::max(longest_cpu, ThreadCpuMs() - cpu_start);
        ++ticks;
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    waited_ms = MsSince(start);
    char text[128];
    std::snprintf(text, sizeof text, "%.1f ms wall / %.1f ms thread cpu (%d Ticks)", longest_wall,
                  longest_cpu, ticks);
    return text;
}

void UiThread(storage::Collection& collection) {
    app::AppController controller(collection, [] { return kNow * 1000; });
    const double start_ms = TimedMs([&] {
        if (auto started = controller.Start(); !started) {
            std::fprintf(stderr, "settings_bench: start: %s\n", started.error().c_str());
            std::exit(1);
        }
    });
    std::printf("UI thread: controller start (session) %.1f ms\n", start_ms);
    const auto ask = [&](app::SettingsIntent::Kind kind) {
        app::SettingsIntent intent;
        intent.kind = kind;
        intent.values = controller.preferences();
        return TimedMs([&] { controller.Apply(intent); });
    };
    double waited = 0.0;
    const double open_ms = TimedMs([&] { controller.Navigate(app::Screen::kSettings); });
    const std::string estimate_tick = LongestTick(controller, 600.0, waited);
    std::printf(
        "UI thread: open Settings %.1f ms; longest Tick while the estimate ran %s (estimate "
        "done after %.1f s, %s)\n",
        open_ms, estimate_tick.c_str(), waited / 1000.0,
        controller.error().empty() ? "ok" : "error");
    const double decide_ms = ask(app::SettingsIntent::Kind::kHelpDecide);
    const std::string decide_tick = LongestTick(controller, 10.0, waited);
    const double decide_cancel_ms = ask(app::SettingsIntent::Kind::kCancelHelpDecide);
    std::printf(
        "UI thread: Help me decide %.1f ms; longest Tick in its first %.0f s %s; Cancel %.1f "
        "ms\n",
        decide_ms, waited / 1000.0, decide_tick.c_str(), decide_cancel_ms);
    const double fit_ms = ask(app::SettingsIntent::Kind::kOptimise);
    const std::string fit_tick = LongestTick(controller, 20.0, waited);
    const double fit_progress = controller.settings_view().fit_progress.fraction;
    const double fit_cancel_ms =
        controller.Busy() ? ask(app::SettingsIntent::Kind::kCancelOptimise) : 0.0;
    std::printf(
        "UI thread: Optimise %.1f ms; longest Tick in its first %.0f s (log read, then %.0f%% "
        "of the fit) %s; Cancel %.1f ms\n",
        fit_ms, waited / 1000.0, fit_progress * 100.0, fit_tick.c_str(), fit_cancel_ms);
    ask(app::SettingsIntent::Kind::kHelpDecide);
    ask(app::SettingsIntent::Kind::kOptimise);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const double close_ms = TimedMs([&] { controller.Shutdown(); });
    std::printf("UI thread: closing with Help me decide and a fit running %.1f ms\n", close_ms);
    std::fflush(stdout);
}

// Closing Settings' app controller at the worst moment for a fit: its training is done and it
// evaluates the fitted and the current parameters on every item (seconds on a big log, where a
// cancel used to wait for the evaluation to finish). Each run starts a fresh controller.
void CloseWhileEvaluating(storage::Collection& collection, int runs) {
    std::vector<double> close;
    for (int run = 0; run < runs; ++run) {
        app::AppController controller(collection, [] { return kNow * 1000; });
        if (auto started = controller.Start(); !started) Die("start", started.error());
        // Not on the Settings screen: its load estimate would run beside the fit.
        app::SettingsIntent intent;
        intent.kind = app::SettingsIntent::Kind::kOptimise;
        intent.values = controller.preferences();
        controller.Apply(intent);
        const auto start = std::chrono::steady_clock::now();
        while (controller.Busy() && controller.settings_view().fit_progress.fraction < 1.0) {
            controller.Tick();
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
        if (!controller.Busy()) {
            std::printf("UI thread: the fit ended before its evaluation was seen; run skipped\n");
            continue;
        }
        const double ran_s = MsSince(start) / 1000.0;
        close.push_back(TimedMs([&] { controller.Shutdown(); }));
        std::printf("UI thread: closing while the fit evaluates (read + training %.1f s) %.1f ms\n",
                    ran_s, close.back());
        std::fflush(stdout);
    }
    if (!close.empty()) {
        std::printf("UI thread: closing while the fit evaluates: median %.1f ms of %zu\n",
                    bench::Median(close), close.size());
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    fs::path path = fs::temp_directory_path() / "mondo-scale-bench" / "collection-v1.sqlite3";
    int runs = smoke ? 1 : 3;
    bool ui_only = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--ui-only") == 0) ui_only = true;
    }
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--db") == 0) path = argv[i + 1];
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    }
    auto collection =
        smoke ? storage::Collection::OpenInMemory()
              : storage::Collection::Open(path, storage::OpenOptions{.create_if_missing = false});
    if (!collection) Die("open " + path.string(), collection.error().message);
    auto settings = study::LoadSettings(*collection);
    if (!settings) Die("settings", settings.error().message);
    double load[3] = {0, 0, 0};
    ::getloadavg(load, 3);
    std::printf("settings_bench: %s, load average %.2f %.2f %.2f\n",
                smoke ? "(smoke: empty collection)" : path.string().c_str(), load[0], load[1],
                load[2]);

    if (ui_only) {
        UiThread(*collection);
        if (!smoke) CloseWhileEvaluating(*collection, runs);
        return 0;
    }
    std::vector<study::StudyItem> items;
    Time("study items (LoadStudyItems)", runs, [&] {
        auto loaded = collection->LoadStudyItems();
        if (!loaded) Die("study items", loaded.error().message);
        items = std::move(*loaded);
        return std::to_string(items.size()) + " items";
    });
    Time("load estimate (4 retentions x 60 days)", runs, [&] {
        const auto estimates = study::EstimateLoad(items, *settings, kNow);
        return estimates.empty() ? std::string()
                                 : std::to_string(estimates.back().summary.reviews) +
                                       " reviews simulated at 0.95";
    });
    Time("help me decide (6 retentions x 365 days)", 1, [&] {
        const auto estimates =
            study::EstimateLoad(items, *settings, kNow, {0.70, 0.75, 0.80, 0.85, 0.90, 0.95}, 365);
        return estimates.empty() ? std::string()
                                 : std::to_string(estimates.back().summary.reviews) +
                                       " reviews simulated at 0.95";
    });
    Time("review log -> training items", runs, [&] {
        auto data = study::LoadTrainingData(*collection, *settings);
        if (!data) Die("review log", data.error().message);
        return std::to_string(data->reviews) + " reviews, " +
               std::to_string(data->items.items.size()) + " items";
    });
    UiThread(*collection);
    if (!smoke) CloseWhileEvaluating(*collection, runs);
    return 0;
}
