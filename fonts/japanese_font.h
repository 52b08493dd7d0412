// Finding and loading a font that can draw Japanese, and building Dear ImGui's atlas from the
// characters actually shown.
//
// This library may use FreeType, fontconfig, HarfBuzz, ICU and ImGui's font atlas (ImFontAtlas),
// never SDL or SQLite. Errors are returned, never thrown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/expected.h"

struct ImFontAtlas;
struct ImFont;

namespace mondo::fonts {

enum class FontErrorKind {
    kNoJapaneseFont,  // fontconfig knows no font covering Japanese (install fonts-noto-cjk)
    kLoadFailed,      // the file could not be read or FreeType rejected it
};

struct FontError {
    FontErrorKind kind;
    std::string message;  // one sentence for the user, naming the package to install if relevant
};

struct FontFace {
    std::string path;     // e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
    int face_index = 0;   // face inside a TTC (0 = Noto Sans CJK JP)
    std::string family;   // e.g. "Noto Sans CJK JP"
};

// Noto Sans CJK JP first, then any font covering Japanese. `preferred_family` (a user setting)
// wins when it names an installed font that covers Japanese.
Expected<FontFace, FontError> FindJapaneseFont(std::string_view preferred_family = {});

// The set of code points the atlas must hold. Always contains printable ASCII.
class GlyphSet {
public:
    GlyphSet();
    void AddUtf8(std::string_view text);
    bool Contains(char32_t code_point) const;
    std::size_t size() const { return code_points_.size(); }
    const std::vector<char32_t>& code_points() const { return code_points_; }  // sorted, unique
    // Zero-terminated ImWchar ranges (pairs) as ImFontAtlas::AddFont* expects; BMP only.
    std::vector<unsigned short> ImGuiRanges() const;

private:
    std::vector<char32_t> code_points_;
};

}  // namespace mondo::fonts
