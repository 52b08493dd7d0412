// The Browse screen: every question in one table (kind, exchange, prompt, state, due, stability,
// lapses), searchable with Japanese folding and filtered by kind, section, state, flag and
// suspension, with a details pane for the selected question (its full prompt, answer and choices,
// its review history) — fast with 10,000 questions (the table is clipped; filtering and sorting are
// redone only when the query, a filter, the sort or the model's revision changes).
//
// Keys: Ctrl+F or / focus the search box (Esc leaves it); Up/Down, PageUp/PageDown, Home/End move
// the selection (Up/Down also while typing in the search box); Enter studies the selected question,
// Shift+Enter its whole exchange; S suspends/unsuspends, F flags/unflags, R opens the exchange in
// Read; K, E, T cycle the kind, section and state filters (Shift goes back), G toggles "flagged
// only", U cycles suspended (show / hide / only). Single-letter keys never fire while a text field
// has focus. The screen returns a BrowseIntent and never touches storage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sched/scheduler.h"
#include "content/question.h"

namespace mondo::app {

struct BrowseRow {
    std::string id;  // the question's stable id
    content::QuestionKind kind = content::QuestionKind::kRecall;
    int exchange = 0;  // Exchange::index; 0 for profile questions
    int section = 0;   // 1-based index into BrowseViewModel::sections; 0 for none
    std::string prompt;
    std::string answer;
    std::vector<std::string> choices;
    // What the search box matches: content::Fold() of the prompt, answer and choices (and anything
    // else worth finding, e.g. the exchange's question), computed once by the app.
    std::string search_key;
    sched::CardState state = sched::CardState::kNew;
    std::string due;          // for display: "2026-12-03", "today", "overdue 3d"; empty when new
    double due_order = 0.0;   // for sorting by due (e.g. unix time); ignored for new questions
    double stability = 0.0;   // days; 0 when new
    double difficulty = 0.0;  // 1..10; 0 when new
    int reviews = 0;
    int lapses = 0;
    bool flagged = false;
    bool suspended = false;
};

struct BrowseReview {
    std::string time;      // "2026-11-28 21:04" (local)
    int rating = 3;        // 1 Again, 2 Hard, 3 Good, 4 Easy
    std::string interval;  // the interval it gave: "10m", "4d"
    std::string answer;    // what the learner answered (auto-graded kinds); may be empty
    double seconds = 0.0;  // time taken to answer
};

struct BrowseViewModel {
    std::vector<BrowseRow> rows;        // every question, in the collection's order
    std::vector<std::string> sections;  // section titles; BrowseRow::section == i + 1 ↔ sections[i]
    // Bump whenever `rows` changes (a suspend, a flag, a review, a new sync): the screen filters
    // and sorts again only when this, the query, a filter or the sort changes.
    std::uint64_t revision = 0;
    // The review history of one question, loaded by the app for BrowseUiState::selected_id (newest
    // first). `history_id` says which question it belongs to; the pane shows "Loading" otherwise.
    std::string history_id;
    std::vector<BrowseReview> history;
};

enum class SuspendedFilter { kShow, kHide, kOnly };

// The table's columns, in order; clicking a header sorts by it (again: descending, again:
// unsorted).
enum class BrowseColumn { kKind, kExchange, kPrompt, kState, kDue, kStability, kLapses, kMarks };
inline constexpr std::size_t kBrowseColumnCount = 8;

struct BrowseUiState {
    std::string query;                          // the search box (UTF-8, as typed)
    std::optional<content::QuestionKind> kind;  // nullopt: every kind
    int section = 0;                            // 0: every section; else 1-based
    std::optional<sched::CardState> state;      // nullopt: every state
    bool flagged_only = false;
    SuspendedFilter suspended = SuspendedFilter::kShow;
    std::string selected_id;     // the selected question ("" → the first row)
    bool focus_search = false;   // give the search box focus next frame
    bool ime_composing = false;  // set by the app from the IME state every frame

    // Maintained by the screen; the app need not touch these.
    std::optional<BrowseColumn> sort_column;  // from the table's headers; nullopt: collection order
    bool sort_descending = false;
    bool scroll_to_selected = false;
    // Columns the learner hid from the header's context menu (they stay hidden until shown
    // again there), and whether the screen last asked the table to show each column (so a
    // request that differs is known to be the learner's).
    std::array<bool, kBrowseColumnCount> hidden_by_learner{};
    std::array<bool, kBrowseColumnCount> shown_last_frame{true, true, true, true,
                                                          true, true, true, true};
    struct Derived {
        std::vector<int> visible;  // indices into model.rows, filtered and sorted
        // What `visible` was computed from.
        const void* rows = nullptr;
        std::size_t count = 0;
        std::uint64_t revision = 0;
        std::string query;
        std::optional<content::QuestionKind> kind;
        int section = 0;
        std::optional<sched::CardState> state;
        bool flagged_only = false;
        SuspendedFilter suspended = SuspendedFilter::kShow;
        std::optional<BrowseColumn> sort_column;
        bool sort_descending = false;
        bool valid = false;
    } derived;
};

struct BrowseIntent {
    enum class Kind {
        kNone,
        kSelect,         // the selection moved to `question_id`: load its history
        kSetSuspended,   // suspend (`value` true) or unsuspend `question_id`
        kSetFlagged,     // flag (`value` true) or unflag `question_id`
        kStudyQuestion,  // study `question_id` now
        kStudyExchange,  // study the questions of `exchange`
        kOpenInRead,     // show `exchange` in the Read screen
    };
    Kind kind = Kind::kNone;
    std::string question_id;
    int exchange = 0;
    bool value = false;
};

// Whether `row` matches `query`: every space-separated term of the query, folded with
// content::Fold(), is a substring of row.search_key (an empty query matches everything).
bool BrowseMatches(const BrowseRow& row, const std::vector<std::string>& folded_terms);
// The folded terms of a query, as BrowseMatches expects them.
std::vector<std::string> FoldQuery(std::string_view query);

// The rows `ui`'s search and filters let through, as indices into model.rows, in `ui`'s sort
// order (stable: ties keep the collection's order; by due, new questions come after every date).
std::vector<int> BrowseVisibleRows(const BrowseViewModel& model, const BrowseUiState& ui);

BrowseIntent DrawBrowseScreen(const BrowseViewModel& model, BrowseUiState& ui);

}  // namespace mondo::app
