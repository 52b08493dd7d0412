// Building Dear ImGui's atlas for Japanese: three fonts (body, heading, furigana), each holding
// its own glyph set, rebuilt in place when characters are added or sizes change so ImFont* stay
// valid.
//
// [SECTION] Font sizes
// [SECTION] FreeType handles
// [SECTION] The atlas: first build, rebuild, growth, the replacement box
// [SECTION] LoadedFonts
// [SECTION] Reports: MissingCodePoints, UndrawableCodePoints
#include "fonts/japanese_font.h"

#include <ft2build.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unordered_set>

#include "content/unicode.h"
#include "fonts/subset_cache.h"

namespace mondo::fonts {

// [SECTION] Font sizes ---------------------------------------------------------------------------

FontSizes FontSizes::FromBody(float body_px) {
    assert(body_px > 0.0f && "FontSizes::FromBody needs a positive size");
    FontSizes sizes;
    sizes.body = body_px;
    sizes.heading = std::round(body_px * 1.4f);
    sizes.furigana = std::max(8.0f, std::round(body_px * 0.55f));
    return sizes;
}

FontSizes FontSizes::Scaled(float scale) const {
    assert(scale > 0.0f && "FontSizes::Scaled needs a positive scale");
    FontSizes sizes;
    sizes.body = std::round(body * scale);
    sizes.heading = std::round(heading * scale);
    sizes.furigana = std::round(furigana * scale);
    return sizes;
}

namespace {

// [SECTION] FreeType handles ---------------------------------------------------------------------

struct FtLibrary {
    FT_Library library = nullptr;
    FtLibrary() { FT_Init_FreeType(&library); }
    ~FtLibrary() {
        if (library) FT_Done_FreeType(library);
    }
    FtLibrary(const FtLibrary&) = delete;
    FtLibrary& operator=(const FtLibrary&) = delete;
};

// A face opened from a file for cmap look-ups (FreeType streams the file; nothing is copied).
class FtFace {
  public:
    FtFace(FT_Library library, const std::string& path, int index) {
        if (FT_New_Face(library, path.c_str(), index, &face_) != 0) face_ = nullptr;
    }
    ~FtFace() {
        if (face_) FT_Done_Face(face_);
    }
    FtFace(const FtFace&) = delete;
    FtFace& operator=(const FtFace&) = delete;
    bool ok() const { return face_ != nullptr; }
    bool Has(char32_t c) const { return face_ && FT_Get_Char_Index(face_, c) != 0; }
    FT_Face get() const { return face_; }

  private:
    FT_Face face_ = nullptr;
};

}  // namespace

// [SECTION] The atlas
// ------------------------------------------------------------------------------

struct LoadedFonts::Impl {
    // One ImFontConfig per entry; several may target the same font (the heading's merged
    // fallback). Index into fonts[]: 0 body, 1 heading, 2 furigana.
    struct Slot {
        int font = 0;
        int source = kRegular;  // kRegular, kBold, or kFirstFallback + i
        bool embolden = false;  // FreeType synthetic bold
        bool merge = false;
    };
    static constexpr int kRegular = 0;
    static constexpr int kBold = 1;
    static constexpr int kFirstFallback = 2;

    ImFontAtlas* atlas = nullptr;
    FontFace face;
    FontSizes sizes;
    LoadOptions options;
    LoadReport report;
    // What each font holds (index as fonts[]). The body holds every glyph of the other two as
    // well: the regular subset is made from it, so it covers whatever any font asks for.
    GlyphSet glyphs[3];
    std::vector<char32_t> pending[3];         // requested, drawable, not yet in the font
    std::unordered_set<char32_t> undrawable;  // requested, the font has no glyph: drawn as the box
    // Persist: each font's ImFontConfig::GlyphRanges points into its own.
    std::vector<ImWchar> ranges[3];
    FontSources sources;
    FtLibrary ft;
    std::unique_ptr<FtFace> original;  // the full font, opened only when growth needs it
    std::vector<Slot> slots;
    int box_rects[3] = {-1, -1, -1};  // custom rect ids of the replacement box per font
    ImFont* fonts[3] = {nullptr, nullptr, nullptr};

    float SizeOf(int i) const {
        return i == 0 ? sizes.body : i == 1 ? sizes.heading : sizes.furigana;
    }
    const FontSource& SourceOf(const Slot& slot) const {
        if (slot.source == kRegular) return sources.regular;
        if (slot.source == kBold) return sources.bold;
        return sources.fallbacks[static_cast<std::size_t>(slot.source - kFirstFallback)];
    }
    bool FontHas(char32_t c);
    // Moves what is pending into the fonts' glyph sets; returns every code point added.
    std::vector<char32_t> TakePending();
    Expected<Ok, FontError> FirstBuild();
    Expected<Ok, FontError> Rebuild();
    void SetRanges();
    void SizeBoxes();
    void DrawBoxes();
    Expected<Ok, FontError> EnsureSourcesCover(const std::vector<char32_t>& added);
    void PointConfigsAtSources();
};

namespace {

FontError BuildError(const std::string& what) {
    return FontError{FontErrorKind::kBuildFailed, "cannot build the font atlas: " + what};
}

// Font metrics in pixels as ImGui's FreeType builder computes them (for placing the box).
void Metrics(FT_Library library, const FontSource& source, float size, float* ascent,
             float* descent) {
    *ascent = std::ceil(size * 0.88f);
    *descent = std::floor(-size * 0.12f);
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(library, source.bytes->data(),
                           static_cast<FT_Long>(source.bytes->size()), source.face_index,
                           &face) != 0) {
        return;
    }
    FT_Size_RequestRec req{};
    req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
    req.height = static_cast<FT_Long>(size * 64.0f);
    if (FT_Request_Size(face, &req) == 0) {
        *ascent = std::ceil(static_cast<float>(face->size->metrics.ascender) / 64.0f);
        *descent = std::floor(static_cast<float>(face->size->metrics.descender) / 64.0f);
    }
    FT_Done_Face(face);
}

}  // namespace

bool LoadedFonts::Impl::FontHas(char32_t c) {
    if (sources.regular.Covers(c)) return true;
    if (!original) original = std::make_unique<FtFace>(ft.library, face.path, face.face_index);
    return original->Has(c);
}

std::vector<char32_t> LoadedFonts::Impl::TakePending() {
    std::vector<char32_t> added;
    for (int i = 0; i < 3; ++i) {
        if (pending[i].empty()) continue;
        glyphs[i].Add(pending[i]);
        glyphs[0].Add(pending[i]);  // the body holds every font's glyphs (see glyphs)
        added.insert(added.end(), pending[i].begin(), pending[i].end());
        pending[i].clear();
    }
    return added;
}

void LoadedFonts::Impl::SetRanges() {
    for (int font = 0; font < 3; ++font) {
        // U+FFFD is our own drawn box (a custom glyph), never the font's glyph.
        std::vector<ImWchar>& r = ranges[font];
        r.clear();
        for (ImWchar c : glyphs[font].ImGuiRanges()) r.push_back(c);
        for (std::size_t i = 0; i + 1 < r.size(); i += 2) {
            const ImWchar lo = r[i];
            const ImWchar hi = r[i + 1];
            if (lo > kReplacementCodePoint || kReplacementCodePoint > hi) continue;
            std::vector<ImWchar> split;
            if (lo < kReplacementCodePoint)
                split.insert(split.end(), {lo, static_cast<ImWchar>(kReplacementCodePoint - 1)});
            if (hi > kReplacementCodePoint)
                split.insert(split.end(), {static_cast<ImWchar>(kReplacementCodePoint + 1), hi});
            const auto at = r.begin() + static_cast<std::ptrdiff_t>(i);
            r.erase(at, at + 2);
            r.insert(r.begin() + static_cast<std::ptrdiff_t>(i), split.begin(), split.end());
            break;
        }
    }
}

void LoadedFonts::Impl::SizeBoxes() {
    for (int i = 0; i < 3; ++i) {
        const float size = SizeOf(i);
        float ascent = 0.0f;
        float descent = 0.0f;
        Metrics(ft.library, i == 1 && !sources.synthetic_bold ? sources.bold : sources.regular,
                size, &ascent, &descent);
        ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(box_rects[i]);
        const int w = std::max(3, static_cast<int>(std::lround(size * 0.62f)));
        const int h = std::max(4, static_cast<int>(std::lround(size * 0.78f)));
        r->Width = static_cast<unsigned short>(w);
        r->Height = static_cast<unsigned short>(h);
        r->GlyphAdvanceX = std::round(size * 0.8f);
        // Centred in its advance, standing on the baseline like a capital letter.
        const float baseline = ascent;
        r->GlyphOffset =
            ImVec2(std::round((r->GlyphAdvanceX - static_cast<float>(w)) / 2.0f),
                   std::round(baseline - static_cast<float>(h) + std::round(size * 0.04f)));
    }
}

void LoadedFonts::Impl::DrawBoxes() {
    // A hollow rectangle: visibly "a character is here that cannot be shown", unlike '?' which
    // reads as punctuation.
    unsigned char* alpha = atlas->TexPixelsAlpha8;
    unsigned int* rgba = atlas->TexPixelsRGBA32;
    for (int i = 0; i < 3; ++i) {
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(box_rects[i]);
        if (!r->IsPacked()) continue;
        const int border = SizeOf(i) >= 24.0f ? 2 : 1;
        for (int y = 0; y < r->Height; ++y) {
            for (int x = 0; x < r->Width; ++x) {
                const bool edge =
                    x < border || y < border || x >= r->Width - border || y >= r->Height - border;
                const std::size_t at =
                    static_cast<std::size_t>(r->Y + y) * static_cast<std::size_t>(atlas->TexWidth) +
                    r->X + x;
                if (alpha) alpha[at] = edge ? 0xFF : 0x00;
                if (rgba) rgba[at] = edge ? 0xFFFFFFFFu : 0x00FFFFFFu;
            }
        }
    }
}

Expected<Ok, FontError> LoadedFonts::Impl::FirstBuild() {
    atlas->Clear();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = 0;
    SetRanges();
    // ImGui merges a config into the font added just before it and takes each code point from the
    // first config of a font that has it: main face first, then what fills its gaps.
    slots.clear();
    const auto add_fallbacks = [&](int font, bool embolden) {
        for (std::size_t i = 0; i < sources.fallbacks.size(); ++i) {
            slots.push_back({font, kFirstFallback + static_cast<int>(i), embolden, true});
        }
    };
    slots.push_back({0, kRegular, false, false});
    add_fallbacks(0, false);
    if (sources.synthetic_bold) {
        slots.push_back({1, kRegular, true, false});
    } else {
        slots.push_back({1, kBold, false, false});
        // Growth may add characters the bold subset lacks: the regular face, emboldened, fills in.
        slots.push_back({1, kRegular, true, true});
    }
    add_fallbacks(1, true);
    slots.push_back({2, kRegular, false, false});
    add_fallbacks(2, false);
    const char* names[] = {"mondo body", "mondo heading", "mondo furigana"};
    for (const Slot& slot : slots) {
        const FontSource& source = SourceOf(slot);
        ImFontConfig cfg;
        // ImGui 1.86 copies font data it does not own (AddFont), once per config. Claiming
        // ownership skips the copy; it is handed back right after (below) so ImGui never frees
        // our bytes. The configs point into sources, which this object keeps alive.
        cfg.FontDataOwnedByAtlas = true;
        cfg.FontNo = source.face_index;
        cfg.MergeMode = slot.merge;
        cfg.PixelSnapH = true;
        cfg.FontBuilderFlags = slot.embolden ? ImGuiFreeTypeBuilderFlags_Bold : 0;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", names[slot.font]);
        ImFont* font =
            atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(source.bytes->data()),
                                        static_cast<int>(source.bytes->size()), SizeOf(slot.font),
                                        &cfg, ranges[slot.font].data());
        if (!font) return Unexpected(BuildError("ImGui rejected the font " + face.path));
        atlas->ConfigData.back().FontDataOwnedByAtlas = false;
        fonts[slot.font] = font;
    }
    for (int i = 0; i < 3; ++i) {
        box_rects[i] = atlas->AddCustomRectFontGlyph(
            fonts[i], static_cast<ImWchar>(kReplacementCodePoint), 1, 1, 1.0f);
    }
    SizeBoxes();
    if (!atlas->Build()) return Unexpected(BuildError("FreeType could not rasterise " + face.path));
    DrawBoxes();
    return Ok{};
}

Expected<Ok, FontError> LoadedFonts::Impl::Rebuild() {
    assert(!atlas->Locked &&
           "the font atlas can only change between frames (after Render, before NewFrame)");
    assert(atlas->ConfigData.Size == static_cast<int>(slots.size()) &&
           "the atlas was changed behind LoadedFonts' back");
    SetRanges();
    atlas->ClearTexData();
    for (std::size_t i = 0; i < slots.size(); ++i) {
        ImFontConfig& cfg = atlas->ConfigData[static_cast<int>(i)];
        cfg.GlyphRanges = ranges[slots[i].font].data();
        cfg.SizePixels = SizeOf(slots[i].font);
    }
    SizeBoxes();
    if (!atlas->Build()) return Unexpected(BuildError("FreeType could not rasterise " + face.path));
    DrawBoxes();
    return Ok{};
}

void LoadedFonts::Impl::PointConfigsAtSources() {
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].source != kRegular) continue;  // only the regular subset is ever replaced
        ImFontConfig& cfg = atlas->ConfigData[static_cast<int>(i)];
        const FontSource& source = SourceOf(slots[i]);
        assert(!cfg.FontDataOwnedByAtlas && "LoadedFonts owns the font data of its configs");
        cfg.FontData = const_cast<unsigned char*>(source.bytes->data());
        cfg.FontDataSize = static_cast<int>(source.bytes->size());
        cfg.FontNo = source.face_index;
    }
}

Expected<Ok, FontError> LoadedFonts::Impl::EnsureSourcesCover(const std::vector<char32_t>& added) {
    // Growth within the regular subset (kana, JIS X 0208, the content) only rebuilds. A character
    // beyond it needs a new regular subset (cached for the next start); the bold subset is kept,
    // the heading's merged regular face covers the rest.
    if (std::all_of(added.begin(), added.end(),
                    [&](char32_t c) { return sources.regular.Covers(c); })) {
        return Ok{};
    }
    GlyphSet wanted = glyphs[0];
    if (options.with_typing_set) {
        wanted.AddKana();
        wanted.AddJisX0208();
    }
    auto regular = options.use_subset
                       ? LoadSubset(face.path, face.face_index, wanted, options.cache_dir)
                       : LoadWholeFont(face.path, face.face_index);
    if (!regular) return Unexpected(regular.error());
    sources.regular =
        std::move(*regular);  // the old bytes go: PointConfigsAtSources follows at once
    report.regular_bytes = sources.regular.bytes->size();
    report.regular_cache_file = sources.regular.cache_file.string();
    PointConfigsAtSources();
    return Ok{};
}

// [SECTION] LoadedFonts
// ------------------------------------------------------------------------------

LoadedFonts::LoadedFonts() = default;
LoadedFonts::LoadedFonts(LoadedFonts&&) noexcept = default;
LoadedFonts& LoadedFonts::operator=(LoadedFonts&&) noexcept = default;
LoadedFonts::~LoadedFonts() = default;

void LoadedFonts::Request(std::string_view utf8) { Request(utf8, body); }

void LoadedFonts::Request(std::string_view utf8, const ImFont* drawn_with) {
    assert(impl_ && "LoadedFonts::Request on a moved-from object");
    const int font = drawn_with == heading ? 1 : drawn_with == furigana ? 2 : 0;
    const GlyphSet& held = impl_->glyphs[font];
    std::vector<char32_t>& pending = impl_->pending[font];
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = content::DecodeUtf8(utf8, pos);
        if (c < 0x20 || c > 0xFFFF || held.Contains(c)) continue;
        if (impl_->undrawable.count(c)) continue;
        if (std::find(pending.begin(), pending.end(), c) != pending.end()) continue;
        if (impl_->FontHas(c)) {
            pending.push_back(c);
        } else {
            impl_->undrawable.insert(c);
        }
    }
}

bool LoadedFonts::HasPending() const {
    return impl_ && std::any_of(std::begin(impl_->pending), std::end(impl_->pending),
                                [](const std::vector<char32_t>& p) { return !p.empty(); });
}

Expected<bool, FontError> LoadedFonts::Update() {
    assert(impl_ && "LoadedFonts::Update on a moved-from object");
    if (!HasPending()) return false;
    const std::vector<char32_t> added = impl_->TakePending();
    MONDO_TRY(impl_->EnsureSourcesCover(added));
    MONDO_TRY(impl_->Rebuild());
    return true;
}

Expected<Ok, FontError> LoadedFonts::SetSizes(const FontSizes& sizes) {
    assert(impl_ && "LoadedFonts::SetSizes on a moved-from object");
    assert(sizes.body > 0 && sizes.heading > 0 && sizes.furigana > 0 &&
           "font sizes must be positive");
    impl_->sizes = sizes;
    const std::vector<char32_t> added = impl_->TakePending();
    MONDO_TRY(impl_->EnsureSourcesCover(added));
    return impl_->Rebuild();
}

const FontSizes& LoadedFonts::sizes() const { return impl_->sizes; }
const GlyphSet& LoadedFonts::glyphs() const { return impl_->glyphs[0]; }

const GlyphSet& LoadedFonts::glyphs(const ImFont* font) const {
    return impl_->glyphs[font == heading ? 1 : font == furigana ? 2 : 0];
}
const FontFace& LoadedFonts::face() const { return impl_->face; }
const LoadReport& LoadedFonts::report() const { return impl_->report; }

std::vector<char32_t> LoadedFonts::Undrawable() const {
    std::vector<char32_t> out(impl_->undrawable.begin(), impl_->undrawable.end());
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t LoadedFonts::TextureBytes() const {
    return static_cast<std::size_t>(impl_->atlas->TexWidth) * impl_->atlas->TexHeight * 4;
}

Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas& atlas, const FontFace& face,
                                           const GlyphSet& glyphs, const FontSizes& sizes,
                                           const LoadOptions& options) {
    return LoadFonts(atlas, face, FontGlyphs{glyphs, glyphs, glyphs}, sizes, options);
}

Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas& atlas, const FontFace& face,
                                           const FontGlyphs& font_glyphs, const FontSizes& sizes,
                                           const LoadOptions& options) {
    assert(!atlas.Locked && "LoadFonts must run outside a frame");
    assert(sizes.body > 0 && sizes.heading > 0 && sizes.furigana > 0 &&
           "font sizes must be positive");
    LoadedFonts loaded;
    loaded.impl_ = std::make_unique<LoadedFonts::Impl>();
    LoadedFonts::Impl& impl = *loaded.impl_;
    impl.atlas = &atlas;
    impl.face = face;
    impl.sizes = sizes;
    impl.options = options;
    if (impl.options.cache_dir.empty()) impl.options.cache_dir = FontCacheDir().string();
    impl.glyphs[0] = font_glyphs.body;
    impl.glyphs[0].Add(font_glyphs.heading);
    impl.glyphs[0].Add(font_glyphs.furigana);
    impl.glyphs[1] = font_glyphs.heading;
    impl.glyphs[2] = font_glyphs.furigana;
    const GlyphSet& glyphs = impl.glyphs[0];

    if (options.use_subset) {
        auto sources =
            LoadFontSources(face, glyphs, impl.options.cache_dir, options.with_typing_set);
        if (!sources) return Unexpected(sources.error());
        impl.sources = std::move(*sources);
    } else {
        auto regular = LoadWholeFont(face.path, face.face_index);
        if (!regular) return Unexpected(regular.error());
        impl.sources.regular = std::move(*regular);
        auto bold = face.has_bold() ? LoadWholeFont(face.bold_path, face.bold_face_index)
                                    : Expected<FontSource, FontError>(Unexpected(FontError{}));
        if (bold) {
            impl.sources.bold = std::move(*bold);
        } else {
            impl.sources.synthetic_bold = true;
        }
    }
    impl.report.subset_cache_hit =
        impl.sources.regular.from_cache &&
        (impl.sources.synthetic_bold || impl.sources.bold.from_cache) &&
        std::all_of(impl.sources.fallbacks.begin(), impl.sources.fallbacks.end(),
                    [](const FontSource& f) { return f.from_cache; });
    impl.report.regular_bytes = impl.sources.regular.bytes->size();
    impl.report.bold_bytes = impl.sources.synthetic_bold ? 0 : impl.sources.bold.bytes->size();
    impl.report.regular_cache_file = impl.sources.regular.cache_file.string();
    impl.report.fallbacks = impl.sources.fallback_fonts;

    if (auto built = impl.FirstBuild(); !built) {
        atlas.Clear();
        return Unexpected(built.error());
    }
    loaded.body = impl.fonts[0];
    loaded.heading = impl.fonts[1];
    loaded.furigana = impl.fonts[2];
    return loaded;
}

// [SECTION] Reports
// ----------------------------------------------------------------------------------

std::vector<char32_t> MissingCodePoints(const ImFont& font, std::string_view utf8) {
    std::vector<char32_t> missing;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = content::DecodeUtf8(utf8, pos);
        if (c == '\n' || c == '\r' || c == '\t') continue;
        const bool drawable =
            c <= 0xFFFF && font.FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
        if (!drawable && std::find(missing.begin(), missing.end(), c) == missing.end()) {
            missing.push_back(c);
        }
    }
    return missing;
}

Expected<std::vector<char32_t>, FontError> UndrawableCodePoints(const FontFace& face,
                                                                std::string_view utf8) {
    FtLibrary ft;
    FtFace file(ft.library, face.path, face.face_index);
    if (!file.ok()) {
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot open the font " + face.path});
    }
    std::vector<char32_t> out;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = content::DecodeUtf8(utf8, pos);
        if (c < 0x20) continue;
        if ((c > 0xFFFF || !file.Has(c)) && std::find(out.begin(), out.end(), c) == out.end()) {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace mondo::fonts
