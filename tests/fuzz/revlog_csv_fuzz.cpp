// libFuzzer target: ParseReviewLogCsv never crashes, hangs or leaks on any input, reports errors
// with a line inside the input, and whatever it accepts replays into valid memory states.
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/sched/review_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mondo::sched;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = ParseReviewLogCsv(text);
    if (!parsed) {
        std::size_t lines = 1;
        for (const char c : text) lines += c == '\n';
        if (parsed.error().line > lines || parsed.error().message.empty()) std::abort();
        return 0;
    }
    if (parsed->size() > 5000) return 0;  // keep each run fast; parsing is what is fuzzed
    const auto rows = Replay(*parsed, ReplayOptions{});
    if (rows.size() != parsed->size()) std::abort();
    for (const ReplayRow& row : rows) {
        const bool valid =
            row.memory.stability >= kMinStability && row.memory.stability <= kMaxStability &&
            row.memory.difficulty >= 1.0 && row.memory.difficulty <= 10.0 && row.interval >= 1 &&
            row.interval <= kDefaultMaximumInterval && row.elapsed_days >= 0 &&
            (!row.retrievability || (*row.retrievability > 0.0 && *row.retrievability <= 1.0));
        if (!valid) std::abort();
    }
    return 0;
}
