// The Study screen: one question at a time, each kind with its own layout, keyboard-first.
//
// Phases: kAsking (the learner answers: Space/Enter reveals a recall question, 1–4 pick a choice,
// T/F answer true/false, typing fills a cloze, arrows reorder sentences) → kRevealed (the answer,
// the verdict for auto-graded kinds with the character diff of a typed answer, the explanation —
// a false statement's original sentence with the changed words marked, or the source sentence
// marked in its answer with its argument role — and the four grade buttons with their next
// intervals: 1–4 grade, Enter/Space takes the suggested grade). Ctrl+Z undoes the last review, @
// suspends the question, F flags it. The screen draws from StudyViewModel and returns a
// StudyIntent; it never touches storage.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "content/japanese_text.h"
#include "content/question.h"

namespace mondo::app {

struct StudyCardView {
    std::string question_id;
    // Which showing of a card this is: a card shown again (its next learning step, or brought
    // back by undo) has a new number, and its screen state (the answer box) starts afresh.
    int showing = 0;
    content::QuestionKind kind = content::QuestionKind::kRecall;
    int exchange = 0;  // 0 for profile questions
    std::string section_title;
    std::string prompt;
    std::string answer;
    // Choice kinds: the options in the order shown (shuffled on every showing); choice_index[p]
    // is the index in the question's own choices of the option shown at p (empty: the same
    // order). Order kind: the sentences in this showing's arrangement, likewise (choice_index
    // maps them to the question's own; a submitted order holds positions in `choices`).
    std::vector<std::string> choices;
    std::vector<int> choice_index;
    std::string context;  // the answer's sentence(s) this question came from
    // The explanation after an answer (content::Question's source fields; source_sentence empty
    // when the question has no single source sentence: then `context` is shown): the sentence the
    // question was made from (a false statement: the original, true one), its role in the
    // argument, the whole answer it stands in, and for a false statement the changed span of
    // source_sentence (bytes) and what the statement said there instead.
    std::string source_sentence;
    std::optional<content::ArgumentRole> source_role;
    std::string source_answer;
    std::size_t changed_offset = 0;
    std::size_t changed_length = 0;
    std::string replacement;
    std::array<std::string, 4> interval_labels;  // Again, Hard, Good, Easy: "<1m", "10m", "4d"…
    std::string state_label;                     // "new", "learning", "review", "relearning"
    bool flagged = false;
};

enum class StudyPhase { kAsking, kRevealed };

// What the app found when it checked an auto-graded answer.
struct StudyFeedback {
    content::GradeVerdict verdict = content::GradeVerdict::kWrong;
    std::string given;                    // the answer as the learner gave it (display form)
    std::vector<content::DiffPart> diff;  // typed answers: typed against expected
    int chosen = -1;                      // choice kinds: the position (as shown) picked
    int suggested_rating = 3;             // 1..4: Again when wrong, Good when right
};

struct StudyViewModel {
    bool has_card = false;
    StudyCardView card;
    StudyPhase phase = StudyPhase::kAsking;
    std::optional<StudyFeedback> feedback;  // set in kRevealed for auto-graded kinds
    int done = 0;                           // reviews in this session
    // The progress bar: the day's plan (fixed when the session starts), the planned cards
    // answered so far, and answers beyond a card's first (learning steps), shown apart.
    int planned = 0;
    int planned_done = 0;
    int repeats = 0;
    int remaining_new = 0;
    int remaining_learning = 0;
    int remaining_review = 0;
    bool can_undo = false;
    std::string notice;      // what the last undo, suspend or flag did and how to take it back
    std::string scope;       // "", or "Exchange 5" when studying one exchange
    std::string empty_text;  // shown when there is no card: what comes next
};

// Transient widget state the app keeps for the screen between frames; reset when the card changes.
struct StudyUiState {
    std::string question_id;                 // the card this state belongs to
    int showing = -1;                        // and its showing (StudyCardView::showing)
    StudyPhase phase = StudyPhase::kAsking;  // the phase last drawn
    std::string typed;                       // cloze/profile input
    std::vector<int> order;      // order kind: current arrangement (indices into choices)
    int order_cursor = 0;        // order kind: the sentence the arrows move
    bool focus_input = true;     // give the text field focus on the first frame
    bool ime_composing = false;  // set by the app from the IME state every frame
};

struct StudyIntent {
    enum class Kind {
        kNone,
        kShowAnswer,       // recall: reveal
        kSubmitChoice,     // choice, which_question, profile with choices: `index` in the
                           // question's own choices (choice_index of the option shown)
        kSubmitText,       // cloze, profile without choices: `text`
        kSubmitTrueFalse,  // true_false: `flag`
        kSubmitOrder,      // order: `order`
        kRate,             // 1..4 in `index`
        kCountTypo,        // a wrong typed answer counted as right (Good)
        kGuessed,          // a right answer that was a guess (Hard)
        kUndo,
        kSuspend,
        kToggleFlag,
        kOpenInRead,  // show the card's exchange in the Read screen
        kGoHome,
    };
    Kind kind = Kind::kNone;
    int index = 0;
    bool flag = false;
    std::string text;
    std::vector<int> order;
};

StudyIntent DrawStudyScreen(const StudyViewModel& model, StudyUiState& ui);

// Resets `ui` for a new card (order: the sentences as given, cursor on the first).
void ResetStudyUiState(StudyUiState& ui, const StudyViewModel& model);

}  // namespace mondo::app
