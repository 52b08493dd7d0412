// The JSON writer: escaping, and a document in the shape of the command-line contract.
#include "content/questions_json.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "content/japanese_text.h"
#include "content/question.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Contains;
using mondo::content::testing::Seed;

namespace {

// A strict RFC 8259 validator, enough to prove the writer's output parses.
class JsonValidator {
  public:
    explicit JsonValidator(std::string_view text) : text_(text) {}
    bool Valid() {
        SkipSpace();
        if (!Value()) return false;
        SkipSpace();
        return pos_ == text_.size();
    }

  private:
    void SkipSpace() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }
    bool Literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    bool String() {
        if (pos_ >= text_.size() || text_[pos_] != '"') return false;
        ++pos_;
        while (pos_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                ++pos_;
                if (pos_ >= text_.size()) return false;
                const char e = text_[pos_];
                if (e == 'u') {
                    for (int k = 1; k <= 4; ++k) {
                        if (pos_ + static_cast<std::size_t>(k) >= text_.size() ||
                            !std::isxdigit(static_cast<unsigned char>(
                                text_[pos_ + static_cast<std::size_t>(k)])))
                            return false;
                    }
                    pos_ += 4;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
            }
            ++pos_;
        }
        return false;
    }
    bool Number() {
        const std::size_t start = pos_;
        if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        return pos_ > start;
    }
    bool Value() {
        SkipSpace();
        if (pos_ >= text_.size()) return false;
        const char c = text_[pos_];
        if (c == '"') return String();
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++pos_;
            SkipSpace();
            if (pos_ < text_.size() && text_[pos_] == close) return ++pos_, true;
            while (true) {
                SkipSpace();
                if (c == '{') {
                    if (!String()) return false;
                    SkipSpace();
                    if (pos_ >= text_.size() || text_[pos_++] != ':') return false;
                }
                if (!Value()) return false;
                SkipSpace();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (text_[pos_] == close) return ++pos_, true;
                return false;
            }
        }
        if (c == 't') return Literal("true");
        if (c == 'f') return Literal("false");
        if (c == 'n') return Literal("null");
        return Number();
    }
    std::string_view text_;
    std::size_t pos_ = 0;
};

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

TEST_CASE("JSON strings escape quotes, backslashes and every control character") {
    CHECK(JsonString("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(JsonString("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
    CHECK(JsonString(std::string("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\\u007f\"");
    for (int c = 0; c < 0x20; ++c) {
        const std::string quoted = JsonString(std::string(1, static_cast<char>(c)));
        CAPTURE(c);
        CHECK(JsonValidator(quoted).Valid());
    }
}

TEST_CASE("JSON strings keep Japanese as UTF-8 and replace bytes that are not UTF-8") {
    CHECK(JsonString("資本［　　］") == "\"資本［　　］\"");
    CHECK(JsonString("\u2028\u2029") == "\"\\u2028\\u2029\"");
    CHECK(JsonString("a\xFF"
                     "b") ==
          "\"a\xEF\xBF\xBD"
          "b\"");
    // One U+FFFD per maximal ill-formed subpart: a truncated sequence is one replacement.
    CHECK(JsonString("\xE3\x81") == "\"\xEF\xBF\xBD\"");
    CHECK(JsonString("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST_CASE("the questions document is valid JSON in the shape of the contract") {
    const Interview seed = Seed();
    const auto questions = GenerateQuestions(seed);
    const std::string json = QuestionsJson(seed, questions);
    CHECK(JsonValidator(json).Valid());
    CHECK(json.rfind("{\"source\": {\"id\": \"" + seed.source_id + "\"", 0) == 0);
    for (const char* key :
         {"\"sections\": [", "\"profile\": [", "\"ruby\": [", "\"exchanges\": [",
          "\"questions\": [", "{\"base\": \"湛江\", \"reading\": \"ジャンジアン\"}",
          "\"kind\": \"which_question\"", "\"exchange\": null",
          "\"accept\": [\"ジューシャオフー\"]"}) {
        CAPTURE(key);
        CHECK(Contains(json, key));
    }
}

TEST_CASE("a hostile interview still gives valid JSON") {
    const auto parsed =
        ParseInterview("タイトル\"\\\x01\n\nQ: 質問\t\"引用\"は?\nA: 答え\x1f\\です。\n");
    REQUIRE(parsed.has_value());
    CHECK(JsonValidator(QuestionsJson(*parsed, GenerateQuestions(*parsed))).Valid());
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
