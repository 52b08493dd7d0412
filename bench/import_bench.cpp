// Import benchmark (issue 13: a 9 MB interview imports in at most 3 s with a peak RSS of at most
// 300 MB; `mondo stats` on the result in at most 150 ms).
//   - the interview: bench/generated_interview.h (the built-in interview's exchanges repeated with
//     variations, as content_bench's 1 MB and 2 MB ones), written to a file;
//   - `mondo import FILE --db NEW` run as a fresh process (posix_spawn of the real binary) into a
//     new collection in a fresh folder on disk (the system's temporary folder, or --dir DIR):
//     wall time, processor time (user + system, children's rusage) and peak RSS (ru_maxrss, the
//     kernel's VmHWM) of the whole process — reading, parsing, generating, opening the collection,
//     writing it and closing it (the WAL checkpointed and synced);
//   - `mondo stats --json` on the imported collection, also a fresh process, the same three;
//   - in process, parse + generate alone on one thread and on every core (the generator's own
//     share of the import, and what its threads give).
// Medians of the runs; `--smoke` imports a small interview once and checks only that it works;
// `--mondo PATH` runs another build's binary (an A/B comparison on the same interview).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "bench/generated_interview.h"
#include "content/interview.h"
#include "content/question.h"

extern char** environ;

using namespace mondo;
namespace fs = std::filesystem;

namespace {

struct ProcessRun {
    double wall_ms = 0.0;
    double cpu_ms = 0.0;
    double peak_mb = 0.0;
    int status = -1;
};

// Runs `args` (args[0] the program) with standard output to `out`, waits, and measures it.
ProcessRun Run(const std::vector<std::string>& args, const fs::path& out) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ProcessRun run;
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    posix_spawn_file_actions_destroy(&actions);
    const auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
    run.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    run.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string ReadAll(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

void ReportRuns(const std::string& name, const std::vector<ProcessRun>& runs,
                const std::string& target) {
    std::vector<double> wall, cpu, peak;
    for (const auto& r : runs) {
        wall.push_back(r.wall_ms);
        cpu.push_back(r.cpu_ms);
        peak.push_back(r.peak_mb);
    }
    bench::Report(name + ", wall, median", bench::Median(wall), "ms", target);
    bench::Report("  processor time (user + system), median", bench::Median(cpu), "ms");
    bench::Report("  peak RSS (VmHWM), median", bench::Median(peak), "MB");
}

std::string OptionValue(int argc, char** argv, const char* name) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == name) return argv[i + 1];
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int runs = smoke ? 1 : 5;
    const std::size_t bytes = smoke ? std::size_t{64} << 10 : std::size_t{9} << 20;
    std::string dir_option = OptionValue(argc, argv, "--dir");
    std::string mondo = OptionValue(argc, argv, "--mondo");
    if (mondo.empty()) mondo = MONDO_BINARY;
    const fs::path base = dir_option.empty() ? fs::temp_directory_path() : fs::path(dir_option);
    const fs::path dir = base / ("mondo-import-bench-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path source = dir / "interview.txt";
    const std::string text = bench::GeneratedInterview(bytes);
    std::ofstream(source, std::ios::binary) << text;

    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    std::printf("import of a generated %.1f MB interview (%s), %d runs, load average %.1f, %s\n",
                static_cast<double>(text.size()) / (1 << 20), dir.c_str(), runs, load[0],
                mondo.c_str());

    std::vector<ProcessRun> imports, stats;
    fs::path last_db;
    for (int i = 0; i < runs; ++i) {
        last_db = dir / ("collection-" + std::to_string(i) + ".sqlite3");
        const ProcessRun run =
            Run({mondo, "import", source.string(), "--db", last_db.string()}, dir / "import.out");
        if (run.status != 0) {
            std::fprintf(stderr, "mondo import failed (status %d)\n", run.status);
            return 1;
        }
        imports.push_back(run);
    }
    std::printf("  %s", ReadAll(dir / "import.out").c_str());
    ReportRuns("mondo import (fresh process, new collection on disk)", imports,
               "target <= 3000 ms, <= 300 MB");
    for (int i = 0; i < runs; ++i) {
        const ProcessRun run =
            Run({mondo, "stats", "--json", "--db", last_db.string()}, dir / "stats.out");
        if (run.status != 0) {
            std::fprintf(stderr, "mondo stats failed (status %d)\n", run.status);
            return 1;
        }
        stats.push_back(run);
    }
    ReportRuns("mondo stats --json on it (fresh process)", stats, "target <= 150 ms");
    std::error_code ec;
    bench::Report("  collection size", static_cast<double>(fs::file_size(last_db, ec)) / (1 << 20),
                  "MB");

    // The generator's share, in this process: parse + generate on one thread and on all cores.
    const auto interview = content::ParseInterview(text);
    if (!interview) return 1;
    for (const std::size_t threads : {std::size_t{1}, std::size_t{0}}) {
        std::size_t count = 0;
        std::vector<double> cpu;
        const auto times = bench::TimeRuns(smoke ? 1 : 3, [&] {
            const std::clock_t start = std::clock();
            count =
                content::GenerateQuestions(*interview, content::GenerateOptions{threads}).size();
            cpu.push_back(1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
        });
        const std::string name =
            threads == 1 ? "generate only, 1 thread, median"
                         : "generate only, every core (" +
                               std::to_string(std::thread::hardware_concurrency()) + "), median";
        bench::Report(name, bench::Median(times), "ms", std::to_string(count) + " questions");
        bench::Report("  processor time, median", bench::Median(cpu), "ms");
    }
    fs::remove_all(dir, ec);
    return 0;
}
