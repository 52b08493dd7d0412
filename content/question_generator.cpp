#include <string>

#include "content/question.h"
#include "content/unicode.h"

namespace mondo::content {

std::string_view KindName(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kRecall: return "recall";
        case QuestionKind::kWhichQuestion: return "which_question";
        case QuestionKind::kChoice: return "choice";
        case QuestionKind::kCloze: return "cloze";
        case QuestionKind::kTrueFalse: return "true_false";
        case QuestionKind::kOrder: return "order";
        case QuestionKind::kProfile: return "profile";
    }
    return "recall";
}

std::optional<QuestionKind> KindFromName(std::string_view name) {
    for (const QuestionKind kind : kAllQuestionKinds) {
        if (KindName(kind) == name) return kind;
    }
    return std::nullopt;
}

bool IsSelfGraded(QuestionKind kind) { return kind == QuestionKind::kRecall; }

std::vector<Question> GenerateQuestions(const Interview& interview) {
    std::vector<Question> questions;
    for (const auto& exchange : interview.exchanges) {
        Question q;
        q.kind = QuestionKind::kRecall;
        q.id = interview.source_id + ":recall:" + detail::Hex64(detail::Fnv1a64(exchange.question));
        q.exchange = exchange.index;
        q.prompt = exchange.question;
        q.answer = exchange.answer;
        questions.push_back(std::move(q));
    }
    return questions;
}

}  // namespace mondo::content
