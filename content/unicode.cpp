#include "content/unicode.h"

#include <unicode/locid.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace mondo::content {

namespace {

const std::uint8_t* Bytes(std::string_view text) {
    return reinterpret_cast<const std::uint8_t*>(text.data());
}

// ICU's macros index with int32_t; a window of the last few bytes keeps backward steps exact
// for text of any length (a code point is at most four bytes).
constexpr std::size_t kBackWindow = 4;

}  // namespace

char32_t detail::DecodeUtf8Slowly(std::string_view text, std::size_t& i) {
    const std::uint8_t* bytes = Bytes(text);
    const std::size_t length = text.size();
    std::size_t next = i;
    UChar32 cp = 0;
    U8_NEXT_OR_FFFD(bytes, next, length, cp);
    i = next;
    return static_cast<char32_t>(cp);
}

char32_t DecodeUtf8Before(std::string_view text, std::size_t& i) {
    const std::size_t base = i > kBackWindow ? i - kBackWindow : 0;
    auto offset = static_cast<std::int32_t>(i - base);
    UChar32 cp = 0;
    U8_PREV_OR_FFFD(Bytes(text) + base, 0, offset, cp);
    i = base + static_cast<std::size_t>(offset);
    return static_cast<char32_t>(cp);
}

std::size_t CodePointStart(std::string_view text, std::size_t i) {
    if (i >= text.size()) return text.size();
    const std::size_t base = i > kBackWindow ? i - kBackWindow : 0;
    auto offset = static_cast<std::int32_t>(i - base);
    U8_SET_CP_START(Bytes(text) + base, 0, offset);
    return base + static_cast<std::size_t>(offset);
}

std::u32string DecodeUtf8All(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) out += DecodeUtf8(text, i);
    return out;
}

std::size_t CodePointCount(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) DecodeUtf8(text, i);
    return count;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || U_IS_SURROGATE(cp)) cp = kReplacementCharacter;
    std::uint8_t bytes[U8_MAX_LENGTH];
    std::size_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, cp);
    out.append(reinterpret_cast<const char*>(bytes), length);
}

std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    return text.substr(0, CodePointStart(text, max_bytes));
}

std::size_t FirstInvalidUtf8(std::string_view text) {
    const std::uint8_t* bytes = Bytes(text);
    const std::size_t length = text.size();
    for (std::size_t i = 0; i < length;) {
        const std::size_t start = i;
        UChar32 cp = 0;
        U8_NEXT(bytes, i, length, cp);
        if (cp < 0) return start;
    }
    return std::string_view::npos;
}

void PrepareIcuDefaults() {
    (void)icu::Locale::getDefault();
    (void)ucnv_getDefaultName();
}

std::string_view TrimSpace(std::string_view text) { return detail::Trim(text); }

}  // namespace mondo::content

namespace mondo::content::detail {

bool IsHan(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3005 ||
           cp == 0x3006;
}

bool IsKatakana(char32_t cp) {
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F);
}

bool IsHiragana(char32_t cp) {
    return (cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E;
}

bool IsKana(char32_t cp) { return IsKatakana(cp) || IsHiragana(cp); }

bool IsAsciiAlnum(char32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

bool IsDigit(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

bool IsSpaceLike(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

std::string_view Trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t next = begin;
        if (!IsSpaceLike(DecodeUtf8(text, next))) break;
        begin = next;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t start = end;
        if (!IsSpaceLike(DecodeUtf8Before(text, start)) || start < begin) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

std::uint64_t Fnv1a64(std::string_view text, std::uint64_t seed) {
    std::uint64_t hash = seed;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string Hex64(std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
        value >>= 4;
    }
    return out;
}

std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to) {
    if (from.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (true) {
        const std::size_t hit = text.find(from, pos);
        if (hit == std::string_view::npos) break;
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = hit + from.size();
    }
    out.append(text.substr(pos));
    return out;
}

std::string ReplaceWord(std::string_view text, std::string_view from, std::string_view to) {
    if (from.empty()) return std::string(text);
    const auto alnum = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    const bool check_front = alnum(from.front());
    const bool check_back = alnum(from.back());
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    for (std::size_t hit = text.find(from); hit != std::string_view::npos;
         hit = text.find(from, hit + 1)) {
        if (hit < pos) continue;
        const std::size_t end = hit + from.size();
        if ((check_front && hit > 0 && alnum(text[hit - 1])) ||
            (check_back && end < text.size() && alnum(text[end]))) {
            continue;
        }
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

}  // namespace mondo::content::detail
