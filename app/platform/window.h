// The application window: SDL2 + an OpenGL 3 context + Dear ImGui with its SDL2/OpenGL3 backends.
//
// Ownership: Window owns the SDL window, the GL context and the ImGui context; it is move-only and
// tears them down in reverse order in its destructor. One per process, main thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "content/expected.h"

struct SDL_Window;
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
    // Renders the ImGui draw data into the back buffer (does not present).
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
    void* gl_context_ = nullptr;
    bool imgui_ready_ = false;
    float display_scale_ = 1.0f;
};

}  // namespace mondo::app
