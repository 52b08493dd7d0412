// The application window: SDL2 + an SDL_Renderer + Dear ImGui with its SDL2 platform backend and
// mondo's SDL_Renderer backend (app/platform/sdl_renderer_backend.h).
//
// Ownership: Window owns the SDL window, the renderer and the ImGui context; it is move-only and
// tears them down in reverse order in its destructor. One per process, main thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "content/expected.h"

struct SDL_Window;
struct SDL_Renderer;
struct ImFontAtlas;
typedef union SDL_Event SDL_Event;

namespace mondo::app {

struct WindowOptions {
    std::string title = "mondo 問答";
    int width = 1280;
    int height = 800;
    int x = -1;  // < 0: let the window manager place it
    int y = -1;
    // Created unmapped: for screenshots (render without showing the window), or for the app, which
    // shows it with its first frame (Show) so that it never appears blank.
    bool hidden = false;
    bool vsync = true;
    // The font atlas the ImGui context uses (not owned; must outlive the Window), or nullptr for
    // one of its own.
    ImFontAtlas* font_atlas = nullptr;
    // False: Create makes the window and its renderer only, and StartImGui() makes the ImGui
    // context later. While a thread builds a font atlas no ImGui context may exist: ImGui 1.86
    // counts every allocation of any thread in the current context (io.MetricsActiveAllocations),
    // so an atlas built on one thread while another has a context is a data race.
    bool start_imgui = true;
};

struct WindowError {
    std::string message;
};

// Connects SDL to the display (SDL video and timers, with mondo's renderer and IME hints): the
// slow part of opening a window, and one that needs neither the window's geometry nor its fonts,
// so the app calls it while the collection opens. Window::Create calls it when it was not called.
// SDL_Quit (the Window's destructor) undoes it. Main thread only. Fails when no display answers,
// rather than run on a driver that shows nothing (unless SDL_VIDEODRIVER asks for one).
Expected<Ok, WindowError> StartVideo();

class Window {
  public:
    static Expected<std::unique_ptr<Window>, WindowError> Create(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Makes the ImGui context (with `font_atlas`, not owned, or one of its own when nullptr) and
    // its backends. Done by Create unless WindowOptions::start_imgui was false; once only.
    void StartImGui(ImFontAtlas* font_atlas);

    // Starts an ImGui frame (backends first, then ImGui::NewFrame()).
    void BeginFrame();
    // Renders the ImGui draw data into the back buffer over the theme's background (does not
    // present).
    void RenderFrame();
    // Presents the back buffer.
    void Present();
    // Maps a window created hidden (and waits until it is mapped); nothing when it is shown.
    void Show();
    // Unmaps the window now (quitting: it disappears before the work of closing, which may take
    // seconds, rather than staying on screen unresponsive until the process ends).
    void Hide();
    // Whether the window has the keyboard (SDL_WINDOW_INPUT_FOCUS).
    bool HasKeyboardFocus() const;

    // Reads the back buffer after RenderFrame() as tightly packed RGBA rows, top row first.
    std::vector<unsigned char> ReadPixels(int& width, int& height) const;

    // Re-uploads the font atlas texture after the atlas was rebuilt (between frames).
    void ReloadFontTexture();

    // Content scale of the display (1.0 on a 96-dpi screen); used to size fonts.
    float DisplayScale() const { return display_scale_; }

    SDL_Window* sdl_window() const { return window_; }
    void GetPositionAndSize(int& x, int& y, int& width, int& height) const;

  private:
    Window() = default;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool software_renderer_ = false;
    bool imgui_ready_ = false;
    float display_scale_ = 1.0f;
};

}  // namespace mondo::app
