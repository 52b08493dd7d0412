// Sentences, words, content words, Fold, grapheme distance and grading.
#include "content/japanese_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Seed;

namespace {

std::vector<std::string> Texts(const std::vector<Word>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) out.push_back(w.text);
    return out;
}

bool Has(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TEST_CASE("the seed's 16 answers split into 80 sentences") {
    std::size_t total = 0;
    for (const auto& e : Seed().exchanges) total += SplitSentences(e.answer).size();
    CHECK(total == 80);
}

TEST_CASE("an opening bracket after a question mark moves to the next sentence") {
    const auto sentences = SplitSentences("なぜですか?(訳註:AGIのこと。)次です。");
    REQUIRE(sentences.size() >= 2);
    CHECK(sentences[0] == "なぜですか?");
    CHECK(sentences[1].rfind("(訳註:", 0) == 0);
}

TEST_CASE("sentences are trimmed of U+00A0 and U+3000 and split at line breaks") {
    const auto sentences = SplitSentences("\u3000一つ目です。\u00A0\n二つ目です。 ");
    REQUIRE(sentences.size() == 2);
    CHECK(sentences[0] == "一つ目です。");
    CHECK(sentences[1] == "二つ目です。");
    CHECK(SplitSentences("").empty());
    CHECK(SplitSentences(" \n\u3000").empty());
}

TEST_CASE("katakana compounds split by the dictionary are joined") {
    const auto words =
        Texts(SplitWords("クローズドソースとオープンソース、テクノロジーコミュニティとエコシステム"
                         "。シリコンバレー"));
    for (const char* w : {"クローズドソース", "オープンソース", "テクノロジーコミュニティ",
                          "エコシステム", "シリコンバレー"}) {
        CAPTURE(w);
        CHECK(Has(words, w));
    }
    CHECK_FALSE(Has(words, "ソース"));
    CHECK_FALSE(Has(words, "、"));
}

TEST_CASE("word offsets point into the text") {
    const std::string text = "資本ではなく、自信です。";
    for (const auto& word : SplitWords(text)) {
        CHECK(text.substr(word.offset, word.text.size()) == word.text);
    }
}

TEST_CASE("content words are never particles, auxiliaries, single kana or half a verb") {
    const auto content = Texts(ContentWords(
        "イノベーションにおいて我々に欠けているのは、間違いなく「資本」ではなく、「自信」です。"
        "朱啸虎はバランス感覚に優れた投資家だと思います。したがって、何らかの探索は避けられません。"
        "それが私たちの堀です。"));
    for (const char* w : {"イノベーション", "資本", "自信", "バランス", "投資", "探索", "堀"}) {
        CAPTURE(w);
        CHECK(Has(content, w));
    }
    for (const char* w : {"に", "は", "です", "ません", "優", "避", "れ", "私", "たち", "それ",
                          "の", "我々", "朱", "啸", "虎"}) {
        CAPTURE(w);
        CHECK_FALSE(Has(content, w));
    }
}

TEST_CASE(
    "Latin words of two letters or more are content words, katakana glued to Latin is not split") {
    const auto content =
        Texts(ContentWords("NVIDIAのグラフィックカードとオープンAI がAGIを作る。"));
    CHECK(Has(content, "NVIDIA"));
    CHECK(Has(content, "AGI"));
    CHECK(Has(content, "グラフィックカード"));
    CHECK_FALSE(Has(content, "オープン"));
}

TEST_CASE("Fold makes width, case, half-width katakana and punctuation irrelevant") {
    CHECK(Fold("ＤｅｅｐＳｅｅｋ") == Fold("deepseek"));
    CHECK(Fold("ｲﾉﾍﾞｰｼｮﾝ") == Fold("イノベーション"));
    CHECK(Fold("イノベーション") == Fold("いのべーしょん"));
    CHECK(Fold("「資本」。") == Fold("資本"));
    CHECK(Fold(" 資 本 ") == "資本");
    CHECK(Fold("テクノロジ−") == Fold("テクノロジー"));  // U+2212 after kana reads as ー
    CHECK(Fold("テクノロジ-") == Fold("テクノロジー"));
    CHECK(Fold("Ｃ＋＋") == "c++");  // symbols are kept
    CHECK(Fold("資本") != Fold("資金"));
    CHECK(Fold("ガ") != Fold("カ"));
    CHECK(Fold("ョ") != Fold("ヨ"));
}

TEST_CASE("grapheme distance counts user-perceived characters, not bytes or UTF-16 units") {
    CHECK(GraphemeDistance("資本", "資本") == 0);
    CHECK(GraphemeDistance("資本", "資金") == 1);
    CHECK(GraphemeDistance("👨‍👩‍👧x", "x") == 1);  // one family emoji = one cluster
    CHECK(GraphemeDistance("𠮷野家", "吉野家") == 1);          // a supplementary character = one
    CHECK(GraphemeDistance("がっこう", "がこう") == 1);
    CHECK(GraphemeDistance("abcd", "abdc") == 1);  // a transposition is one edit
    CHECK(GraphemeDistance("", "テスト") == 3);
}

TEST_CASE("typo tolerance grows with the length of the answer") {
    CHECK(TypoTolerance(1) == 0);
    CHECK(TypoTolerance(3) == 0);
    CHECK(TypoTolerance(4) == 1);
    CHECK(TypoTolerance(7) == 1);
    CHECK(TypoTolerance(8) == 2);
}

TEST_CASE("grading: exact, typo or wrong") {
    SUBCASE("folded forms that are equal are exact") {
        CHECK(Grade("イノベーション", "いのべーしょん").verdict == GradeVerdict::kExact);
        CHECK(Grade("DeepSeek", " ｄｅｅｐｓｅｅｋ ").verdict == GradeVerdict::kExact);
        CHECK(Grade("朱啸虎", "ジューシャオフー", {"ジューシャオフー"}).verdict ==
              GradeVerdict::kExact);
        CHECK(Grade("朱啸虎", "じゅーしゃおふー", {"ジューシャオフー"}).matched ==
              "ジューシャオフー");
    }
    SUBCASE("a near-miss in kana within the tolerance is a typo") {
        const auto result = Grade("クローズドソース", "クロースドソース");
        CHECK(result.verdict == GradeVerdict::kTypo);
        CHECK(result.distance == 1);
        CHECK(Grade("テクノロジーコミュニティ", "テクノロジコミュニテイ").verdict ==
              GradeVerdict::kTypo);
        CHECK(Grade("シリコンバレー", "シリコンバレ").verdict == GradeVerdict::kTypo);
        CHECK(Grade("エコシステム", "エコシスタム").verdict == GradeVerdict::kTypo);
    }
    SUBCASE("an edit on a kanji or a digit is never a typo") {
        CHECK(Grade("資本", "資金").verdict == GradeVerdict::kWrong);
        CHECK(Grade("自信", "自身").verdict == GradeVerdict::kWrong);
        CHECK(Grade("過去30年間", "過去20年間").verdict == GradeVerdict::kWrong);
        CHECK(Grade("技術革新について", "技術確信について").verdict == GradeVerdict::kWrong);
    }
    SUBCASE("short answers get no tolerance, voicing and small kana count as edits") {
        CHECK(Grade("ガス", "カス").verdict == GradeVerdict::kWrong);
        CHECK(Grade("チョコ", "チヨコ").verdict == GradeVerdict::kWrong);
        CHECK(Grade("チョコレート", "チヨコレート").verdict == GradeVerdict::kTypo);
    }
    SUBCASE("an empty answer is wrong") {
        CHECK(Grade("資本", "").verdict == GradeVerdict::kWrong);
        CHECK(Grade("資本", " 。").verdict == GradeVerdict::kWrong);
    }
}

TEST_CASE("the diff shows what was missing, extra and changed") {
    const auto result = Grade("シリコンバレー", "シリコンパレ");
    CHECK(result.verdict == GradeVerdict::kWrong);  // two edits on seven clusters
    std::string expected, typed;
    bool changed = false, missing = false;
    for (const auto& part : result.diff) {
        expected += part.expected;
        typed += part.typed;
        changed =
            changed || (part.op == DiffOp::kChanged && part.expected == "バ" && part.typed == "パ");
        missing = missing || (part.op == DiffOp::kMissing && part.expected == "ー");
    }
    CHECK(expected == "シリコンバレー");
    CHECK(typed == "シリコンパレ");
    CHECK(changed);
    CHECK(missing);
}

TEST_CASE("English function words are not content words; acronyms and names are") {
    const auto content =
        Texts(ContentWords("The keeper and the lamp: AI at NVIDIA, before the storms."));
    CHECK(Has(content, "keeper"));
    CHECK(Has(content, "lamp"));
    CHECK(Has(content, "AI"));
    CHECK(Has(content, "NVIDIA"));
    CHECK(Has(content, "storms"));
    for (const char* w : {"The", "the", "and", "at", "before"}) {
        CAPTURE(w);
        CHECK_FALSE(Has(content, w));
    }
}
