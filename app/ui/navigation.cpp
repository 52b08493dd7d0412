#include "app/ui/navigation.h"

#include <SDL.h>
#include <imgui.h>

#include <cstdio>

#include "app/platform/input_queue.h"

namespace mondo::app {

namespace {

struct Entry {
    Screen screen;
    const char* label;
    SDL_Scancode key;
    const char* key_name;
};

constexpr Entry kEntries[] = {
    {Screen::kHome, "Home", SDL_SCANCODE_F1, "F1"},
    {Screen::kStudy, "Study", SDL_SCANCODE_F2, "F2"},
    {Screen::kRead, "Read", SDL_SCANCODE_F3, "F3"},
    {Screen::kBrowse, "Browse", SDL_SCANCODE_F4, "F4"},
    {Screen::kStats, "Stats", SDL_SCANCODE_F5, "F5"},
    {Screen::kSettings, "Settings", SDL_SCANCODE_F6, "F6"},
    {Screen::kLibrary, "Library", SDL_SCANCODE_F7, "F7"},
};

}  // namespace

std::optional<Screen> DrawNavigationBar(const NavigationModel& model) {
    std::optional<Screen> asked;
    if (ImGui::BeginMainMenuBar()) {
        ImGui::TextUnformatted("mondo");
        ImGui::Separator();
        for (const Entry& entry : kEntries) {
            char label[64];
            if (entry.screen == Screen::kStudy && model.due_now > 0) {
                std::snprintf(label, sizeof label, "%s (%d)###nav_%s", entry.label, model.due_now,
                              entry.label);
            } else {
                std::snprintf(label, sizeof label, "%s###nav_%s", entry.label, entry.label);
            }
            if (ImGui::MenuItem(label, nullptr, model.current == entry.screen))
                asked = entry.screen;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry.key_name);
        }
        ImGui::EndMainMenuBar();
    }
    for (const Entry& entry : kEntries) {
        if (KeyPressed(entry.key, false)) asked = entry.screen;
    }
    if (!ImGui::GetIO().WantTextInput && !ImGui::IsAnyItemActive() && !model.screen_takes_escape &&
        KeyPressed(SDL_SCANCODE_ESCAPE, false) && model.current != Screen::kHome &&
        model.current != Screen::kStudy) {
        asked = Screen::kHome;
    }
    return asked;
}

}  // namespace mondo::app
