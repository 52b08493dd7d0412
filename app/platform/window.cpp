#include "app/platform/window.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <cmath>
#include <cstdlib>
#include <string_view>

#include "app/platform/ime.h"
#include "app/platform/sdl_renderer_backend.h"
#include "app/start_trace.h"

namespace mondo::app {

namespace {

// SDL's video drivers that show nothing on any screen: they draw into memory, or nowhere.
bool IsHeadlessVideoDriver(std::string_view driver) {
    return driver == "offscreen" || driver == "dummy" || driver == "evdev";
}

}  // namespace

Expected<Ok, WindowError> StartVideo() {
    constexpr Uint32 kSubsystems = SDL_INIT_VIDEO | SDL_INIT_TIMER;
    if (SDL_WasInit(kSubsystems) == kSubsystems) return Ok{};
    // IME hints must be set before the window exists or SDL ignores them.
    ConfigureImeHints();
    // SDL's software renderer unless the environment names another (SDL_RENDER_DRIVER=opengl
    // with a GPU): see sdl_renderer_backend.h. The window surface must not be an OpenGL texture
    // either, or Mesa is loaded all the same.
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(kSubsystems) != 0) {
        return Unexpected(
            WindowError{std::string("cannot open a window (no display?): ") + SDL_GetError()});
    }
    // When no display answers, SDL does not fail: it falls back to a driver that draws into
    // memory ("offscreen", "dummy"), and the app would run on with no window anyone can see,
    // taking no keys. Only a driver named in SDL_VIDEODRIVER may be one of those.
    const char* asked_for = SDL_GetHint(SDL_HINT_VIDEODRIVER);
    const char* driver = SDL_GetCurrentVideoDriver();
    if ((asked_for == nullptr || *asked_for == '\0') && driver != nullptr &&
        IsHeadlessVideoDriver(driver)) {
        SDL_Quit();
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        return Unexpected(WindowError{
            std::string("cannot open a window: no display answered (DISPLAY=") +
            (display ? display : "unset") + ", WAYLAND_DISPLAY=" + (wayland ? wayland : "unset") +
            "); run it in a desktop session, or under xvfb-run -a"});
    }
    TraceStart("main", "SDL video initialised");
    return Ok{};
}

Expected<std::unique_ptr<Window>, WindowError> Window::Create(const WindowOptions& options) {
    if (auto started = StartVideo(); !started) return Unexpected(started.error());

    auto window = std::unique_ptr<Window>(new Window());
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.hidden) flags |= SDL_WINDOW_HIDDEN;
    const int x = options.x >= 0 ? options.x : SDL_WINDOWPOS_CENTERED;
    const int y = options.y >= 0 ? options.y : SDL_WINDOWPOS_CENTERED;
    window->window_ =
        SDL_CreateWindow(options.title.c_str(), x, y, options.width, options.height, flags);
    if (!window->window_) {
        SDL_Quit();
        return Unexpected(WindowError{std::string("cannot create the window: ") + SDL_GetError()});
    }
    TraceStart("main", "SDL window created");
    window->renderer_ = SDL_CreateRenderer(window->window_, -1, 0);
    if (!window->renderer_) {
        return Unexpected(WindowError{std::string("cannot create a renderer: ") + SDL_GetError()});
    }
    TraceStart("main", "SDL renderer created");
    if (options.vsync) SDL_RenderSetVSync(window->renderer_, 1);  // not every driver can
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(window->renderer_, &info) == 0) {
        window->software_renderer_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    }

    float ddpi = 0.0f;
    const int display = SDL_GetWindowDisplayIndex(window->window_);
    if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) == 0 && ddpi > 0.0f) {
        // 96 dpi is scale 1; ignore implausible values some X servers report.
        const float scale = ddpi / 96.0f;
        // In whole percent, as the app saves it (the next start builds its fonts at the saved
        // scale and compares).
        if (scale >= 1.0f && scale <= 4.0f)
            window->display_scale_ = std::round(scale * 100.0f) / 100.0f;
    }

    if (options.start_imgui) window->StartImGui(options.font_atlas);
    return window;
}

void Window::StartImGui(ImFontAtlas* font_atlas) {
    if (imgui_ready_) return;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext(font_atlas);
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr;  // window geometry is kept in the collection's settings instead
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    SdlRendererInit(renderer_);
    InstallImeHandlers(window_);
    imgui_ready_ = true;
    TraceStart("main", "ImGui context ready");
}

Window::~Window() {
    if (imgui_ready_) {
        SdlRendererShutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void Window::BeginFrame() {
    ImGui_ImplSDL2_NewFrame();
    // A software rasteriser draws the two long thin triangles of an anti-aliased 1-pixel line a
    // row apart (a separator looked broken in the middle); plain lines are whole-pixel
    // rectangles it fills exactly. (Set every frame: the theme may replace the style.)
    if (software_renderer_) ImGui::GetStyle().AntiAliasedLines = false;
    ImGui::NewFrame();
}

void Window::RenderFrame() {
    ImGui::Render();
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(clear.x * 255.0f + 0.5f),
                           static_cast<Uint8>(clear.y * 255.0f + 0.5f),
                           static_cast<Uint8>(clear.z * 255.0f + 0.5f), 255);
    SDL_RenderClear(renderer_);
    SdlRendererRenderDrawData(ImGui::GetDrawData());
}

void Window::Present() { SDL_RenderPresent(renderer_); }

void Window::Show() {
    if ((SDL_GetWindowFlags(window_) & SDL_WINDOW_HIDDEN) == 0) return;
    SDL_ShowWindow(window_);
    TraceStart("main", "window shown");
}

void Window::Hide() {
    // SDL's X11 backend unmaps, waits for the unmap and flushes: gone from the screen on return.
    SDL_HideWindow(window_);
}

bool Window::HasKeyboardFocus() const {
    return (SDL_GetWindowFlags(window_) & SDL_WINDOW_INPUT_FOCUS) != 0;
}

std::vector<unsigned char> Window::ReadPixels(int& width, int& height) const {
    SDL_GetRendererOutputSize(renderer_, &width, &height);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), width * 4);
    return pixels;
}

void Window::ReloadFontTexture() {
    SdlRendererDestroyFontsTexture();
    SdlRendererCreateFontsTexture();
}

void Window::GetPositionAndSize(int& x, int& y, int& width, int& height) const {
    SDL_GetWindowPosition(window_, &x, &y);
    SDL_GetWindowSize(window_, &width, &height);
}

}  // namespace mondo::app
