// A real window (SDL2 + OpenGL 3 + ImGui) drawing Japanese through app/ui/paragraph, checked in
// pixels. Runs under Xvfb: when DISPLAY is unset the test starts its own Xvfb on a free display
// (-displayfd) and stops it at exit.
#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <dlfcn.h>
#include <doctest/doctest.h>
#include <imgui.h>
#include <signal.h>
#include <stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

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

// Mesa unloads its driver at SDL_Quit; LeakSanitizer then reports the driver's process-lifetime
// allocations from an "<unknown module>" no suppression can name. Pinning the driver keeps its
// frames symbolised (and suppressed by tests/sanitizers/lsan.supp like the app's window tests).
void PinGlDriver() {
    for (const char* lib : {"libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"}) {
        dlopen(lib, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    }
}

// One server for the whole test program, stopped when the program exits.
void EnsureDisplay() {
    static VirtualDisplay display;
    PinGlDriver();
}

// SDL window + GL context + ImGui with its SDL2/OpenGL3 backends.
class TestWindow {
  public:
    TestWindow(int width, int height) : width_(width), height_(height) {
        SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
        if (SDL_Init(SDL_INIT_VIDEO) != 0) return;
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        window_ = SDL_CreateWindow("mondo fonts test", 0, 0, width, height, SDL_WINDOW_OPENGL);
        if (!window_) return;
        context_ = SDL_GL_CreateContext(window_);
        if (!context_) return;
        SDL_GL_MakeCurrent(window_, context_);
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ImGui_ImplSDL2_InitForOpenGL(window_, context_);
        ImGui_ImplOpenGL3_Init("#version 150");
        ready_ = true;
    }
    ~TestWindow() {
        if (ready_) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplSDL2_Shutdown();
            ImGui::DestroyContext();
        }
        if (context_) SDL_GL_DeleteContext(context_);
        if (window_) SDL_DestroyWindow(window_);
        SDL_Quit();
    }
    TestWindow(const TestWindow&) = delete;
    TestWindow& operator=(const TestWindow&) = delete;

    bool ready() const { return ready_; }

    // Renders one frame of `draw` and returns the back buffer as RGBA rows, top first.
    template <typename Draw>
    std::vector<unsigned char> Render(Draw&& draw) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width_), static_cast<float>(height_)));
        ImGui::Begin("canvas", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                         ImGuiWindowFlags_NoSavedSettings);
        draw();
        ImGui::End();
        ImGui::Render();
        glViewport(0, 0, width_, height_);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        std::vector<unsigned char> pixels(static_cast<std::size_t>(width_) * height_ * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        std::vector<unsigned char> flipped(pixels.size());
        const std::size_t row = static_cast<std::size_t>(width_) * 4;
        for (int y = 0; y < height_; ++y) {
            std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>((height_ - 1 - y) * row), row,
                        flipped.begin() + static_cast<std::ptrdiff_t>(y * row));
        }
        SDL_GL_SwapWindow(window_);
        return flipped;
    }

    int width() const { return width_; }
    int height() const { return height_; }

  private:
    int width_;
    int height_;
    SDL_Window* window_ = nullptr;
    SDL_GLContext context_ = nullptr;
    bool ready_ = false;
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

// Reproducible look: white text, no window padding.
void PlainStyle() {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
}

}  // namespace

TEST_CASE("a seed paragraph drawn in a real window covers exactly the lines the breaker laid out") {
    EnsureDisplay();
    TempDir cache;
    TestWindow window(800, 600);
    REQUIRE_MESSAGE(window.ready(), "no window: " << SDL_GetError());
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
    REQUIRE_MESSAGE(window.ready(), "no window: " << SDL_GetError());
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
