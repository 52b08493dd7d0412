// Subset fonts cached on disk.
#include "fonts/subset_cache.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace mondo::fonts {

bool FontSource::Covers(const GlyphSet& glyphs) const {
    if (whole_font) return true;
    return std::includes(covered.code_points().begin(), covered.code_points().end(),
                         glyphs.code_points().begin(), glyphs.code_points().end());
}

std::filesystem::path FontCacheDir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        return std::filesystem::path(xdg) / "mondo";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "mondo";
    }
    return {};
}

namespace {

Expected<FontSource, FontError> ReadWhole(const std::string& path, int face_index) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Unexpected(FontError{FontErrorKind::kLoadFailed, "cannot read the font " + path});
    auto bytes = std::make_shared<std::vector<unsigned char>>(std::istreambuf_iterator<char>(in),
                                                              std::istreambuf_iterator<char>());
    if (bytes->empty()) return Unexpected(FontError{FontErrorKind::kLoadFailed, "the font " + path + " is empty"});
    FontSource source;
    source.bytes = std::move(bytes);
    source.face_index = face_index;
    source.whole_font = true;
    return source;
}

}  // namespace

Expected<FontSources, FontError> LoadFontSources(const FontFace& face, const GlyphSet& glyphs) {
    (void)glyphs;
    FontSources sources;
    auto regular = ReadWhole(face.path, face.face_index);
    if (!regular) return Unexpected(regular.error());
    sources.regular = std::move(*regular);
    if (face.has_bold()) {
        auto bold = ReadWhole(face.bold_path, face.bold_face_index);
        if (bold) {
            sources.bold = std::move(*bold);
            return sources;
        }
    }
    sources.bold = sources.regular;
    sources.synthetic_bold = true;
    return sources;
}

}  // namespace mondo::fonts
