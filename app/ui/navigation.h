// The bar at the top of every screen: one entry per screen, reachable with F1–F7 from anywhere.
#pragma once

#include <optional>

#include "app/ui/screens.h"

namespace mondo::app {

struct NavigationModel {
    Screen current = Screen::kHome;
    int due_now = 0;  // shown beside "Study"
    // The screen uses Escape itself (the Library's import preview cancels with it).
    bool screen_takes_escape = false;
};

// Draws ImGui's main menu bar (which shrinks the work area the screens fill) and returns the
// screen asked for, by click or by F1–F7; Escape goes home when no text field has focus (and the
// screen does not take it).
std::optional<Screen> DrawNavigationBar(const NavigationModel& model);

}  // namespace mondo::app
