#include "app/study/grading.h"

#include <doctest/doctest.h>

#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

using content::QuestionKind;
using sched::Rating;
using testing::MakeQuestion;

TEST_CASE("a choice is right only at the index of the answer") {
    content::Question q = MakeQuestion("c", QuestionKind::kChoice, 1);
    q.answer = std::string("B");
    q.choices = {"A", "B", "C", "D"};
    const CheckResult right = CheckAnswer(q, ChoiceAnswer{1});
    CHECK(right.verdict == Verdict::kCorrect);
    CHECK(right.correct_index == 1);
    CHECK(right.answer_given == "B");
    const CheckResult wrong = CheckAnswer(q, ChoiceAnswer{3});
    CHECK(wrong.verdict == Verdict::kWrong);
    CHECK(wrong.answer_given == "D");
    CHECK(wrong.correct_index == 1);
    CHECK(CheckAnswer(q, ChoiceAnswer{7}).verdict == Verdict::kWrong);
    CHECK(CheckAnswer(q, ChoiceAnswer{-1}).verdict == Verdict::kWrong);
}

TEST_CASE(
    "a typed cloze answer is graded with Japanese folding, typo tolerance and accepted variants") {
    content::Question q = MakeQuestion("z", QuestionKind::kCloze, 1);
    q.answer = std::string("オープンソース");
    q.accept = {"おーぷんそーす"};
    CHECK(CheckAnswer(q, TypedAnswer{"オープンソース"}).verdict == Verdict::kCorrect);
    CHECK(CheckAnswer(q, TypedAnswer{"ｵｰﾌﾟﾝｿｰｽ"}).verdict == Verdict::kCorrect);  // half-width
    const CheckResult typo = CheckAnswer(q, TypedAnswer{"オープンソーズ"});
    CHECK(typo.verdict == Verdict::kTypo);
    REQUIRE(typo.grade.has_value());
    CHECK(typo.grade->distance == 1);
    CHECK(CheckAnswer(q, TypedAnswer{"クローズド"}).verdict == Verdict::kWrong);
    CHECK(CheckAnswer(q, TypedAnswer{""}).verdict == Verdict::kWrong);
}

TEST_CASE("a cloze with choices can be answered by picking one") {
    content::Question q = MakeQuestion("z", QuestionKind::kCloze, 1);
    q.answer = std::string("資本");
    q.choices = {"人材", "資本", "技術", "市場"};
    CHECK(CheckAnswer(q, ChoiceAnswer{1}).verdict == Verdict::kCorrect);
    CHECK(CheckAnswer(q, ChoiceAnswer{0}).verdict == Verdict::kWrong);
}

TEST_CASE("true or false compares the learner's value with the answer") {
    content::Question q = MakeQuestion("t", QuestionKind::kTrueFalse, 1);
    q.answer = std::string("false");
    CHECK(CheckAnswer(q, TrueFalseAnswer{false}).verdict == Verdict::kCorrect);
    CHECK(CheckAnswer(q, TrueFalseAnswer{true}).verdict == Verdict::kWrong);
}

TEST_CASE("an order answer is right only in the original order and marks each position") {
    content::Question q = MakeQuestion("o", QuestionKind::kOrder, 1);
    q.answer = std::string("一。\n二。\n三。");
    q.choices = {"三。", "一。", "二。"};
    const CheckResult right = CheckAnswer(q, OrderAnswer{{1, 2, 0}});
    CHECK(right.verdict == Verdict::kCorrect);
    CHECK(right.position_correct == std::vector<bool>{true, true, true});
    CHECK(right.answer_given == q.answer);
    const CheckResult wrong = CheckAnswer(q, OrderAnswer{{1, 0, 2}});
    CHECK(wrong.verdict == Verdict::kWrong);
    CHECK(wrong.position_correct == std::vector<bool>{true, false, false});
    // Not a permutation: wrong, no crash.
    CHECK(CheckAnswer(q, OrderAnswer{{1, 1, 2}}).verdict == Verdict::kWrong);
    CHECK(CheckAnswer(q, OrderAnswer{{1, 2}}).verdict == Verdict::kWrong);
    CHECK(CheckAnswer(q, OrderAnswer{{1, 2, 9}}).verdict == Verdict::kWrong);
}

TEST_CASE("verdicts map to ratings, with the guessed and typo overrides") {
    CHECK(RatingFor(Verdict::kCorrect) == Rating::kGood);
    CHECK(RatingFor(Verdict::kTypo) == Rating::kGood);
    CHECK(RatingFor(Verdict::kWrong) == Rating::kAgain);
    CHECK(RatingFor(Verdict::kCorrect, Override::kGuessed) == Rating::kHard);
    CHECK(RatingFor(Verdict::kWrong, Override::kCountTypo) == Rating::kGood);
    // An override that does not apply changes nothing.
    CHECK(RatingFor(Verdict::kWrong, Override::kGuessed) == Rating::kAgain);
    CHECK(RatingFor(Verdict::kCorrect, Override::kCountTypo) == Rating::kGood);
    CHECK(CountsAsCorrect(Verdict::kWrong, Override::kCountTypo));
    CHECK_FALSE(CountsAsCorrect(Verdict::kWrong, Override::kNone));
}

TEST_CASE("intervals are formatted as Anki's answer buttons show them") {
    CHECK(FormatInterval(0) == "<1m");
    CHECK(FormatInterval(59) == "<1m");
    CHECK(FormatInterval(60) == "1m");
    CHECK(FormatInterval(600) == "10m");
    CHECK(FormatInterval(3599) == "1h");
    CHECK(FormatInterval(3600) == "1h");
    CHECK(FormatInterval(5400) == "1.5h");
    CHECK(FormatInterval(86400) == "1d");
    CHECK(FormatInterval(3 * 86400) == "3d");
    CHECK(FormatInterval(64 * 86400) == "2.1mo");
    CHECK(FormatInterval(365 * 86400) == "1y");
    CHECK(FormatInterval(475 * 86400) == "1.3y");
}

}  // namespace
}  // namespace mondo::study
