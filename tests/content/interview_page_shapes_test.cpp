// Page shapes beyond the fixtures: each case is one class of real-page messiness (Markdown,
// speaker labels on answers, furniture, profiles), written small so a failure names its class.
#include <doctest/doctest.h>

#include <string>

#include "content/interview.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Contains;
using mondo::content::testing::ParseOrFail;

namespace {

// Every question, answer and note of `parsed`, one per line.
std::string AllTurns(const Interview& parsed) {
    std::string out;
    for (const auto& e : parsed.exchanges) {
        out += e.question + "\n" + e.answer + "\n";
        for (const auto& n : e.notes) out += n + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("Markdown questions as headings with unlabelled answers") {
    const Interview parsed = ParseOrFail(
        "# 川と暮らす\n\n"
        "## なぜ川の近くに住むのですか？\n\n"
        "水の音が好きだからです。毎朝、川沿いを歩いてから仕事を始めます。\n\n"
        "## 洪水は怖くないですか？\n\n"
        "怖いです。だから、家は高い土台の上に建てました。\n\n"
        "川は恵みと危険の両方を運んできます。\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.title == "川と暮らす");
    CHECK(parsed.exchanges[0].question == "なぜ川の近くに住むのですか？");
    CHECK(parsed.exchanges[1].answer ==
          "怖いです。だから、家は高い土台の上に建てました。\n川は恵みと危険の両方を運んできます。");
}

TEST_CASE("bold questions with unlabelled answers, and a bold Q label over several lines") {
    const Interview bold = ParseOrFail(
        "**What do you grow?**\n\nMostly barley. It handles the wind better than wheat.\n\n"
        "**Why barley?**\n\nBecause the soil here is thin.\n");
    REQUIRE(bold.exchanges.size() == 2);
    CHECK(bold.exchanges[1].answer == "Because the soil here is thin.");
    const Interview labelled = ParseOrFail(
        "**Q：** 何を育てていますか？\n**A：** 大麦です。\n\n**Q：** なぜですか？\n**A：** "
        "土が薄いからです。\n");
    REQUIRE(labelled.exchanges.size() == 2);
    CHECK(labelled.exchanges[0].answer == "大麦です。");
}

TEST_CASE("numbered Q labels with a space instead of a colon") {
    const Interview parsed = ParseOrFail(
        "Q1　どこで育ちましたか？\n海の近くの町です。\n\nQ2　今の仕事を選んだ理由は？\n"
        "船が好きだったからです。\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].question == "どこで育ちましたか？");
    CHECK(parsed.exchanges[1].answer == "船が好きだったからです。");
}

TEST_CASE("a speaker's name opening the answer is a label, with a colon or either space") {
    const Interview parsed = ParseOrFail(
        "――最初の店はどこでしたか？\n"
        "高橋 駅前の小さな店です。\n"
        "――なぜそこを選んだのですか？\n"
        "高橋　家賃が安かったからです。\n"
        "――今も続けていますか？\n"
        "高橋：はい。二十年になります。\n");
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].answer == "駅前の小さな店です。");
    CHECK(parsed.exchanges[1].answer == "家賃が安かったからです。");
    CHECK(parsed.exchanges[2].answer == "はい。二十年になります。");
}

TEST_CASE("captions, share lines, link lists and page numbers between exchanges are dropped") {
    const Interview parsed = ParseOrFail(
        "パン職人に聞く\n\n"
        "Q：朝は何時に起きますか？\n"
        "A：三時です。生地の発酵に合わせると、その時間になります。\n\n"
        "（写真：店の前に立つ職人）\n\n"
        "窯の前で生地を確かめる\n\n"
        "▼こちらもおすすめ\n"
        "・人気のパン屋ランキング\n"
        "・天然酵母の育て方\n\n"
        "Q：一番大切にしていることは？\n"
        "A：粉の声を聞くことです。\n\n"
        "< 前へ　1　2　3　次へ >\n\n"
        "Q：これからの夢は？\n"
        "A：町の学校でパン教室を開きたいです。\n\n"
        "Facebookでシェア　Xでポスト\n");
    REQUIRE(parsed.exchanges.size() == 3);
    const std::string turns = AllTurns(parsed);
    for (const char* furniture : {"写真", "窯の前", "おすすめ", "ランキング", "次へ", "シェア"}) {
        CAPTURE(furniture);
        CHECK_FALSE(Contains(turns, furniture));
    }
    CHECK(parsed.exchanges[0].answer == "三時です。生地の発酵に合わせると、その時間になります。");
}

TEST_CASE("a list inside an answer stays; a list under a short header is furniture") {
    const Interview parsed = ParseOrFail(
        "Q: What do you pack for a climb?\n"
        "A: Three things matter most:\n"
        "- a rope I trust\n"
        "- water for two days\n"
        "- a map on paper\n\n"
        "Related stories\n"
        "- The highest bakery in the world\n"
        "- Ten knots every climber knows\n\n"
        "Q: And what do you leave behind?\n"
        "A: My phone. It only distracts me.\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(Contains(parsed.exchanges[0].answer, "a map on paper"));
    CHECK_FALSE(Contains(AllTurns(parsed), "bakery"));
}

TEST_CASE("a closing profile under a header, as a list or as a name with facts") {
    const Interview listed = ParseOrFail(
        "Q：好きな季節は？\nA：秋です。山の色が変わるからです。\n\n"
        "【プロフィール】\n・1980年長野県生まれ\n・山岳ガイド歴二十年\n");
    REQUIRE(listed.exchanges.size() == 1);
    CHECK(listed.exchanges[0].answer == "秋です。山の色が変わるからです。");
    CHECK(listed.profile == std::vector<std::string>{"1980年長野県生まれ", "山岳ガイド歴二十年"});
    const Interview named = ParseOrFail(
        "Q：好きな季節は？\nA：秋です。山の色が変わるからです。\n\n"
        "中川健　1980年長野県生まれ。山岳ガイド。\n");
    REQUIRE(named.exchanges.size() == 1);
    CHECK(named.exchanges[0].answer == "秋です。山の色が変わるからです。");
    REQUIRE(named.profile.size() == 3);
    CHECK(named.profile[0] == "中川健");
}

TEST_CASE("a closing English bio is the profile even when the name was not mentioned before") {
    const Interview parsed = ParseOrFail(
        "Q: What do you build?\nA: Small wooden boats, one at a time.\n\n"
        "Q: How long does one take?\nA: About four months.\n\n"
        "Jonas Berg is a boatbuilder in Bergen. He was born in 1961.\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[1].answer == "About four months.");
    CHECK(parsed.profile == std::vector<std::string>{"Jonas Berg is a boatbuilder in Bergen.",
                                                     "He was born in 1961."});
}

TEST_CASE("a bracketed credit line and a byline under the title are dropped") {
    const Interview parsed = ParseOrFail(
        "森のレストラン\n2025/10/01 更新\n\n"
        "Q：食材はどこから？\nA：半分は自分の畑からです。\n\n"
        "（聞き手・構成：編集部）\n");
    REQUIRE(parsed.exchanges.size() == 1);
    CHECK(parsed.exchanges[0].answer == "半分は自分の畑からです。");
    CHECK(parsed.intro.empty());
}

TEST_CASE("a short answer line is never glued onto the next line") {
    const Interview parsed =
        ParseOrFail("Q：準備は大変でしたか？\nA：いいえ\n全部、仲間が手伝ってくれました。\n");
    REQUIRE(parsed.exchanges.size() == 1);
    CHECK(parsed.exchanges[0].answer == "いいえ\n全部、仲間が手伝ってくれました。");
}

TEST_CASE("two interviewees named with a space, and a full name the first time") {
    const Interview parsed = ParseOrFail(
        "――お二人の出会いは？\n"
        "佐藤花子 大学の山岳部です。\n"
        "鈴木 私が一年上でした。\n"
        "――最初の登山は？\n"
        "佐藤 雨の八ヶ岳でした。\n"
        "鈴木 二人ともずぶ濡れでした。\n"
        "――今も一緒に登りますか？\n"
        "鈴木 年に一度は登ります。\n");
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].answer == "大学の山岳部です。\n私が一年上でした。");
    CHECK(parsed.exchanges[1].answer == "雨の八ヶ岳でした。\n二人ともずぶ濡れでした。");
    CHECK(parsed.exchanges[2].answer == "年に一度は登ります。");
}

TEST_CASE("full-width Ｑ and Ａ labels followed by an ideographic space") {
    const Interview parsed = ParseOrFail(
        "Ｑ　好きな本は？\nＡ　宮沢賢治の童話です。\n\nＱ　なぜですか？\nＡ　言葉が音楽のようだから"
        "です。\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].question == "好きな本は？");
    CHECK(parsed.exchanges[1].answer == "言葉が音楽のようだからです。");
}

TEST_CASE("a site phrase inside a paragraph, an end mark, a bold pull-quote, an arrow heading") {
    const Interview parsed = ParseOrFail(
        "陶芸家に聞く\n\n"
        "▶仕事のはじまり\n\n"
        "Q：なぜ陶芸を始めたのですか？\n"
        "A：土に触れると、考えが静かになるからです。毎日、朝の一時間だけ轆轤を回します。\n"
        "シェアする\n"
        "Q：作品で大事にしていることは？\n"
        "A：使う人の手の大きさです。器は手の延長だと思っています。\n\n"
        "**器は手の延長だと思っています**\n\n"
        "Q：最後に一言お願いします。\n"
        "A：ぜひ一度、土に触れてみてください。\n\n"
        "（おわり）\n\n"
        "この記事を書いた人：山本\n");
    REQUIRE(parsed.exchanges.size() == 3);
    REQUIRE(parsed.sections.size() == 1);
    CHECK(parsed.sections[0].title == "▶仕事のはじまり");
    CHECK(parsed.exchanges[0].answer ==
          "土に触れると、考えが静かになるからです。毎日、朝の一時間だけ轆轤を回します。");
    CHECK(parsed.exchanges[1].answer == "使う人の手の大きさです。器は手の延長だと思っています。");
    CHECK(parsed.exchanges[2].answer == "ぜひ一度、土に触れてみてください。");
}

TEST_CASE("a few words of furniture inside an answer and an editor's note after it") {
    const Interview parsed = ParseOrFail(
        "Q: Where do you find your stories?\n"
        "A: On buses, mostly. People talk as if nobody can hear them.\n"
        "Advertisement - Continue Reading Below\n"
        "I never write names down, only the rhythm of what they say.\n\n"
        "Q: Do you ever use them directly?\n"
        "A: Never. A story has to be rebuilt before it is mine.\n\n"
        "This interview has been edited for length and clarity.\n");
    REQUIRE(parsed.exchanges.size() == 2);
    CHECK(parsed.exchanges[0].answer ==
          "On buses, mostly. People talk as if nobody can hear them.\n"
          "I never write names down, only the rhythm of what they say.");
    CHECK(parsed.exchanges[1].answer == "Never. A story has to be rebuilt before it is mine.");
}

TEST_CASE("a last paragraph in the first person stays in the answer even if it reads like a bio") {
    const Interview parsed = ParseOrFail(
        "Life in New York\n\n"
        "Q: Why did you stay?\nA: The work was here.\n\n"
        "New York is where I moved in 1999, and it still surprises me.\n");
    REQUIRE(parsed.exchanges.size() == 1);
    CHECK(parsed.exchanges[0].answer ==
          "The work was here.\nNew York is where I moved in 1999, and it still surprises me.");
    CHECK(parsed.profile.empty());
}

TEST_CASE("bold dash questions, bold names with a space, a Q. heading and a date under the title") {
    const Interview parsed = ParseOrFail(
        "# 染め物の町で\n\n2025年11月3日\n\n"
        "**――染め物を始めたきっかけは？**\n\n"
        "**佐藤**　祖母の仕事を見て育ったからです。藍の匂いが好きでした。\n\n"
        "**――難しいところは？**\n\n"
        "**佐藤**　毎日色が違うことです。気温と湿度で、同じ藍でも仕上がりが変わります。\n\n"
        "![作業場](https://example.jp/a.jpg)\n\n"
        "### Q. これからの目標は？\n\n"
        "**佐藤**　海外の人にも藍を知ってもらいたいです。\n\n---\n\n"
        "佐藤 一郎（さとう・いちろう）\n1960年徳島県生まれ。藍染め職人。\n");
    CHECK(parsed.sections.empty());
    REQUIRE(parsed.exchanges.size() == 3);
    CHECK(parsed.exchanges[0].answer == "祖母の仕事を見て育ったからです。藍の匂いが好きでした。");
    CHECK(parsed.exchanges[2].question == "これからの目標は？");
    CHECK(parsed.exchanges[2].answer == "海外の人にも藍を知ってもらいたいです。");
    CHECK(parsed.profile ==
          std::vector<std::string>{"佐藤 一郎", "1960年徳島県生まれ。", "藍染め職人。"});
}
