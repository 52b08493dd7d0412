// Building Dear ImGui's atlas for Japanese: three fonts (body, heading, furigana) from one glyph
// set, rebuilt in place when characters are added or sizes change so ImFont* stay valid.
//
// [SECTION] Font sizes
// [SECTION] Font bytes (subset cache or the file itself)
// [SECTION] The atlas: first build, rebuild, the replacement box
// [SECTION] LoadedFonts
// [SECTION] Reports: MissingCodePoints, UndrawableCodePoints
#include "fonts/japanese_font.h"

#include <imgui.h>
#include <imgui_freetype.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unordered_set>

#include "fonts/subset_cache.h"
#include "fonts/utf8.h"

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

// [SECTION] The atlas ------------------------------------------------------------------------------

struct LoadedFonts::Impl {
    ImFontAtlas* atlas = nullptr;
    FontFace face;
    FontSizes sizes;
    GlyphSet glyphs;                   // what the atlas holds
    std::vector<char32_t> pending;     // requested, drawable, not yet in the atlas
    std::unordered_set<char32_t> undrawable;  // requested, the font has no glyph: drawn as the box
    std::vector<ImWchar> ranges;       // persists: ImFontConfig::GlyphRanges points here
    FontSource regular;                // bytes the regular fonts are built from
    FontSource bold;                   // bytes of the heading font (may be the regular bytes)
    bool synthetic_bold = false;
    FtLibrary ft;
    std::unique_ptr<FtFace> cmap;      // the full font (not the subset): what growth can add
    int box_rects[3] = {-1, -1, -1};   // custom rect ids of the replacement box per font
    ImFont* fonts[3] = {nullptr, nullptr, nullptr};

    float SizeOf(int i) const { return i == 0 ? sizes.body : i == 1 ? sizes.heading : sizes.furigana; }
    Expected<Ok, FontError> FirstBuild();
    Expected<Ok, FontError> Rebuild();
    void SetRanges();
    void SizeBoxes();
    void DrawBoxes();
    Expected<Ok, FontError> EnsureSourcesCover();
};

namespace {

FontError BuildError(const std::string& what) {
    return FontError{FontErrorKind::kBuildFailed, "cannot build the font atlas: " + what};
}

// Font metrics in pixels as ImGui's FreeType builder computes them (for placing the box).
void Metrics(const FontSource& source, float size, float* ascent, float* descent) {
    *ascent = size * 0.88f;
    *descent = -size * 0.12f;
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return;
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(library, source.bytes->data(), static_cast<FT_Long>(source.bytes->size()),
                           source.face_index, &face) == 0) {
        FT_Size_RequestRec req{};
        req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
        req.height = static_cast<FT_Long>(size * 64.0f);
        if (FT_Request_Size(face, &req) == 0) {
            *ascent = std::ceil(static_cast<float>(face->size->metrics.ascender) / 64.0f);
            *descent = std::floor(static_cast<float>(face->size->metrics.descender) / 64.0f);
        }
        FT_Done_Face(face);
    }
    FT_Done_FreeType(library);
}

}  // namespace

void LoadedFonts::Impl::SetRanges() {
    // U+FFFD is our own drawn box (a custom glyph), never the font's glyph.
    ranges.clear();
    for (ImWchar r : glyphs.ImGuiRanges()) ranges.push_back(r);
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        if (ranges[i] <= kReplacementCodePoint && kReplacementCodePoint <= ranges[i + 1]) {
            const ImWchar lo = ranges[i];
            const ImWchar hi = ranges[i + 1];
            std::vector<ImWchar> split;
            if (lo < kReplacementCodePoint) split.insert(split.end(), {lo, static_cast<ImWchar>(kReplacementCodePoint - 1)});
            if (hi > kReplacementCodePoint) split.insert(split.end(), {static_cast<ImWchar>(kReplacementCodePoint + 1), hi});
            ranges.erase(ranges.begin() + static_cast<std::ptrdiff_t>(i),
                         ranges.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            ranges.insert(ranges.begin() + static_cast<std::ptrdiff_t>(i), split.begin(), split.end());
            break;
        }
    }
}

void LoadedFonts::Impl::SizeBoxes() {
    for (int i = 0; i < 3; ++i) {
        const float size = SizeOf(i);
        float ascent = 0.0f;
        float descent = 0.0f;
        Metrics(i == 1 ? bold : regular, size, &ascent, &descent);
        ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(box_rects[i]);
        const int w = std::max(3, static_cast<int>(std::lround(size * 0.62f)));
        const int h = std::max(4, static_cast<int>(std::lround(size * 0.78f)));
        r->Width = static_cast<unsigned short>(w);
        r->Height = static_cast<unsigned short>(h);
        r->GlyphAdvanceX = std::round(size * 0.8f);
        // Centred horizontally in its advance; sitting on the baseline, like a capital letter.
        r->GlyphOffset = ImVec2(std::round((r->GlyphAdvanceX - static_cast<float>(w)) / 2.0f),
                                std::round(ascent + descent * 0.3f - static_cast<float>(h)));
    }
}

void LoadedFonts::Impl::DrawBoxes() {
    // A hollow rectangle with a one-pixel (two at large sizes) border: visibly "a character is
    // here that cannot be shown", unlike '?' which reads as punctuation.
    unsigned char* alpha = atlas->TexPixelsAlpha8;
    unsigned int* rgba = atlas->TexPixelsRGBA32;
    for (int i = 0; i < 3; ++i) {
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(box_rects[i]);
        if (!r->IsPacked()) continue;
        const int border = SizeOf(i) >= 24.0f ? 2 : 1;
        for (int y = 0; y < r->Height; ++y) {
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x < border || y < border || x >= r->Width - border ||
                                  y >= r->Height - border;
                const std::size_t at = static_cast<std::size_t>(r->Y + y) * atlas->TexWidth + r->X + x;
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
    // Wide textures pack CJK glyphs with less waste than the default 1024-or-less heuristic.
    atlas->TexDesiredWidth = 0;
    SetRanges();
    for (int i = 0; i < 3; ++i) {
        const FontSource& source = i == 1 ? bold : regular;
        ImFontConfig cfg;
        // ImGui copies the bytes when it does not own them; they are a small subset, so the copy
        // is cheap and the atlas never points into memory we free.
        cfg.FontDataOwnedByAtlas = false;
        cfg.FontNo = source.face_index;
        cfg.OversampleH = 1;  // FreeType ignores oversampling; keep the packer honest
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.FontBuilderFlags = (i == 1 && synthetic_bold) ? ImGuiFreeTypeBuilderFlags_Bold : 0;
        const char* names[] = {"mondo body", "mondo heading", "mondo furigana"};
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", names[i]);
        fonts[i] = atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(source.bytes->data()),
                                               static_cast<int>(source.bytes->size()), SizeOf(i),
                                               &cfg, ranges.data());
        if (!fonts[i]) return Unexpected(BuildError("ImGui rejected the font " + face.path));
        box_rects[i] = atlas->AddCustomRectFontGlyph(fonts[i], static_cast<ImWchar>(kReplacementCodePoint),
                                                     1, 1, 1.0f);
    }
    SizeBoxes();
    if (!atlas->Build()) return Unexpected(BuildError("FreeType could not rasterise " + face.path));
    DrawBoxes();
    return Ok{};
}

Expected<Ok, FontError> LoadedFonts::Impl::Rebuild() {
    assert(!atlas->Locked && "the font atlas can only grow between frames (after Render, before NewFrame)");
    SetRanges();
    atlas->ClearTexData();
    for (int i = 0; i < atlas->ConfigData.Size; ++i) {
        ImFontConfig& cfg = atlas->ConfigData[i];
        for (int f = 0; f < 3; ++f) {
            if (cfg.DstFont == fonts[f]) {
                cfg.GlyphRanges = ranges.data();
                cfg.SizePixels = SizeOf(f);
            }
        }
    }
    SizeBoxes();
    if (!atlas->Build()) return Unexpected(BuildError("FreeType could not rasterise " + face.path));
    DrawBoxes();
    return Ok{};
}

Expected<Ok, FontError> LoadedFonts::Impl::EnsureSourcesCover() {
    // The atlas is built from a subset font; when growth asks for a character the subset lacks,
    // a new subset is made (and cached) before rebuilding.
    if (regular.Covers(glyphs) && (synthetic_bold || bold.Covers(glyphs))) return Ok{};
    auto sources = LoadFontSources(face, glyphs);
    if (!sources) return Unexpected(sources.error());
    // ImGui holds its own copies of the bytes; swap ours and point the configs at the new data.
    regular = std::move(sources->regular);
    bold = std::move(sources->bold);
    synthetic_bold = sources->synthetic_bold;
    for (int i = 0; i < atlas->ConfigData.Size; ++i) {
        ImFontConfig& cfg = atlas->ConfigData[i];
        const FontSource* source = nullptr;
        for (int f = 0; f < 3; ++f) {
            if (cfg.DstFont == fonts[f]) source = f == 1 ? &bold : &regular;
        }
        if (!source) continue;
        if (cfg.FontDataOwnedByAtlas) IM_FREE(cfg.FontData);
        cfg.FontDataSize = static_cast<int>(source->bytes->size());
        cfg.FontData = IM_ALLOC(static_cast<std::size_t>(cfg.FontDataSize));
        std::memcpy(cfg.FontData, source->bytes->data(), source->bytes->size());
        cfg.FontDataOwnedByAtlas = true;
        cfg.FontNo = source->face_index;
    }
    return Ok{};
}

// [SECTION] LoadedFonts ------------------------------------------------------------------------------

LoadedFonts::LoadedFonts() = default;
LoadedFonts::LoadedFonts(LoadedFonts&&) noexcept = default;
LoadedFonts& LoadedFonts::operator=(LoadedFonts&&) noexcept = default;
LoadedFonts::~LoadedFonts() = default;

void LoadedFonts::Request(std::string_view utf8) {
    assert(impl_ && "LoadedFonts::Request on a moved-from object");
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = DecodeUtf8(utf8, &pos);
        if (c < 0x20 || c > 0xFFFF || impl_->glyphs.Contains(c)) continue;
        if (impl_->undrawable.count(c)) continue;
        if (std::find(impl_->pending.begin(), impl_->pending.end(), c) != impl_->pending.end()) continue;
        if (impl_->cmap && impl_->cmap->Has(c)) {
            impl_->pending.push_back(c);
        } else {
            impl_->undrawable.insert(c);
        }
    }
}

bool LoadedFonts::HasPending() const { return impl_ && !impl_->pending.empty(); }

Expected<bool, FontError> LoadedFonts::Update() {
    assert(impl_ && "LoadedFonts::Update on a moved-from object");
    if (impl_->pending.empty()) return false;
    for (char32_t c : impl_->pending) impl_->glyphs.Add(c);
    impl_->pending.clear();
    if (auto covered = impl_->EnsureSourcesCover(); !covered) return Unexpected(covered.error());
    if (auto built = impl_->Rebuild(); !built) return Unexpected(built.error());
    return true;
}

Expected<Ok, FontError> LoadedFonts::SetSizes(const FontSizes& sizes) {
    assert(impl_ && "LoadedFonts::SetSizes on a moved-from object");
    assert(sizes.body > 0 && sizes.heading > 0 && sizes.furigana > 0 && "font sizes must be positive");
    impl_->sizes = sizes;
    for (char32_t c : impl_->pending) impl_->glyphs.Add(c);
    impl_->pending.clear();
    if (auto covered = impl_->EnsureSourcesCover(); !covered) return Unexpected(covered.error());
    return impl_->Rebuild();
}

const FontSizes& LoadedFonts::sizes() const { return impl_->sizes; }
const GlyphSet& LoadedFonts::glyphs() const { return impl_->glyphs; }
const FontFace& LoadedFonts::face() const { return impl_->face; }

std::size_t LoadedFonts::TextureBytes() const {
    return static_cast<std::size_t>(impl_->atlas->TexWidth) * impl_->atlas->TexHeight * 4;
}

Expected<LoadedFonts, FontError> LoadFonts(ImFontAtlas& atlas, const FontFace& face,
                                           const GlyphSet& glyphs, const FontSizes& sizes) {
    assert(!atlas.Locked && "LoadFonts must run outside a frame");
    assert(sizes.body > 0 && sizes.heading > 0 && sizes.furigana > 0 && "font sizes must be positive");
    LoadedFonts loaded;
    loaded.impl_ = std::make_unique<LoadedFonts::Impl>();
    LoadedFonts::Impl& impl = *loaded.impl_;
    impl.atlas = &atlas;
    impl.face = face;
    impl.sizes = sizes;
    impl.glyphs = glyphs;
    impl.cmap = std::make_unique<FtFace>(impl.ft.library, face.path, face.face_index);
    if (!impl.cmap->ok()) {
        return Unexpected(FontError{FontErrorKind::kLoadFailed,
                                    "cannot open the font " + face.path + " (face " +
                                        std::to_string(face.face_index) + ")"});
    }
    auto sources = LoadFontSources(face, glyphs);
    if (!sources) return Unexpected(sources.error());
    impl.regular = std::move(sources->regular);
    impl.bold = std::move(sources->bold);
    impl.synthetic_bold = sources->synthetic_bold;
    if (auto built = impl.FirstBuild(); !built) {
        atlas.Clear();
        return Unexpected(built.error());
    }
    loaded.body = impl.fonts[0];
    loaded.heading = impl.fonts[1];
    loaded.furigana = impl.fonts[2];
    return loaded;
}

// [SECTION] Reports ----------------------------------------------------------------------------------

std::vector<char32_t> MissingCodePoints(const ImFont& font, std::string_view utf8) {
    std::vector<char32_t> missing;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = DecodeUtf8(utf8, &pos);
        if (c == '\n' || c == '\r' || c == '\t') continue;
        const bool drawable = c <= 0xFFFF && font.FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
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
        return Unexpected(FontError{FontErrorKind::kLoadFailed, "cannot open the font " + face.path});
    }
    std::vector<char32_t> out;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t c = DecodeUtf8(utf8, &pos);
        if (c < 0x20) continue;
        if ((c > 0xFFFF || !file.Has(c)) && std::find(out.begin(), out.end(), c) == out.end()) {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace mondo::fonts
