#include "app/ui/screen_window.h"

#include <SDL.h>
#include <imgui_internal.h>  // GetActiveID: which box the composition is in
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/platform/input_queue.h"

namespace mondo::app {

void BeginScreenWindow(const char* name, ImGuiWindowFlags extra_flags) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | extra_flags);
}

void ScrollByPageKeys() {
    if (ImGui::GetIO().WantTextInput || ImGui::IsAnyItemActive()) return;
    // A page less a line, so the line at the edge stays in view.
    const float page =
        std::max(ImGui::GetWindowHeight() - ImGui::GetTextLineHeightWithSpacing() * 2.0f,
                 ImGui::GetTextLineHeightWithSpacing());
    if (KeyPressed(SDL_SCANCODE_PAGEDOWN, true)) {
        ImGui::SetScrollY(std::min(ImGui::GetScrollY() + page, ImGui::GetScrollMaxY()));
    }
    if (KeyPressed(SDL_SCANCODE_PAGEUP, true)) {
        ImGui::SetScrollY(std::max(ImGui::GetScrollY() - page, 0.0f));
    }
}

bool InputTextWithHintUnlessComposing(const char* label, const char* hint, std::string* text,
                                      bool ime_composing) {
    const bool composing_here = ime_composing && ImGui::GetActiveID() == ImGui::GetID(label);
    return ImGui::InputTextWithHint(label, composing_here ? "" : hint, text);
}

}  // namespace mondo::app
