// Helpers shared by the benchmark programs: repeat a measurement, report the median.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace mondo::bench {

// True when the program was started with --smoke (one iteration, from the test suite).
inline bool SmokeRun(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--smoke") == 0) return true;
    }
    return false;
}

inline double Median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

inline double Percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

// Runs `work` `runs` times and returns each run's wall time in milliseconds.
inline std::vector<double> TimeRuns(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        const auto end = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    return ms;
}

// One line of the README table: `| benchmark | median | target |` also printed for humans.
inline void Report(const std::string& name, double value, const char* unit,
                   const std::string& note = {}) {
    std::printf("%-48s %12.4f %-4s %s\n", name.c_str(), value, unit, note.c_str());
}

}  // namespace mondo::bench
