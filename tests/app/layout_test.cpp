// Layouts that hold at font sizes 14 to 28 (issue 12): every screen of the app, drawn with the
// real Japanese font at body sizes 14, 20 and 28 in both themes, in one process and without a
// window (the draw data is what the GPU would get). Checks, on every glyph drawn:
//   - it lies inside the clip rectangle it is drawn with (its window, table cell, chart), so no
//     string is cut off; a window that scrolls vertically may cut a line at its top or bottom;
//   - it lies inside the display, as does every shape (frames, combos, chart bars) across;
//   - it is not the fallback glyph (a character missing from the atlas).
// Widgets that clip their label themselves (buttons, combos) trim glyphs to their frame before
// the draw data, so those are checked through the screens' own layout tests instead.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/app_runner.h"
#include "app/ui/paragraph.h"
#include "app/ui/screens.h"
#include "app/ui/study_screen.h"
#include "app/ui/theme.h"
#include "app/ui/ui_strings.h"
#include "content/interview.h"
#include "content/question.h"
#include "fonts/japanese_font.h"
#include "storage/collection.h"
#include "tests/app/controller_fixture.h"
#include "tests/app/imgui_harness.h"

using mondo::app::AppController;
using mondo::app::Screen;
using mondo::app::StudyIntent;
using mondo::app::Theme;

using mondo::test::BuiltinCollection;
using mondo::test::Intent;

namespace {

constexpr std::int64_t kNowMs = 1'796'202'000'000;  // 2026-12-02, a fixed clock

// A fresh directory for the font subset cache, removed at scope end.
class TempDir {
  public:
    TempDir() {
        std::string path =
            (std::filesystem::temp_directory_path() / "mondo-layout-XXXXXX").string();
        REQUIRE(mkdtemp(path.data()) != nullptr);
        path_ = path;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

bool Inside(float v, float lo, float hi) { return v >= lo - 0.5f && v <= hi + 0.5f; }

// The problems found in the last frame's draw data (one line each).
std::vector<std::string> GlyphProblems(const std::vector<const ImFont*>& fonts) {
    std::vector<std::string> problems;
    const ImDrawData* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const char* owner = list->_OwnerName ? list->_OwnerName : "?";
        const ImGuiWindow* window = ImGui::FindWindowByName(owner);
        const bool scrolls = window && window->ScrollMax.y > 0.0f;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            const ImVec4& clip = cmd.ClipRect;
            bool reported = false;
            for (unsigned e = 0; e < cmd.ElemCount && !reported; ++e) {
                const ImDrawVert& v = list->VtxBuffer[static_cast<int>(
                    cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + e)])];
                std::string what;
                // Frames, combos, chart bars: nothing is drawn past the display's sides.
                if (!Inside(v.pos.x, 0.0f, display.x)) what = "a shape outside the display";
                if (v.uv.x == white.x && v.uv.y == white.y) {  // shapes, not text
                    if (what.empty()) continue;
                    problems.push_back(std::string(owner) + ": " + what + " at x " +
                                       std::to_string(static_cast<int>(v.pos.x)));
                    reported = true;
                    continue;
                }
                if (!Inside(v.pos.x, clip.x, clip.z)) what = "cut off at the left or right";
                if (!scrolls && !Inside(v.pos.y, clip.y, clip.w)) what = "cut off at top or bottom";
                if (!Inside(v.pos.x, 0.0f, display.x) ||
                    (!scrolls && !Inside(v.pos.y, 0.0f, display.y))) {
                    what = "outside the display";
                }
                for (const ImFont* font : fonts) {
                    const ImFontGlyph* fallback = font->FallbackGlyph;
                    if (fallback && v.uv.x >= fallback->U0 && v.uv.x <= fallback->U1 &&
                        v.uv.y >= fallback->V0 && v.uv.y <= fallback->V1) {
                        what = "a missing character (the fallback glyph)";
                    }
                }
                if (what.empty()) continue;
                problems.push_back(std::string(owner) + ": glyph at (" +
                                   std::to_string(static_cast<int>(v.pos.x)) + ", " +
                                   std::to_string(static_cast<int>(v.pos.y)) + ") " + what +
                                   "; clip (" + std::to_string(static_cast<int>(clip.x)) + ", " +
                                   std::to_string(static_cast<int>(clip.y)) + ")-(" +
                                   std::to_string(static_cast<int>(clip.z)) + ", " +
                                   std::to_string(static_cast<int>(clip.w)) + ")");
                reported = true;  // one line per draw command is enough to find it
            }
        }
    }
    return problems;
}

// Browse fits its window (filters, table, details and footer all shown without scrolling) and
// its question column keeps room for at least ten characters (it was one wide at 26 px).
void CheckBrowseLayout(float font_size) {
    const ImGuiWindow* browse = ImGui::FindWindowByName("Browse###browse");
    REQUIRE(browse != nullptr);
    CHECK(browse->ScrollMax.y == 0.0f);
    ImGuiContext& g = *GImGui;
    int tables = 0;
    for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
        const ImGuiTable* table = g.Tables.TryGetMapData(i);
        if (table == nullptr || table->OuterWindow != browse || table->ColumnsCount != 8) continue;
        ++tables;
        const ImGuiTableColumn& question = table->Columns[2];
        CHECK(question.IsEnabled);
        CHECK(question.WidthGiven >= font_size * 10.0f);
    }
    CHECK(tables == 1);
}

// The Library with a source renamed to a title far wider than its column, and a retired one.
constexpr const char* kLongTitle =
    "ゆっくり発酵させるパン職人が語る天然酵母と小麦と時間の話 — A Baker on Slow Bread, Wild "
    "Yeast and the Patience of the Oven (the complete interview, with notes)";

void AddLibrarySources(mondo::storage::Collection& collection) {
    for (const char* file : {"library/five_exchanges.txt", "content/dash_unlabelled.txt"}) {
        std::ifstream in(std::string(MONDO_TEST_DATA_DIR) + "/" + file, std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        auto interview = mondo::content::ParseInterview(text);
        REQUIRE(interview.has_value());
        REQUIRE(collection.ImportSource(*interview, mondo::content::GenerateQuestions(*interview))
                    .has_value());
    }
    auto ids = collection.SourceIds();
    REQUIRE(ids.has_value());
    REQUIRE(ids->size() == 3);
    REQUIRE(collection.SetSourceTitle((*ids)[1], kLongTitle).has_value());
    REQUIRE(collection.RetireSource((*ids)[2], kNowMs / 1000).has_value());
}

// What the Library screen writes through ImGui's text functions (its cells), in one frame. (The
// screen alone: ImGui ends a log with the first top-level window that ends.)
std::string LoggedLibrary(mondo::test::ImGuiHarness& harness, AppController& controller) {
    return harness.LoggedFrame([&] {
        (void)mondo::app::DrawLibraryScreen(controller.library(), controller.library_ui());
    });
}

}  // namespace

TEST_CASE("every screen at font sizes 14, 20 and 28 in both themes: no text cut off or missing") {
    auto collection = BuiltinCollection();
    AddLibrarySources(collection);
    AppController controller(collection, [] { return kNowMs; });
    REQUIRE(controller.Start().has_value());
    controller.library_ui().selected = 1;  // the long title: whole under the list
    // A few reviews, so Stats and Home have figures and charts to lay out.
    controller.Navigate(Screen::kStudy);
    for (int i = 0; i < 6 && controller.study().has_card; ++i) {
        const auto& card = controller.study().card;
        if (card.choices.empty()) {
            controller.Apply(Intent(StudyIntent::Kind::kShowAnswer));
        } else {
            controller.Apply(Intent(StudyIntent::Kind::kSubmitChoice, 0));
        }
        if (controller.study().phase != mondo::app::StudyPhase::kRevealed) break;
        controller.Apply(Intent(StudyIntent::Kind::kRate, 1 + i % 4));
    }

    auto face = mondo::fonts::FindJapaneseFont();
    REQUIRE_MESSAGE(face.has_value(), "no Japanese font (fonts-noto-cjk)");
    TempDir cache;
    mondo::fonts::LoadOptions options;
    options.cache_dir = cache.path().string();
    // As the app builds them: each font holds what it draws (titles, readings), the body all.
    mondo::fonts::FontGlyphs glyphs;
    for (const auto& text : controller.VisibleTexts()) glyphs.body.AddUtf8(text);
    for (const auto& text : mondo::app::UiStrings()) glyphs.body.AddUtf8(text);
    for (const auto& text : controller.HeadingTexts()) glyphs.heading.AddUtf8(text);
    for (const auto& text : controller.ReadingTexts()) glyphs.furigana.AddUtf8(text);
    glyphs.body.AddUtf8("\xEF\xBF\xBD");  // U+FFFD: the fallback, told apart from a drawn '?'

    mondo::test::ImGuiHarness harness(1280.0f, 800.0f);
    ImGuiIO& io = ImGui::GetIO();
    std::size_t checked_frames = 0;
    for (float size : {14.0f, 20.0f, 28.0f}) {
        auto loaded = mondo::fonts::LoadFonts(*io.Fonts, *face, glyphs,
                                              mondo::fonts::FontSizes::FromBody(size), options);
        REQUIRE(loaded.has_value());
        REQUIRE(loaded->body->FallbackChar == 0xFFFD);
        io.FontDefault = loaded->body;
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
        mondo::app::SetTextFonts(&*loaded);
        mondo::app::SetHeadingFont(loaded->heading);
        const std::vector<const ImFont*> fonts = {loaded->body, loaded->heading, loaded->furigana};
        for (Theme theme : {Theme::kLight, Theme::kDark}) {
            mondo::app::ApplyTheme(theme, 1.0f);
            // Anti-aliased lines would sample the font texture too: keep text the only thing
            // that does.
            ImGui::GetStyle().AntiAliasedLinesUseTex = false;
            for (Screen screen : mondo::app::kAllScreens) {
                controller.Navigate(screen);
                // Windows size themselves over two frames; then grow the atlas for anything
                // new on the screen (as the app does between frames) and draw again.
                for (int frame = 0; frame < 3; ++frame) {
                    harness.Frame([&] { mondo::app::DrawAppFrame(controller); });
                    if (auto grown = loaded->Update(); grown && *grown) {
                        mondo::app::ClearTextLayoutCache();
                    }
                }
                CAPTURE(size);
                CAPTURE(std::string(theme == Theme::kDark ? "dark" : "light"));
                CAPTURE(std::string(mondo::app::ScreenName(screen)));
                for (const std::string& problem : GlyphProblems(fonts))
                    CHECK_MESSAGE(false, problem);
                if (screen == Screen::kBrowse) CheckBrowseLayout(size);
                if (screen == Screen::kLibrary) {
                    // The long title is cut with "…" in its cell (the check above: inside its
                    // clip), the retired source is marked, and the whole title is under the list
                    // (drawn as a paragraph, so not in the log: its glyphs are checked above).
                    const std::string logged = LoggedLibrary(harness, controller);
                    CHECK(logged.find("ゆっくり発酵") != std::string::npos);
                    CHECK(logged.find("…") != std::string::npos);
                    CHECK(logged.find("(the complete interview, with notes)") == std::string::npos);
                    CHECK(logged.find("retired") != std::string::npos);
                }
                ++checked_frames;
            }
        }
        mondo::app::SetTextFonts(nullptr);
        mondo::app::SetHeadingFont(nullptr);
    }
    CHECK(checked_frames == 3 * 2 * std::size(mondo::app::kAllScreens));
}

TEST_CASE("a paragraph with furigana keeps the paragraph's line pitch") {
    mondo::test::ImGuiHarness harness;
    const std::vector<mondo::content::Ruby> ruby = {{"湛江", "ジャンジアン"}};
    const std::string text =
        "広東省湛江市管轄下の呉川市出身。広東省湛江市の出身で、湛江で育ったと言われています。";
    float plain = 0.0f;
    float with_ruby = 0.0f;
    float band = 0.0f;
    float pitch = 0.0f;
    float size = 0.0f;
    harness.Frame([&] {
        ImGui::Begin("pitch");
        mondo::app::TextParagraph(text, 120.0f);
        plain = ImGui::GetItemRectSize().y;
        mondo::app::TextWithRuby(text, ruby, 120.0f);
        with_ruby = ImGui::GetItemRectSize().y;
        band = mondo::app::RubyBandHeight(text, ruby);
        pitch = mondo::app::ParagraphLineHeight();
        size = ImGui::GetFontSize();
        CHECK(mondo::app::RubyBandHeight("呉川市出身", ruby) == 0.0f);
        ImGui::End();
    });
    REQUIRE(band > 0.0f);
    // Readings sit in the leading: only the first line gets a band above it, every line after
    // it comes at the plain paragraph's pitch.
    CHECK(band <= pitch - size);
    const float lines = (with_ruby - band - size) / pitch + 1.0f;
    CHECK(lines == doctest::Approx(std::round(lines)));
    CHECK(lines >= 3.0f);
    CHECK(plain == doctest::Approx((std::round(lines) - 1.0f) * pitch + size).epsilon(0.3));
}
