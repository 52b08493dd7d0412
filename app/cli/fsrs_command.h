// `mondo fsrs …`: FSRS tools on the command line. `mondo fsrs replay FILE [--json]` replays an
// FSRS-format review log (card_id,review_rating,review_time,review_duration) through the
// scheduler's memory model and prints each review's elapsed days, stability, difficulty,
// retrievability and interval (README "Command line").
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace mondo::app {

// The most `fsrs replay FILE` and `fsrs optimize FILE` read: a review log is read whole, and 32 MB
// holds about 900,000 reviews in the FSRS CSV (~36 bytes a line) while keeping an endless input
// within 50 MB of memory. A longer file is refused (exit 1) after limit + 1 bytes.
inline constexpr std::size_t kMaxReviewLogBytes = 32u << 20;

// `args` are the words after `mondo fsrs`, e.g. {"replay", "log.csv", "--json"}. Writes results to
// `out` and problems to `err` (one line naming what is wrong and what to do). Returns the exit
// status: 0 success, 1 user error (unknown option, unreadable or malformed file).
int RunFsrsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
