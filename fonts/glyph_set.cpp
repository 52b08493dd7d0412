// The code points an atlas holds.
#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>
#include <string>

#include "content/unicode.h"
#include "fonts/japanese_font.h"

namespace mondo::fonts {

namespace {

// Punctuation the line breaker, the widgets and the UI always use, whatever the content.
constexpr char32_t kAlwaysPresent[] = {
    0x00A0,  // no-break space (seen in real text)
    0x2026,  // … (ellipsis used by ImGui and the UI)
    0x2022,  // • (list bullet)
    0x3000,  // ideographic space
    0x3001,
    0x3002,
    0x300C,
    0x300D,
    0x300E,
    0x300F,  // 、。「」『』
    0x30FB,
    0x30FC,  // ・ー
    0xFF08,
    0xFF09,
    0xFF1A,
    0xFF1F,
    0xFF01,  // （）：？！
    kReplacementCodePoint,
};

void InsertSorted(std::vector<char32_t>& v, char32_t c) {
    const auto it = std::lower_bound(v.begin(), v.end(), c);
    if (it == v.end() || *it != c) v.insert(it, c);
}

void Merge(std::vector<char32_t>& v, std::vector<char32_t> more) {
    std::sort(more.begin(), more.end());
    more.erase(std::unique(more.begin(), more.end()), more.end());
    std::vector<char32_t> merged;
    merged.reserve(v.size() + more.size());
    std::set_union(v.begin(), v.end(), more.begin(), more.end(), std::back_inserter(merged));
    v.swap(merged);
}

bool Storable(char32_t c) {
    // Control characters are not drawn; surrogates and non-BMP cannot be ImWchar.
    return c >= 0x20 && !(c >= 0x7F && c < 0xA0) && c <= 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

}  // namespace

GlyphSet::GlyphSet() {
    for (char32_t c = 0x20; c < 0x7F; ++c) code_points_.push_back(c);
    std::vector<char32_t> more(std::begin(kAlwaysPresent), std::end(kAlwaysPresent));
    Merge(code_points_, std::move(more));
}

void GlyphSet::AddUtf8(std::string_view text) {
    std::vector<char32_t> more;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = content::DecodeUtf8(text, pos);
        if (Storable(c) && !Contains(c)) more.push_back(c);
    }
    if (!more.empty()) Merge(code_points_, std::move(more));
}

void GlyphSet::Add(char32_t code_point) {
    if (Storable(code_point)) InsertSorted(code_points_, code_point);
}

void GlyphSet::Add(const GlyphSet& other) { Merge(code_points_, other.code_points_); }

void GlyphSet::Add(std::vector<char32_t> code_points) {
    code_points.erase(std::remove_if(code_points.begin(), code_points.end(),
                                     [](char32_t c) { return !Storable(c); }),
                      code_points.end());
    Merge(code_points_, std::move(code_points));
}

void GlyphSet::AddKana() {
    std::vector<char32_t> more;
    for (char32_t c = 0x3000; c <= 0x303F; ++c) more.push_back(c);  // CJK symbols and punctuation
    for (char32_t c = 0x3041; c <= 0x3096; ++c) more.push_back(c);  // hiragana
    for (char32_t c = 0x3099; c <= 0x30FF; ++c) more.push_back(c);  // marks, katakana
    for (char32_t c = 0x31F0; c <= 0x31FF; ++c) more.push_back(c);  // katakana extensions (ㇰ…)
    for (char32_t c = 0xFF01; c <= 0xFF9F; ++c)
        more.push_back(c);  // full-width ASCII, half-width kana
    Merge(code_points_, std::move(more));
}

void GlyphSet::AddJisX0208() {
    // EUC-JP code set 1 is JIS X 0208 with both bytes | 0x80: rows 1–84, cells 1–94. ICU's
    // converter does the mapping, so no table is carried here.
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open("EUC-JP", &status),
                                                            &ucnv_close);
    if (U_FAILURE(status)) return;
    std::vector<char32_t> more;
    char bytes[2];
    UChar units[4];
    for (int row = 1; row <= 84; ++row) {
        if (row >= 9 && row <= 15) continue;  // unassigned rows
        for (int cell = 1; cell <= 94; ++cell) {
            bytes[0] = static_cast<char>(0xA0 + row);
            bytes[1] = static_cast<char>(0xA0 + cell);
            status = U_ZERO_ERROR;
            ucnv_reset(conv.get());
            const int32_t n = ucnv_toUChars(conv.get(), units, 4, bytes, 2, &status);
            if (U_FAILURE(status) || n != 1) continue;
            const char32_t c = units[0];
            if (c == 0xFFFD || c == 0x1A || !Storable(c)) continue;  // unassigned cell
            more.push_back(c);
        }
    }
    Merge(code_points_, std::move(more));
}

bool GlyphSet::Contains(char32_t code_point) const {
    return std::binary_search(code_points_.begin(), code_points_.end(), code_point);
}

std::vector<unsigned short> GlyphSet::ImGuiRanges() const {
    std::vector<unsigned short> ranges;
    for (std::size_t i = 0; i < code_points_.size();) {
        std::size_t j = i;
        while (j + 1 < code_points_.size() && code_points_[j + 1] == code_points_[j] + 1) ++j;
        ranges.push_back(static_cast<unsigned short>(code_points_[i]));
        ranges.push_back(static_cast<unsigned short>(code_points_[j]));
        i = j + 1;
    }
    ranges.push_back(0);
    return ranges;
}

std::uint64_t GlyphSet::Hash() const {
    // FNV-1a over the little-endian code points: stable across runs and machines.
    std::uint64_t h = 14695981039346656037ull;
    for (char32_t c : code_points_) {
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (c >> shift) & 0xFF;
            h *= 1099511628211ull;
        }
    }
    return h;
}

}  // namespace mondo::fonts
