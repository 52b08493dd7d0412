#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "fonts/japanese_font.h"
#include "tests/fonts/font_fixture.h"

using namespace mondo::fonts;

TEST_CASE("Noto Sans CJK JP is found first, as face 0 of its collection, with its bold face") {
    auto face = FindJapaneseFont();
    REQUIRE(face.has_value());
    CHECK(face->family == "Noto Sans CJK JP");
    CHECK(face->face_index == 0);
    CHECK(std::filesystem::exists(face->path));
    CHECK(face->path.find("NotoSansCJK-Regular") != std::string::npos);
    REQUIRE(face->has_bold());
    CHECK(face->bold_path.find("NotoSansCJK-Bold") != std::string::npos);
    CHECK(face->bold_face_index == 0);
}

TEST_CASE("a preferred family that covers Japanese wins, matched without regard to case") {
    auto face = FindJapaneseFont("noto serif cjk jp");
    REQUIRE(face.has_value());
    CHECK(face->family == "Noto Serif CJK JP");
    CHECK(face->path.find("NotoSerifCJK-Regular") != std::string::npos);
    CHECK(face->face_index == 0);
    CHECK(face->bold_path.find("NotoSerifCJK-Bold") != std::string::npos);
}

TEST_CASE("an unknown preferred family falls back to the default order") {
    auto face = FindJapaneseFont("No Such Font Family 123");
    REQUIRE(face.has_value());
    CHECK(face->family == "Noto Sans CJK JP");
}

TEST_CASE("a preferred family that cannot draw Japanese is not taken") {
    // DejaVu Sans (or any Latin-only family) is not in the Japanese list at all.
    auto face = FindJapaneseFont("DejaVu Sans");
    REQUIRE(face.has_value());
    CHECK(face->family != "DejaVu Sans");
}

TEST_CASE("the list of Japanese families is sorted, unique and holds Noto Sans CJK JP") {
    const auto families = JapaneseFontFamilies();
    CHECK(std::is_sorted(families.begin(), families.end()));
    CHECK(std::adjacent_find(families.begin(), families.end()) == families.end());
    CHECK(std::find(families.begin(), families.end(), "Noto Sans CJK JP") != families.end());
}

TEST_CASE("without any Japanese font the error names the package fonts-noto-cjk") {
    mondo::fonts::testing::TempDir dir;
    const auto conf = dir.path() / "fonts.conf";
    std::ofstream(conf) << "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">"
                           "<fontconfig><dir>"
                        << dir.path().string() << "</dir><cachedir>"
                        << (dir.path() / "cache").string() << "</cachedir></fontconfig>";
    const char* old = getenv("FONTCONFIG_FILE");
    const std::string saved = old ? old : "";
    setenv("FONTCONFIG_FILE", conf.c_str(), 1);
    auto face = FindJapaneseFont();
    if (old) {
        setenv("FONTCONFIG_FILE", saved.c_str(), 1);
    } else {
        unsetenv("FONTCONFIG_FILE");
    }
    REQUIRE_FALSE(face.has_value());
    CHECK(face.error().kind == FontErrorKind::kNoJapaneseFont);
    CHECK(face.error().message.find("fonts-noto-cjk") != std::string::npos);
    // And the real configuration is back.
    CHECK(FindJapaneseFont().has_value());
}
