// The bytes the atlas is built from: subsets of the font (HarfBuzz hb-subset) cached on disk, or
// the font file itself when no subset can be made or stored.
//
// Cache: one file per (font file, face, file size and mtime, code point set, format version) under
// FontCacheDir(), named `subset-<font id>-<key>.otf`. Written to a temporary file and renamed, so a
// crash never leaves a half-written subset under the final name; a file that does not parse as a
// font is regenerated. Writing a new subset for a font removes that font's older subsets.
// Thread-safety: none needed by the app (main thread); two processes racing write the same bytes
// and the rename is atomic.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/expected.h"
#include "fonts/japanese_font.h"

namespace mondo::fonts {

// Immutable font bytes: a read-only mapping of a file (cache hits and whole fonts: no copy, pages
// shared with the page cache) or bytes made in memory (a fresh subset). Move-only.
class FontBytes {
  public:
    explicit FontBytes(std::vector<unsigned char> owned);
    // Maps `file` read-only; nullptr when it cannot be opened or is empty.
    static std::shared_ptr<const FontBytes> Map(const std::filesystem::path& file);
    ~FontBytes();
    FontBytes(const FontBytes&) = delete;
    FontBytes& operator=(const FontBytes&) = delete;

    const unsigned char* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool operator==(const FontBytes& other) const;

  private:
    FontBytes() = default;
    std::vector<unsigned char> owned_;
    void* mapping_ = nullptr;
    const unsigned char* data_ = nullptr;
    std::size_t size_ = 0;
};

struct FontSource {
    std::shared_ptr<const FontBytes> bytes;
    int face_index = 0;       // inside `bytes` (0 for a subset: it is a single-face font)
    GlyphSet covered;         // what the bytes can draw (a subset's cmap); unused if whole_font
    bool whole_font = false;  // the original file: covers whatever the font covers
    bool from_cache = false;  // read from an existing cache file (no subsetting this time)
    std::filesystem::path cache_file;  // the subset's file; empty when not cached

    bool Covers(const GlyphSet& glyphs) const;
    bool Covers(char32_t code_point) const;
};

struct FontSources {
    FontSource regular;           // glyphs + the typing set (kana, JIS X 0208) when asked
    FontSource bold;              // the bold face's subset of glyphs; empty bytes when no bold face
    bool synthetic_bold = false;  // no bold face: FreeType emboldens the regular face
    // Subsets of other fonts for the code points of `glyphs` the face lacks (see
    // FindFallbackFonts).
    std::vector<FontSource> fallbacks;
    std::vector<FallbackFont> fallback_fonts;  // parallel to `fallbacks`
};

// The directory subsets are cached in: $XDG_CACHE_HOME/mondo (when absolute), else
// $HOME/.cache/mondo; empty when neither is set.
std::filesystem::path FontCacheDir();

// Subsets one face to `glyphs` (code points the font lacks are left out), through the cache in
// `cache_dir` (empty: no cache, subset in memory). Fails with kLoadFailed when the font cannot be
// read or subset; cache write failures are not errors (the subset is used from memory).
Expected<FontSource, FontError> LoadSubset(const std::string& font_path, int face_index,
                                           const GlyphSet& glyphs,
                                           const std::filesystem::path& cache_dir);

// The whole font file (the fallback when subsetting fails).
Expected<FontSource, FontError> LoadWholeFont(const std::string& font_path, int face_index);

// Regular subset of `glyphs` plus (if `with_typing_set`) kana and JIS X 0208, so typing rarely
// needs a new subset; bold subset of `glyphs`; subsets of fallback fonts for what the face lacks.
// Falls back to the whole font file when subsetting fails.
Expected<FontSources, FontError> LoadFontSources(const FontFace& face, const GlyphSet& glyphs,
                                                 const std::filesystem::path& cache_dir,
                                                 bool with_typing_set = true);

}  // namespace mondo::fonts
