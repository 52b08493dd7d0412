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

// Decodes the code point starting at byte `i` (< text.size()) and advances `i` past it (at least
// one byte). Ill-formed sequences give U+FFFD.
char32_t DecodeUtf8(std::string_view text, std::size_t& i);
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
