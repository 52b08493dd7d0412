// IME support for SDL2 + ImGui 1.86: hints, candidate window position, pre-edit tracking and
// drawing.
#include "app/platform/ime.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "content/unicode.h"

namespace mondo::app {

namespace {

// How long after a composition ends an Enter press still belongs to the input method.
constexpr Uint32 kEnterGuardMs = 100;

struct ImeState {
    SDL_Window* window = nullptr;
    std::string preedit;
    int cursor = 0;
    bool composing = false;
    // ImGui frame count when the last composition ended; -1 when never.
    int ended_at_frame = -1;
    // SDL ticks when the last composition ended (a guard for key events that arrive with it).
    Uint32 ended_at_ticks = 0;
};

ImeState& State() {
    static ImeState state;
    return state;
}

int CurrentFrame() { return ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : 0; }

void SetInputRect(int x, int y) {
    // ImGui reports the caret's top-left; the candidate window goes just below the line.
    const float line = ImGui::GetCurrentContext() ? ImGui::GetFontSize() : 20.0f;
    SDL_Rect rect{x, y, 1, static_cast<int>(line + 2.0f)};
    SDL_SetTextInputRect(&rect);
}

void EndComposition(ImeState& s) {
    if (s.composing) {
        s.ended_at_frame = CurrentFrame();
        s.ended_at_ticks = SDL_GetTicks();
    }
    s.composing = false;
    s.preedit.clear();
    s.cursor = 0;
}

void SetComposition(ImeState& s, const char* text, int start) {
    s.preedit = text ? text : "";
    if (s.preedit.empty()) {
        EndComposition(s);
        return;
    }
    s.composing = true;
    s.cursor = std::max(0, start);
}

}  // namespace

void ConfigureImeHints() {
    // Client-side preedit: the input method sends its composition to mondo (SDL_TEXTEDITING),
    // which draws it at the caret. With internal editing on, SDL asks IBus for focus only and the
    // learner types blind unless an IME panel runs.
    SDL_SetHint(SDL_HINT_IME_INTERNAL_EDITING, "0");
    SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
    SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
}

void InstallImeHandlers(SDL_Window* window) {
    assert(ImGui::GetCurrentContext() && "InstallImeHandlers needs an ImGui context");
    State().window = window;
    ImGui::GetIO().ImeSetInputScreenPosFn = &SetInputRect;
}

bool HandleImeEvent(const SDL_Event& event) {
    ImeState& s = State();
    switch (event.type) {
        case SDL_TEXTEDITING:
            SetComposition(s, event.edit.text, event.edit.start);
            return true;
        case SDL_TEXTEDITING_EXT:
            SetComposition(s, event.editExt.text, event.editExt.start);
            return true;
        case SDL_TEXTINPUT:
            // The committed text: the composition is over. The event itself goes on to ImGui.
            EndComposition(s);
            return false;
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            const SDL_Scancode key = event.key.keysym.scancode;
            const bool ime_key = key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER ||
                                 key == SDL_SCANCODE_ESCAPE || key == SDL_SCANCODE_BACKSPACE ||
                                 key == SDL_SCANCODE_SPACE || key == SDL_SCANCODE_TAB ||
                                 key == SDL_SCANCODE_LEFT || key == SDL_SCANCODE_RIGHT ||
                                 key == SDL_SCANCODE_UP || key == SDL_SCANCODE_DOWN;
            if (!ime_key) return false;
            if (s.composing) return true;
            // The confirming Enter can trail the commit by a few milliseconds; with input
            // trickling it may be taken a frame later than the commit, so the guard is by time.
            const bool just_ended =
                s.ended_at_frame >= 0 && SDL_GetTicks() - s.ended_at_ticks < kEnterGuardMs;
            return event.type == SDL_KEYDOWN && just_ended &&
                   (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER);
        }
        default:
            return false;
    }
}

bool ImeComposing() {
    const ImeState& s = State();
    if (s.composing) return true;
    // The frame after the composition ended still counts: its Enter confirmed the conversion.
    return s.ended_at_frame >= 0 && CurrentFrame() <= s.ended_at_frame + 1;
}

const std::string& ImePreedit() { return State().preedit; }

int ImePreeditCursor() { return State().cursor; }

void DrawImePreedit() {
    const ImeState& s = State();
    if (!s.composing || s.preedit.empty() || !ImGui::GetCurrentContext()) return;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // 1.86 stores the caret of the active InputText here during the frame.
    const ImVec2 caret = g.PlatformImePos;
    if (caret.x == FLT_MAX || caret.y == FLT_MAX) return;
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const char* begin = s.preedit.c_str();
    const char* end = begin + s.preedit.size();
    const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end);
    const ImVec2 pos(caret.x + 1.0f, caret.y);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    draw->AddRectFilled(ImVec2(pos.x - 1.0f, pos.y),
                        ImVec2(pos.x + text_size.x + 2.0f, pos.y + size + 3.0f),
                        ImGui::GetColorU32(ImGuiCol_PopupBg));
    draw->AddText(font, size, pos, text_color, begin, end);
    // Underline the whole composition, as every IME does for unconverted text.
    const float underline_y = pos.y + size + 1.0f;
    draw->AddLine(ImVec2(pos.x, underline_y), ImVec2(pos.x + text_size.x, underline_y), text_color,
                  1.0f);
    // The caret inside the composition.
    std::size_t caret_offset = 0;
    for (int k = 0; k < s.cursor && caret_offset < s.preedit.size(); ++k)
        content::DecodeUtf8(s.preedit, caret_offset);
    const float caret_x =
        pos.x + font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, begin + caret_offset).x;
    draw->AddLine(ImVec2(caret_x, pos.y), ImVec2(caret_x, pos.y + size), text_color, 1.0f);
}

void FollowTextInput(bool text_box_active) {
    const bool active = SDL_IsTextInputActive() == SDL_TRUE;
    if (text_box_active == active) return;
    if (text_box_active) {
        SDL_StartTextInput();
    } else {
        SDL_StopTextInput();
        ResetIme();
    }
}

void ResetIme() {
    ImeState& s = State();
    s.composing = false;
    s.preedit.clear();
    s.cursor = 0;
}

}  // namespace mondo::app
