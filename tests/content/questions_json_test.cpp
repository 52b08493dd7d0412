// The questions JSON: a document in the shape of the command-line contract, read back with
// nlohmann-json.
#include "content/questions_json.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "content/japanese_text.h"
#include "content/question.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Seed;

namespace {

bool RoleFromJson(const nlohmann::json& role) {
    if (!role.is_string()) return false;
    for (const auto r : {ArgumentRole::kClaim, ArgumentRole::kReason, ArgumentRole::kContrast,
                         ArgumentRole::kExample, ArgumentRole::kConclusion,
                         ArgumentRole::kConcession, ArgumentRole::kContext}) {
        if (RoleName(r) == role.get<std::string>()) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("the questions document is JSON in the shape of the contract, keys in its order") {
    const Interview seed = Seed();
    const auto questions = GenerateQuestions(seed);
    const std::string json = QuestionsJson(seed, questions);
    const auto doc = nlohmann::ordered_json::parse(json);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"source", "sections", "profile", "ruby", "exchanges",
                                           "questions"});
    CHECK(doc["source"]["id"] == seed.source_id);
    CHECK(doc["source"]["title"] == seed.title);
    CHECK(doc["sections"].size() == seed.sections.size());
    CHECK(doc["profile"].size() == seed.profile.size());
    CHECK(doc["ruby"][0] == nlohmann::ordered_json{{"base", "湛江"}, {"reading", "ジャンジアン"}});
    CHECK(doc["exchanges"].size() == seed.exchanges.size());
    CHECK(doc["exchanges"][0]["index"] == 1);
    CHECK(doc["questions"].size() == questions.size());
    bool which_question = false;
    bool profile = false;
    bool accept = false;
    for (const auto& q : doc["questions"]) {
        CHECK(q["choices"].is_array());
        CHECK(q["accept"].is_array());
        which_question = which_question || q["kind"] == "which_question";
        profile = profile || q["exchange"].is_null();
        accept = accept || q["accept"] == nlohmann::ordered_json{"ジューシャオフー"};
    }
    CHECK(which_question);
    CHECK(profile);
    CHECK(accept);
}

TEST_CASE("a hostile interview still gives valid JSON that reads back the same text") {
    const auto parsed =
        ParseInterview("タイトル\"\\\x01\n\nQ: 質問\t\"引用\"は?\nA: 答え\x1f\\です。\u2028\n");
    REQUIRE(parsed.has_value());
    const auto doc = nlohmann::json::parse(QuestionsJson(*parsed, GenerateQuestions(*parsed)));
    REQUIRE(doc["exchanges"].size() == 1);
    CHECK(doc["exchanges"][0]["question"] == parsed->exchanges[0].question);
    CHECK(doc["exchanges"][0]["answer"] == parsed->exchanges[0].answer);
}

TEST_CASE("the questions document gives each exchange its arguments and each question its source") {
    const Interview seed = Seed();
    const auto questions = GenerateQuestions(seed);
    const auto doc = nlohmann::json::parse(QuestionsJson(seed, questions));
    const auto& exchange = doc["exchanges"][1];  // 資本ではなく自信
    REQUIRE(exchange["arguments"].is_array());
    CHECK(exchange["arguments"].size() == SplitSentences(seed.exchanges[1].answer).size());
    int cores = 0;
    bool contrast = false;
    for (const auto& sentence : exchange["arguments"]) {
        CHECK(sentence["sentence"].is_string());
        CHECK(RoleFromJson(sentence["role"]));
        cores += sentence["core"].get<bool>() ? 1 : 0;
        if (!sentence["contrast"].is_null()) {
            CHECK(sentence["contrast"]["rejected"] == "資本");
            CHECK(sentence["contrast"]["asserted"] == "自信");
            CHECK(sentence["role"] == "contrast");
            contrast = true;
        }
    }
    CHECK(cores == 1);
    CHECK(contrast);
    bool false_statement = false;
    for (const auto& q : doc["questions"]) {
        CHECK(RoleFromJson(q["source_role"]));
        if (q["kind"] == "cloze" || q["kind"] == "choice" || q["kind"] == "true_false") {
            CHECK_FALSE(q["source_sentence"].get<std::string>().empty());
            CHECK(q["source_sentence_index"].is_number());
        }
        if (q["kind"] == "true_false" && q["answer"] == "false") {
            false_statement = true;
            REQUIRE(q.contains("change"));
            const std::string source = q["source_sentence"];
            const std::size_t offset = q["change"]["offset"];
            const std::size_t length = q["change"]["length"];
            const std::string replacement = q["change"]["replacement"];
            CHECK(source.substr(0, offset) + replacement + source.substr(offset + length) ==
                  q["prompt"].get<std::string>());
        }
    }
    CHECK(false_statement);
}
