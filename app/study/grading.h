// Checking an answer to an auto-graded question, mapping the verdict to a rating, and formatting
// the interval each answer button shows. Pure functions; thread-safe (content::Grade is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/sched/scheduler.h"
#include "content/japanese_text.h"
#include "content/question.h"

namespace mondo::study {

// The learner's answer, by the way the kind is answered:
struct ChoiceAnswer {  // which_question, choice, cloze with choices: an index into
                       // Question::choices
    int index = -1;
};
struct TypedAnswer {  // cloze, profile (and which_question/choice typed out): free text
    std::string text;
};
struct TrueFalseAnswer {  // true_false
    bool value = false;
};
struct OrderAnswer {  // order: the choices' indices in the order the learner put them
    std::vector<int> order;
};
using AnswerInput = std::variant<ChoiceAnswer, TypedAnswer, TrueFalseAnswer, OrderAnswer>;

enum class Verdict { kCorrect, kTypo, kWrong };

struct CheckResult {
    Verdict verdict = Verdict::kWrong;
    std::string expected;      // the right answer, for display
    std::string answer_given;  // the learner's answer as text, for the review log
    // Typed answers: the grader's verdict with the diff to show (kTypo means within tolerance).
    std::optional<content::GradeResult> grade;
    // Choices: the index of the right choice (-1 when the answer is not among the choices).
    int correct_index = -1;
    // Order: for each position, whether the learner's sentence there is the right one.
    std::vector<bool> position_correct;
};

// Checks `input` against `question`. Contract (asserted): the question is auto-graded and the
// input fits its kind — choice-like kinds take ChoiceAnswer (or TypedAnswer), cloze/profile take
// TypedAnswer (or ChoiceAnswer when the cloze has choices), true_false takes TrueFalseAnswer,
// order takes OrderAnswer. Invalid learner input (an index out of range, an order that is not a
// permutation) is simply wrong, never an assert.
CheckResult CheckAnswer(const content::Question& question, const AnswerInput& input);

// What the learner says about an auto-graded result.
enum class Override {
    kNone,
    kGuessed,    // right, but by luck: Hard
    kCountTypo,  // wrong, but only a slip: Good
};

// right (or a tolerated typo) → Good, wrong → Again; kGuessed → Hard, kCountTypo → Good.
sched::Rating RatingFor(Verdict verdict, Override override_choice = Override::kNone);
// The `correct` column of the review log: whether the answer counted as right after the override.
bool CountsAsCorrect(Verdict verdict, Override override_choice);

// An interval as Anki's answer buttons show it: "<1m", "10m", "1.5h", "3d", "2.1mo", "1.3y"
// (one decimal for hours, months and years, dropped when it is .0; a month is 365/12 days).
std::string FormatInterval(std::int64_t seconds);
// The interval an outcome's button shows: whole days when it schedules days, else the step delay.
std::string FormatOutcomeInterval(const sched::Outcome& outcome);

}  // namespace mondo::study
