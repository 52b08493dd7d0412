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
    bool hidden = false;  // for screenshots: render without showing the window
    bool vsync = true;
    // The font atlas the ImGui context uses (not owned; must outlive the Window), or nullptr for
    // one of its own. ImGui does not touch it before the first frame, so it may still be built
    // elsewhere while the window starts.
    ImFontAtlas* font_atlas = nullptr;
};

struct WindowError {
    std::string message;
};

class Window {
  public:
    static Expected<std::unique_ptr<Window>, WindowError> Create(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Starts an ImGui frame (backends first, then ImGui::NewFrame()).
    void BeginFrame();
    // Renders the ImGui draw data into the back buffer over the theme's background (does not
    // present).
    void RenderFrame();
    // Presents the back buffer.
    void Present();

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
