// The bytes the atlas is built from: a subset of the font holding the glyph set (HarfBuzz
// hb-subset), cached on disk, or the font file itself when subsetting is impossible.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/expected.h"
#include "fonts/japanese_font.h"

namespace mondo::fonts {

struct FontSource {
    std::shared_ptr<const std::vector<unsigned char>> bytes;
    int face_index = 0;   // inside `bytes` (0 for a subset: it is a single-face font)
    GlyphSet covered;     // what the bytes can draw of the requested set
    bool whole_font = false;  // the original file: covers whatever the font covers
    std::filesystem::path cache_file;  // where the subset was read from or written to; empty if none

    bool Covers(const GlyphSet& glyphs) const;
};

struct FontSources {
    FontSource regular;
    FontSource bold;             // the bold face subset, or a copy of `regular` when synthetic
    bool synthetic_bold = false;  // no bold face: FreeType emboldens the regular face
};

// The directory subsets are cached in: $XDG_CACHE_HOME/mondo, else $HOME/.cache/mondo.
std::filesystem::path FontCacheDir();

// Subsets `face` (and its bold face) to `glyphs` plus the characters a learner may type (kana and
// JIS X 0208, so typing rarely needs a new subset), reading the cache when its key matches.
// Falls back to the whole font file when the cache directory is unusable or subsetting fails.
Expected<FontSources, FontError> LoadFontSources(const FontFace& face, const GlyphSet& glyphs);

}  // namespace mondo::fonts
