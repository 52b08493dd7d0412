// The Stats screen: how the learner is doing, drawn from a StatsViewModel the app computes from the
// review log once (never per frame): a calendar heatmap of reviews, reviews per day stacked by
// rating (30 days / 90 days / a year), the 30-day forecast of due reviews, true retention (young /
// mature cards; today, week, month, year), time studied, streak and totals, and mastery per section
// and per exchange. A collection with no review yet gets a short explanation instead of empty
// charts. With all sources chosen (more than one), mastery is shown per source, then each
// source's sections and exchanges under its title.
//
// Keys (never while a text field has focus): 1 / 2 / 3 pick 30 days / 90 days / a year for the
// reviews chart; Enter on an empty collection starts studying; ImGui's keyboard navigation (arrows,
// PageUp/PageDown) walks the range buttons and exchange rows and scrolls with them. Clicking an
// exchange's mastery row (or Space on it) studies that exchange.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace mondo::app {

// One calendar day (the collection's day, which starts at the day-start hour).
struct StatsDay {
    std::string date;  // "YYYY-MM-DD"
    int again = 0;     // reviews answered with each rating that day
    int hard = 0;
    int good = 0;
    int easy = 0;
    double minutes = 0.0;  // time spent answering that day

    int Total() const { return again + hard + good + easy; }
};

// True retention as Anki counts it: reviews of cards in review state (learning steps excluded);
// passed = rated Hard, Good or Easy. Young: interval < 21 days before the review, mature: >= 21.
struct RetentionCount {
    int passed = 0;
    int total = 0;
};

struct RetentionRow {
    RetentionCount young;
    RetentionCount mature;
};

struct MasteryRow {
    int index = 0;      // section index or exchange number (1-based); 0 for profile questions
    std::string label;  // "1. Section title" / "Exchange 5" plus a short excerpt; may be Japanese
    int questions = 0;  // questions it has (suspended excluded)
    int learned = 0;    // in the review state (the one definition: storage/collection.h)
    double mastery = 0.0;  // 0..1: mean over its questions of a learned one's retrievability
    // The source the section or exchange belongs to (a source row: its id). (Initialised so
    // that rows may be written {index, label, questions, learned, mastery}.)
    std::string source_id{};
};

struct StatsViewModel {
    // What the figures count: "all sources", or the one source's title (the Library's choice).
    std::string showing;
    // Consecutive days, oldest first, the last being today; up to a year (365) is used.
    std::vector<StatsDay> history;
    // Reviews due per day, today first (today includes the overdue ones); 30 entries are shown.
    std::vector<int> forecast;
    // Today, the last 7 days, the last 30 days, the last 365 days.
    std::array<RetentionRow, 4> retention{};
    double minutes_today = 0.0;
    double minutes_week = 0.0;  // the last 7 days, today included
    double minutes_total = 0.0;
    int streak_days = 0;  // consecutive days with a review, ending today (or yesterday)
    int longest_streak_days = 0;
    int total_reviews = 0;      // every review in the log
    int total_questions = 0;    // active questions in the collection
    int learned_questions = 0;  // in the review state (the one definition: storage/collection.h)
    // With all sources chosen and more than one not retired: one row per source (its title, in
    // import order, the Library's figures); empty when one source is shown.
    std::vector<MasteryRow> sources;
    // The sections and exchanges of the source shown, or of every source in `sources` one source
    // after the other (each row's source_id says whose).
    std::vector<MasteryRow> sections;
    std::vector<MasteryRow> exchanges;
};

// Transient state the app keeps between frames.
struct StatsUiState {
    int range_days = 30;  // the reviews chart: 30, 90 or 365
};

struct StatsIntent {
    enum class Kind {
        kNone,
        kStudy,          // start a normal session (from the empty-collection message)
        kStudyExchange,  // study only `exchange`'s questions
    };
    Kind kind = Kind::kNone;
    int exchange = 0;       // MasteryRow::index of an exchange
    std::string source_id;  // its source (MasteryRow::source_id)
};

StatsIntent DrawStatsScreen(const StatsViewModel& model, StatsUiState& ui);

}  // namespace mondo::app
