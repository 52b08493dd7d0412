#include <doctest/doctest.h>

#include "fonts/japanese_font.h"
#include "tests/fonts/font_fixture.h"

using namespace mondo::fonts;

TEST_CASE(
    "a new glyph set holds printable ASCII, the replacement box and basic Japanese punctuation") {
    GlyphSet set;
    for (char32_t c = 0x20; c < 0x7F; ++c) CHECK(set.Contains(c));
    CHECK_FALSE(set.Contains(0x7F));
    CHECK_FALSE(set.Contains(U'\n'));
    CHECK(set.Contains(kReplacementCodePoint));
    for (char32_t c : {U'、', U'。', U'「', U'」', U'ー', U'・', U'\u3000', U'\u00A0', U'…'}) {
        CHECK(set.Contains(c));
    }
}

TEST_CASE("adding text keeps the code points sorted and unique, and skips control characters") {
    GlyphSet set;
    const std::size_t base = set.size();
    set.AddUtf8("梁文峰は梁文峰\n\t");
    CHECK(set.size() == base + 4);
    CHECK(set.Contains(U'梁'));
    CHECK(set.Contains(U'文'));
    CHECK(set.Contains(U'峰'));
    CHECK(std::is_sorted(set.code_points().begin(), set.code_points().end()));
    CHECK(std::adjacent_find(set.code_points().begin(), set.code_points().end()) ==
          set.code_points().end());
}

TEST_CASE("code points outside the BMP are never stored because ImWchar is 16-bit") {
    GlyphSet set;
    const std::size_t base = set.size();
    set.AddUtf8("\xF0\xA0\xAE\x9F");  // 𠮟 U+20B9F
    set.Add(0x1F600);
    CHECK(set.size() == base);
    CHECK_FALSE(set.Contains(0x20B9F));
}

TEST_CASE("malformed UTF-8 adds the replacement code point and nothing else") {
    GlyphSet set;
    const std::size_t base = set.size();
    set.AddUtf8("\xE6\xA2");    // truncated 梁
    set.AddUtf8("\xC0\xAF");    // overlong '/'
    CHECK(set.size() == base);  // U+FFFD is always present
}

TEST_CASE("ImGui ranges are zero-terminated inclusive pairs covering exactly the set") {
    GlyphSet set;
    set.AddUtf8("あいうかき漢");
    const auto ranges = set.ImGuiRanges();
    REQUIRE(ranges.size() % 2 == 1);
    CHECK(ranges.back() == 0);
    std::vector<char32_t> expanded;
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        CHECK(ranges[i] <= ranges[i + 1]);
        if (i > 0) CHECK(ranges[i] > ranges[i - 1] + 1);  // ranges are maximal
        for (char32_t c = ranges[i]; c <= ranges[i + 1]; ++c) expanded.push_back(c);
    }
    CHECK(expanded == set.code_points());
}

TEST_CASE("JIS X 0208 adds its 6355 kanji of levels 1 and 2 plus the non-kanji rows") {
    // Row 1 also holds 仝 (U+4EDD), a CJK ideograph that is not a level 1/2 kanji: 6355 + 1.
    GlyphSet set;
    set.AddJisX0208();
    std::size_t kanji = 0;
    for (char32_t c : set.code_points()) kanji += (c >= 0x4E00 && c <= 0x9FFF);
    CHECK(kanji == 6356);
    CHECK(set.Contains(U'仝'));
    CHECK(set.Contains(U'亜'));  // first of level 1
    CHECK(set.Contains(U'熙'));  // last of level 2
    CHECK(set.Contains(U'ヶ'));
    CHECK(set.Contains(U'○'));
    CHECK_FALSE(set.Contains(U'啸'));  // a simplified Chinese character of the seed, not in JIS
}

TEST_CASE("kana covers hiragana, katakana and half-width katakana") {
    GlyphSet set;
    set.AddKana();
    for (char32_t c : {U'ぁ', U'ゖ', U'ァ', U'ヺ', U'ｱ', U'ﾟ', U'ㇰ', U'〜'})
        CHECK(set.Contains(c));
}

TEST_CASE("the hash is stable and changes with the content") {
    GlyphSet a;
    GlyphSet b;
    a.AddUtf8("問答");
    b.AddUtf8("答問");
    CHECK(a == b);
    CHECK(a.Hash() == b.Hash());
    b.AddUtf8("梁");
    CHECK(a.Hash() != b.Hash());
}
