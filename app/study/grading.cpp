#include "app/study/grading.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace mondo::study {
namespace {

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream stream(text);
    while (std::getline(stream, line)) lines.push_back(line);
    return lines;
}

int IndexOf(const std::vector<std::string>& choices, const std::string& answer) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choices[i] == answer) return static_cast<int>(i);
    }
    return -1;
}

CheckResult CheckChoice(const content::Question& q, int index) {
    CheckResult result;
    result.expected = q.answer;
    result.correct_index = IndexOf(q.choices, q.answer);
    if (index >= 0 && static_cast<std::size_t>(index) < q.choices.size()) {
        result.answer_given = q.choices[static_cast<std::size_t>(index)];
        result.verdict = index == result.correct_index ? Verdict::kCorrect : Verdict::kWrong;
    }
    return result;
}

CheckResult CheckTyped(const content::Question& q, const std::string& text) {
    CheckResult result;
    result.expected = q.answer;
    result.answer_given = text;
    result.correct_index = IndexOf(q.choices, q.answer);
    content::GradeResult grade = content::Grade(q.answer, text, q.accept);
    switch (grade.verdict) {
        case content::GradeVerdict::kExact:
            result.verdict = Verdict::kCorrect;
            break;
        case content::GradeVerdict::kTypo:
            result.verdict = Verdict::kTypo;
            break;
        case content::GradeVerdict::kWrong:
            result.verdict = Verdict::kWrong;
            break;
    }
    result.grade = std::move(grade);
    return result;
}

CheckResult CheckOrder(const content::Question& q, const std::vector<int>& order) {
    CheckResult result;
    result.expected = q.answer;
    const std::vector<std::string> expected = SplitLines(q.answer);
    std::vector<bool> used(q.choices.size(), false);
    bool permutation = order.size() == q.choices.size();
    std::string given;
    for (const int index : order) {
        if (index < 0 || static_cast<std::size_t>(index) >= q.choices.size() ||
            used[static_cast<std::size_t>(index)]) {
            permutation = false;
            break;
        }
        used[static_cast<std::size_t>(index)] = true;
        if (!given.empty()) given += '\n';
        given += q.choices[static_cast<std::size_t>(index)];
    }
    result.answer_given = given;
    if (!permutation) return result;
    bool all = expected.size() == order.size();
    for (std::size_t position = 0; position < order.size(); ++position) {
        const bool right =
            position < expected.size() &&
            q.choices[static_cast<std::size_t>(order[position])] == expected[position];
        result.position_correct.push_back(right);
        all = all && right;
    }
    result.verdict = all ? Verdict::kCorrect : Verdict::kWrong;
    return result;
}

std::string OneDecimal(double value, const char* unit) {
    char buffer[32];
    const double rounded = std::round(value * 10.0) / 10.0;
    if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
        std::snprintf(buffer, sizeof buffer, "%.0f%s", rounded, unit);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f%s", rounded, unit);
    }
    return buffer;
}

}  // namespace

CheckResult CheckAnswer(const content::Question& q, const AnswerInput& input) {
    using content::QuestionKind;
    assert(!content::IsSelfGraded(q.kind) && "CheckAnswer: recall questions are self-graded");
    switch (q.kind) {
        case QuestionKind::kWhichQuestion:
        case QuestionKind::kChoice:
        case QuestionKind::kCloze:
        case QuestionKind::kProfile:
            if (const auto* choice = std::get_if<ChoiceAnswer>(&input)) {
                assert(!q.choices.empty() &&
                       "CheckAnswer: a choice answer to a question without choices");
                return CheckChoice(q, choice->index);
            }
            assert(std::holds_alternative<TypedAnswer>(input) &&
                   "CheckAnswer: this kind takes a ChoiceAnswer or a TypedAnswer");
            return CheckTyped(q, std::get<TypedAnswer>(input).text);
        case QuestionKind::kTrueFalse: {
            assert(std::holds_alternative<TrueFalseAnswer>(input) &&
                   "CheckAnswer: true_false takes a TrueFalseAnswer");
            CheckResult result;
            result.expected = q.answer;
            const bool value = std::get<TrueFalseAnswer>(input).value;
            result.answer_given = value ? "true" : "false";
            result.verdict = result.answer_given == q.answer ? Verdict::kCorrect : Verdict::kWrong;
            return result;
        }
        case QuestionKind::kOrder:
            assert(std::holds_alternative<OrderAnswer>(input) &&
                   "CheckAnswer: order takes an OrderAnswer");
            return CheckOrder(q, std::get<OrderAnswer>(input).order);
        case QuestionKind::kRecall:
            break;
    }
    CheckResult result;
    result.expected = q.answer;
    return result;
}

sched::Rating RatingFor(Verdict verdict, Override override_choice) {
    if (verdict == Verdict::kWrong) {
        return override_choice == Override::kCountTypo ? sched::Rating::kGood
                                                       : sched::Rating::kAgain;
    }
    return override_choice == Override::kGuessed ? sched::Rating::kHard : sched::Rating::kGood;
}

bool CountsAsCorrect(Verdict verdict, Override override_choice) {
    return verdict != Verdict::kWrong || override_choice == Override::kCountTypo;
}

std::string FormatInterval(std::int64_t seconds) {
    constexpr double kMinute = 60.0, kHour = 3600.0, kDay = 86400.0;
    constexpr double kMonth = kDay * 365.0 / 12.0, kYear = kDay * 365.0;
    const double s = static_cast<double>(seconds);
    if (s < kMinute) return "<1m";
    // Rounding may carry into the next unit (59.7 minutes show as 1h, not 60m).
    if (std::lround(s / kMinute) < 60) {
        return std::to_string(static_cast<long long>(std::lround(s / kMinute))) + "m";
    }
    if (std::round(s / kHour * 10.0) < 240.0) return OneDecimal(s / kHour, "h");
    if (s < kMonth) return std::to_string(static_cast<long long>(std::lround(s / kDay))) + "d";
    if (s < kYear) return OneDecimal(s / kMonth, "mo");
    return OneDecimal(s / kYear, "y");
}

std::string FormatOutcomeInterval(const sched::Outcome& outcome) {
    if (outcome.interval_days > 0) {
        return FormatInterval(static_cast<std::int64_t>(outcome.interval_days) * 86400);
    }
    return FormatInterval(outcome.interval_seconds);
}

}  // namespace mondo::study
