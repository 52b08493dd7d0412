// The app's own preferences (theme, font size, Japanese font, window geometry), kept in the
// collection's settings table beside the study settings, under "ui.*" keys. Absent or invalid
// values read as defaults, so a hand-edited table never stops the app.
#pragma once

#include <optional>
#include <string>

#include "app/ui/settings_screen.h"
#include "content/expected.h"
#include "storage/collection.h"

namespace mondo::app {

struct WindowGeometry {
    int x = -1;
    int y = -1;
    int width = 1280;
    int height = 800;
    // The display's content scale when the window was saved, in percent (150: 1.5), 0 when not
    // known: the next start builds its fonts at this scale before the window exists.
    int display_scale_percent = 0;
};

// Study values in the result are left at their defaults: the caller fills them from the study
// settings.
Expected<SettingsValues, std::string> LoadPreferences(storage::Collection& collection);
Expected<Ok, std::string> SavePreferences(storage::Collection& collection,
                                          const SettingsValues& values);

std::optional<WindowGeometry> LoadWindowGeometry(storage::Collection& collection);
Expected<Ok, std::string> SaveWindowGeometry(storage::Collection& collection,
                                             const WindowGeometry& geometry);

}  // namespace mondo::app
