#include "fonts/ruby_layout.h"

#include <doctest/doctest.h>

#include "content/unicode.h"
#include "fonts/japanese_font.h"

using namespace mondo::fonts;
using mondo::content::DecodeUtf8All;

namespace {

float Fixed(std::string_view text, float per) {
    return per * static_cast<float>(DecodeUtf8All(text).size());
}

}  // namespace

TEST_CASE("a reading narrower than its base is centred over it") {
    const RubyPlacement p = PlaceRuby(40.0f, 20.0f);
    CHECK(p.width == 40.0f);
    CHECK(p.base_x == 0.0f);
    CHECK(p.reading_x == 10.0f);
}

TEST_CASE("a reading wider than its base overhangs its neighbours before widening the group") {
    // 20 px over the base; one ruby character (10 px) may overhang on each side: no gap at all.
    RubySurroundings around;
    around.overhang_before = 10.0f;
    around.overhang_after = 10.0f;
    RubyPlacement p = PlaceRuby(40.0f, 60.0f, around);
    CHECK(p.width == 40.0f);
    CHECK(p.base_x == 0.0f);
    CHECK(p.reading_x == -10.0f);
    // Next to another ruby group (no overhang there) what is left is shared evenly.
    around.overhang_before = 0.0f;
    p = PlaceRuby(40.0f, 60.0f, around);
    CHECK(p.width == 50.0f);
    CHECK(p.base_x == 5.0f);
    CHECK(p.reading_x == 0.0f);
    CHECK(p.reading_x + 60.0f == doctest::Approx(p.width + 10.0f));
    // At the start of a line the reading starts with the line, and the base is indented.
    around.overhang_before = 10.0f;
    around.starts_line = true;
    p = PlaceRuby(40.0f, 60.0f, around);
    CHECK(p.width == 50.0f);
    CHECK(p.base_x == 10.0f);
    CHECK(p.reading_x == 0.0f);
}

TEST_CASE("a reading wider than its base widens the group and the base is centred under it") {
    const RubyPlacement p = PlaceRuby(20.0f, 66.0f);
    CHECK(p.width == 66.0f);
    CHECK(p.reading_x == 0.0f);
    CHECK(p.base_x == 23.0f);
}

TEST_CASE("every occurrence of each base is found, longer bases first, without overlaps") {
    const std::string text = "広東省湛江市呉川の出身。呉川で育つ。";
    const auto spans = FindRuby(
        text, {{"呉川", "ウーチュアン"}, {"湛江", "ジャンジアン"}, {"湛江市", "ジャンジアンし"}});
    REQUIRE(spans.size() == 3);
    CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "湛江市");
    CHECK(spans[0].reading == "ジャンジアンし");
    CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "呉川");
    CHECK(spans[2].begin > spans[1].end);
    CHECK(FindRuby(text, {{"", "x"}, {"無い", "ない"}}).empty());
}

TEST_CASE("a paragraph with ruby places bases, readings and plain runs left to right") {
    const std::string text = "梁文峰は広東省湛江市の出身";
    const auto spans = FindRuby(text, {{"湛江", "ジャンジアン"}});
    const auto lines = LayoutRubyParagraph(
        text, spans, 1000.0f, [](std::string_view t) { return Fixed(t, 20.0f); },
        [](std::string_view t) { return Fixed(t, 10.0f); });
    REQUIRE(lines.size() == 1);
    const auto& runs = lines[0].runs;
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].ruby == -1);
    CHECK(runs[0].width == 140.0f);  // 梁文峰は広東省
    CHECK(runs[1].ruby == 0);
    CHECK(runs[1].x == 140.0f);
    // The reading (6 × 10) is 20 px wider than the base (2 × 20): it overhangs 省 and 市 by one
    // ruby character each, and the base keeps its width.
    CHECK(runs[1].width == 40.0f);
    CHECK(runs[1].placement.base_x == 0.0f);
    CHECK(runs[1].placement.reading_x == -10.0f);
    CHECK(runs[2].x == 180.0f);
    CHECK(lines[0].width == 180.0f + 80.0f);  // 市の出身
}

TEST_CASE("ruby groups are never split across lines and lines respect the width with readings") {
    const std::string text = "朱啸虎氏は中国の投資家で、朱啸虎氏の投資スタイルは有名だ。";
    const auto spans = FindRuby(text, {{"朱啸虎", "ジューシャオフー"}});
    REQUIRE(spans.size() == 2);
    for (float width = 80.0f; width <= 400.0f; width += 20.0f) {
        CAPTURE(width);
        const auto lines = LayoutRubyParagraph(
            text, spans, width, [](std::string_view t) { return Fixed(t, 20.0f); },
            [](std::string_view t) { return Fixed(t, 10.0f); });
        int ruby_runs = 0;
        for (const auto& line : lines) {
            CHECK(line.width <= width);
            float x = 0.0f;
            for (const auto& run : line.runs) {
                CHECK(run.x == doctest::Approx(x));
                x += run.width;
                if (run.ruby >= 0) {
                    ++ruby_runs;
                    CHECK(run.begin == spans[static_cast<std::size_t>(run.ruby)].begin);
                    CHECK(run.end == spans[static_cast<std::size_t>(run.ruby)].end);
                    // ジューシャオフー (8 × 10) is wider than 朱啸虎 (3 × 20); with no
                    // neighbour to overhang on either side the group is as wide as its reading.
                    CHECK(run.width >= 60.0f);
                    CHECK(run.width <= 80.0f);
                }
            }
        }
        CHECK(ruby_runs == 2);
    }
}

TEST_CASE("the base text of 湛江 and 呉川 keeps the spacing of the surrounding text") {
    // The seed's profile line, body 20 px, ruby 11 px (0.55 of the body, the app's ratio).
    const std::string text = "広東省湛江市管轄下の呉川市出身";
    const float body = 20.0f;
    const float ruby = 11.0f;
    const auto spans = FindRuby(text, {{"湛江", "ジャンジアン"}, {"呉川", "ウーチュアン"}});
    REQUIRE(spans.size() == 2);
    for (float width : {100.0f, 140.0f, 200.0f, 260.0f, 320.0f, 1000.0f}) {
        CAPTURE(width);
        const auto lines = LayoutRubyParagraph(
            text, spans, width, [&](std::string_view t) { return Fixed(t, body); },
            [&](std::string_view t) { return Fixed(t, ruby); });
        for (const auto& line : lines) {
            CHECK(line.width <= width);
            for (const auto& run : line.runs) {
                if (run.ruby < 0) continue;
                const float base = Fixed(text.substr(run.begin, run.end - run.begin), body);
                const float gap_before = run.placement.base_x;
                const float gap_after = run.width - run.placement.base_x - base;
                CAPTURE(text.substr(run.begin, run.end - run.begin));
                // No gap wider than a quarter of the body size between characters (at a line's
                // edge what the reading needs goes into the margin).
                if (run.x > 0.0f) CHECK(gap_before <= body / 4.0f + 0.001f);
                if (run.x + run.width < line.width) CHECK(gap_after <= body / 4.0f + 0.001f);
                // The reading reaches at most one ruby character over each neighbour.
                const float reading =
                    Fixed(spans[static_cast<std::size_t>(run.ruby)].reading, ruby);
                CHECK(run.placement.reading_x >= -ruby - 0.001f);
                CHECK(run.placement.reading_x + reading <= run.width + ruby + 0.001f);
                if (run.x == 0.0f) CHECK(run.placement.reading_x >= 0.0f);
            }
        }
    }
}

TEST_CASE("furigana are at least half the body size at every font size the app offers") {
    for (int body = 14; body <= 28; ++body) {
        CAPTURE(body);
        const FontSizes sizes = FontSizes::FromBody(static_cast<float>(body));
        CHECK(sizes.furigana >= static_cast<float>(body) / 2.0f);
        CHECK(sizes.furigana < static_cast<float>(body) * 0.7f);
    }
}
