// Real-window tests: the app renders under its own Xvfb and the PNG it saves is checked in pixels.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

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

// Pixels within `tolerance` (summed over R, G, B) of `rgb` in the rectangle.
int PixelsNear(const Image& image, const unsigned char (&rgb)[3], int x0, int y0, int x1, int y1,
               int tolerance = 60) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const unsigned char* p = image.At(x, y);
            if (std::abs(p[0] - rgb[0]) + std::abs(p[1] - rgb[1]) + std::abs(p[2] - rgb[2]) <=
                tolerance) {
                ++count;
            }
        }
    }
    return count;
}

}  // namespace

TEST_CASE("the study screen renders the first question in Japanese with every glyph in the atlas") {
    TempDir dir;
    const std::string png = dir.File("study.png");
    const auto result =
        RunWithDisplay({MONDO_BINARY, "screenshot", "--screen", "study", "--out", png, "--size",
                        "1280x800", "--db", dir.File("collection.sqlite3")},
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

TEST_CASE("every screen renders in both themes with text where the screen puts it") {
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    // Settings (light) is also driven by keys on a collection with a simulated month of
    // reviews: "Optimise parameters" (the load estimate, the fit and "Help me decide" run on
    // worker threads; keys and the picture wait for them), then "Help me decide" (its curve is
    // scrolled into view when it arrives). Whether ImGui's navigation already stands on the first
    // field when the keys begin varies from run to run (seen both ways: when it does not, the first
    // Down only puts it there); two Ups first put it on the first field either way, and nine Downs
    // then reach "Optimise parameters".
    const std::string studied = dir.File("studied.sqlite3");
    REQUIRE(mondo::test::RunProcess({MONDO_BINARY, "simulate", "--days", "30", "--db", studied})
                .exit_code == 0);
    const std::string fit_keys =
        "Up,Up,Down,Down,Down,Down,Down,Down,Down,Down,Down,space,Down,Down,space";
    for (const std::string theme : {"light", "dark"}) {
        for (const std::string screen : {"home", "study", "read", "browse", "stats", "settings"}) {
            CAPTURE(theme);
            CAPTURE(screen);
            const bool fit = screen == "settings" && theme == "light";
            const std::string png = dir.File(screen + "-" + theme + ".png");
            std::vector<std::string> command = {MONDO_BINARY, "screenshot",
                                                "--screen",   screen,
                                                "--theme",    theme,
                                                "--out",      png,
                                                "--size",     fit ? "1280x1000" : "1280x800",
                                                "--db",       fit ? studied : db};
            if (fit) {
                command.push_back("--keys");
                command.push_back(fit_keys);
            }
            const auto result = RunWithDisplay(command, {{"XDG_CACHE_HOME", dir.File("cache")}});
            INFO("stderr: " << result.err);
            REQUIRE(result.exit_code == 0);
            CHECK(result.out.find("glyphs missing from the atlas: 0") != std::string::npos);
            const Image image = LoadPng(png);
            REQUIRE(image.pixels);
            if (fit) {
                // Both results were on screen when the picture was taken.
                CHECK(result.out.find("settings results: fit shown, help me decide shown") !=
                      std::string::npos);
                // The lower part shows the fit's figures and "Help me decide"'s curve (accent
                // blue) with its least-work retention marked (the "hard" rating's brown).
                const unsigned char accent[3] = {30, 94, 168};
                const unsigned char marker[3] = {148, 82, 0};
                const int lower = image.height / 2;
                CHECK(PixelsNear(image, accent, 0, lower, image.width, image.height) > 150);
                CHECK(PixelsNear(image, marker, 0, lower, image.width, image.height) > 60);
                CHECK(InkPixels(image, 0, lower, image.width / 2, image.height) > 3000);
            }
            // The background follows the theme.
            const unsigned char* background = image.At(image.width - 2, image.height - 2);
            const int luminance = (background[0] + background[1] + background[2]) / 3;
            if (theme == "dark") {
                CHECK(luminance < 80);
            } else {
                CHECK(luminance > 180);
            }
            // The navigation bar (top strip) and the screen's first lines (top-left) hold text.
            CHECK(InkPixels(image, 0, 0, 500, 32) > 150);
            CHECK(InkPixels(image, 0, 40, image.width / 2, 240) > 400);
        }
    }
}

TEST_CASE("a study session driven by keys from home to a graded answer saves the review") {
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    // Enter on Home starts studying, Space shows the answer, 3 grades it Good.
    const auto result =
        RunWithDisplay({MONDO_BINARY, "screenshot", "--screen", "home", "--keys", "Return,Space,3",
                        "--out", dir.File("after.png"), "--db", db},
                       {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    const auto stats = mondo::test::RunProcess({MONDO_BINARY, "stats", "--json", "--db", db});
    REQUIRE(stats.exit_code == 0);
    CHECK(stats.out.find("\"total_reviews\":1,") != std::string::npos);
    CHECK(stats.out.find("\"good\":1") != std::string::npos);
    // The review survived the process: the study screen now shows one question in learning.
    const Image image = LoadPng(dir.File("after.png"));
    REQUIRE(image.pixels);
    CHECK(InkPixels(image, 0, 40, image.width / 2, 240) > 400);
}

TEST_CASE(
    "an interview pasted with Ctrl+V and files dropped on the window are imported after a "
    "preview; a dropped binary file changes nothing; a source is renamed and the built-in one "
    "retired from the keyboard") {
    // One window: the clipboard is X11's (xclip owns the selection, SDL asks it for the text), the
    // drops are real SDL_DROPFILE events. Enter adds each preview. The dropped text's source
    // (selected once added) is renamed with N, typed text and Enter (F13 does nothing: the frames
    // the box takes to get the keyboard), and the built-in interview, two rows up, retired with
    // Delete and Enter, before the binary file is dropped (a drop is taken when it comes, keys a
    // frame each: two idle frames keep the order).
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::string binary = dir.File("photo.jpg");
    mondo::test::WriteFile(binary, std::string("\xff\xd8\xff\xe0 JFIF binary"));
    const std::string data = MONDO_TEST_DATA_DIR;
    const std::string title =
        "A Baker on Slow Bread — Wild Yeast and the Patience of the Oven: パン職人の長い話";
    std::string typed;
    for (std::size_t at = 0; at < title.size();) {
        std::size_t end = std::min(title.size(), at + 24);
        while (end < title.size() && (static_cast<unsigned char>(title[end]) & 0xC0) == 0x80)
            --end;  // whole code points in each text event
        typed += ",text:" + title.substr(at, end - at);
        at = end;
    }
    const std::string keys = "F7,Ctrl+V,Return,drop:" + data +
                             "/library/five_exchanges.txt,Return,N,F13,F13" + typed +
                             ",Return,Up,Up,Delete,Return,F13,F13,drop:" + binary;
    const std::string command = "xclip -selection clipboard -i '" + data +
                                "/interviews/en_web_interview.txt' && exec '" MONDO_BINARY
                                "' screenshot --screen home --keys '" +
                                keys + "' --out '" + dir.File("library.png") + "' --db '" + db +
                                "'";
    const auto result =
        RunWithDisplay({"sh", "-c", command}, {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("screens visited: home library\n") != std::string::npos);
    CHECK(result.out.find("import failed: " + binary + ": invalid UTF-8 at byte 0") !=
          std::string::npos);
    CHECK(result.out.find("glyphs missing from the atlas: 0") != std::string::npos);
    const auto stats = mondo::test::RunProcess({MONDO_BINARY, "stats", "--json", "--db", db});
    REQUIRE(stats.exit_code == 0);
    INFO("stats: " << stats.out);
    // The built-in interview, the pasted one and the dropped one, nothing from the binary.
    CHECK(stats.out.find("\"title\":\"The Engineer Who Wants to Power Lagos with the Tide\","
                         "\"exchanges\":7,") != std::string::npos);
    CHECK(stats.out.find("\"title\":\"" + title + "\",\"exchanges\":5,") != std::string::npos);
    CHECK(stats.out.find("\"exchanges\":16,") != std::string::npos);
    CHECK(stats.out.find("\"retired\":true") != std::string::npos);  // the built-in one
    CHECK(stats.out.find("\"retired\":true", stats.out.find("\"retired\":true") + 1) ==
          std::string::npos);
    std::size_t sources = 0;
    for (std::size_t at = stats.out.find("\"id\":"); at != std::string::npos;
         at = stats.out.find("\"id\":", at + 1)) {
        ++sources;
    }
    CHECK(sources == 3);
    // The Library is drawn: a table of three rows under the navigation bar.
    const Image image = LoadPng(dir.File("library.png"));
    REQUIRE(image.pixels);
    CHECK(InkPixels(image, 0, 40, image.width / 2, 240) > 400);
}

// The number after `"key":` in `json`, searching from `from` (-1 when absent).
int NumberAfter(const std::string& json, const std::string& key, std::size_t from) {
    const std::size_t at = json.find("\"" + key + "\":", from);
    if (at == std::string::npos) return -1;
    return std::atoi(json.c_str() + at + key.size() + 3);
}

TEST_CASE(
    "a pasted source studied alone from the Library queues only its questions (three suspended "
    "with @ are all its own)") {
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::string data = MONDO_TEST_DATA_DIR;
    const std::string pasted_title =
        "\"title\":\"The Engineer Who Wants to Power Lagos with the Tide\"";
    const auto counts = [&] {
        const auto stats = mondo::test::RunProcess({MONDO_BINARY, "stats", "--json", "--db", db});
        REQUIRE(stats.exit_code == 0);
        INFO("stats: " << stats.out);
        const std::size_t pasted = stats.out.find(pasted_title);
        const std::size_t builtin = stats.out.find("\"exchanges\":16,");
        REQUIRE(pasted != std::string::npos);
        REQUIRE(builtin != std::string::npos);
        return std::pair{NumberAfter(stats.out, "questions", pasted),
                         NumberAfter(stats.out, "questions", builtin)};
    };
    // Paste and add (the built-in interview is there from the first start).
    auto result =
        RunWithDisplay({"sh", "-c",
                        "xclip -selection clipboard -i '" + data +
                            "/interviews/en_web_interview.txt' && exec '" MONDO_BINARY
                            "' screenshot --screen home --keys 'F7,Ctrl+V,Return' --out '" +
                            dir.File("added.png") + "' --db '" + db + "'"},
                       {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    const auto [pasted_before, builtin_before] = counts();
    CHECK(pasted_before > 3);
    CHECK(builtin_before > 100);
    // Down to the pasted source, Enter studies it; @ suspends the card shown, three times.
    result = RunWithDisplay({MONDO_BINARY, "screenshot", "--screen", "home", "--keys",
                             "F7,Down,Return,text:@,F13,text:@,F13,text:@,F13", "--out",
                             dir.File("study.png"), "--db", db},
                            {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stdout: " << result.out);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("screens visited: home library study\n") != std::string::npos);
    const auto [pasted_after, builtin_after] = counts();
    CHECK(pasted_after == pasted_before - 3);
    CHECK(builtin_after == builtin_before);
}

TEST_CASE(
    "titles and readings with characters no other text has render in the heading and furigana "
    "fonts, from a dropped interview and at the next start") {
    // The heading and furigana fonts hold only the glyphs of titles and of readings. The fixture's
    // title, section titles (鸚鵡 麒麟 鬱 鳳凰 暖簾 棚) and hiragana readings are in no other
    // text: dropped on the running window they must reach those fonts before they are drawn, and
    // the next start must build them in. "glyphs missing: 0" checks every title in the heading
    // font and every reading in the furigana font.
    TempDir dir;
    const std::string db = dir.File("collection.sqlite3");
    const std::string source =
        std::string(MONDO_TEST_DATA_DIR) + "/glyphs/rare_titles_and_readings.md";
    for (const bool dropped : {true, false}) {
        CAPTURE(dropped);
        const std::string png = dir.File(dropped ? "dropped.png" : "restarted.png");
        const std::string keys = dropped ? "F7,drop:" + source + ",Return,F3" : "F3";
        const auto result = RunWithDisplay({MONDO_BINARY, "screenshot", "--screen", "home",
                                            "--keys", keys, "--out", png, "--db", db},
                                           {{"XDG_CACHE_HOME", dir.File("cache")}});
        INFO("stdout: " << result.out);
        INFO("stderr: " << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(result.out.find(dropped ? "screens visited: home library read\n"
                                      : "screens visited: home read\n") != std::string::npos);
        CHECK(result.out.find("glyphs missing from the atlas: 0") != std::string::npos);
        const Image image = LoadPng(png);
        REQUIRE(image.pixels);
        // The Read screen's title (heading font) under the navigation bar.
        CHECK(InkPixels(image, 0, 40, image.width / 2, 90) > 300);
    }
}

TEST_CASE("20 quick taps (press and release in the same frame) all take effect") {
    // Issue 17: ImGui 1.86 polls key state once a frame, so a press released before the next
    // frame was lost; the input queue gives the press and the release a frame each.
    TempDir dir;
    std::string keys;
    std::string expected = "home";
    for (int tap = 0; tap < 20; ++tap) {
        const bool read = tap % 2 == 0;
        keys += std::string(keys.empty() ? "" : ",") + (read ? "F3" : "F1");
        expected += read ? " read" : " home";
    }
    const auto result =
        RunWithDisplay({MONDO_BINARY, "screenshot", "--screen", "home", "--keys", keys, "--out",
                        dir.File("taps.png"), "--db", dir.File("collection.sqlite3")},
                       {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("screens visited: " + expected + "\n") != std::string::npos);
}

TEST_CASE("at rest the window uses no CPU on any screen, answers keys at once and Ctrl+Q quits") {
    // Issue 17: the loop drew frames continuously (8.7 s of CPU in 5 s). Now it waits for
    // events: at most 50 ms of CPU in 5 s on each screen (1% of a core).
    TempDir dir;
    const auto result = RunWithDisplay({"bash", MONDO_SOURCE_DIR "/tests/app/idle_cpu.sh",
                                        MONDO_BINARY, dir.File("collection.sqlite3"), "5"},
                                       {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("unchanged") == std::string::npos);  // each key was drawn at once
    for (const char* key : {"F1", "F2", "F3", "F4", "F5", "F6"}) {
        CAPTURE(key);
        const auto at = result.out.find(std::string(key) + " ");
        REQUIRE(at != std::string::npos);
        const int cpu_ms = std::atoi(result.out.c_str() + at + std::string(key).size() + 1);
        MESSAGE(std::string(key) << ": " << cpu_ms << " ms of CPU in 5 s at rest");
        CHECK(cpu_ms <= 50);
    }
    CHECK(result.out.find("exit 0") != std::string::npos);
}

TEST_CASE("issue 14: Ctrl+Q backs the collection up only when the learner's data changed") {
    // Every quit used to copy the whole collection (the session and the window's place counted
    // as changes): seconds on a big collection, with the window frozen on screen.
    TempDir dir;
    const auto result = RunWithDisplay({"bash", MONDO_SOURCE_DIR "/tests/app/quit_backup.sh",
                                        MONDO_BINARY, dir.File("collection.sqlite3")},
                                       {{"XDG_CACHE_HOME", dir.File("cache")}});
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("new backups 1\n") != std::string::npos);   // the import of a new one
    CHECK(result.out.find("look backups 1\n") != std::string::npos);  // nothing changed
    CHECK(result.out.find("flag backups 2\n") != std::string::npos);  // a card flagged
    for (const char* run : {"new", "look", "flag"}) {
        CAPTURE(run);
        CHECK(result.out.find(std::string(run) + " exit 0") != std::string::npos);
    }
}
