// Finding an installed font that covers Japanese through fontconfig.
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fonts/japanese_font.h"

namespace mondo::fonts {

namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct ObjectSetDeleter {
    void operator()(FcObjectSet* s) const { FcObjectSetDestroy(s); }
};
struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};

struct Candidate {
    std::vector<std::string> families;  // every name fontconfig knows the family by
    std::string file;
    int index = 0;
    int weight = FC_WEIGHT_REGULAR;
    int slant = FC_SLANT_ROMAN;
    bool scalable = true;
};

// Families in order of preference after a user's choice: Noto first (the Debian default), then
// the usual Japanese Gothic fonts, then their Mincho/Serif siblings.
constexpr const char* kPreferredFamilies[] = {
    "Noto Sans CJK JP", "Source Han Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic",
    "VL Gothic",        "Noto Serif CJK JP",  "IPAexMincho", "IPAMincho", "TakaoMincho",
};

// mondo's own fontconfig configuration instead of FcInit()'s global one: it is destroyed at exit,
// so nothing fontconfig loads stays allocated (LeakSanitizer stays quiet), and it is reloaded when
// FONTCONFIG_FILE changes (tests point it at an empty configuration). Main thread only.
FcConfig* Config() {
    struct Holder {
        FcConfig* config = nullptr;
        std::string loaded_for;
        ~Holder() {
            if (config) FcConfigDestroy(config);
        }
    };
    static Holder holder;
    const char* file = std::getenv("FONTCONFIG_FILE");
    const std::string wanted = file ? file : "";
    if (holder.config && holder.loaded_for != wanted) {
        FcConfigDestroy(holder.config);
        holder.config = nullptr;
    }
    if (!holder.config) {
        holder.config = FcInitLoadConfigAndFonts();
        holder.loaded_for = wanted;
    }
    return holder.config;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<Candidate> ListJapaneseFonts() {
    std::vector<Candidate> out;
    FcConfig* config = Config();
    if (!config) return out;
    std::unique_ptr<FcPattern, PatternDeleter> pattern(FcPatternCreate());
    std::unique_ptr<FcLangSet, decltype(&FcLangSetDestroy)> langs(FcLangSetCreate(),
                                                                  &FcLangSetDestroy);
    FcLangSetAdd(langs.get(), reinterpret_cast<const FcChar8*>("ja"));
    FcPatternAddLangSet(pattern.get(), FC_LANG, langs.get());
    std::unique_ptr<FcObjectSet, ObjectSetDeleter> objects(
        FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_SCALABLE,
                         static_cast<char*>(nullptr)));
    std::unique_ptr<FcFontSet, FontSetDeleter> set(
        FcFontList(config, pattern.get(), objects.get()));
    if (!set) return out;
    for (int i = 0; i < set->nfont; ++i) {
        FcPattern* font = set->fonts[i];
        Candidate c;
        FcChar8* file = nullptr;
        if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) continue;
        c.file = reinterpret_cast<const char*>(file);
        FcChar8* family = nullptr;
        for (int n = 0; FcPatternGetString(font, FC_FAMILY, n, &family) == FcResultMatch; ++n) {
            c.families.emplace_back(reinterpret_cast<const char*>(family));
        }
        if (c.families.empty()) continue;
        FcPatternGetInteger(font, FC_INDEX, 0, &c.index);
        FcPatternGetInteger(font, FC_WEIGHT, 0, &c.weight);
        FcPatternGetInteger(font, FC_SLANT, 0, &c.slant);
        FcBool scalable = FcTrue;
        FcPatternGetBool(font, FC_SCALABLE, 0, &scalable);
        c.scalable = scalable == FcTrue;
        // FreeType reads TrueType/OpenType (and collections); bitmap-only fonts are useless here.
        if (!c.scalable) continue;
        out.push_back(std::move(c));
    }
    // Deterministic order whatever the cache order is.
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.families.front(), a.file, a.index) <
               std::tie(b.families.front(), b.file, b.index);
    });
    return out;
}

bool HasFamily(const Candidate& c, std::string_view family) {
    return std::any_of(c.families.begin(), c.families.end(),
                       [&](const std::string& f) { return EqualsIgnoreCase(f, family); });
}

// The upright face of `family` whose weight is closest to `weight`, or nullptr.
const Candidate* BestOf(const std::vector<Candidate>& fonts, std::string_view family, int weight,
                        int max_distance) {
    const Candidate* best = nullptr;
    int best_distance = max_distance + 1;
    for (const auto& c : fonts) {
        if (!HasFamily(c, family) || c.slant != FC_SLANT_ROMAN) continue;
        const int distance = std::abs(c.weight - weight);
        if (distance < best_distance) best = &c, best_distance = distance;
    }
    return best;
}

FontFace MakeFace(const std::vector<Candidate>& fonts, const Candidate& regular,
                  std::string_view family) {
    FontFace face;
    face.path = regular.file;
    face.face_index = regular.index;
    face.family = std::string(family);
    // A real bold is at least semibold; a family with only one weight gets FreeType emboldening.
    if (const Candidate* bold =
            BestOf(fonts, family, FC_WEIGHT_BOLD, FC_WEIGHT_BOLD - FC_WEIGHT_DEMIBOLD);
        bold && bold->weight >= FC_WEIGHT_DEMIBOLD && bold->weight > regular.weight) {
        face.bold_path = bold->file;
        face.bold_face_index = bold->index;
    }
    return face;
}

// Tries `family`; the canonical spelling from fontconfig is kept for display.
const Candidate* RegularOf(const std::vector<Candidate>& fonts, std::string_view family) {
    return BestOf(fonts, family, FC_WEIGHT_REGULAR, 1000);
}

std::string CanonicalFamily(const Candidate& c, std::string_view asked) {
    for (const auto& f : c.families) {
        if (EqualsIgnoreCase(f, asked)) return f;
    }
    return c.families.front();
}

}  // namespace

Expected<FontFace, FontError> FindJapaneseFont(std::string_view preferred_family) {
    const std::vector<Candidate> fonts = ListJapaneseFonts();
    if (!preferred_family.empty()) {
        if (const Candidate* c = RegularOf(fonts, preferred_family)) {
            return MakeFace(fonts, *c, CanonicalFamily(*c, preferred_family));
        }
    }
    for (const char* family : kPreferredFamilies) {
        if (const Candidate* c = RegularOf(fonts, family)) {
            return MakeFace(fonts, *c, CanonicalFamily(*c, family));
        }
    }
    // Any other font covering Japanese: prefer one whose name says JP, then the first in order.
    const Candidate* any = nullptr;
    for (const auto& c : fonts) {
        if (c.slant != FC_SLANT_ROMAN) continue;
        if (!any) any = &c;
        if (c.families.front().find("JP") != std::string::npos) {
            any = &c;
            break;
        }
    }
    if (any)
        return MakeFace(fonts, *RegularOf(fonts, any->families.front()), any->families.front());
    return Unexpected(
        FontError{FontErrorKind::kNoJapaneseFont,
                  "no installed font can display Japanese; install one, e.g. `sudo apt install "
                  "fonts-noto-cjk`"});
}

std::vector<FallbackFont> FindFallbackFonts(const FontFace& primary,
                                            const std::vector<char32_t>& missing, int max_fonts) {
    std::vector<FallbackFont> out;
    FcConfig* config = missing.empty() ? nullptr : Config();
    if (!config) return out;
    std::vector<char32_t> remaining(missing);
    std::sort(remaining.begin(), remaining.end());
    remaining.erase(std::unique(remaining.begin(), remaining.end()), remaining.end());
    while (!remaining.empty() && static_cast<int>(out.size()) < max_fonts) {
        std::unique_ptr<FcPattern, PatternDeleter> pattern(FcPatternCreate());
        std::unique_ptr<FcCharSet, decltype(&FcCharSetDestroy)> wanted(FcCharSetCreate(),
                                                                       &FcCharSetDestroy);
        for (char32_t c : remaining) FcCharSetAddChar(wanted.get(), c);
        // Coverage ranks above family in fontconfig's matching: the family only breaks ties, so the
        // fallback looks as close to the main font as the installed fonts allow.
        FcPatternAddCharSet(pattern.get(), FC_CHARSET, wanted.get());
        FcPatternAddString(pattern.get(), FC_FAMILY,
                           reinterpret_cast<const FcChar8*>(primary.family.c_str()));
        FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
        FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
        FcDefaultSubstitute(pattern.get());
        FcResult result = FcResultNoMatch;
        std::unique_ptr<FcPattern, PatternDeleter> match(
            FcFontMatch(config, pattern.get(), &result));
        if (!match) break;
        FcChar8* file = nullptr;
        FcCharSet* has = nullptr;
        if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &has) != FcResultMatch) {
            break;
        }
        FallbackFont fallback;
        fallback.face.path = reinterpret_cast<const char*>(file);
        FcPatternGetInteger(match.get(), FC_INDEX, 0, &fallback.face.face_index);
        FcChar8* family = nullptr;
        if (FcPatternGetString(match.get(), FC_FAMILY, 0, &family) == FcResultMatch) {
            fallback.face.family = reinterpret_cast<const char*>(family);
        }
        std::vector<char32_t> still;
        for (char32_t c : remaining) {
            (FcCharSetHasChar(has, c) ? fallback.code_points : still).push_back(c);
        }
        const bool same_as_primary =
            fallback.face.path == primary.path && fallback.face.face_index == primary.face_index;
        if (fallback.code_points.empty() || same_as_primary) break;
        remaining.swap(still);
        out.push_back(std::move(fallback));
    }
    return out;
}

std::vector<std::string> JapaneseFontFamilies() {
    std::vector<std::string> families;
    for (const auto& c : ListJapaneseFonts()) families.push_back(c.families.front());
    std::sort(families.begin(), families.end());
    families.erase(std::unique(families.begin(), families.end()), families.end());
    return families;
}

}  // namespace mondo::fonts
