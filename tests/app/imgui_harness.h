// Runs screen functions in a real ImGui context without a window, for headless UI tests:
// an ASCII font atlas is built (no GPU needed), frames are begun and ended by hand and key
// presses and text go as SDL events through the app's input queue (app/platform/input_queue.h),
// which feeds ImGui (io.KeysDown indexed by SDL scancode) and the screens, as in the window.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>

namespace mondo::test {

class ImGuiHarness {
  public:
    explicit ImGuiHarness(float width = 1280.0f, float height = 800.0f);
    ~ImGuiHarness();
    ImGuiHarness(const ImGuiHarness&) = delete;
    ImGuiHarness& operator=(const ImGuiHarness&) = delete;

    // Runs one frame calling `draw` between NewFrame() and Render().
    void Frame(const std::function<void()>& draw);
    // Runs one frame like Frame() and returns the text `draw` wrote through ImGui's text functions
    // (ImGui's log, handed over through the clipboard callback). ImGui ends a log with the first
    // top-level window that ends, so `draw` should draw one screen.
    std::string LoggedFrame(const std::function<void()>& draw);

    // Presses `scancode` (an SDL_Scancode) during the next frame only, with optional modifiers.
    void PressKey(int scancode, bool ctrl = false, bool shift = false);
    // Types UTF-8 text during the next frame (as SDL_TEXTINPUT would).
    void TypeText(const std::string& utf8);
    // Moves the mouse to (x, y) and clicks during the next frame (press, then release a frame
    // later).
    void Click(float x, float y);

  private:
    bool click_ = false;
    float click_x_ = 0.0f;
    float click_y_ = 0.0f;
    int release_after_ = 0;
};

}  // namespace mondo::test
