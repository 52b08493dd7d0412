#include "content/furigana.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <system_error>
#include <unordered_map>

#include "content/unicode.h"

namespace mondo::content::detail {

namespace {

// A reading is accepted when its sound skeleton is this close to the pinyin's. The seed's four
// readings measure ≤ 0.13, its eight ordinary kanji+katakana compounds ≥ 0.6.
constexpr double kMaxReadingDistance = 0.34;
// Longest Han suffix a reading is tried against (names and places are 1–4 characters).
constexpr std::size_t kMaxBaseLength = 6;
// A reading in parentheses: at most this long; a hiragana one (楮（こうぞ）) is taken for a kanji
// word of at most kMaxHiraganaBase characters with at most kMaxKanaPerKanji kana per character.
constexpr std::size_t kMaxReadingKana = 24;
constexpr std::size_t kMaxHiraganaBase = 4;
constexpr std::size_t kMaxKanaPerKanji = 4;

struct Transliterators {
    std::unique_ptr<icu::Transliterator> han_latin;
    std::unique_ptr<icu::Transliterator> kana_latin;
    std::unordered_map<char32_t, std::string> pinyin_cache;
    double setup_ms = 0.0;
    bool failed = false;

    bool Ready() {
        if (han_latin || failed) return !failed;
        const auto start = std::chrono::steady_clock::now();
        UErrorCode status = U_ZERO_ERROR;
        han_latin.reset(
            icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_SUCCESS(status)) {
            kana_latin.reset(icu::Transliterator::createInstance("Katakana-Latin; Latin-ASCII",
                                                                 UTRANS_FORWARD, status));
        }
        failed = U_FAILURE(status) || !han_latin || !kana_latin;
        setup_ms +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        return !failed;
    }
};

Transliterators& ThreadTransliterators() {
    thread_local Transliterators instance;
    return instance;
}

std::string ToLatin(icu::Transliterator& transliterator, std::string_view text) {
    icu::UnicodeString value = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    transliterator.transliterate(value);
    std::string out;
    value.toUTF8String(out);
    return out;
}

// Reduces romanised text to a coarse sound skeleton on which pinyin and Japanese romaji of the
// same syllables agree: zh/j → j, ch/q/c/ts → c, sh/x/s → s, f/h → h, ng → n, w dropped, y → i.
std::string Skeleton(std::string_view latin) {
    std::string letters;
    for (const char c : latin) {
        if (c >= 'A' && c <= 'Z') letters.push_back(static_cast<char>(c - 'A' + 'a'));
        if (c >= 'a' && c <= 'z') letters.push_back(c);
    }
    std::string out;
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const char c = letters[i];
        const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
        if ((c == 'z' || c == 'c' || c == 's') && next == 'h') {
            out.push_back(c == 'z' ? 'j' : (c == 'c' ? 'c' : 's'));
            ++i;
        } else if (c == 't' && next == 's') {
            out.push_back('c');
            ++i;
        } else if (c == 'n' && next == 'g') {
            out.push_back('n');
            ++i;
        } else if (c == 'q') {
            out.push_back('c');
        } else if (c == 'x') {
            out.push_back('s');
        } else if (c == 'f') {
            out.push_back('h');
        } else if (c == 'w') {
            continue;
        } else if (c == 'y') {
            out.push_back('i');
        } else if (c == 'z') {
            out.push_back('j');
        } else if (!out.empty() && out.back() == c && (c == 'p' || c == 't' || c == 'k')) {
            continue;  // geminated consonants (ッ) have no pinyin counterpart
        } else {
            out.push_back(c);
        }
    }
    return out;
}

double NormalisedEditDistance(std::string_view a, std::string_view b) {
    if (a.empty() && b.empty()) return 0.0;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return static_cast<double>(row[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

const std::string& PinyinOf(Transliterators& t, char32_t han) {
    auto it = t.pinyin_cache.find(han);
    if (it != t.pinyin_cache.end()) return it->second;
    std::string utf8;
    AppendUtf8(utf8, han);
    return t.pinyin_cache.emplace(han, Skeleton(ToLatin(*t.han_latin, utf8))).first->second;
}

// The number of trailing characters of `han` that `kana` reads, or 0 when it is no reading.
std::size_t ReadingSpan(Transliterators& t, const std::vector<char32_t>& han,
                        std::string_view kana) {
    const std::string kana_skeleton = Skeleton(ToLatin(*t.kana_latin, kana));
    if (kana_skeleton.empty()) return 0;
    double best = 2.0;
    std::size_t best_length = 0;
    std::string pinyin;
    const std::size_t limit = std::min(han.size(), kMaxBaseLength);
    for (std::size_t length = 1; length <= limit; ++length) {
        pinyin = PinyinOf(t, han[han.size() - length]) + pinyin;
        const double distance = NormalisedEditDistance(pinyin, kana_skeleton);
        if (distance < best) {
            best = distance;
            best_length = length;
        }
        if (pinyin.size() > 2 * kana_skeleton.size() + 4) break;
    }
    return best <= kMaxReadingDistance ? best_length : 0;
}

struct Parenthesised {
    std::string_view kana;
    std::size_t kana_count = 0;
    bool katakana = false;
    std::size_t end = 0;  // just past the closing parenthesis
};

// "(こうぞ)" or "（ジャンジアン）" starting at `start` (just past the opening parenthesis): a run
// of one kind of kana and nothing else inside.
std::optional<Parenthesised> ParenthesisedReading(std::string_view text, std::size_t start) {
    Parenthesised result;
    std::size_t i = start;
    bool hiragana = false, katakana = false;
    while (i < text.size() && result.kana_count <= kMaxReadingKana) {
        std::size_t next = i;
        const char32_t cp = DecodeUtf8(text, next);
        if (cp == ')' || cp == 0xFF09) {
            if (result.kana_count == 0 || (hiragana && katakana)) return std::nullopt;
            result.kana = text.substr(start, i - start);
            result.katakana = katakana;
            result.end = next;
            return result;
        }
        if (cp == 0x30FC) {
            // ー belongs to either script
        } else if (IsHiragana(cp)) {
            hiragana = true;
        } else if (IsKatakana(cp)) {
            katakana = true;
        } else {
            return std::nullopt;
        }
        ++result.kana_count;
        i = next;
    }
    return std::nullopt;
}

}  // namespace

double ReadingDistance(std::string_view han, std::string_view katakana) {
    Transliterators& t = ThreadTransliterators();
    if (!t.Ready()) return 1.0;
    std::string pinyin;
    for (std::size_t i = 0; i < han.size();) pinyin += PinyinOf(t, DecodeUtf8(han, i));
    return NormalisedEditDistance(pinyin, Skeleton(ToLatin(*t.kana_latin, katakana)));
}

double FuriganaSetupMilliseconds() { return ThreadTransliterators().setup_ms; }

TransliteratorWarmUp::TransliteratorWarmUp() {
    PrepareIcuDefaults();  // ICU's default locale read on this thread, not raced on the other
    try {
        thread_ = std::thread([] {
            Transliterators transliterators;
            (void)transliterators.Ready();
        });
    } catch (const std::system_error&) {
    }
}

TransliteratorWarmUp::~TransliteratorWarmUp() {
    if (thread_.joinable()) thread_.join();
}

std::string RemoveFlattenedFurigana(std::string_view text, std::vector<Ruby>& found) {
    std::string out;
    out.reserve(text.size());
    std::vector<char32_t> han_run;      // the Han run just before the current position
    std::size_t han_run_out_start = 0;  // where that run begins in `out`
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t cp = DecodeUtf8(text, next);
        if (IsHan(cp)) {
            if (han_run.empty()) han_run_out_start = out.size();
            han_run.push_back(cp);
            out.append(text.substr(i, next - i));
            i = next;
            continue;
        }
        if (!han_run.empty() && (cp == '(' || cp == 0xFF08)) {
            if (const auto reading = ParenthesisedReading(text, next)) {
                Transliterators& t = ThreadTransliterators();
                std::size_t span = 0;
                if (reading->katakana) {
                    if (t.Ready()) span = ReadingSpan(t, han_run, reading->kana);
                } else if (han_run.size() <= kMaxHiraganaBase &&
                           reading->kana_count <= kMaxKanaPerKanji * han_run.size() + 1) {
                    span = han_run.size();  // a Japanese reading covers the whole kanji word
                }
                if (span > 0) {
                    std::size_t base_start = out.size();
                    for (std::size_t k = 0; k < span && base_start > han_run_out_start; ++k) {
                        DecodeUtf8Before(out, base_start);
                    }
                    found.push_back(Ruby{out.substr(base_start), std::string(reading->kana)});
                    han_run.clear();
                    i = reading->end;
                    continue;
                }
            }
        }
        if (!han_run.empty() && IsKatakana(cp) && cp != 0x30FC) {
            std::size_t end = i;
            std::size_t kana_count = 0;
            while (end < text.size()) {
                std::size_t probe = end;
                if (!IsKatakana(DecodeUtf8(text, probe))) break;
                end = probe;
                ++kana_count;
            }
            const std::string_view kana = text.substr(i, end - i);
            Transliterators& t = ThreadTransliterators();
            std::size_t span = 0;
            if (kana_count >= 2 && t.Ready()) span = ReadingSpan(t, han_run, kana);
            if (span > 0) {
                // The base is the last `span` characters of the run already copied to `out`.
                std::size_t base_start = out.size();
                for (std::size_t k = 0; k < span && base_start > han_run_out_start; ++k) {
                    DecodeUtf8Before(out, base_start);
                }
                found.push_back(Ruby{out.substr(base_start), std::string(kana)});
            } else {
                out.append(kana);
            }
            han_run.clear();
            i = end;
            continue;
        }
        han_run.clear();
        out.append(text.substr(i, next - i));
        i = next;
    }
    return out;
}

}  // namespace mondo::content::detail
