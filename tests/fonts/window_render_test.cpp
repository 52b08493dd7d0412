// A real window drawing Japanese through app/ui/paragraph, checked in pixels. The window is the
// app's own (app/platform/window.h: SDL's software renderer with mondo's ImGui backend), so the
// test draws exactly as mondo does and needs no OpenGL. Runs under Xvfb: when DISPLAY is unset
// the test starts its own Xvfb on a free display (-displayfd) and stops it at exit.
#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <doctest/doctest.h>
#include <imgui.h>
#include <signal.h>
#include <stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/platform/window.h"
#include "app/ui/paragraph.h"
#include "fonts/japanese_font.h"
#include "tests/fonts/font_fixture.h"

using namespace mondo::fonts;
using namespace mondo::fonts::testing;

namespace {

// Starts Xvfb when there is no display; the server is stopped by pid when the process exits.
class VirtualDisplay {
  public:
    VirtualDisplay() {
        if (const char* d = std::getenv("DISPLAY"); d && *d) return;
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1024x768x24",
                   "-nolisten", "tcp", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        char buf[16] = {};
        std::size_t got = 0;
        while (got < sizeof(buf) - 1) {
            const ssize_t n = read(fds[0], buf + got, sizeof(buf) - 1 - got);
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
            if (buf[got - 1] == '\n') break;
        }
        close(fds[0]);
        if (got > 0) {
            std::string display(1, ':');
            display.append(buf,
                           std::strcspn(buf, "\n"));  // (":" + string trips GCC 12's -Wrestrict)
            setenv("DISPLAY", display.c_str(), 1);
        }
    }
    ~VirtualDisplay() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
            unsetenv("DISPLAY");
        }
    }
    VirtualDisplay(const VirtualDisplay&) = delete;
    VirtualDisplay& operator=(const VirtualDisplay&) = delete;

  private:
    pid_t pid_ = -1;
};

// One server for the whole test program, stopped when the program exits.
void EnsureDisplay() { static VirtualDisplay display; }

// The app's window (hidden: the pixels are read back from the renderer, nothing needs showing).
class TestWindow {
  public:
    TestWindow(int width, int height) : width_(width), height_(height) {
        mondo::app::WindowOptions options;
        options.title = "mondo fonts test";
        options.width = width;
        options.height = height;
        options.hidden = true;
        options.vsync = false;
        auto created = mondo::app::Window::Create(options);
        if (created) {
            window_ = std::move(*created);
        } else {
            error_ = created.error().message;
        }
    }

    bool ready() const { return window_ != nullptr; }
    const std::string& error() const { return error_; }

    // Renders one frame of `draw` and returns the back buffer as RGBA rows, top first.
    template <typename Draw>
    std::vector<unsigned char> Render(Draw&& draw) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
        window_->BeginFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width_), static_cast<float>(height_)));
        ImGui::Begin("canvas", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                         ImGuiWindowFlags_NoSavedSettings);
        draw();
        ImGui::End();
        window_->RenderFrame();
        int w = 0;
        int h = 0;
        std::vector<unsigned char> pixels = window_->ReadPixels(w, h);
        REQUIRE(w == width_);
        REQUIRE(h == height_);
        window_->Present();
        return pixels;
    }

    int width() const { return width_; }
    int height() const { return height_; }

  private:
    int width_;
    int height_;
    std::unique_ptr<mondo::app::Window> window_;
    std::string error_;
};

struct Image {
    const std::vector<unsigned char>& pixels;
    int width;
    int height;
    bool Lit(int x, int y) const {
        if (x < 0 || y < 0 || x >= width || y >= height) return false;
        const std::size_t at = (static_cast<std::size_t>(y) * width + x) * 4;
        return pixels[at] > 96 && pixels[at + 1] > 96 && pixels[at + 2] > 96;
    }
    int CountLit(int x0, int y0, int x1, int y1) const {
        int n = 0;
        for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) n += Lit(x, y);
        }
        return n;
    }
    // Rightmost lit column in the rows [y0, y1), or -1.
    int RightmostLit(int y0, int y1) const {
        for (int x = width - 1; x >= 0; --x) {
            for (int y = y0; y < y1; ++y) {
                if (Lit(x, y)) return x;
            }
        }
        return -1;
    }
};

void SavePng(const std::vector<unsigned char>& pixels, int w, int h, const char* name) {
    const auto path = std::filesystem::temp_directory_path() / name;
    stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4);
    MESSAGE("rendered image: " << path.string());
}

// Reproducible look: white text on black (the window clears to the style's window background),
// no window padding.
void PlainStyle() {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
}

}  // namespace

TEST_CASE("a seed paragraph drawn in a real window covers exactly the lines the breaker laid out") {
    EnsureDisplay();
    TempDir cache;
    TestWindow window(800, 600);
    REQUIRE_MESSAGE(window.ready(), "no window: " << window.error());
    PlainStyle();
    const FontFace face = RequireFace();
    GlyphSet glyphs;
    glyphs.AddUtf8(Seed());
    LoadOptions options;
    options.cache_dir = cache.path().string();
    auto loaded = LoadFonts(*ImGui::GetIO().Fonts, face, glyphs, FontSizes{}, options);
    REQUIRE(loaded.has_value());
    ImGui::GetIO().FontDefault = loaded->body;
    mondo::app::SetTextFonts(&*loaded);

    // The longest answer of the seed.
    std::string paragraph;
    for (const auto& p : SeedParagraphs()) {
        if (p.size() > paragraph.size()) paragraph = p;
    }
    const float wrap = 420.0f;
    const int left = 30;
    const int top = 20;
    std::vector<LineSpan> lines;
    float line_height = 0.0f;
    std::vector<unsigned char> pixels;
    for (int frame = 0; frame < 2; ++frame) {  // the first frame uploads the texture
        pixels = window.Render([&] {
            ImGui::SetCursorScreenPos(ImVec2(static_cast<float>(left), static_cast<float>(top)));
            lines = mondo::app::ParagraphLines(paragraph, wrap);
            line_height = mondo::app::ParagraphLineHeight();
            mondo::app::TextParagraph(paragraph, wrap);
        });
    }
    SavePng(pixels, window.width(), window.height(), "mondo_fonts_paragraph.png");
    const Image image{pixels, window.width(), window.height()};
    REQUIRE(lines.size() >= 5);
    const int size = static_cast<int>(loaded->body->FontSize);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(i);
        const int y0 = top + static_cast<int>(line_height * static_cast<float>(i));
        const int y1 = y0 + size;
        const int lit = image.CountLit(left, y0, left + static_cast<int>(wrap), y1);
        // Ink: CJK text at 20 px lights well over 5% of its line box.
        CHECK(lit > static_cast<int>(0.05f * lines[i].width * static_cast<float>(size)));
        // The ink ends where the breaker said the line ends (within one glyph's side bearing).
        const int right = image.RightmostLit(y0, y1);
        CHECK(right <= left + static_cast<int>(lines[i].width) + 1);
        CHECK(right >= left + static_cast<int>(lines[i].width) - size);
        CHECK(right < left + static_cast<int>(wrap));
    }
    // Nothing is drawn right of the wrap width or below the last line.
    CHECK(image.CountLit(left + static_cast<int>(wrap) + 1, 0, window.width(), window.height()) ==
          0);
    const int below = top + static_cast<int>(line_height * static_cast<float>(lines.size())) + 2;
    CHECK(image.CountLit(0, below, window.width(), window.height()) == 0);
    mondo::app::SetTextFonts(nullptr);
}

TEST_CASE("furigana and the replacement box appear in the pixels where the layout puts them") {
    EnsureDisplay();
    TempDir cache;
    TestWindow window(400, 200);
    REQUIRE_MESSAGE(window.ready(), "no window: " << window.error());
    PlainStyle();
    GlyphSet glyphs;
    glyphs.AddUtf8("湛江ジャンジアン");
    LoadOptions options;
    options.cache_dir = cache.path().string();
    auto loaded = LoadFonts(*ImGui::GetIO().Fonts, RequireFace(), glyphs, FontSizes{}, options);
    REQUIRE(loaded.has_value());
    ImGui::GetIO().FontDefault = loaded->body;
    mondo::app::SetTextFonts(&*loaded);
    std::vector<unsigned char> pixels;
    for (int frame = 0; frame < 2; ++frame) {
        pixels = window.Render([&] {
            ImGui::SetCursorScreenPos(ImVec2(20, 20));
            mondo::app::TextWithRuby("湛江", "ジャンジアン");
            ImGui::SetCursorScreenPos(ImVec2(20, 120));
            ImGui::TextUnformatted("\xF0\xA0\xAE\x9F");  // 𠮟: outside the BMP
        });
    }
    SavePng(pixels, window.width(), window.height(), "mondo_fonts_ruby_box.png");
    const Image image{pixels, window.width(), window.height()};
    const int reading = static_cast<int>(loaded->furigana->FontSize);
    const int band = reading + 1;
    // The reading band above the base and the base below it both have ink.
    CHECK(image.CountLit(20, 20, 200, 20 + reading) > 20);
    CHECK(image.CountLit(20, 20 + band, 200, 20 + band + 20) > 40);

    // The box: a hollow rectangle, lit on its border, dark inside.
    const ImFontGlyph* box =
        loaded->body->FindGlyphNoFallback(static_cast<ImWchar>(kReplacementCodePoint));
    REQUIRE(box != nullptr);
    const int bx0 = 20 + static_cast<int>(box->X0);
    const int by0 = 120 + static_cast<int>(box->Y0);
    const int bx1 = 20 + static_cast<int>(box->X1);
    const int by1 = 120 + static_cast<int>(box->Y1);
    const int mid_y = (by0 + by1) / 2;
    CHECK(image.Lit(bx0, mid_y));
    CHECK(image.Lit(bx1 - 1, mid_y));
    CHECK(image.Lit((bx0 + bx1) / 2, by0));
    CHECK(image.Lit((bx0 + bx1) / 2, by1 - 1));
    CHECK_FALSE(image.Lit((bx0 + bx1) / 2, mid_y));
    // And it is not a '?': the '?' glyph would light the centre column's middle.
    mondo::app::SetTextFonts(nullptr);
}
