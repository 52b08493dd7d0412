// UTF-8 decoding and encoding shared by the fonts library and the text widgets. Header-only, no
// dependencies. Malformed input never reads past the end and decodes as U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mondo::fonts {

// Decodes the code point starting at `text[*pos]` and advances `*pos` past it (at least one byte).
// Overlong forms, surrogates, values above U+10FFFF and truncated sequences give U+FFFD.
inline char32_t DecodeUtf8(std::string_view text, std::size_t* pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const std::size_t start = *pos;
    const unsigned char lead = byte(start);
    *pos = start + 1;
    if (lead < 0x80) return lead;
    int extra = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        extra = 1, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3, cp = lead & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; ++i) {
        if (start + i >= text.size() || (byte(start + i) & 0xC0) != 0x80) {
            *pos = start + i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(start + i) & 0x3F);
    }
    *pos = start + 1 + extra;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

// Appends the UTF-8 form of `cp` (invalid values append U+FFFD).
inline void AppendUtf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

inline std::u32string DecodeUtf8All(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) out += DecodeUtf8(text, &pos);
    return out;
}

}  // namespace mondo::fonts
