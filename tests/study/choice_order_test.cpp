#include "app/study/choice_order.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <set>
#include <string>

#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

using content::QuestionKind;

content::Question ChoiceQuestion(const std::string& id, QuestionKind kind = QuestionKind::kChoice) {
    content::Question question = testing::MakeQuestion(id, kind, 3);
    question.choices = {"資本", "自信", "人材", "計算資源"};
    question.answer = "自信";
    return question;
}

bool IsPermutation(std::vector<int> order, std::size_t count) {
    std::sort(order.begin(), order.end());
    std::vector<int> identity(count);
    std::iota(identity.begin(), identity.end(), 0);
    return order == identity;
}

int AnswerPosition(const content::Question& question, int reviews) {
    const std::vector<int> order = ShownChoiceOrder(question, reviews);
    for (std::size_t p = 0; p < order.size(); ++p) {
        if (question.choices[static_cast<std::size_t>(order[p])] == question.answer) {
            return static_cast<int>(p);
        }
    }
    return -1;
}

TEST_CASE("the shown order of the choices is a permutation, the same for the same showing") {
    const content::Question question = ChoiceQuestion("src-choice-1");
    for (int reviews = 0; reviews < 50; ++reviews) {
        const std::vector<int> order = ShownChoiceOrder(question, reviews);
        CHECK(IsPermutation(order, question.choices.size()));
        CHECK(order == ShownChoiceOrder(question, reviews));
    }
}

TEST_CASE("the right answer never stands where it stood at the showing before") {
    for (const char* id : {"a", "src-choice-1", "src-which_question-9f"}) {
        const content::Question question = ChoiceQuestion(id, QuestionKind::kWhichQuestion);
        std::array<int, 4> seen{};
        int previous = AnswerPosition(question, 0);
        ++seen[static_cast<std::size_t>(previous)];
        for (int reviews = 1; reviews < 400; ++reviews) {
            const int position = AnswerPosition(question, reviews);
            REQUIRE(position >= 0);
            CHECK(position != previous);
            ++seen[static_cast<std::size_t>(position)];
            previous = position;
        }
        // Every place is used: a learner cannot bet on one.
        for (const int times : seen) CHECK(times > 60);
    }
}

TEST_CASE("the order changes from one showing to the next and between questions") {
    const content::Question a = ChoiceQuestion("question-a");
    const content::Question b = ChoiceQuestion("question-b");
    int same_as_before = 0;
    int same_as_other = 0;
    for (int reviews = 1; reviews <= 100; ++reviews) {
        if (ShownChoiceOrder(a, reviews) == ShownChoiceOrder(a, reviews - 1)) ++same_as_before;
        if (ShownChoiceOrder(a, reviews) == ShownChoiceOrder(b, reviews)) ++same_as_other;
    }
    CHECK(same_as_before == 0);  // the answer moved, so the order did
    CHECK(same_as_other < 20);   // 1 in 24 by chance
}

TEST_CASE("order questions and questions without choices keep their order") {
    content::Question order = ChoiceQuestion("order-1", QuestionKind::kOrder);
    CHECK_FALSE(HasShuffledChoices(order));
    CHECK(ShownChoiceOrder(order, 7) == std::vector<int>{0, 1, 2, 3});
    content::Question recall = testing::MakeQuestion("recall-1", QuestionKind::kRecall, 1);
    CHECK_FALSE(HasShuffledChoices(recall));
    CHECK(ShownChoiceOrder(recall, 3).empty());
    CHECK(HasShuffledChoices(ChoiceQuestion("profile-1", QuestionKind::kProfile)));
}

TEST_CASE("choices without the answer among them are still shuffled") {
    content::Question question = ChoiceQuestion("odd-1");
    question.answer = "どれでもない";
    const std::vector<int> order = ShownChoiceOrder(question, 2);
    CHECK(IsPermutation(order, 4));
}

TEST_CASE("order questions get a new arrangement every showing, never the right order") {
    content::Question order = testing::MakeQuestion("order-7", QuestionKind::kOrder, 2);
    order.answer = "一\n二\n三\n四";
    order.choices = {"三", "一", "四", "二"};
    const auto shown = [&](const std::vector<int>& arrangement) {
        std::string text;
        for (const int i : arrangement) text += order.choices[static_cast<std::size_t>(i)];
        return text;
    };
    std::vector<int> previous;
    std::set<std::string> seen;
    for (int reviews = 0; reviews < 60; ++reviews) {
        const std::vector<int> arrangement = ShownOrderArrangement(order, reviews);
        CHECK(IsPermutation(arrangement, 4));
        CHECK(arrangement == ShownOrderArrangement(order, reviews));  // the same showing
        CHECK(shown(arrangement) != "一二三四");
        CHECK(arrangement != previous);
        seen.insert(shown(arrangement));
        previous = arrangement;
    }
    CHECK(seen.size() >= 10);  // of the 23 arrangements out of order
    // Other kinds keep their own order.
    CHECK(ShownOrderArrangement(ChoiceQuestion("choice-3"), 5) == std::vector<int>{0, 1, 2, 3});
}

}  // namespace
}  // namespace mondo::study
