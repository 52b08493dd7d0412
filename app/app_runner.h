// Running the window: the interactive app, or one screen rendered to a PNG (`mondo screenshot`).
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/ui/theme.h"
#include "content/expected.h"
#include "storage/collection.h"

namespace mondo::app {

struct ScreenshotRequest {
    std::string screen = "study";
    std::filesystem::path out;
    int width = 1280;
    int height = 800;
    std::optional<Theme> theme;  // default: the collection's setting
    bool timings = false;        // print start-up phases as JSON
    // Synthetic input played into the real event queue before the picture is taken, one item a
    // frame: quick taps (press and release in the same frame) of SDL key names ("Return", "3",
    // "F2", "Ctrl+Z") or "text:…" for typed text.
    std::vector<std::string> keys;
};

struct RunOptions {
    std::filesystem::path db_path;
    std::optional<ScreenshotRequest> screenshot;  // set: render one screen, save it, exit
};

class AppController;

// Draws one frame of the app (navigation bar, the current screen, the error banner) inside an
// ImGui frame, and applies what the screens return to `controller`.
void DrawAppFrame(AppController& controller);

// Imports the built-in interview into an empty collection (the first start): from then on it is
// one source among others, so a built-in interview the learner retired (or renamed) stays so —
// only a collection without any source gets it. Errors: the storage error's message.
Expected<Ok, std::string> EnsureFirstSource(storage::Collection& collection);

// Returns the process exit status: 0 success, 1 user error (no font, bad option),
// 2 database unusable. Messages for the user go to `err`.
int RunApp(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
