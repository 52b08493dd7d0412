#include "app/ui/screens.h"

namespace mondo::app {

const char* ScreenName(Screen screen) {
    switch (screen) {
        case Screen::kHome:
            return "home";
        case Screen::kStudy:
            return "study";
        case Screen::kRead:
            return "read";
        case Screen::kBrowse:
            return "browse";
        case Screen::kStats:
            return "stats";
        case Screen::kSettings:
            return "settings";
        case Screen::kLibrary:
            return "library";
    }
    return "home";
}

bool ScreenFromName(const std::string& name, Screen& screen) {
    for (Screen candidate : kAllScreens) {
        if (name == ScreenName(candidate)) {
            screen = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace mondo::app
