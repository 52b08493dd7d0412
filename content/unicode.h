// Small UTF-8 and script helpers shared by the content library (internal to mondo_content).
//
// Contract: the decoding helpers assume valid UTF-8 (ParseInterview validates its input first);
// on malformed input they still advance and never read past the end, returning U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mondo::content::detail {

// Decodes the code point starting at `i` and advances `i` past it.
char32_t DecodeUtf8(std::string_view text, std::size_t& i);
void AppendUtf8(std::string& out, char32_t cp);
std::size_t CodePointCount(std::string_view text);

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
