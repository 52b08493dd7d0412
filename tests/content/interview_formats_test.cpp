// The parser on interviews written in other formats (tests/data/content/*.txt).
#include <doctest/doctest.h>

#include "content/interview.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::ParseOrFail;
using mondo::content::testing::ReadTestFile;

TEST_CASE("full-width Q：/A： labels with CRLF line ends and a byte order mark") {
    const Interview parsed = ParseOrFail(ReadTestFile("fullwidth_crlf_bom.txt"));
    CHECK(parsed.title == "ＡＩと教育についてのインタビュー");
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].question == "ＡＩは教育をどう変えますか？");
    CHECK(parsed.exchanges[0].answer ==
          "個別指導が誰にでも届くようになります。教師の役割は、問いを立てることに移っていくでしょう"
          "。");
    CHECK(parsed.exchanges[2].question == "最後に一言お願いします。");
    for (const auto& e : parsed.exchanges) {
        CHECK(e.answer.find('\r') == std::string::npos);
        CHECK(e.question.find("\xEF\xBB\xBF") == std::string::npos);
    }
}

TEST_CASE("dash-led questions with unlabelled answers over several paragraphs and headings") {
    const Interview parsed = ParseOrFail(ReadTestFile("dash_unlabelled.txt"));
    CHECK(parsed.title == "職人に聞く　和紙づくりの未来");
    REQUIRE(parsed.intro.size() == 1);
    REQUIRE(parsed.sections.size() == 2);
    CHECK(parsed.sections[0].title == "原料の話");
    CHECK(parsed.sections[1].title == "これからの仕事");
    REQUIRE(parsed.exchanges.size() == 4);
    CHECK(parsed.exchanges[0].question == "和紙の原料は何ですか？");
    CHECK(parsed.exchanges[0].answer ==
          "主に楮です。冬に刈り取って、皮を剥いで煮ます。\n"
          "この工程だけで一週間かかります。手を抜くと、紙が弱くなるんです。");
    // The reading in parentheses is furigana: kept as ruby, not in the text.
    CHECK(parsed.ruby == std::vector<Ruby>{{"楮", "こうぞ"}});
    CHECK(parsed.exchanges[1].section == 1);
    CHECK(parsed.exchanges[2].section == 2);
    CHECK(parsed.exchanges[2].question == "後継者はいますか？");
}

TEST_CASE("speaker names as labels: the one who asks is found from the text") {
    const Interview parsed = ParseOrFail(ReadTestFile("speaker_names.txt"));
    CHECK(parsed.title == "宇宙ベンチャーの挑戦");
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].question.rfind("本日はよろしくお願いします。", 0) == 0);
    CHECK(parsed.exchanges[0].answer.rfind("学生時代に", 0) == 0);
    CHECK(parsed.exchanges[1].question == "一番苦労したことは何ですか？");
    // The answer continues on a second line without a label.
    CHECK(parsed.exchanges[1].answer ==
          "資金集めです。最初の二年間は、誰も私たちの技術を信じてくれませんでした。\n"
          "それでも、試作機の燃焼試験を公開したことで、投資家の見方が変わりました。");
}

TEST_CASE("speaker names followed by an ideographic space instead of a colon") {
    const Interview parsed = ParseOrFail(ReadTestFile("speaker_spaces.txt"));
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].question == "なぜ森で授業をしようと思ったのですか？");
    CHECK(parsed.exchanges[2].answer ==
          "雨の森にも学びがあります。カッパを着て、雨の音を聞きに行きます。");
}

TEST_CASE("the interviewee speaking first and at length is still the one who answers") {
    // The answerer's label comes first here; the asker is the one with short turns ending in ?.
    const Interview parsed = ParseOrFail(
        "鈴木: "
        "今日は私の工房の話をしたいと思います。長い話になりますが、最初から順に説明していきます。\n"
        "記者X: どうぞ。最初の作品は何でしたか?\n"
        "鈴木: 木のスプーンです。祖父に習いながら、百本ほど削りました。\n"
        "記者X: 今一番作りたいものは?\n"
        "鈴木: 椅子です。座る人の体に合わせて、一脚ずつ形を変えたいのです。\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].question == "どうぞ。最初の作品は何でしたか?");
    CHECK(parsed.exchanges[1].answer ==
          "椅子です。座る人の体に合わせて、一脚ずつ形を変えたいのです。");
}

TEST_CASE("インタビュアー: labels with ASCII colons") {
    const Interview parsed = ParseOrFail(ReadTestFile("interviewer_label.txt"));
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[1].question == "利用者は増えましたか?");
    CHECK(parsed.exchanges[1].answer ==
          "開館から半年で、来館者は二倍になりました。特に高校生が増えています。");
}

TEST_CASE("Q. and A. labels") {
    const Interview parsed = ParseOrFail(ReadTestFile("q_dot_labels.txt"));
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].question == "朝ごはんは何を食べますか？");
    CHECK(parsed.exchanges[1].answer == "週末は私が作ります。平日は妻が作ってくれます。");
}

TEST_CASE("an English interview with Interviewer: and a surname, wrapped lines and headings") {
    const Interview parsed = ParseOrFail(ReadTestFile("english_interview.txt"));
    CHECK(parsed.title == "A Conversation with a Lighthouse Keeper");
    REQUIRE(parsed.sections.size() == 2);
    CHECK(parsed.sections[1].title == "Automation");
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].question == "How did you become a lighthouse keeper?");
    // The hard-wrapped line joins its paragraph with a space; the next paragraph is a new line.
    CHECK(
        parsed.exchanges[0].answer ==
        "My father kept the light before me. I learned to trim the wicks before I could read, and "
        "when he retired the service asked me to stay on.\n"
        "It was not a job I chose so much as a life I grew into.");
    CHECK(parsed.exchanges[2].section == 2);
}

TEST_CASE("question and answer on one line") {
    const Interview parsed = ParseOrFail(ReadTestFile("english_qa_one_line.txt"));
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].question == "How many hives do you keep?");
    CHECK(parsed.exchanges[0].answer == "Forty, spread over three valleys.");
    CHECK(parsed.exchanges[2].answer ==
          "A few times a week. You stop noticing after the first year.");
}

TEST_CASE("U+3000 and U+00A0 around labels and lines are trimmed") {
    const Interview parsed =
        ParseOrFail("\u3000Q：\u3000質問ですか？\u00A0\n\u00A0A：\u3000答えです。\u3000\n");
    REQUIRE(parsed.exchanges.size() == 1);
    CHECK(parsed.exchanges[0].question == "質問ですか？");
    CHECK(parsed.exchanges[0].answer == "答えです。");
}

TEST_CASE("a lone colon in prose is not taken for a speaker") {
    const Interview parsed = ParseOrFail(
        "Q: 大事なことは何ですか?\nA: 三つあります。\n結論: 続けることです。\nQ: "
        "ありがとうございました。最後に一言?\nA: 楽しんでください。\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].answer == "三つあります。\n結論: 続けることです。");
}

TEST_CASE("a URL line is not a label") {
    const Interview parsed =
        ParseOrFail("Q: どこで読めますか?\nA: こちらです。\nhttps://example.com/articles/42\n");
    REQUIRE(parsed.exchanges.size() == 1);
    CHECK(parsed.exchanges[0].answer.find("https://example.com/articles/42") != std::string::npos);
}

TEST_CASE("readings in parentheses are furigana, translations in parentheses are not") {
    const Interview parsed = ParseOrFail(
        "Q: 朱啸虎（ジューシャオフー）氏をどう見ますか?\n"
        "A: "
        "自動運転（オートパイロット）に投資する人です。楮（こうぞ）の紙(和紙)を好み、AI(人工知能)"
        "にも詳しい。\n");
    const std::vector<Ruby> expected = {{"朱啸虎", "ジューシャオフー"}, {"楮", "こうぞ"}};
    CHECK(parsed.ruby == expected);
    CHECK(parsed.exchanges.at(0).question == "朱啸虎氏をどう見ますか?");
    CHECK(parsed.exchanges.at(0).answer ==
          "自動運転（オートパイロット）に投資する人です。楮の紙(和紙)を好み、AI(人工知能)"
          "にも詳しい。");
}
