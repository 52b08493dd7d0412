#include "app/ui/ui_strings.h"

namespace mondo::app {

const std::vector<std::string>& UiStrings() {
    static const std::vector<std::string> strings = {
        "mondo 問答",
        "…",
        "→ ← ↑ ↓ · • ✓ ✗ ★",
    };
    return strings;
}

}  // namespace mondo::app
