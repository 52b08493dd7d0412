// Argument roles of answers: discourse markers in Japanese and English, contrasts, the core claim.
#include "content/arguments.h"

#include <doctest/doctest.h>

#include "content/japanese_text.h"
#include "tests/content/test_data.h"

using namespace mondo::content;

namespace {

const ArgumentSentence& SentenceWith(const ArgumentStructure& a, std::string_view part) {
    for (const auto& s : a.sentences) {
        if (s.text.find(part) != std::string::npos) return s;
    }
    FAIL("no sentence with " << std::string(part));
    return a.sentences.front();
}

}  // namespace

TEST_CASE("arguments: Japanese markers give each sentence its role") {
    const auto a = AnalyseArguments(
        "米国では毎日イノベーションが起きています。米国人が驚いたのは、中国企業が参入したからです。"
        "しかし、イノベーションにはまず自信が必要です。例えば、若者には自信があります。"
        "したがって、何らかの探索は避けられません。確かにトップ50の才能はいないかもしれません。"
        "それが私たちの堀です。シリコンバレーはなぜ革新的なのでしょうか?",
        "なぜ驚いたのですか?");
    REQUIRE(a.sentences.size() == 8);
    CHECK(a.sentences[0].role == ArgumentRole::kClaim);
    CHECK(a.sentences[1].role == ArgumentRole::kReason);
    CHECK(a.sentences[2].role == ArgumentRole::kContrast);
    CHECK(a.sentences[2].marker == "しかし");
    CHECK(a.sentences[3].role == ArgumentRole::kExample);
    CHECK(a.sentences[4].role == ArgumentRole::kConclusion);
    CHECK(a.sentences[5].role == ArgumentRole::kConcession);
    CHECK(a.sentences[6].refers_back);
    CHECK_FALSE(a.sentences[0].refers_back);
    CHECK(a.sentences[7].role == ArgumentRole::kContext);
    // A "why" question makes the reason the core claim.
    CHECK(a.core == 1);
    CHECK(a.sentences[1].core);
}

TEST_CASE("arguments: an explicit contrast names what is rejected and what is asserted") {
    const auto a = AnalyseArguments(
        "イノベーションにおいて我々に欠けているのは、間違いなく「資本」ではなく、「自信」です。"
        "中国はフリーライダーではなく、徐々に貢献者にならなければなりません。"
        "NVIDIAの優位性は、単なる企業の努力の結果ではなく、西側諸国の共同の努力の結果です。"
        "大金を稼ぐことではなく、最前線に進むことです。");
    const auto& capital = SentenceWith(a, "資本");
    REQUIRE(capital.contrast);
    CHECK(capital.role == ArgumentRole::kContrast);
    CHECK(capital.contrast->rejected == "資本");
    CHECK(capital.contrast->asserted == "自信");
    CHECK(capital.text.substr(capital.contrast->rejected_offset, 6) == "資本");
    CHECK(capital.text.substr(capital.contrast->asserted_offset, 6) == "自信");
    // An adverb between the marker and the noun is not the asserted side.
    CHECK_FALSE(SentenceWith(a, "フリーライダー").contrast);
    // A modifier (西側諸国の…) or a bare こと is not a side either.
    CHECK_FALSE(SentenceWith(a, "NVIDIA").contrast);
    CHECK_FALSE(SentenceWith(a, "大金").contrast);
}

TEST_CASE("arguments: English markers and contrasts") {
    const auto a = AnalyseArguments(
        "We hire for curiosity instead of credentials. Because labs copy each other, speed "
        "matters. However, the moat is culture. For example, our interns publish papers. So we "
        "keep our code open. They said it was impossible.",
        "How do you hire?");
    REQUIRE(a.sentences.size() == 6);
    CHECK(a.sentences[0].role == ArgumentRole::kContrast);
    REQUIRE(a.sentences[0].contrast);
    CHECK(a.sentences[0].contrast->rejected == "credentials");
    CHECK(a.sentences[0].contrast->asserted == "curiosity");
    CHECK(a.sentences[1].role == ArgumentRole::kReason);
    CHECK(a.sentences[2].role == ArgumentRole::kContrast);
    CHECK(a.sentences[3].role == ArgumentRole::kExample);
    CHECK(a.sentences[4].role == ArgumentRole::kConclusion);
    CHECK(a.sentences[5].refers_back);
    CHECK(a.core == 0);  // shares "hire" with the question and states a contrast
}

TEST_CASE("arguments: every answer of the built-in interview has one core claim") {
    const auto seed = mondo::content::testing::Seed();
    for (const auto& exchange : seed.exchanges) {
        const auto a = AnalyseArguments(exchange.answer, exchange.question);
        REQUIRE(a.sentences.size() == SplitSentences(exchange.answer).size());
        int cores = 0;
        for (const auto& s : a.sentences) cores += s.core ? 1 : 0;
        CHECK(cores == 1);
        CHECK(a.sentences[a.core].role != ArgumentRole::kContext);
        CHECK_FALSE(a.sentences[a.core].refers_back);
    }
}

TEST_CASE("arguments: a turn without a content word is never the core claim") {
    // "しかし…私の考えは変わりました" turns the argument but does not say what it turns to; the
    // sentence that answers the question ("増えていく") is the core claim.
    const auto a = AnalyseArguments(
        "私は地方の町で育ちました。しかし今振り返ってみると、私の考えは変わりました。"
        "今後は、独自のイノベーションがますます増えていくでしょう。",
        "独自のイノベーションについて、楽観視していますか?");
    REQUIRE(a.sentences.size() == 3);
    CHECK(a.sentences[1].role == ArgumentRole::kContrast);
    CHECK(a.core == 2);
    for (const auto& s :
         AnalyseArguments(mondo::content::testing::Seed().exchanges.back().answer).sentences) {
        if (s.core) CHECK_FALSE(ContentWords(s.text).empty());
    }
}
