// FSRS review logs: the CSV format of the FSRS tools (py-fsrs, fsrs-rs' optimiser) and a replay of
// a log through the memory model.
//
// Format: a header line naming the columns, then one review per line. Required columns:
// `card_id` (integer), `review_rating` (1–4), `review_time` (ISO 8601 with offset such as
// 2024-03-29T20:32:32.250000+00:00 or …Z, or integer unix milliseconds); optional
// `review_duration` (integer milliseconds). Other columns are ignored, columns may come in any
// order, CRLF line ends, a UTF-8 BOM and blank lines are accepted. No quoting (the format has
// none). Pure: parsing works on a string, never touches files; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sched/day_boundary.h"
#include "app/sched/memory_model.h"
#include "app/sched/parameters.h"
#include "content/expected.h"

namespace mondo::sched {

struct ReviewLogEntry {
    std::int64_t card_id = 0;
    Rating rating = Rating::kGood;
    std::int64_t review_time_ms = 0;  // unix milliseconds (UTC)
    std::int64_t duration_ms = 0;     // 0 when the column is absent
    bool operator==(const ReviewLogEntry&) const = default;
};

struct ReviewLogError {
    std::size_t line = 0;  // 1-based line of the problem (1 = header; 0 = the whole input)
    std::string message;   // what is wrong, e.g. "review_rating must be 1-4, got \"5\""
};

// Parses the whole text; the first malformed line stops parsing with its line number.
Expected<std::vector<ReviewLogEntry>, ReviewLogError> ParseReviewLogCsv(std::string_view text);

// Parses an ISO 8601 instant (date, 'T' or ' ', time with optional fraction, and 'Z' or ±HH:MM)
// into unix milliseconds; empty on anything else.
std::optional<std::int64_t> ParseIsoTimeMs(std::string_view text);

struct ReplayOptions {
    Parameters parameters{};
    double desired_retention = kDefaultDesiredRetention;
    int maximum_interval = kDefaultMaximumInterval;
    // Logs carry UTC instants; days are counted in this local time (default UTC, day start 04:00).
    DayBoundary day_boundary{};
};

struct ReplayRow {
    std::int64_t card_id = 0;
    Rating rating = Rating::kGood;
    std::int64_t review_time_ms = 0;
    int elapsed_days = 0;                  // 0 on a card's first review
    std::optional<double> retrievability;  // before the review; empty on the first review
    MemoryState memory;                    // after the review
    int interval = 0;                      // rounded days for the desired retention (no fuzz)
};

// Replays every card's reviews in time order through the memory model, as fsrs-rs computes memory
// states: elapsed days by `day_boundary`, same-day reviews by the short-term formula, no learning
// steps (they are policy, not memory). Rows come in time order (ties keep the log's order).
std::vector<ReplayRow> Replay(const std::vector<ReviewLogEntry>& log, const ReplayOptions& options);

}  // namespace mondo::sched
