#include "app/preferences.h"

#include <charconv>
#include <cstdio>
#include <map>

namespace mondo::app {

namespace {

constexpr const char* kTheme = "ui.theme";
constexpr const char* kFontSize = "ui.font_size";
constexpr const char* kJapaneseFont = "ui.japanese_font";
constexpr const char* kWindow = "ui.window";
constexpr int kMinFontSize = 14;
constexpr int kMaxFontSize = 32;

std::optional<int> ParseInt(const std::string& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

Expected<SettingsValues, std::string> LoadPreferences(storage::Collection& collection) {
    auto stored = collection.LoadSettings();
    if (!stored) return Unexpected(stored.error().message);
    SettingsValues values;
    const auto& map = *stored;
    if (const auto it = map.find(kTheme); it != map.end()) {
        values.theme = it->second == "dark" ? Theme::kDark : Theme::kLight;
    }
    if (const auto it = map.find(kFontSize); it != map.end()) {
        if (const auto size = ParseInt(it->second);
            size && *size >= kMinFontSize && *size <= kMaxFontSize) {
            values.font_size = *size;
        }
    }
    if (const auto it = map.find(kJapaneseFont); it != map.end()) values.japanese_font = it->second;
    return values;
}

Expected<Ok, std::string> SavePreferences(storage::Collection& collection,
                                          const SettingsValues& values) {
    const std::map<std::string, std::string> map = {
        {kTheme, values.theme == Theme::kDark ? "dark" : "light"},
        {kFontSize, std::to_string(values.font_size)},
        {kJapaneseFont, values.japanese_font},
    };
    if (auto saved = collection.SaveSettings(map); !saved) return Unexpected(saved.error().message);
    return Ok{};
}

std::optional<WindowGeometry> LoadWindowGeometry(storage::Collection& collection) {
    auto stored = collection.LoadSettings();
    if (!stored) return std::nullopt;
    const auto it = stored->find(kWindow);
    if (it == stored->end()) return std::nullopt;
    WindowGeometry geometry;
    char rest = 0;
    // "x y width height" and since the start-up overlap also " scale%" (older files lack it).
    const int fields =
        std::sscanf(it->second.c_str(), "%d %d %d %d %d%c", &geometry.x, &geometry.y,
                    &geometry.width, &geometry.height, &geometry.display_scale_percent, &rest);
    if (fields != 4 && fields != 5) return std::nullopt;
    if (fields == 4 || geometry.display_scale_percent < 100 || geometry.display_scale_percent > 400)
        geometry.display_scale_percent = 0;
    if (geometry.width < 400 || geometry.height < 300 || geometry.width > 16384 ||
        geometry.height > 16384) {
        return std::nullopt;
    }
    return geometry;
}

Expected<Ok, std::string> SaveWindowGeometry(storage::Collection& collection,
                                             const WindowGeometry& geometry) {
    std::string value = std::to_string(geometry.x) + " " + std::to_string(geometry.y) + " " +
                        std::to_string(geometry.width) + " " + std::to_string(geometry.height);
    if (geometry.display_scale_percent > 0) {
        value += ' ';
        value += std::to_string(geometry.display_scale_percent);
    }
    const std::map<std::string, std::string> map = {{kWindow, value}};
    if (auto saved = collection.SaveSettings(map); !saved) return Unexpected(saved.error().message);
    return Ok{};
}

}  // namespace mondo::app
