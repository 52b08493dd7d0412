#include "app/study/consistency.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace mondo::study {
namespace {

bool Close(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

std::string Describe(const sched::Card& card) {
    std::ostringstream text;
    text << sched::CardStateName(card.state) << " S=" << card.memory.stability
         << " D=" << card.memory.difficulty << " due=" << card.due << " reps=" << card.reps
         << " lapses=" << card.lapses;
    return text.str();
}

}  // namespace

std::vector<ReplayMismatch> CheckReplayConsistency(const std::vector<StudyItem>& items,
                                                   const std::vector<ReviewRow>& log,
                                                   const StudySettings& settings) {
    std::map<std::string, std::vector<const ReviewRow*>> by_question;
    for (const ReviewRow& row : log) by_question[row.question_id].push_back(&row);
    for (auto& [id, rows] : by_question) {
        std::stable_sort(rows.begin(), rows.end(), [](const ReviewRow* a, const ReviewRow* b) {
            return a->time_ms < b->time_ms;
        });
    }
    std::vector<ReplayMismatch> mismatches;
    const auto report = [&](const std::string& id, std::string message) {
        mismatches.push_back({id, std::move(message)});
    };

    std::map<std::string, const StudyItem*> known;
    for (const StudyItem& item : items) known[item.question.id] = &item;
    for (const auto& [id, rows] : by_question) {
        if (!known.count(id))
            report(id, "review log rows for a question that is not in the collection");
    }

    // Applying new parameters (settings.parameter_history) recomputed every card's memory from
    // its log at that moment: the replay does the same where a change falls between two reviews.
    const auto changed_between = [&](std::int64_t after_ms, std::int64_t until_ms) {
        return std::any_of(
            settings.parameter_history.begin() + (settings.parameter_history.empty() ? 0 : 1),
            settings.parameter_history.end(), [&](const ParameterChange& change) {
                return change.time_ms > after_ms && change.time_ms <= until_ms;
            });
    };
    const auto recompute = [&](const std::vector<const ReviewRow*>& rows, std::size_t count,
                               const sched::Parameters& parameters) {
        // As study::ReplayMemories did when the parameters were applied: the stored elapsed days.
        std::optional<sched::MemoryState> memory;
        for (std::size_t i = 0; i < count; ++i) {
            memory = sched::NextMemoryState(parameters, memory, memory ? rows[i]->elapsed_days : 0,
                                            rows[i]->rating);
        }
        return *memory;
    };

    for (const StudyItem& item : items) {
        const std::string& id = item.question.id;
        const auto found = by_question.find(id);
        sched::Card card;  // new
        if (found != by_question.end()) {
            int number = 0;
            std::int64_t last_ms = 0;
            for (const ReviewRow* row : found->second) {
                if (number > 0 && changed_between(last_ms, row->time_ms)) {
                    card.memory = recompute(found->second, static_cast<std::size_t>(number),
                                            settings.ParametersAt(row->time_ms));
                }
                ++number;
                last_ms = row->time_ms;
                const std::string where = "review " + std::to_string(number) + ": ";
                if (!(row->card_before == card)) {
                    report(id, where + "card before is " + Describe(row->card_before) +
                                   ", the previous review left " + Describe(card));
                }
                const sched::Card& before = row->card_before;
                const bool first = before.state == sched::CardState::kNew;
                const std::int64_t now = row->time_ms / 1000;
                // The elapsed days the review was scheduled with, as stored with it: a later
                // change of day start or time zone must not make a healthy log disagree. They
                // must still fit the time between the reviews.
                const int elapsed = first ? 0 : row->elapsed_days;
                if (!first) {
                    const std::int64_t seconds =
                        std::max<std::int64_t>(0, now - before.last_review);
                    // One day more than the calendar allows: the zone may have moved between them.
                    const std::int64_t most = seconds / 86400 + 2;
                    if (elapsed < 0 || elapsed > most) {
                        report(id, where + "elapsed days " + std::to_string(elapsed) +
                                       " stored, but only " + std::to_string(seconds) +
                                       " s passed since the previous review");
                    }
                }
                const sched::MemoryState memory = sched::NextMemoryState(
                    settings.ParametersAt(row->time_ms),
                    first ? std::nullopt : std::optional<sched::MemoryState>(before.memory),
                    elapsed, row->rating);
                const sched::Card& after = row->card_after;
                if (!Close(memory.stability, after.memory.stability) ||
                    !Close(memory.difficulty, after.memory.difficulty)) {
                    std::ostringstream text;
                    text << where << "memory S=" << after.memory.stability
                         << " D=" << after.memory.difficulty << " stored, S=" << memory.stability
                         << " D=" << memory.difficulty << " by replay";
                    report(id, text.str());
                }
                if (after.reps != before.reps + 1) {
                    report(id, where + "reps " + std::to_string(after.reps) + " stored, " +
                                   std::to_string(before.reps + 1) + " by replay");
                }
                const int lapses = before.lapses + (before.state == sched::CardState::kReview &&
                                                    row->rating == sched::Rating::kAgain);
                if (after.lapses != lapses) {
                    report(id, where + "lapses " + std::to_string(after.lapses) + " stored, " +
                                   std::to_string(lapses) + " by replay");
                }
                card = after;
            }
            if (changed_between(last_ms, INT64_MAX)) {
                card.memory = recompute(found->second, found->second.size(),
                                        settings.ParametersAt(INT64_MAX));
            }
        }
        if (!(item.card == card)) {
            report(id,
                   "stored card " + Describe(item.card) + ", its log ends at " + Describe(card));
        }
    }
    return mismatches;
}

}  // namespace mondo::study
