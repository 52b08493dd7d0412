// The parser on the built-in interview (golden facts) and on bad input.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>

#include "content/interview.h"
#include "content/question.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Contains;
using mondo::content::testing::Seed;

TEST_CASE("the built-in interview parses into 16 pairs in 4 sections") {
    const Interview seed = Seed();
    CHECK(seed.exchanges.size() == 16);
    REQUIRE(seed.sections.size() == 4);
    CHECK(seed.sections[0].title == "DeepSeekがシリコンバレーを驚かせた理由は?");
    CHECK(seed.sections[1].title == "イノベーションが起こせない中国企業の問題は?");
    CHECK(seed.sections[2].title == "DeepSeekには天才が集まっているのか?");
    CHECK(seed.sections[3].title == "中国独自のイノベーションに向けての課題は何か?");
    REQUIRE(seed.exchanges.size() >= 5);
    CHECK(seed.exchanges[4].answer.rfind("朱啸虎は", 0) == 0);
}

TEST_CASE("a text past 1 MB recovers the same readings as the seed it repeats") {
    // Past 1 MB the parser makes the transliterators ready on another thread while it reads.
    const Interview seed = Seed();
    std::string text(BuiltinInterviewText());
    text += "\n\n";
    for (int round = 0; text.size() < (std::size_t{1} << 20) + 1000; ++round) {
        for (const auto& exchange : seed.exchanges) {
            text += "Q:" + exchange.question + "(その" + std::to_string(round) + ")\n\n";
            text += "A:" + exchange.answer + "\n\n";
        }
    }
    const auto interview = ParseInterview(text);
    REQUIRE(interview.has_value());
    const auto pairs = [](const Interview& i) {
        std::set<std::pair<std::string, std::string>> out;
        for (const auto& r : i.ruby) out.insert({r.base, r.reading});
        return out;
    };
    CHECK_FALSE(seed.ruby.empty());
    CHECK(pairs(*interview) == pairs(seed));
}

TEST_CASE("the seed's exchanges belong to their sections in reading order") {
    const Interview seed = Seed();
    REQUIRE(seed.exchanges.size() == 16);
    const int expected_sections[16] = {1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4};
    for (int i = 0; i < 16; ++i) {
        CAPTURE(i);
        CHECK(seed.exchanges[static_cast<std::size_t>(i)].index == i + 1);
        CHECK(seed.exchanges[static_cast<std::size_t>(i)].section == expected_sections[i]);
    }
}

TEST_CASE("the seed's title, intro and profile are separated and the site debris is dropped") {
    const Interview seed = Seed();
    CHECK(seed.title == "[気になる中国企業]AIスタートアップ『ディープシーク(DeepSeek)』");
    CHECK(seed.source_id == SourceIdFor(seed.title));
    CHECK(seed.source_id.size() == 16);
    REQUIRE(seed.intro.size() == 5);
    CHECK(seed.intro[0].rfind("中国ビジネス関連で", 0) == 0);
    REQUIRE(seed.profile.size() == 4);
    CHECK(seed.profile[0] == "梁文峰CEO");
    CHECK(seed.profile[1] == "広東省湛江市管轄下の呉川市出身");
    CHECK(seed.profile[3] == "杭州幻方科技有限公司、DeepSeekの創立者");
    for (const auto& paragraph : seed.intro) {
        CHECK(paragraph != "ブログ");
    }
    for (const auto& exchange : seed.exchanges) {
        CHECK_FALSE(Contains(exchange.answer, "コメント"));
        CHECK_FALSE(Contains(exchange.answer, "タイトルとURLをコピーしました"));
        CHECK_FALSE(Contains(exchange.question, "Q:"));
        CHECK_FALSE(Contains(exchange.answer, "梁CEO:"));
    }
}

TEST_CASE("the note line of question 5 belongs to question 5") {
    const Interview seed = Seed();
    const Exchange& fifth = seed.exchanges.at(4);
    CHECK(fifth.question == "朱啸虎のような投資の専門家についてどう思いますか?");
    REQUIRE(fifth.notes.size() == 1);
    CHECK(fifth.notes[0] ==
          "注:朱啸虎は中国大手投資ファンド「金沙江創業投資基金(GSR "
          "Capital)」の董事総経理を務める著名な"
          "投資専門家");
    CHECK_FALSE(Contains(fifth.answer, "注:"));
    for (const auto& exchange : seed.exchanges) {
        if (exchange.index != 5 && exchange.index != 12) CHECK(exchange.notes.empty());
    }
}

TEST_CASE("the translator's note of question 12 is a note, not part of the question") {
    const Interview seed = Seed();
    const Exchange& twelfth = seed.exchanges.at(11);
    CHECK(twelfth.question ==
          "DeepSeek が現在、研究と探索のみを行うことを選択しているのはなぜですか?");
    REQUIRE(twelfth.notes.size() == 1);
    CHECK(twelfth.notes[0] == "訳註:AGIの開発に専念していることを指していると思われる。");
}

TEST_CASE("an aside in parentheses that is not a note stays in the question") {
    const Interview seed = Seed();
    CHECK(Contains(seed.exchanges.at(6).question, "(恐らく朱啸虎氏のことを指す)"));
}

TEST_CASE("the four flattened furigana are recovered and removed from the text") {
    const Interview seed = Seed();
    const std::vector<Ruby> expected = {{"湛江", "ジャンジアン"},
                                        {"呉川", "ウーチュアン"},
                                        {"朱啸虎", "ジューシャオフー"},
                                        {"朱啸虎", "ジューシャオフー"}};
    CHECK(seed.ruby == expected);
    for (const auto& exchange : seed.exchanges) {
        CHECK_FALSE(Contains(exchange.question, "ジューシャオフー"));
        CHECK_FALSE(Contains(exchange.answer, "ジューシャオフー"));
    }
    CHECK_FALSE(Contains(seed.profile[1], "ジャンジアン"));
    CHECK_FALSE(Contains(seed.profile[1], "ウーチュアン"));
}

TEST_CASE("ordinary kanji and katakana compounds and glosses are not taken for furigana") {
    const Interview seed = Seed();
    std::string all = seed.title;
    for (const auto& p : seed.intro) all += p;
    for (const auto& e : seed.exchanges) {
        all += e.question + e.answer;
        for (const auto& n : e.notes) all += n;
    }
    for (const char* word : {"国産チップ", "大型モデル", "開発リソース", "中国ビジネス",
                             "大手モデル", "投資スタイル", "大規模モデル", "中国大手投資ファンド",
                             "ディープシーク(DeepSeek)", "金沙江創業投資基金(GSR Capital)"}) {
        CAPTURE(word);
        CHECK(Contains(all, word));
    }
    for (const auto& ruby : seed.ruby) {
        CHECK(ruby.reading != "チップ");
        CHECK(ruby.reading != "モデル");
    }
}

TEST_CASE("white space such as U+00A0 is trimmed from the ends of an answer") {
    const Interview seed = Seed();
    const std::string& answer = seed.exchanges.at(13).answer;
    CHECK(answer.rfind("テクノロジーには秘密はありません。", 0) == 0);
    CHECK(answer.substr(answer.size() - 3) == "。");
}

TEST_CASE("invalid UTF-8 is refused with the offset of the first bad byte") {
    std::string text = "Q: こんにちは?\nA: はい。";
    const std::size_t at = text.find("はい");
    text[at + 1] = '\x41';  // breaks the second byte of は
    const auto parsed = ParseInterview(text);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == ParseErrorKind::kInvalidUtf8);
    CHECK(parsed.error().byte_offset == at);
    CHECK(Contains(parsed.error().message, std::to_string(at)));

    SUBCASE("overlong forms, surrogates and stray continuation bytes are invalid too") {
        for (const std::string& bad :
             {std::string("Q: a\xC0\xAF"), std::string("Q: a\xED\xA0\x80"), std::string("Q: a\x80"),
              std::string("Q: a\xF4\x90\x80\x80"), std::string("Q: a\xE3\x81")}) {
            const auto result = ParseInterview(bad);
            REQUIRE_FALSE(result.has_value());
            CHECK(result.error().kind == ParseErrorKind::kInvalidUtf8);
            CHECK(result.error().byte_offset == 4);
        }
    }
}

TEST_CASE("the byte offset of bad UTF-8 counts the byte order mark") {
    const auto parsed = ParseInterview("\xEF\xBB\xBFQ: a?\xFF");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().byte_offset == 8);
}

TEST_CASE("a source over 10 MB is refused") {
    const std::string big(kMaxSourceBytes + 1, 'a');
    const auto parsed = ParseInterview(big);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == ParseErrorKind::kTooLarge);
    CHECK(Contains(parsed.error().message, "10 MB"));
}

TEST_CASE("a text without any question and answer pair is refused") {
    for (const std::string& text :
         {std::string(""), std::string("   \n\n\t"),
          mondo::content::testing::ReadTestFile("no_pairs.txt"), std::string("Q: only a question?"),
          std::string("A: only an answer.")}) {
        CAPTURE(text);
        const auto parsed = ParseInterview(text);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().kind == ParseErrorKind::kNoExchanges);
        CHECK_FALSE(parsed.error().message.empty());
    }
}

TEST_CASE("binary input with NUL bytes is refused as not text") {
    const auto parsed = ParseInterview(std::string("Q\0: a?\nA: b.", 12));
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == ParseErrorKind::kUnsupportedEncoding);
    CHECK(parsed.error().byte_offset == 1);
}

namespace {

std::string ToUtf16(std::string_view utf8, bool big_endian) {
    std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    const auto put = [&](char16_t unit) {
        const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
        out += big_endian ? high : low;
        out += big_endian ? low : high;
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = 0;
        int extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if (c < 0xE0) {
            cp = c & 0x1F;
            extra = 1;
        } else if (c < 0xF0) {
            cp = c & 0x0F;
            extra = 2;
        } else {
            cp = c & 0x07;
            extra = 3;
        }
        for (int k = 1; k <= extra; ++k)
            cp = (cp << 6) |
                 (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
        i += static_cast<std::size_t>(extra) + 1;
        if (cp >= 0x10000) {
            put(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            put(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        } else {
            put(static_cast<char16_t>(cp));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("UTF-16 with a byte order mark is converted, in both byte orders") {
    const std::string text = "対談\n\nQ: 好きな絵文字は?\nA: 🍣です。寿司が好きなので。\n";
    for (const bool big_endian : {false, true}) {
        CAPTURE(big_endian);
        const Interview parsed = mondo::content::testing::ParseOrFail(ToUtf16(text, big_endian));
        REQUIRE(parsed.exchanges.size() == 1);
        CHECK(parsed.title == "対談");
        CHECK(parsed.exchanges[0].answer == "🍣です。寿司が好きなので。");
    }
    SUBCASE("an unpaired surrogate is invalid") {
        std::string bad = ToUtf16("Q: a?\nA: b.", false);
        bad += std::string("\x00\xD8", 2);
        const auto parsed = ParseInterview(bad);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().kind == ParseErrorKind::kInvalidUtf8);
        CHECK(parsed.error().byte_offset == bad.size() - 2);
    }
}

TEST_CASE("the parser survives hostile shapes of input") {
    // Long lines without breaks, endless labels, deep brackets, lone CRs: all must end quickly.
    const std::string cases[] = {
        std::string(200000, '('),
        "Q:" + std::string(100000, '?') + "\nA:" + std::string(100000, ':'),
        std::string(50000, '\r') + "Q: a?\rA: b.\r",
        "Q: (注:" + std::string(100000, '(') + "?\nA: ok.",
        "――\n――\n――?\nanswer.",
        std::string(3000, '\n') + "Q: x?\nA: y.",
    };
    for (const auto& text : cases) {
        const auto parsed = ParseInterview(text);
        if (parsed) CHECK_FALSE(parsed->exchanges.empty());
    }
}

TEST_CASE("large hostile inputs are handled in linear time") {
    // Each shape here made an earlier quadratic step take minutes at this size.
    const auto repeat = [](const std::string& unit, std::size_t bytes) {
        std::string out;
        while (out.size() + unit.size() <= bytes) out += unit;
        return out;
    };
    constexpr std::size_t kSize = 256 * 1024;
    const std::string cases[] = {
        "Q: 何ですか?\nA: " + repeat("(注:", kSize),  // unclosed notes
        "Q: 何ですか?\nA: " +
            repeat("湛江ジャンジアン市と呉川ウーチュアン市。", kSize),  // many readings
        "Q: 何ですか?\nA: " +
            repeat("イノベーション中国企業資本自信堀を作る", kSize),  // one huge sentence
        repeat("\n", kSize) + "Q: a?\nA: b.",                         // blank lines
        repeat("Q: a?\nA: b.\n", kSize / 4),
        repeat("見出しです\n\nQ: 何?\nA: 答えです。\nQ: 次?\nA: 答えました。\n\n",
               kSize / 4),  // sections                          // many exchanges
        repeat("（撮影：田中）\n", kSize) + "Q: a?\nA: b.",                 // captions
        "Q: 何ですか?\nA: 答えです。\n" + repeat("> 答えです。\n", kSize),  // pull-quotes
        repeat("シェア　ツイート\n", kSize) + "Q: a?\nA: b.",               // repeated furniture
        repeat("――質問ですか？\n佐藤 答えです。\n", kSize),                 // space labels
        repeat("佐藤 花子（さとう・はなこ）1975年生まれ。\n", kSize) + "\nQ: a?\nA: b.",
        repeat("**太字の質問ですか？**\n\n答えです。\n\n", kSize),  // bold questions
    };
    for (const auto& text : cases) {
        const auto parsed = ParseInterview(text);
        REQUIRE(parsed.has_value());
        CHECK_FALSE(GenerateQuestions(*parsed).empty());
    }
}
