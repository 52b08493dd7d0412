// Screens draw from view models and return intents: what the learner asked for. The app's
// controller applies them to the session and the collection; screens never touch storage.
#pragma once

#include <string>

namespace mondo::app {

enum class Screen { kHome, kStudy, kRead, kBrowse, kStats, kSettings, kLibrary };

inline constexpr Screen kAllScreens[] = {Screen::kHome,   Screen::kStudy, Screen::kRead,
                                         Screen::kBrowse, Screen::kStats, Screen::kSettings,
                                         Screen::kLibrary};

// "home", "study", "read", "browse", "stats", "settings", "library".
const char* ScreenName(Screen screen);
bool ScreenFromName(const std::string& name, Screen& screen);

}  // namespace mondo::app
