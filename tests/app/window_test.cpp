// Real-window tests: the app renders under its own Xvfb and the PNG it saves is checked in pixels.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <memory>
#include <string>

#include "tests/app/process.h"

using mondo::test::RunWithDisplay;
using mondo::test::TempDir;

namespace {

struct Image {
    int width = 0;
    int height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};

    const unsigned char* At(int x, int y) const {
        return pixels.get() + (static_cast<std::size_t>(y) * width + x) * 4;
    }
};

Image LoadPng(const std::string& path) {
    Image image;
    int channels = 0;
    image.pixels.reset(stbi_load(path.c_str(), &image.width, &image.height, &channels, 4));
    return image;
}

// Pixels in the rectangle whose colour differs clearly from the background (top-left pixel).
int InkPixels(const Image& image, int x0, int y0, int x1, int y1) {
    const unsigned char* background = image.At(0, 0);
    int ink = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const unsigned char* p = image.At(x, y);
            const int diff = std::abs(p[0] - background[0]) + std::abs(p[1] - background[1]) +
                             std::abs(p[2] - background[2]);
            if (diff > 96) ++ink;
        }
    }
    return ink;
}

}  // namespace

TEST_CASE("the study screen renders the first question in Japanese with every glyph in the atlas") {
    TempDir dir;
    const std::string png = dir.File("study.png");
    const auto result = RunWithDisplay(
        {MONDO_BINARY, "screenshot", "--screen", "study", "--out", png, "--size", "1280x800", "--db",
         dir.File("collection.sqlite3")},
        {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("glyphs missing from the atlas: 0") != std::string::npos);

    const Image image = LoadPng(png);
    REQUIRE(image.pixels);
    CHECK(image.width == 1280);
    CHECK(image.height == 800);
    // Text in the upper part of the window (title, question), nothing drawn far below the content.
    CHECK(InkPixels(image, 0, 0, image.width, image.height / 3) > 2000);
    CHECK(InkPixels(image, 0, 0, image.width, image.height) < image.width * image.height / 4);
}
