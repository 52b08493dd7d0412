// UTF-8 for the whole project (content, fonts, app), on ICU's <unicode/utf8.h> macros; and small
// script helpers internal to mondo_content (namespace detail).
//
// One strictness everywhere. Well-formed UTF-8 is the Unicode definition: no overlong forms, no
// surrogates, nothing above U+10FFFF. Where text comes in (ParseInterview), FirstInvalidUtf8
// rejects anything else with the byte offset of the first bad byte. Everywhere else an ill-formed
// sequence decodes as one U+FFFD per maximal subpart (Unicode's recommended practice, as ICU, the
// browsers and Python do), so no function here ever reads past the end or loops.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mondo::content {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

namespace detail {
// DecodeUtf8 for what its inline part leaves: ICU's U8_NEXT_OR_FFFD.
char32_t DecodeUtf8Slowly(std::string_view text, std::size_t& i);
}  // namespace detail

// Decodes the code point starting at byte `i` (< text.size()) and advances `i` past it (at least
// one byte). Ill-formed sequences give U+FFFD.
//
// Inline for ASCII and the well-formed three-byte sequences (U+1000..U+FFFF without the
// surrogates: kana, kanji, full-width forms), the bulk of every text it decodes; the rest, and
// every ill-formed sequence, is decoded by ICU's macro out of line. Both give the same code
// points for the same bytes.
inline char32_t DecodeUtf8(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    if (lead >= 0xE1 && lead != 0xED && lead <= 0xEF && text.size() - i >= 3) {
        const auto second = static_cast<unsigned char>(text[i + 1]);
        const auto third = static_cast<unsigned char>(text[i + 2]);
        if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80) {
            i += 3;
            return (static_cast<char32_t>(lead & 0x0F) << 12) |
                   (static_cast<char32_t>(second & 0x3F) << 6) | (third & 0x3F);
        }
    }
    return detail::DecodeUtf8Slowly(text, i);
}
// Moves `i` (0 < i <= text.size()) back to the start of the code point that ends at `i`, and
// returns that code point (U+FFFD if ill-formed).
char32_t DecodeUtf8Before(std::string_view text, std::size_t& i);
// The start of the code point that byte `i` belongs to (`i` itself on a boundary; i <= size).
std::size_t CodePointStart(std::string_view text, std::size_t i);
std::u32string DecodeUtf8All(std::string_view text);
// Code points as DecodeUtf8 counts them.
std::size_t CodePointCount(std::string_view text);

// Makes ICU read and keep the process locale's name and charset now. ICU reads them
// (setlocale(category, NULL)) the first time it needs its default locale or converter, and
// setlocale is not thread-safe: SDL sets the locale to the user's and back while it connects to
// X (around XOpenIM), and a thread meeting ICU for the first time meanwhile reads a name being
// freed (ThreadSanitizer: uprv_getDefaultLocaleID). Call on the main thread before starting
// threads that use ICU.
void PrepareIcuDefaults();
// Appends the UTF-8 form of `cp`; surrogates and values above U+10FFFF append U+FFFD.
void AppendUtf8(std::string& out, char32_t cp);
// `text` cut to at most `max_bytes` bytes on a code point boundary.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);
// The byte offset of the start of the first ill-formed sequence, or npos when `text` is UTF-8.
std::size_t FirstInvalidUtf8(std::string_view text);
// `text` without white space of any kind (ASCII, no-break, ideographic U+3000, line separators,
// zero-width space, BOM) at either end.
std::string_view TrimSpace(std::string_view text);

}  // namespace mondo::content

namespace mondo::content::detail {

// Han ideographs (incl. 々 and 〆, which behave like kanji inside words).
bool IsHan(char32_t cp);
// Katakana incl. the prolonged sound mark ー and half-width katakana; not the middle dot ・.
bool IsKatakana(char32_t cp);
bool IsHiragana(char32_t cp);
bool IsKana(char32_t cp);
bool IsAsciiAlnum(char32_t cp);
bool IsDigit(char32_t cp);  // ASCII and full-width digits
// White space of any kind: ASCII, U+00A0, U+3000, U+2000–U+200B, U+FEFF, line separators.
bool IsSpaceLike(char32_t cp);

// Removes white space (IsSpaceLike) from both ends.
std::string_view Trim(std::string_view text);

// 64-bit FNV-1a: stable across platforms and runs, used for ids and seeded shuffles.
std::uint64_t Fnv1a64(std::string_view text, std::uint64_t seed = 0xcbf29ce484222325ULL);
std::string Hex64(std::uint64_t value);

// Replaces every occurrence of `from` by `to`.
std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to);

// Like ReplaceAll, but an occurrence that starts or ends with an ASCII letter or digit is replaced
// only where it is not glued to more of them: "the" is replaced in "the light", not in "father".
std::string ReplaceWord(std::string_view text, std::string_view from, std::string_view to);

}  // namespace mondo::content::detail
