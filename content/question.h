// Questions generated from an Interview.
//
// Contract: GenerateQuestions() is deterministic (same Interview → same questions, same order) and
// gives every question an id derived from the source id, the kind and the normalised text span it
// was made from, so unchanged parts of an edited source keep their ids (and their review history).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/interview.h"

namespace mondo::content {

enum class QuestionKind {
    kRecall,         // prompt: the interviewer's question; answer: Liang's answer (self-graded)
    kWhichQuestion,  // prompt: an excerpt of an answer; choices: 4 questions; answer: the right one
    kChoice,         // prompt: a question; choices: 4 answers (sentences); answer: the right one
    kCloze,          // prompt: a sentence with "［　　］" for the blank; answer: the term; accept: variants
    kTrueFalse,      // prompt: a claim; answer: "true" or "false"
    kOrder,          // choices: the sentences shuffled; answer: the sentences in order, '\n'-joined
    kProfile,        // prompt: a fact about the interviewee with a blank or a question; answer: it
};

inline constexpr QuestionKind kAllQuestionKinds[] = {
    QuestionKind::kRecall,    QuestionKind::kWhichQuestion, QuestionKind::kChoice,
    QuestionKind::kCloze,     QuestionKind::kTrueFalse,     QuestionKind::kOrder,
    QuestionKind::kProfile,
};

// "recall", "which_question", "choice", "cloze", "true_false", "order", "profile".
std::string_view KindName(QuestionKind kind);
std::optional<QuestionKind> KindFromName(std::string_view name);

// Whether the learner grades himself (recall) or the app grades the answer.
bool IsSelfGraded(QuestionKind kind);

struct Question {
    std::string id;  // stable, printable ASCII
    QuestionKind kind = QuestionKind::kRecall;
    std::optional<int> exchange;  // Exchange::index; nullopt for profile questions
    std::string prompt;
    std::string answer;
    std::vector<std::string> choices;  // empty when the kind has none
    std::vector<std::string> accept;   // other answers accepted for typed kinds
    std::string context;               // the source sentence(s) shown after answering
};

std::vector<Question> GenerateQuestions(const Interview& interview);

}  // namespace mondo::content
