// content/unicode.h: the one UTF-8 module (decoding, stepping back, validation, appending).
#include "content/unicode.h"

#include <doctest/doctest.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>

namespace mondo::content {
namespace {

constexpr char32_t kFffd = kReplacementCharacter;

TEST_CASE("DecodeUtf8 reads every length and advances past it") {
    const std::string text = "a\xC3\xA9\xE6\xA2\x81\xF0\xA0\xAE\x9F";  // a é 梁 𠮟
    std::size_t i = 0;
    CHECK(DecodeUtf8(text, i) == U'a');
    CHECK(i == 1);
    CHECK(DecodeUtf8(text, i) == U'é');
    CHECK(i == 3);
    CHECK(DecodeUtf8(text, i) == U'梁');
    CHECK(i == 6);
    CHECK(DecodeUtf8(text, i) == 0x20B9F);
    CHECK(i == text.size());
}

TEST_CASE("ill-formed sequences decode as one U+FFFD per maximal subpart, never past the end") {
    CHECK(DecodeUtf8All("\xE6\xA2") == std::u32string{kFffd});             // truncated 梁
    CHECK(DecodeUtf8All("\xC0\xAF") == std::u32string{kFffd, kFffd});      // overlong '/'
    CHECK(DecodeUtf8All("\xED\xA0\x80") == std::u32string(3, kFffd));      // a surrogate
    CHECK(DecodeUtf8All("\xF4\x90\x80\x80") == std::u32string(4, kFffd));  // above U+10FFFF
    CHECK(DecodeUtf8All("a\x80"
                        "b") == std::u32string{U'a', kFffd, U'b'});  // stray trail byte
    CHECK(CodePointCount("\xE6\xA2\xE6\xA2\x81") == 2);
}

TEST_CASE("DecodeUtf8 agrees with ICU's U8_NEXT_OR_FFFD on every lead byte and two bytes after") {
    // DecodeUtf8 decodes common sequences inline and the rest with ICU's macro: both must give the
    // same code point and length for any bytes, ill-formed, cut short or followed by more.
    int disagreements = 0;
    std::string text(4, '\0');
    for (int lead = 0x80; lead <= 0xFF; ++lead) {
        for (int second = 0; second <= 0xFF; ++second) {
            for (int third = 0; third <= 0xFF; ++third) {
                text[0] = static_cast<char>(lead);
                text[1] = static_cast<char>(second);
                text[2] = static_cast<char>(third);
                text[3] = '\x80';
                for (std::size_t length = 1; length <= 4; ++length) {
                    const std::string_view bytes(text.data(), length);
                    std::size_t i = 0;
                    const char32_t ours = DecodeUtf8(bytes, i);
                    std::int32_t next = 0;
                    UChar32 icu = 0;
                    U8_NEXT_OR_FFFD(reinterpret_cast<const std::uint8_t*>(bytes.data()), next,
                                    static_cast<std::int32_t>(length), icu);
                    if (ours != static_cast<char32_t>(icu) || i != static_cast<std::size_t>(next))
                        ++disagreements;
                }
            }
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("DecodeUtf8Before steps back over one code point") {
    const std::string text = "a梁\xF0\xA0\xAE\x9F";
    std::size_t i = text.size();
    CHECK(DecodeUtf8Before(text, i) == 0x20B9F);
    CHECK(i == 4);
    CHECK(DecodeUtf8Before(text, i) == U'梁');
    CHECK(i == 1);
    CHECK(DecodeUtf8Before(text, i) == U'a');
    CHECK(i == 0);
    const std::string bad = "a\x80";
    std::size_t j = bad.size();
    CHECK(DecodeUtf8Before(bad, j) == kFffd);
    CHECK(j == 1);
}

TEST_CASE("CodePointStart and TruncateUtf8 never cut a character in half") {
    const std::string text = "梁文峰";  // three bytes each
    CHECK(CodePointStart(text, 0) == 0);
    CHECK(CodePointStart(text, 1) == 0);
    CHECK(CodePointStart(text, 5) == 3);
    CHECK(CodePointStart(text, text.size()) == text.size());
    CHECK(TruncateUtf8(text, 8) == "梁文");
    CHECK(TruncateUtf8(text, 6) == "梁文");
    CHECK(TruncateUtf8(text, 2).empty());
    CHECK(TruncateUtf8(text, 100) == text);
}

TEST_CASE("FirstInvalidUtf8 gives the offset of the first ill-formed sequence") {
    CHECK(FirstInvalidUtf8("梁文峰 abc") == std::string_view::npos);
    CHECK(FirstInvalidUtf8("ab\xFF") == 2);
    CHECK(FirstInvalidUtf8("梁\xC0\xAF") == 3);
    CHECK(FirstInvalidUtf8("a\xED\xA0\x80") == 1);
    CHECK(FirstInvalidUtf8("ab\xE3\x81") == 2);
}

TEST_CASE("AppendUtf8 writes UTF-8 and replaces what is not a scalar value") {
    std::string out;
    AppendUtf8(out, U'a');
    AppendUtf8(out, U'梁');
    AppendUtf8(out, 0x20B9F);
    CHECK(out == "a梁\xF0\xA0\xAE\x9F");
    out.clear();
    AppendUtf8(out, 0xD800);
    AppendUtf8(out, 0x110000);
    CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace mondo::content
