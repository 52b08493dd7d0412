// Greetings and thanks are recognised by shape, and an exchange made only of them is marked.
#include "content/courtesy.h"

#include <doctest/doctest.h>

#include "content/interview.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::ParseOrFail;

TEST_CASE("Japanese greetings and thanks are courtesy, with or without a short lead") {
    for (const char* sentence :
         {"よろしくお願いします。", "本日はよろしくお願いいたします。", "ありがとうございました",
          "本日は貴重なお話をありがとうございました！", "こちらこそ、ありがとうございました。",
          "こちらこそ。", "お疲れさまでした。", "はい、よろしくお願いします。"}) {
        CAPTURE(sentence);
        CHECK(IsCourtesy(sentence));
    }
}

TEST_CASE("English thanks and greetings are courtesy; thanks as a preposition is not") {
    for (const char* sentence : {"Thank you.", "Thanks for having me.", "Thank you, Daniel.",
                                 "It was a pleasure.", "Thank you for making time for us today.",
                                 "**Thanks for joining us.**", "My pleasure!"}) {
        CAPTURE(sentence);
        CHECK(IsCourtesy(sentence));
    }
    for (const char* sentence :
         {"Thanks to the grant, we could build a second prototype.", "Thank you?",
          "The pleasure of the work is in the details.", "Thankfully, the turbine survived.",
          "Thank you for asking, because the real reason is that the grid here needs power at "
          "night and batteries are still far too expensive for most operators."}) {
        CAPTURE(sentence);
        CHECK_FALSE(IsCourtesy(sentence));
    }
}

TEST_CASE("sentences with content, requests and questions are not courtesy") {
    for (const char* sentence :
         {"最後に一言お願いします。", "自己紹介をお願いします。", "ありがとうございましたか？",
          "資金集めです。", "父が病気で入院したとき、取引先から電話が何本もかかってきました。",
          "この二十年で、地域の人たちと一緒に町の図書館を建て直すことができて、本当に多くの人に"
          "ありがとうと言いたい。"}) {
        CAPTURE(sentence);
        CHECK_FALSE(IsCourtesy(sentence));
    }
}

TEST_CASE("text is courtesy only when every sentence is") {
    CHECK(IsCourtesyOnly("本日はよろしくお願いします。"));
    CHECK(IsCourtesyOnly("Thank you. It was a pleasure."));
    CHECK_FALSE(
        IsCourtesyOnly("本日はよろしくお願いします。まず、会社を始めたきっかけを教えてください。"));
    CHECK_FALSE(IsCourtesyOnly(""));
}

TEST_CASE("an exchange whose question is only a greeting or thanks is marked courtesy") {
    const Interview parsed = ParseOrFail(
        "Q: 本日はよろしくお願いします。\n"
        "A: よろしくお願いします。散らかっていてすみません。\n"
        "Q: 本日はよろしくお願いします。まず、始めたきっかけを教えてください。\n"
        "A: 学生時代のサークルです。\n"
        "Q: なぜ続けられたのですか？\n"
        "A: 仲間がいたからです。ありがとうと言いたいです。\n"
        "Q: ありがとうございました。\n"
        "A: こちらこそ。実は最後に言いたいことがあります。失敗を記録してください。\n");
    REQUIRE(parsed.exchanges.size() == 4);
    CHECK(parsed.exchanges[0].courtesy);
    CHECK_FALSE(parsed.exchanges[1].courtesy);
    CHECK_FALSE(parsed.exchanges[2].courtesy);
    // Thanks as the question, but an answer that says more than one thing: still asked about.
    CHECK_FALSE(parsed.exchanges[3].courtesy);
}

TEST_CASE("no exchange of the built-in interview is courtesy") {
    for (const auto& exchange : mondo::content::testing::Seed().exchanges) {
        CAPTURE(exchange.index);
        CHECK_FALSE(exchange.courtesy);
    }
}
