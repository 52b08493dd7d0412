#include "app/start_trace.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace mondo::app {

namespace {

struct Mark {
    double wall_ms;
    double thread_cpu_ms;
    std::string thread;
    std::string phase;
};

double ClockMs(clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

// The process' start on CLOCK_BOOTTIME in ms (field 22 of /proc/self/stat, in clock ticks), or
// the first mark's time when it cannot be read.
double ProcessStartMs() {
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces: the fields after it follow the last ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1.0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && (fields >> field); ++i) {
        if (i == 22) return std::strtod(field.c_str(), nullptr) * 1000.0 / sysconf(_SC_CLK_TCK);
    }
    return -1.0;
}

struct Trace {
    bool enabled = false;
    bool printed = false;
    double start_ms = 0.0;
    std::mutex mutex;
    std::vector<Mark> marks;

    Trace() {
        const char* value = std::getenv("MONDO_TRACE_START");
        enabled = value != nullptr && *value != '\0' && std::string(value) != "0";
        if (enabled) {
            start_ms = ProcessStartMs();
            if (start_ms < 0) start_ms = ClockMs(CLOCK_BOOTTIME);
        }
    }
};

Trace& TheTrace() {
    static Trace trace;
    return trace;
}

}  // namespace

void TraceStart(std::string_view thread, std::string_view phase) {
    Trace& trace = TheTrace();
    if (!trace.enabled) return;
    const double now = ClockMs(CLOCK_BOOTTIME);
    const double cpu = ClockMs(CLOCK_THREAD_CPUTIME_ID);
    const std::lock_guard lock(trace.mutex);
    trace.marks.push_back(Mark{now - trace.start_ms, cpu, std::string(thread), std::string(phase)});
}

void PrintStartTrace(std::ostream& out) {
    Trace& trace = TheTrace();
    if (!trace.enabled) return;
    std::vector<Mark> marks;
    {
        const std::lock_guard lock(trace.mutex);
        if (trace.printed) return;
        trace.printed = true;
        marks = trace.marks;
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.wall_ms < b.wall_ms; });
    out << "start trace (ms since the process started; thread: processor ms it had used)\n";
    for (const Mark& mark : marks) {
        char line[160];
        std::snprintf(line, sizeof line, "%8.1f  %-10s %7.1f  ", mark.wall_ms, mark.thread.c_str(),
                      mark.thread_cpu_ms);
        out << line << mark.phase << "\n";
    }
    out.flush();
}

}  // namespace mondo::app
