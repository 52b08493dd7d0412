// Which theme the app draws with: a setting saved in the collection, so it lives apart from the
// ImGui styling (app/ui/theme.h) and the command line can read and write it without ImGui.
#pragma once

namespace mondo::app {

enum class Theme { kLight, kDark };

}  // namespace mondo::app
