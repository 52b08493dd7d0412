#include <doctest/doctest.h>

#include <string>

#include "content/interview.h"
#include "content/question.h"

using namespace mondo::content;

TEST_CASE("the built-in interview parses into 16 pairs in 4 sections") {
    const auto parsed = ParseInterview(BuiltinInterviewText());
    REQUIRE(parsed.has_value());
    CHECK(parsed->exchanges.size() == 16);
    CHECK(parsed->sections.size() == 4);
    REQUIRE(parsed->exchanges.size() >= 5);
    CHECK(parsed->exchanges[4].answer.rfind("朱啸虎は", 0) == 0);
}

TEST_CASE("every exchange of the built-in interview gets a recall question") {
    const auto parsed = ParseInterview(BuiltinInterviewText());
    REQUIRE(parsed.has_value());
    const auto questions = GenerateQuestions(*parsed);
    int recall = 0;
    for (const auto& q : questions) recall += q.kind == QuestionKind::kRecall ? 1 : 0;
    CHECK(recall == 16);
}
