// The replay consistency check: every card's stored state must be what its review log says.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/study/settings.h"
#include "app/study/study_store.h"

namespace mondo::study {

// A question whose stored card differs from the replay of its review log.
struct ReplayMismatch {
    std::string question_id;
    std::string message;  // what differs, e.g. "review 3: stability 3.2 stored, 3.1 by replay"
};

// For each question, replays its log rows (in time order) from a new card: each row's rating,
// with the elapsed days stored in the row (which must fit the time since the previous review),
// goes through the FSRS-6 memory model with `settings`' parameters, and
// the result must match the row's card_after in stability and difficulty (1e-9 relative), reps
// and lapses; each row's card_before must equal the previous row's card_after; the stored card
// must equal the last row's card_after (a new card when there is no row). Due times and steps
// are not recomputed (retention, steps and fuzz may have changed since). Rows of questions that
// are not in `items` are reported too. Empty result: consistent.
std::vector<ReplayMismatch> CheckReplayConsistency(const std::vector<StudyItem>& items,
                                                   const std::vector<ReviewRow>& log,
                                                   const StudySettings& settings);

}  // namespace mondo::study
