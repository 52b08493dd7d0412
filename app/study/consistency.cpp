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
    const sched::DayBoundary boundary = settings.MakeDayBoundary();
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

    for (const StudyItem& item : items) {
        const std::string& id = item.question.id;
        const auto found = by_question.find(id);
        sched::Card card;  // new
        if (found != by_question.end()) {
            int number = 0;
            for (const ReviewRow* row : found->second) {
                ++number;
                const std::string where = "review " + std::to_string(number) + ": ";
                if (!(row->card_before == card)) {
                    report(id, where + "card before is " + Describe(row->card_before) +
                                   ", the previous review left " + Describe(card));
                }
                const sched::Card& before = row->card_before;
                const bool first = before.state == sched::CardState::kNew;
                const std::int64_t now = row->time_ms / 1000;
                const int elapsed = first ? 0 : boundary.ElapsedDays(before.last_review, now);
                const sched::MemoryState memory = sched::NextMemoryState(
                    settings.parameters,
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
        }
        if (!(item.card == card)) {
            report(id,
                   "stored card " + Describe(item.card) + ", its log ends at " + Describe(card));
        }
    }
    return mismatches;
}

}  // namespace mondo::study
