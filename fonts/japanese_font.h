// Finding and loading a font that can draw Japanese, and building Dear ImGui's atlas from the
// characters actually shown.
//
// This library may use FreeType, fontconfig, HarfBuzz, ICU and ImGui's font atlas (ImFontAtlas),
// never SDL or SQLite. Errors are returned, never thrown.
//
// Typical use by the app (main thread only; nothing here is thread-safe):
//
//   At start, before the first frame:
//     auto face = FindJapaneseFont(settings.font_family);          // error -> print, exit 1
//     GlyphSet glyphs;  glyphs.AddUtf8(every source text); glyphs.AddUtf8(every UI string);
//     auto fonts = LoadFonts(*io.Fonts, *face, glyphs, FontSizes::FromBody(px).Scaled(dpi_scale));
//     io.FontDefault = fonts->body;                                 // then upload the texture
//   During a frame: text that may hold new characters (typed answers, imported text) is passed to
//     fonts->Request(utf8) — cheap when nothing is new; text drawn in the heading or furigana
//     font to fonts->Request(utf8, font).
//   Between frames (after Render/Present, before the next NewFrame):
//     if (auto grown = fonts->Update(); grown && *grown) window.ReloadFontTexture();
//   When the user changes the font size:
//     fonts->SetSizes(FontSizes::FromBody(px).Scaled(dpi_scale)); window.ReloadFontTexture();
//   The ImFont* in LoadedFonts stay valid across Update() and SetSizes().
//
// Characters outside the BMP (ImWchar is 16-bit in Debian's ImGui build) and characters the font
// has no glyph for are drawn as the replacement box kReplacementCodePoint (U+FFFD): a hollow
// rectangle baked into every font of the atlas, never ImGui's silent '?'. MissingCodePoints() and
// UndrawableCodePoints() report them.
#pragma once

#include <cstdint>
#include <memory>
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
    kBuildFailed,     // the atlas could not be built (e.g. larger than the maximum texture size)
};

struct FontError {
    FontErrorKind kind;
    std::string message;  // one sentence for the user, naming the package to install if relevant
};

struct FontFace {
    std::string path;    // e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
    int face_index = 0;  // face inside a TTC (0 = Noto Sans CJK JP)
    std::string family;  // e.g. "Noto Sans CJK JP"
    // The bold face of the same family (headings), empty when the family has none: headings are
    // then emboldened by FreeType from the regular face.
    std::string bold_path;
    int bold_face_index = 0;

    bool has_bold() const { return !bold_path.empty(); }
};

// Noto Sans CJK JP first, then any font covering Japanese (IPAex Gothic, …). `preferred_family` (a
// user setting) wins when it names an installed font that covers Japanese; otherwise it is
// ignored and the default order applies. Fails with kNoJapaneseFont (message naming the Debian
// package fonts-noto-cjk) when no installed font covers Japanese.
Expected<FontFace, FontError> FindJapaneseFont(std::string_view preferred_family = {});

// Every family installed that covers Japanese, for a settings list. Sorted, unique.
std::vector<std::string> JapaneseFontFamilies();

// A font that draws some code points the main font lacks (symbols such as ✓ ✗ that Noto Sans CJK
// JP does not have), merged into every atlas font after the main face.
struct FallbackFont {
    FontFace face;
    std::vector<char32_t> code_points;  // what it is used for, sorted
};

// Fonts (at most `max_fonts`) that together draw as many of `missing` as possible, chosen by
// fontconfig to look like `primary`. Code points no installed font has are left out.
std::vector<FallbackFont> FindFallbackFonts(const FontFace& primary,
                                            const std::vector<char32_t>& missing,
                                            int max_fonts = 3);

// The code point drawn for characters the atlas cannot show: a replacement box.
inline constexpr char32_t kReplacementCodePoint = 0xFFFD;

// The set of code points the atlas must hold. Always contains printable ASCII, U+00A0, the
// replacement code point, the ideographic space and the Japanese punctuation the line breaker
// and UI use. Code points outside the BMP are never stored (ImWchar is 16-bit): they are drawn as
// the replacement box.
class GlyphSet {
  public:
    GlyphSet();
    // Adds every code point of `text` (malformed UTF-8 adds U+FFFD). Control characters are
    // skipped.
    void AddUtf8(std::string_view text);
    void Add(char32_t code_point);
    void Add(const GlyphSet& other);
    // Adds many code points at once (any order, duplicates allowed): O(n log n), not O(n²).
    void Add(std::vector<char32_t> code_points);
    // Hiragana, katakana (full and half width), the CJK symbols block and full-width forms.
    void AddKana();
    // JIS X 0208 non-kanji rows (1–8) and kanji levels 1 and 2 (rows 16–84), as Unicode.
    void AddJisX0208();
    bool Contains(char32_t code_point) const;
    std::size_t size() const { return code_points_.size(); }
    const std::vector<char32_t>& code_points() const { return code_points_; }  // sorted, unique
    // Zero-terminated ImWchar ranges (pairs) as ImFontAtlas::AddFont* expects; BMP only.
    std::vector<unsigned short> ImGuiRanges() const;
    // A stable 64-bit digest of the code points (for cache keys).
    std::uint64_t Hash() const;

    bool operator==(const GlyphSet& other) const { return code_points_ == other.code_points_; }

  private:
    std::vector<char32_t> code_points_;
};

// Pixel sizes of the three fonts (already multiplied by the display scale when Scaled() is used).
struct FontSizes {
    float body = 20.0f;
    float heading = 28.0f;
    float furigana = 11.0f;

    // Heading 1.4× and furigana 0.55× the body size (the ratios of the defaults).
    static FontSizes FromBody(float body_px);
    // Every size multiplied by `scale` (HiDPI: the display's content scale, 1.0 at 96 dpi).
    FontSizes Scaled(float scale) const;
};

// The glyphs each font holds at the start. The heading and furigana fonts draw few texts (titles,
// readings), so they hold only those: each glyph rasterised at 28 px costs twice one at 20 px.
// The body font holds all three sets.
struct FontGlyphs {
    GlyphSet body;
    GlyphSet heading;
    GlyphSet furigana;
};

// Where LoadFonts gets its bytes. The defaults are what the app wants; tests and benchmarks
// point the cache elsewhere or turn subsetting off to compare.
struct LoadOptions {
    std::string cache_dir;        // empty: FontCacheDir() ($XDG_CACHE_HOME/mondo or ~/.cache/mondo)
    bool use_subset = true;       // false: build from the whole font file (19.5 MB for Noto)
    bool with_typing_set = true;  // the regular subset also holds kana and JIS X 0208 (growth)
};

// What LoadFonts did, for diagnostics and benchmarks.
struct LoadReport {
    bool subset_cache_hit = false;        // every subset came from the cache
    std::size_t regular_bytes = 0;        // size of the regular font data given to ImGui
    std::size_t bold_bytes = 0;           // size of the bold font data (0: synthetic bold)
    std::string regular_cache_file;       // empty when not cached
    std::vector<FallbackFont> fallbacks;  // fonts merged in for code points the face lacks
};

// The fonts built into an ImFontAtlas, and what the atlas needs to grow or be resized later.
// Move-only. The ImFontAtlas must outlive this object. The atlas' font data and glyph ranges live
// here (no copy of the font per size): destroying this object leaves the built atlas and its
// texture usable, but the atlas must not be built again afterwards (ImFontAtlas::Build, or
// GetTexData* after ClearTexData) — destroy it first, or call atlas.Clear().
class LoadedFonts {
  public:
    ImFont* body = nullptr;      // also the atlas' default font
    ImFont* heading = nullptr;   // bold face (or emboldened regular) at the heading size
    ImFont* furigana = nullptr;  // regular face at the furigana size

    LoadedFonts();
    LoadedFonts(LoadedFonts&&) noexcept;
    LoadedFonts& operator=(LoadedFonts&&) noexcept;
    ~LoadedFonts();

    // Queues every code point of `utf8` that the body font lacks and the font file can draw.
    // Cheap when nothing is new (one hash lookup per character). Call any time, also during a
    // frame.
    void Request(std::string_view utf8);
    // The same for text drawn with `drawn_with` (body, heading or furigana; any other font counts
    // as the body): each font holds only the glyphs asked of it (and the body every glyph).
    void Request(std::string_view utf8, const ImFont* drawn_with);
    bool HasPending() const;
    // Between frames only (the texture is rebuilt): adds the queued code points to the atlas.
    // Returns true when the atlas changed and the app must re-upload the texture
    // (ImGui_ImplOpenGL3_DestroyFontsTexture + CreateFontsTexture). ImFont* stay valid.
    Expected<bool, FontError> Update();
    // Between frames only: rebuilds the atlas at new sizes (user font-size setting, display
    // scale change). The app must re-upload the texture afterwards. ImFont* stay valid.
    Expected<Ok, FontError> SetSizes(const FontSizes& sizes);

    const FontSizes& sizes() const;
    const GlyphSet& glyphs() const;  // what the atlas holds now (the body font: every glyph)
    const GlyphSet& glyphs(const ImFont* font) const;  // what one of the three fonts holds
    const FontFace& face() const;
    // Bytes of the RGBA32 texture the backend uploads.
    std::size_t TextureBytes() const;
    const LoadReport& report() const;
    // Code points requested (Request) that the font cannot draw: they show as the box.
    std::vector<char32_t> Undrawable() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
    friend Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas&, const FontFace&,
                                                      const FontGlyphs&, const FontSizes&,
                                                      const LoadOptions&);
};

// Clears `atlas`, selects the FreeType builder and builds body, heading and furigana fonts each
// holding `glyphs` at `sizes`, from subsets of the font cached on disk (see fonts/subset_cache.h;
// the whole file when no subset can be made). Headings use the bold face; characters the bold
// subset lacks (added by growth) come from the regular face emboldened. Does not upload the
// texture: the backend does on its first frame, or the app re-uploads. Errors: kLoadFailed (font
// unreadable), kBuildFailed (FreeType or the packer failed).
Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas& atlas, const FontFace& face,
                                           const GlyphSet& glyphs, const FontSizes& sizes = {},
                                           const LoadOptions& options = {});
// The same with a glyph set per font (see FontGlyphs): subsets are made from their union.
Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas& atlas, const FontFace& face,
                                           const FontGlyphs& glyphs, const FontSizes& sizes = {},
                                           const LoadOptions& options = {});

// The code points of `utf8` that `font` would not draw as themselves (not in the atlas, or
// outside the BMP), in order of first appearance, unique. Newlines and tabs are not reported.
std::vector<char32_t> MissingCodePoints(const ImFont& font, std::string_view utf8);

// The code points of `utf8` that the font file itself has no glyph for (so growing the atlas
// cannot help, unless a fallback font has them), in order of first appearance, unique.
// Outside-BMP code points are reported too (ImGui cannot draw them even when the font can).
// Fails only when the font cannot be opened.
Expected<std::vector<char32_t>, FontError> UndrawableCodePoints(const FontFace& face,
                                                                std::string_view utf8);

}  // namespace mondo::fonts
