#include "tests/app/imgui_harness.h"

namespace mondo::test {

ImGuiHarness::ImGuiHarness(float width, float height) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Key map as the SDL2 backend sets it, so ImGui's named keys work with scancodes.
    io.KeyMap[ImGuiKey_Tab] = 43;         // SDL_SCANCODE_TAB
    io.KeyMap[ImGuiKey_LeftArrow] = 80;   // SDL_SCANCODE_LEFT
    io.KeyMap[ImGuiKey_RightArrow] = 79;  // SDL_SCANCODE_RIGHT
    io.KeyMap[ImGuiKey_UpArrow] = 82;     // SDL_SCANCODE_UP
    io.KeyMap[ImGuiKey_DownArrow] = 81;   // SDL_SCANCODE_DOWN
    io.KeyMap[ImGuiKey_Backspace] = 42;   // SDL_SCANCODE_BACKSPACE
    io.KeyMap[ImGuiKey_Space] = 44;       // SDL_SCANCODE_SPACE
    io.KeyMap[ImGuiKey_Enter] = 40;       // SDL_SCANCODE_RETURN
    io.KeyMap[ImGuiKey_Escape] = 41;      // SDL_SCANCODE_ESCAPE
    io.KeyMap[ImGuiKey_A] = 4;            // SDL_SCANCODE_A
    io.KeyMap[ImGuiKey_Z] = 29;           // SDL_SCANCODE_Z
    unsigned char* pixels = nullptr;
    int tex_width = 0;
    int tex_height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tex_width, &tex_height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
}

ImGuiHarness::~ImGuiHarness() { ImGui::DestroyContext(); }

void ImGuiHarness::Frame(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    for (bool& down : io.KeysDown) down = false;
    io.KeyCtrl = ctrl_;
    io.KeyShift = shift_;
    if (pressed_ >= 0) io.KeysDown[pressed_] = true;
    if (!text_.empty()) io.AddInputCharactersUTF8(text_.c_str());
    if (click_) {
        io.MousePos = ImVec2(click_x_, click_y_);
        io.MouseDown[0] = true;
        release_after_ = 1;
        click_ = false;
    } else if (release_after_ > 0) {
        io.MouseDown[0] = false;
        --release_after_;
    }
    pressed_ = -1;
    ctrl_ = shift_ = false;
    text_.clear();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
}

void ImGuiHarness::PressKey(int scancode, bool ctrl, bool shift) {
    pressed_ = scancode;
    ctrl_ = ctrl;
    shift_ = shift;
}

void ImGuiHarness::TypeText(const std::string& utf8) { text_ = utf8; }

void ImGuiHarness::Click(float x, float y) {
    click_ = true;
    click_x_ = x;
    click_y_ = y;
}

}  // namespace mondo::test
