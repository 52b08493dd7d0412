#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <string>

#include "app/ui/ui_strings.h"
#include "fonts/japanese_font.h"
#include "tests/fonts/font_fixture.h"

using namespace mondo::fonts;
using namespace mondo::fonts::testing;

namespace {

GlyphSet SeedAndUiGlyphs() {
    GlyphSet glyphs;
    glyphs.AddUtf8(Seed());
    for (const auto& s : mondo::app::UiStrings()) glyphs.AddUtf8(s);
    return glyphs;
}

LoadOptions Private(const TempDir& dir) {
    LoadOptions options;
    options.cache_dir = dir.path().string();
    return options;
}

// Characters of the JIS level-1 block that neither the seed nor the UI strings use.
std::string NewCharacters(const GlyphSet& present, int count) {
    std::string out;
    GlyphSet jis;
    jis.AddJisX0208();
    for (char32_t c : jis.code_points()) {
        if (c < 0x4E00 || present.Contains(c)) continue;
        out += Utf8(c);
        if (--count == 0) break;
    }
    return out;
}

}  // namespace

TEST_CASE(
    "every character of the seed and the UI strings is in the atlas of all three fonts and "
    "drawable") {
    TempDir dir;
    ImGuiContextGuard imgui;
    const FontFace face = RequireFace();
    auto loaded = LoadFonts(imgui.atlas(), face, SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    std::vector<std::string> texts = mondo::app::UiStrings();
    texts.push_back(Seed());
    for (const auto& text : texts) {
        CAPTURE(text.substr(0, 60));
        CHECK(MissingCodePoints(*loaded->body, text).empty());
        CHECK(MissingCodePoints(*loaded->heading, text).empty());
        CHECK(MissingCodePoints(*loaded->furigana, text).empty());
        // The font file itself has a glyph for each of them (not only an atlas entry), or a
        // fallback font chosen by fontconfig does (✓ ✗ are not in Noto Sans CJK JP).
        auto undrawable = UndrawableCodePoints(face, text);
        REQUIRE(undrawable.has_value());
        for (char32_t c : *undrawable) {
            bool in_fallback = false;
            for (const auto& fallback : loaded->report().fallbacks) {
                const auto& cps = fallback.code_points;
                in_fallback |= std::find(cps.begin(), cps.end(), c) != cps.end();
            }
            CHECK_MESSAGE(in_fallback,
                          "U+" << std::hex << static_cast<unsigned>(c) << " has no font");
        }
    }
    CHECK(loaded->body == imgui.atlas().Fonts[0]);
    CHECK(loaded->body->FontSize == doctest::Approx(20.0f));
    CHECK(loaded->heading->FontSize == doctest::Approx(28.0f));
    CHECK(loaded->furigana->FontSize == doctest::Approx(11.0f));
}

TEST_CASE("symbols the Japanese face lacks come from a fallback font that fontconfig chose") {
    TempDir dir;
    ImGuiContextGuard imgui;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8("✓ ✗ 問答");
    auto loaded = LoadFonts(imgui.atlas(), face, glyphs, FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    REQUIRE_FALSE(loaded->report().fallbacks.empty());
    CHECK(loaded->report().fallbacks.front().face.path != face.path);
    for (ImFont* font : {loaded->body, loaded->heading, loaded->furigana}) {
        CHECK(MissingCodePoints(*font, "✓ ✗ 問答").empty());
    }
    // The fallback's subset is cached like the main one: the second load reads every file.
    ImGuiContextGuard second_imgui;
    auto second = LoadFonts(second_imgui.atlas(), face, glyphs, FontSizes{}, Private(dir));
    REQUIRE(second.has_value());
    CHECK(second->report().subset_cache_hit);
}

TEST_CASE("the atlas texture for the seed and UI strings is at most 2 MiB") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    CHECK(loaded->TextureBytes() <= 2u * 1024 * 1024);
    int w = 0;
    int h = 0;
    unsigned char* pixels = nullptr;
    imgui.atlas().GetTexDataAsRGBA32(&pixels, &w, &h);
    CHECK(static_cast<std::size_t>(w) * h * 4 == loaded->TextureBytes());
}

TEST_CASE("the second start reads the subsets from the cache") {
    TempDir dir;
    const FontFace face = RequireFace();
    {
        ImGuiContextGuard imgui;
        auto first = LoadFonts(imgui.atlas(), face, SeedAndUiGlyphs(), FontSizes{}, Private(dir));
        REQUIRE(first.has_value());
        CHECK_FALSE(first->report().subset_cache_hit);
    }
    ImGuiContextGuard imgui;
    auto second = LoadFonts(imgui.atlas(), face, SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(second.has_value());
    CHECK(second->report().subset_cache_hit);
    CHECK(second->report().regular_bytes < 4u * 1024 * 1024);
    CHECK(second->report().bold_bytes < 1024u * 1024);
}

TEST_CASE("characters outside the BMP are reported and drawn as the replacement box, never '?'") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    const std::string text = "叱\xF0\xA0\xAE\x9F";  // 叱 and 𠮟 (U+20B9F)
    const auto missing = MissingCodePoints(*loaded->body, text);
    REQUIRE(missing.size() == 2);  // 叱 is not in the seed, 𠮟 can never be
    CHECK(missing[1] == 0x20B9F);
    for (ImFont* font : {loaded->body, loaded->heading, loaded->furigana}) {
        CHECK(font->FallbackChar == static_cast<ImWchar>(kReplacementCodePoint));
        const ImFontGlyph* box =
            font->FindGlyphNoFallback(static_cast<ImWchar>(kReplacementCodePoint));
        REQUIRE(box != nullptr);
        CHECK(font->FindGlyph(static_cast<ImWchar>(0x20B9F & 0xFFFF)) !=
              font->FindGlyphNoFallback('?'));
        CHECK(box->AdvanceX > font->FontSize * 0.5f);
        CHECK(box->Y1 > box->Y0);
    }
    auto undrawable = UndrawableCodePoints(loaded->face(), text);
    REQUIRE(undrawable.has_value());
    CHECK(*undrawable == std::vector<char32_t>{0x20B9F});
}

TEST_CASE("the replacement box is a hollow rectangle in the texture") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    unsigned char* alpha = nullptr;
    int w = 0;
    int h = 0;
    imgui.atlas().GetTexDataAsAlpha8(&alpha, &w, &h);
    const ImFontGlyph* box =
        loaded->body->FindGlyphNoFallback(static_cast<ImWchar>(kReplacementCodePoint));
    REQUIRE(box != nullptr);
    const int x0 = static_cast<int>(box->U0 * static_cast<float>(w) + 0.5f);
    const int y0 = static_cast<int>(box->V0 * static_cast<float>(h) + 0.5f);
    const int x1 = static_cast<int>(box->U1 * static_cast<float>(w) + 0.5f);
    const int y1 = static_cast<int>(box->V1 * static_cast<float>(h) + 0.5f);
    REQUIRE(x1 - x0 >= 3);
    REQUIRE(y1 - y0 >= 4);
    CHECK(alpha[y0 * w + x0] == 0xFF);                       // corner
    CHECK(alpha[(y1 - 1) * w + (x1 - 1)] == 0xFF);           // opposite corner
    CHECK(alpha[((y0 + y1) / 2) * w + (x0 + x1) / 2] == 0);  // hollow
}

TEST_CASE(
    "requested characters grow the atlas between frames and the fonts stay the same objects") {
    TempDir dir;
    ImGuiContextGuard imgui;
    const GlyphSet initial = SeedAndUiGlyphs();
    auto loaded = LoadFonts(imgui.atlas(), RequireFace(), initial, FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    ImFont* body = loaded->body;
    ImFont* heading = loaded->heading;
    const std::string typed = NewCharacters(initial, 50);
    REQUIRE(MissingCodePoints(*body, typed).size() == 50);

    loaded->Request(typed);
    CHECK(loaded->HasPending());
    loaded->Request(typed);  // asking twice queues nothing more
    const auto start = std::chrono::steady_clock::now();
    auto grown = loaded->Update();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(grown.has_value());
    CHECK(*grown);
    MESSAGE("growth of 50 characters: " << ms
                                        << " ms (Release target 50 ms, see bench/fonts_bench)");
    CHECK_FALSE(loaded->HasPending());
    CHECK(loaded->body == body);
    CHECK(loaded->heading == heading);
    CHECK(imgui.atlas().Fonts[0] == body);
    CHECK(MissingCodePoints(*body, typed).empty());
    // Asked of the body only: the heading and furigana fonts hold what is asked of them.
    CHECK(MissingCodePoints(*heading, typed).size() == 50);
    CHECK(MissingCodePoints(*loaded->furigana, typed).size() == 50);
    CHECK(MissingCodePoints(*body, Seed()).empty());  // nothing lost
    CHECK(loaded->glyphs().size() == initial.size() + 50);

    auto again = loaded->Update();
    REQUIRE(again.has_value());
    CHECK_FALSE(*again);  // nothing pending: no rebuild, no re-upload

    loaded->Request(typed, heading);
    loaded->Request(typed, loaded->furigana);
    auto grown_again = loaded->Update();
    REQUIRE(grown_again.has_value());
    CHECK(*grown_again);
    CHECK(loaded->heading == heading);
    CHECK(MissingCodePoints(*heading, typed).empty());
    CHECK(MissingCodePoints(*loaded->furigana, typed).empty());
    CHECK(loaded->glyphs().size() == initial.size() + 50);
}

TEST_CASE("the heading and furigana fonts hold their own glyphs, the body every glyph") {
    TempDir dir;
    ImGuiContextGuard imgui;
    FontGlyphs glyphs;
    glyphs.body.AddUtf8(Seed());
    const std::string title = "鸚鵡と麒麟";
    const std::string reading = "ゐゑ";
    glyphs.heading.AddUtf8(title);
    glyphs.furigana.AddUtf8(reading);
    auto loaded = LoadFonts(imgui.atlas(), RequireFace(), glyphs, FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    CHECK(MissingCodePoints(*loaded->body, Seed() + title + reading).empty());
    CHECK(MissingCodePoints(*loaded->heading, title + "ABC 123").empty());
    CHECK(MissingCodePoints(*loaded->furigana, reading + "ABC 123").empty());
    // Fewer glyphs rasterised at 28 px: the seed's text is the body's alone.
    CHECK_FALSE(MissingCodePoints(*loaded->heading, Seed()).empty());
    CHECK_FALSE(MissingCodePoints(*loaded->furigana, Seed()).empty());
    CHECK_FALSE(MissingCodePoints(*loaded->heading, reading).empty());
    CHECK(loaded->glyphs(loaded->heading).Contains(U'鸚'));
    CHECK_FALSE(loaded->glyphs(loaded->heading).Contains(U'ゐ'));
    CHECK(loaded->glyphs(loaded->furigana).Contains(U'ゐ'));
    // A new size keeps what each font holds.
    REQUIRE(loaded->SetSizes(FontSizes::FromBody(24.0f)).has_value());
    CHECK(MissingCodePoints(*loaded->heading, title).empty());
    CHECK(MissingCodePoints(*loaded->furigana, reading).empty());
    CHECK_FALSE(MissingCodePoints(*loaded->heading, Seed()).empty());
    CHECK(MissingCodePoints(*loaded->body, Seed() + title + reading).empty());
}

TEST_CASE("a character beyond the cached subset still grows the atlas, through a new subset") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    const std::string rare = "鿃";  // U+9FC3: in Noto Sans CJK, in no JIS level
    REQUIRE(MissingCodePoints(*loaded->body, rare).size() == 1);
    loaded->Request(rare);
    loaded->Request(rare, loaded->heading);
    auto grown = loaded->Update();
    REQUIRE(grown.has_value());
    CHECK(*grown);
    CHECK(MissingCodePoints(*loaded->body, rare).empty());
    CHECK(MissingCodePoints(*loaded->heading, rare).empty());  // the regular face, emboldened
}

TEST_CASE("characters the font cannot draw are not queued and are reported") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    loaded->Request("\xEE\x80\x80");  // U+E000, private use: no glyph in Noto
    CHECK_FALSE(loaded->HasPending());
    CHECK(loaded->Undrawable() == std::vector<char32_t>{0xE000});
}

TEST_CASE("new sizes rebuild the atlas in place without a restart") {
    TempDir dir;
    ImGuiContextGuard imgui;
    auto loaded =
        LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, Private(dir));
    REQUIRE(loaded.has_value());
    ImFont* body = loaded->body;
    const float before = MeasureWith(*body, "梁文峰");
    auto resized = loaded->SetSizes(FontSizes::FromBody(26.0f));
    REQUIRE(resized.has_value());
    CHECK(loaded->body == body);
    CHECK(body->FontSize == doctest::Approx(26.0f));
    CHECK(loaded->heading->FontSize == doctest::Approx(36.0f));
    CHECK(loaded->furigana->FontSize == doctest::Approx(14.0f));
    CHECK(MeasureWith(*body, "梁文峰") > before * 1.2f);
    CHECK(MissingCodePoints(*body, Seed()).empty());
}

TEST_CASE("sizes scale for HiDPI displays") {
    const FontSizes sizes = FontSizes{}.Scaled(2.0f);
    CHECK(sizes.body == doctest::Approx(40.0f));
    CHECK(sizes.heading == doctest::Approx(56.0f));
    CHECK(sizes.furigana == doctest::Approx(22.0f));
    const FontSizes from = FontSizes::FromBody(20.0f);
    CHECK(from.heading == doctest::Approx(28.0f));
    CHECK(from.furigana == doctest::Approx(11.0f));
}

TEST_CASE("without subsetting the whole font file is used and the result is the same") {
    ImGuiContextGuard imgui;
    LoadOptions options;
    options.use_subset = false;
    auto loaded = LoadFonts(imgui.atlas(), RequireFace(), SeedAndUiGlyphs(), FontSizes{}, options);
    REQUIRE(loaded.has_value());
    CHECK(loaded->report().regular_bytes > 10u * 1024 * 1024);
    CHECK(MissingCodePoints(*loaded->body, Seed()).empty());
}

TEST_CASE("a font file that is not a font fails with a load error, leaving the atlas empty") {
    TempDir dir;
    ImGuiContextGuard imgui;
    const auto bogus = dir.path() / "bogus.ttf";
    { std::ofstream(bogus) << "this is not a font"; }
    FontFace face;
    face.path = bogus.string();
    auto loaded = LoadFonts(imgui.atlas(), face, GlyphSet{}, FontSizes{}, Private(dir));
    REQUIRE_FALSE(loaded.has_value());
    CHECK((loaded.error().kind == FontErrorKind::kLoadFailed ||
           loaded.error().kind == FontErrorKind::kBuildFailed));
    CHECK(imgui.atlas().Fonts.Size == 0);
}
