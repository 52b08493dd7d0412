#include "app/platform/window.h"

#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include "app/platform/ime.h"

#if defined(__SANITIZE_ADDRESS__)
#define MONDO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MONDO_ASAN 1
#endif
#endif
#ifdef MONDO_ASAN
#include <dlfcn.h>
#endif

namespace mondo::app {

namespace {

// Sanitizer builds only: Mesa unloads its driver at SDL_Quit, and LeakSanitizer then reports the
// driver's process-lifetime allocations from an "<unknown module>" that no suppression can name.
// Keeping the driver loaded keeps its frames named (tests/sanitizers/lsan.supp suppresses them).
void PinGlDriverForLeakChecks() {
#ifdef MONDO_ASAN
    for (const char* library :
         {"libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"}) {
        dlopen(library, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    }
#endif
}

}  // namespace

Expected<std::unique_ptr<Window>, WindowError> Window::Create(const WindowOptions& options) {
    // IME hints must be set before the window exists or SDL ignores them.
    ConfigureImeHints();
    PinGlDriverForLeakChecks();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        return Unexpected(
            WindowError{std::string("cannot open a window (no display?): ") + SDL_GetError()});
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);

    auto window = std::unique_ptr<Window>(new Window());
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.hidden) flags |= SDL_WINDOW_HIDDEN;
    const int x = options.x >= 0 ? options.x : SDL_WINDOWPOS_CENTERED;
    const int y = options.y >= 0 ? options.y : SDL_WINDOWPOS_CENTERED;
    window->window_ =
        SDL_CreateWindow(options.title.c_str(), x, y, options.width, options.height, flags);
    if (!window->window_) {
        SDL_Quit();
        return Unexpected(WindowError{std::string("cannot create the window: ") + SDL_GetError()});
    }
    window->gl_context_ = SDL_GL_CreateContext(window->window_);
    if (!window->gl_context_) {
        return Unexpected(
            WindowError{std::string("cannot create an OpenGL 3.2 context: ") + SDL_GetError()});
    }
    SDL_GL_MakeCurrent(window->window_, window->gl_context_);
    SDL_GL_SetSwapInterval(options.vsync ? 1 : 0);

    float ddpi = 0.0f;
    const int display = SDL_GetWindowDisplayIndex(window->window_);
    if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) == 0 && ddpi > 0.0f) {
        // 96 dpi is scale 1; ignore implausible values some X servers report.
        const float scale = ddpi / 96.0f;
        if (scale >= 1.0f && scale <= 4.0f) window->display_scale_ = scale;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr;  // window geometry is kept in the collection's settings instead
    ImGui_ImplSDL2_InitForOpenGL(window->window_, window->gl_context_);
    ImGui_ImplOpenGL3_Init("#version 150");
    InstallImeHandlers(window->window_);
    window->imgui_ready_ = true;
    return window;
}

Window::~Window() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (gl_context_) SDL_GL_DeleteContext(gl_context_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void Window::BeginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
}

void Window::RenderFrame() {
    ImGui::Render();
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::Present() { SDL_GL_SwapWindow(window_); }

std::vector<unsigned char> Window::ReadPixels(int& width, int& height) const {
    SDL_GL_GetDrawableSize(window_, &width, &height);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's origin is bottom-left; images are stored top row first.
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
        std::swap_ranges(pixels.begin() + top * row, pixels.begin() + (top + 1) * row,
                         pixels.begin() + bottom * row);
    }
    return pixels;
}

void Window::ReloadFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::GetPositionAndSize(int& x, int& y, int& width, int& height) const {
    SDL_GetWindowPosition(window_, &x, &y);
    SDL_GetWindowSize(window_, &width, &height);
}

}  // namespace mondo::app
