#include <doctest/doctest.h>
#include <imgui.h>

#include <fstream>
#include <sstream>
#include <string>

#include "fonts/japanese_font.h"
#include "fonts/utf8.h"

namespace {

std::string ReadSeed() {
    std::ifstream in(std::string(MONDO_TEST_DATA_DIR) + "/fonts/liang_wenfeng_interview.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// An ImGui context without a window: enough to build the atlas and measure text.
struct ImGuiContextGuard {
    ImGuiContextGuard() { ImGui::CreateContext(); }
    ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

}  // namespace

TEST_CASE("every character of the seed is in the atlas after loading the fonts") {
    ImGuiContextGuard guard;
    auto face = mondo::fonts::FindJapaneseFont();
    REQUIRE(face.has_value());
    const std::string seed = ReadSeed();
    REQUIRE(seed.size() > 1000);
    mondo::fonts::GlyphSet glyphs;
    glyphs.AddUtf8(seed);
    auto loaded = mondo::fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs);
    REQUIRE(loaded.has_value());
    CHECK(mondo::fonts::MissingCodePoints(*loaded->body, seed).empty());
    CHECK(mondo::fonts::MissingCodePoints(*loaded->heading, seed).empty());
    CHECK(mondo::fonts::MissingCodePoints(*loaded->furigana, seed).empty());
}
