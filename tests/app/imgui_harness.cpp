#include "tests/app/imgui_harness.h"

#include <SDL.h>

#include <algorithm>
#include <cstring>

#include "app/platform/input_queue.h"
#include "content/unicode.h"

namespace mondo::test {

ImGuiHarness::ImGuiHarness(float width, float height) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    app::FrameInput().Clear();
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

ImGuiHarness::~ImGuiHarness() {
    app::FrameInput().Clear();
    ImGui::DestroyContext();
}

void ImGuiHarness::Frame(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    // Keys and text reach ImGui and the screens through the app's input queue, as in the window.
    app::InputQueue& input = app::FrameInput();
    input.FeedFrame(io);
    if (click_) {
        io.MousePos = ImVec2(click_x_, click_y_);
        io.MouseDown[0] = true;
        release_after_ = 1;
        click_ = false;
    } else if (release_after_ > 0) {
        io.MouseDown[0] = false;
        --release_after_;
    }
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    // Between frames: the release of the key pressed in this frame (PressKey presses for one
    // frame only), so the next frame starts with no key down.
    input.FeedReleases(io);
}

std::string ImGuiHarness::LoggedFrame(const std::function<void()>& draw) {
    std::string logged;
    ImGuiIO& io = ImGui::GetIO();
    io.ClipboardUserData = &logged;
    io.SetClipboardTextFn = [](void* user, const char* text) {
        *static_cast<std::string*>(user) += text;
    };
    Frame([&] {
        ImGui::LogToClipboard();
        draw();
        ImGui::LogFinish();
    });
    io.SetClipboardTextFn = nullptr;
    io.ClipboardUserData = nullptr;
    return logged;
}

void ImGuiHarness::PressKey(int scancode, bool ctrl, bool shift) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    event.key.keysym.scancode = static_cast<SDL_Scancode>(scancode);
    event.key.keysym.sym = static_cast<SDL_Keycode>(scancode | SDLK_SCANCODE_MASK);
    event.key.keysym.mod = static_cast<Uint16>((ctrl ? KMOD_LCTRL : 0) | (shift ? KMOD_LSHIFT : 0));
    app::FrameInput().Push(event);
    event.type = SDL_KEYUP;
    event.key.state = SDL_RELEASED;
    event.key.keysym.mod = 0;
    app::FrameInput().Push(event);
}

void ImGuiHarness::TypeText(const std::string& utf8) {
    // SDL_TEXTINPUT carries at most 31 bytes: split on code point boundaries.
    std::size_t start = 0;
    while (start < utf8.size()) {
        const std::size_t end = start + content::TruncateUtf8(std::string_view(utf8).substr(start),
                                                              sizeof(SDL_TextInputEvent::text) - 1)
                                            .size();
        SDL_Event event{};
        event.type = SDL_TEXTINPUT;
        std::memcpy(event.text.text, utf8.data() + start, end - start);
        app::FrameInput().Push(event);
        start = end;
    }
}

void ImGuiHarness::Click(float x, float y) {
    click_ = true;
    click_x_ = x;
    click_y_ = y;
}

}  // namespace mondo::test
