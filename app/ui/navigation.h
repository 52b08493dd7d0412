// The bar at the top of every screen: one entry per screen, reachable with F1–F6 from anywhere.
#pragma once

#include <optional>

#include "app/ui/screens.h"

namespace mondo::app {

struct NavigationModel {
    Screen current = Screen::kHome;
    int due_now = 0;  // shown beside "Study"
};

// Draws ImGui's main menu bar (which shrinks the work area the screens fill) and returns the
// screen asked for, by click or by F1–F6; Escape goes home when no text field has focus.
std::optional<Screen> DrawNavigationBar(const NavigationModel& model);

}  // namespace mondo::app
