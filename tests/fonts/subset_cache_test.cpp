#include "fonts/subset_cache.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "tests/fonts/font_fixture.h"

using namespace mondo::fonts;
using mondo::fonts::testing::RequireFace;
using mondo::fonts::testing::Seed;
using mondo::fonts::testing::TempDir;

namespace {

std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("the cache directory follows XDG_CACHE_HOME, else HOME/.cache") {
    const char* xdg = getenv("XDG_CACHE_HOME");
    const std::string saved = xdg ? xdg : "";
    setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
    CHECK(FontCacheDir() == std::filesystem::path("/tmp/xdg-test/mondo"));
    setenv("XDG_CACHE_HOME", "relative/is/ignored", 1);
    const char* home = getenv("HOME");
    if (home) CHECK(FontCacheDir() == std::filesystem::path(home) / ".cache" / "mondo");
    if (xdg) {
        setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    } else {
        unsetenv("XDG_CACHE_HOME");
    }
}

TEST_CASE("a subset is written once, then read back from the cache with the same bytes") {
    TempDir dir;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8(Seed());
    auto first = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(first.has_value());
    CHECK_FALSE(first->from_cache);
    CHECK_FALSE(first->whole_font);
    REQUIRE(std::filesystem::exists(first->cache_file));
    CHECK(first->cache_file.parent_path() == dir.path());
    // Far smaller than the 19.5 MB collection.
    CHECK(first->bytes->size() < 1024 * 1024);
    CHECK(FilesIn(dir.path()).size() == 1);  // no temporary file left behind

    auto second = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(second.has_value());
    CHECK(second->from_cache);
    CHECK(*second->bytes == *first->bytes);
    CHECK(second->covered == first->covered);
}

TEST_CASE("the subset covers every seed character the font has") {
    TempDir dir;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8(Seed());
    auto subset = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(subset.has_value());
    auto undrawable = UndrawableCodePoints(face, Seed());
    REQUIRE(undrawable.has_value());
    for (char32_t c : glyphs.code_points()) {
        const bool font_lacks =
            std::find(undrawable->begin(), undrawable->end(), c) != undrawable->end();
        if (c == kReplacementCodePoint || font_lacks) continue;
        CHECK_MESSAGE(subset->Covers(c), "U+" << std::hex << static_cast<unsigned>(c));
    }
}

TEST_CASE("a changed glyph set makes a new subset and removes the old one") {
    TempDir dir;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8("問答");
    auto first = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(first.has_value());
    glyphs.AddUtf8("梁文峰");
    auto second = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(second.has_value());
    CHECK_FALSE(second->from_cache);
    CHECK(second->cache_file != first->cache_file);
    CHECK(second->Covers(U'峰'));
    CHECK_FALSE(first->Covers(U'峰'));
    CHECK(FilesIn(dir.path()) == std::vector<std::filesystem::path>{second->cache_file});
}

TEST_CASE("a corrupt cache file is regenerated, not used") {
    TempDir dir;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8("問答");
    auto first = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(first.has_value());
    { std::ofstream(first->cache_file, std::ios::binary | std::ios::trunc) << "not a font at all"; }
    auto second = LoadSubset(face.path, face.face_index, glyphs, dir.path());
    REQUIRE(second.has_value());
    CHECK_FALSE(second->from_cache);
    CHECK(*second->bytes == *first->bytes);
    CHECK(std::filesystem::file_size(second->cache_file) == first->bytes->size());
}

TEST_CASE("an unwritable cache directory still gives a subset, from memory") {
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8("問答");
    auto subset = LoadSubset(face.path, face.face_index, glyphs, "/proc/mondo-cannot-write-here");
    REQUIRE(subset.has_value());
    CHECK(subset->cache_file.empty());
    CHECK(subset->Covers(U'問'));
}

TEST_CASE("a missing font file is a load error") {
    TempDir dir;
    GlyphSet glyphs;
    auto subset = LoadSubset("/nonexistent/font.ttc", 0, glyphs, dir.path());
    REQUIRE_FALSE(subset.has_value());
    CHECK(subset.error().kind == FontErrorKind::kLoadFailed);
}

TEST_CASE("font sources hold the typing set in the regular subset and a real bold face") {
    TempDir dir;
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8(Seed());
    auto sources = LoadFontSources(face, glyphs, dir.path());
    REQUIRE(sources.has_value());
    CHECK_FALSE(sources->synthetic_bold);
    CHECK(sources->regular.Covers(U'亜'));  // JIS level 1, not in the seed
    CHECK(sources->regular.Covers(U'熙'));  // JIS level 2
    CHECK(sources->regular.Covers(glyphs));
    CHECK(sources->bold.Covers(glyphs));
    CHECK_FALSE(sources->bold.Covers(U'熙'));  // bold holds only what is shown
    CHECK(sources->regular.bytes->size() < 4 * 1024 * 1024);
}
