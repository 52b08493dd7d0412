#include "app/platform/input_queue.h"

#include <imgui.h>

#include <algorithm>

#include "app/platform/ime.h"

namespace mondo::app {

namespace {

bool IsModifier(SDL_Scancode code) {
    return code == SDL_SCANCODE_LCTRL || code == SDL_SCANCODE_RCTRL ||
           code == SDL_SCANCODE_LSHIFT || code == SDL_SCANCODE_RSHIFT ||
           code == SDL_SCANCODE_LALT || code == SDL_SCANCODE_RALT || code == SDL_SCANCODE_LGUI ||
           code == SDL_SCANCODE_RGUI || code == SDL_SCANCODE_MODE;
}

// Chords the app owns: ImGui must not act on them too (its text undo would change a buffer the
// session's undo is about to replace).
bool AppOwnedChord(SDL_Scancode code, Uint16 modifiers) {
    if ((modifiers & KMOD_CTRL) == 0) return false;
    return code == SDL_SCANCODE_Z || code == SDL_SCANCODE_Y || code == SDL_SCANCODE_Q;
}

void SetModifiers(ImGuiIO& io, Uint16 modifiers) {
    io.KeyCtrl = (modifiers & KMOD_CTRL) != 0;
    io.KeyShift = (modifiers & KMOD_SHIFT) != 0;
    io.KeyAlt = (modifiers & KMOD_ALT) != 0;
    io.KeySuper = (modifiers & KMOD_GUI) != 0;
}

}  // namespace

bool InputQueue::Push(const SDL_Event& event) {
    switch (event.type) {
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
        case SDL_TEXTEDITING:
        case SDL_TEXTEDITING_EXT:
            pending_.push_back(event);
            return true;
        default:
            return false;
    }
}

void InputQueue::FeedFrame(ImGuiIO& io) {
    presses_.clear();
    typed_.clear();
    // What this frame already took: keys whose state changed, a non-modifier press, text.
    std::vector<SDL_Scancode> changed;
    bool pressed_key = false;
    bool took_text = false;
    while (!pending_.empty()) {
        SDL_Event& event = pending_.front();
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
            const SDL_Scancode code = event.key.keysym.scancode;
            const bool down = event.type == SDL_KEYDOWN;
            const bool again = std::find(changed.begin(), changed.end(), code) != changed.end();
            // A key changes state at most once a frame; a second press, a press after text, and
            // a modifier change after a press (Ctrl released right after Z) wait a frame.
            if (again || (down && !IsModifier(code) && (pressed_key || took_text)) ||
                (IsModifier(code) && pressed_key)) {
                break;
            }
            const SDL_Event taken = event;
            pending_.pop_front();
            if (HandleImeEvent(taken)) continue;  // the input method's own key
            changed.push_back(code);
            if (code < 0 || code >= static_cast<int>(sizeof io.KeysDown / sizeof io.KeysDown[0]))
                continue;
            SetModifiers(io, taken.key.keysym.mod);
            if (down) {
                if (!IsModifier(code)) pressed_key = true;
                presses_.push_back(KeyPress{code, taken.key.keysym.sym, taken.key.keysym.mod,
                                            taken.key.repeat != 0});
                if (!AppOwnedChord(code, taken.key.keysym.mod)) io.KeysDown[code] = true;
            } else {
                io.KeysDown[code] = false;
            }
            continue;
        }
        const SDL_Event taken = event;
        pending_.pop_front();
        if (HandleImeEvent(taken)) continue;  // composition updates
        if (taken.type == SDL_TEXTINPUT) {
            took_text = true;
            typed_ += taken.text.text;
            io.AddInputCharactersUTF8(taken.text.text);
        }
    }
}

void InputQueue::FeedReleases(ImGuiIO& io) {
    constexpr int kKeys = static_cast<int>(sizeof io.KeysDown / sizeof io.KeysDown[0]);
    while (!pending_.empty() && pending_.front().type == SDL_KEYUP) {
        const SDL_Event taken = pending_.front();
        pending_.pop_front();
        if (HandleImeEvent(taken)) continue;
        const SDL_Scancode code = taken.key.keysym.scancode;
        if (code < 0 || code >= kKeys) continue;
        SetModifiers(io, taken.key.keysym.mod);
        io.KeysDown[code] = false;
    }
}

bool InputQueue::Pressed(SDL_Scancode code, bool repeat) const {
    return std::any_of(presses_.begin(), presses_.end(), [&](const KeyPress& press) {
        return press.scancode == code && (repeat || !press.repeat);
    });
}

bool InputQueue::PressedWithCtrl(SDL_Scancode code) const {
    return std::any_of(presses_.begin(), presses_.end(), [&](const KeyPress& press) {
        return press.scancode == code && !press.repeat && (press.modifiers & KMOD_CTRL) != 0;
    });
}

bool InputQueue::CharacterPressed(char c) const {
    if (typed_.find(c) != std::string::npos) return true;
    // With text input on, the character comes as text (above); the key press alone is not it.
    if (SDL_IsTextInputActive()) return false;
    const bool own_key =
        SDL_GetScancodeFromKey(static_cast<SDL_Keycode>(c)) != SDL_SCANCODE_UNKNOWN;
    return std::any_of(presses_.begin(), presses_.end(), [&](const KeyPress& press) {
        if (press.repeat || (press.modifiers & (KMOD_CTRL | KMOD_ALT)) != 0) return false;
        if (own_key) return press.key == static_cast<SDL_Keycode>(c);
        return c == '@' && press.key == SDLK_2 && (press.modifiers & KMOD_SHIFT) != 0;
    });
}

void InputQueue::Clear() {
    pending_.clear();
    presses_.clear();
    typed_.clear();
}

InputQueue& FrameInput() {
    static InputQueue queue;
    return queue;
}

bool KeyPressed(SDL_Scancode code, bool repeat) { return FrameInput().Pressed(code, repeat); }

}  // namespace mondo::app
