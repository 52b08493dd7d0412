// Japanese line breaking: ICU break opportunities, kinsoku filter, greedy fill.
#include "fonts/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <memory>

#include "content/unicode.h"

namespace mondo::fonts {

namespace {

// Code points that must not begin a line (gyōtō kinsoku).
constexpr char32_t kNoStart[] = {
    // closing brackets
    U')',
    U']',
    U'}',
    U'）',
    U'］',
    U'｝',
    U'」',
    U'』',
    U'】',
    U'〕',
    U'〉',
    U'》',
    U'〙',
    U'〗',
    U'〟',
    U'’',
    U'”',
    U'｠',
    U'»',
    U'｣',
    // punctuation
    U'、',
    U'。',
    U'，',
    U'．',
    U',',
    U'.',
    U'｡',
    U'､',
    U':',
    U';',
    U'：',
    U'；',
    U'?',
    U'!',
    U'？',
    U'！',
    U'‼',
    U'⁇',
    U'⁈',
    U'⁉',
    U'…',
    U'‥',
    U'・',
    U'･',
    U'%',
    U'％',
    // prolonged sound mark, iteration marks, small kana
    U'ー',
    U'ｰ',
    U'々',
    U'〻',
    U'ゝ',
    U'ゞ',
    U'ヽ',
    U'ヾ',
    U'〜',
    U'～',
    U'゠',
    U'‐',
    U'–',
    U'ぁ',
    U'ぃ',
    U'ぅ',
    U'ぇ',
    U'ぉ',
    U'っ',
    U'ゃ',
    U'ゅ',
    U'ょ',
    U'ゎ',
    U'ゕ',
    U'ゖ',
    U'ァ',
    U'ィ',
    U'ゥ',
    U'ェ',
    U'ォ',
    U'ッ',
    U'ャ',
    U'ュ',
    U'ョ',
    U'ヮ',
    U'ヵ',
    U'ヶ',
    U'ｧ',
    U'ｨ',
    U'ｩ',
    U'ｪ',
    U'ｫ',
    U'ｯ',
    U'ｬ',
    U'ｭ',
    U'ｮ',
    // combining voiced marks
    0x3099,
    0x309A,
    U'゛',
    U'゜',
    U'ﾞ',
    U'ﾟ',
};

// Code points that must not end a line (gyōmatsu kinsoku).
constexpr char32_t kNoEnd[] = {
    U'(',  U'[',  U'{',  U'（', U'［', U'｛', U'「', U'『', U'【', U'〔',
    U'〈', U'《', U'〘', U'〖', U'〝', U'‘',  U'“',  U'｟', U'«',  U'｢',
};

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

bool IsLatinWordChar(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// The code point that ends just before byte `pos` (pos > 0).
char32_t CodePointBefore(std::string_view text, std::size_t pos) {
    return content::DecodeUtf8Before(text, pos);
}

char32_t CodePointAt(std::string_view text, std::size_t pos) {
    std::size_t p = pos;
    return content::DecodeUtf8(text, p);
}

// May a line break fall at byte `pos` (0 < pos < size)?
bool KinsokuAllows(std::string_view text, std::size_t pos) {
    return MayEndLine(CodePointBefore(text, pos)) && MayStartLine(CodePointAt(text, pos));
}

std::size_t TrimEnd(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin) {
        std::size_t start = end;
        if (!IsSpace(content::DecodeUtf8Before(text, start)) || start < begin) break;
        end = start;
    }
    return end;
}

struct UTextCloser {
    void operator()(UText* t) const { utext_close(t); }
};

// Which ICU iterator gives the boundaries.
enum class BreakKind {
    kPhrase,  // line breaks between phrases (ICU 72+ "lw=phrase": 米国では|毎日|大量の|…)
    kCharacter,  // line breaks wherever Japanese allows (between most characters)
    kCluster,    // grapheme cluster boundaries
};

// Per-thread ICU iterators: creating one costs ~1 ms, setting text is cheap.
icu::BreakIterator* Iterator(BreakKind kind) {
    thread_local std::unique_ptr<icu::BreakIterator> slots[3];
    auto& slot = slots[static_cast<int>(kind)];
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        // "lb=strict": small kana and the prolonged sound mark are non-starters (JIS X 4051).
        switch (kind) {
            case BreakKind::kPhrase:
                slot.reset(icu::BreakIterator::createLineInstance(
                    icu::Locale::createFromName("ja@lw=phrase;lb=strict"), status));
                break;
            case BreakKind::kCharacter:
                slot.reset(icu::BreakIterator::createLineInstance(
                    icu::Locale::createFromName("ja@lb=strict"), status));
                break;
            case BreakKind::kCluster:
                slot.reset(icu::BreakIterator::createCharacterInstance(
                    icu::Locale::createFromName("ja"), status));
                break;
        }
        if (U_FAILURE(status)) slot.reset();
    }
    return slot.get();
}

// Boundaries of `kind` inside text[begin, end), as byte offsets, excluding begin, including end.
std::vector<std::size_t> Boundaries(std::string_view text, std::size_t begin, std::size_t end,
                                    BreakKind kind) {
    std::vector<std::size_t> out;
    icu::BreakIterator* it = Iterator(kind);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> ut(
        utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &status));
    if (it && U_SUCCESS(status)) {
        it->setText(ut.get(), status);
        if (U_SUCCESS(status)) {
            for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
                out.push_back(begin + static_cast<std::size_t>(b));
            }
        }
        // The iterator keeps a shallow reference to the UText; detach before it is closed.
        it->setText(icu::UnicodeString());
    }
    if (out.empty() || out.back() != end) {
        // No ICU (or malformed text it stopped on): fall back to code point boundaries.
        out.clear();
        for (std::size_t p = begin; p < end;) {
            content::DecodeUtf8(text, p);
            out.push_back(std::min(p, end));
        }
    }
    return out;
}

bool InsideKept(const std::vector<ByteRange>& keep, std::size_t pos) {
    return std::any_of(keep.begin(), keep.end(),
                       [&](const ByteRange& r) { return r.begin < pos && pos < r.end; });
}

// Breaks one paragraph text[begin, end) (no '\n' inside).
void BreakParagraph(std::string_view text, std::size_t begin, std::size_t end, float max_width,
                    const RangeMeasureFn& measure, const std::vector<ByteRange>& keep,
                    std::vector<LineSpan>& lines) {
    const auto emit = [&](std::size_t from, std::size_t to) {
        const std::size_t trimmed = TrimEnd(text, from, to);
        lines.push_back({from, trimmed, trimmed > from ? measure(from, trimmed) : 0.0f});
    };
    if (begin == end || max_width <= 0.0f) {
        emit(begin, end);
        return;
    }
    std::vector<std::size_t> breaks;
    for (std::size_t b : Boundaries(text, begin, end, BreakKind::kPhrase)) {
        if (b == end || (KinsokuAllows(text, b) && !InsideKept(keep, b))) breaks.push_back(b);
    }
    const auto fits = [&](std::size_t from, std::size_t to) {
        const std::size_t trimmed = TrimEnd(text, from, to);
        return trimmed == from || measure(from, trimmed) <= max_width;
    };

    std::size_t line_start = begin;
    std::size_t last_fit = begin;  // the furthest break that fits on the current line
    for (std::size_t i = 0; i < breaks.size();) {
        const std::size_t b = breaks[i];
        if (fits(line_start, b)) {
            last_fit = b;
            ++i;
            continue;
        }
        if (last_fit > line_start) {
            emit(line_start, last_fit);
            line_start = last_fit;
            // Spaces that start a continuation line belong to the break.
            while (line_start < b && IsSpace(CodePointAt(text, line_start))) {
                std::size_t p = line_start;
                content::DecodeUtf8(text, p);
                line_start = p;
            }
            last_fit = line_start;
            continue;  // measure b again from the new line start
        }
        // One unit [line_start, b) (a phrase, or phrases kinsoku glues together) is wider than
        // the line: break it where Japanese allows a break between characters, at the furthest
        // such break that fits; failing that, between grapheme clusters.
        // Preference among clusters: a cut the rules allow that keeps Latin words whole
        // ("Q:|DeepSeek"), then any cut the rules allow, then any cluster boundary.
        std::size_t best_word = line_start;
        std::size_t best_allowed = line_start;
        std::size_t best_any = line_start;
        for (std::size_t g : Boundaries(text, line_start, b, BreakKind::kCharacter)) {
            if (g >= b || !fits(line_start, g)) break;
            if (KinsokuAllows(text, g) && !InsideKept(keep, g)) best_word = g;
        }
        for (std::size_t g : Boundaries(text, line_start, b, BreakKind::kCluster)) {
            if (best_word > line_start) break;
            if (g >= b || !fits(line_start, g)) break;
            best_any = g;
            if (!KinsokuAllows(text, g) || InsideKept(keep, g)) continue;
            best_allowed = g;
            if (!(IsLatinWordChar(CodePointBefore(text, g)) &&
                  IsLatinWordChar(CodePointAt(text, g)))) {
                best_word = g;
            }
        }
        std::size_t cut = best_word > line_start      ? best_word
                          : best_allowed > line_start ? best_allowed
                                                      : best_any;
        if (cut == line_start) {
            // Not even one cluster fits: it gets a line of its own.
            const auto clusters = Boundaries(text, line_start, b, BreakKind::kCluster);
            cut = clusters.front();
        }
        if (cut >= b) {
            // The unit is a single cluster: the line overflows, nothing can be done.
            emit(line_start, b);
            line_start = last_fit = b;
            ++i;
            continue;
        }
        emit(line_start, cut);
        line_start = last_fit = cut;
    }
    if (line_start < end) emit(line_start, end);
}

}  // namespace

bool MayStartLine(char32_t c) {
    return std::find(std::begin(kNoStart), std::end(kNoStart), c) == std::end(kNoStart);
}

bool MayEndLine(char32_t c) {
    return std::find(std::begin(kNoEnd), std::end(kNoEnd), c) == std::end(kNoEnd);
}

std::vector<LineSpan> BreakLinesKeeping(std::string_view utf8, float max_width,
                                        const RangeMeasureFn& measure,
                                        const std::vector<ByteRange>& keep_together) {
    assert(measure && "BreakLines needs a measure");
    std::vector<LineSpan> lines;
    std::size_t begin = 0;
    while (true) {
        std::size_t end = utf8.find('\n', begin);
        const bool last = end == std::string_view::npos;
        if (last) end = utf8.size();
        std::size_t content_end = end;
        if (content_end > begin && utf8[content_end - 1] == '\r') --content_end;
        BreakParagraph(utf8, begin, content_end, max_width, measure, keep_together, lines);
        if (last) break;
        begin = end + 1;
    }
    return lines;
}

std::vector<LineSpan> BreakLines(std::string_view utf8, float max_width, const MeasureFn& measure) {
    assert(measure && "BreakLines needs a measure");
    return BreakLinesKeeping(utf8, max_width,
                             [&](std::size_t begin, std::size_t end) {
                                 return measure(utf8.substr(begin, end - begin));
                             },
                             {});
}

const std::vector<LineSpan>& LineBreakCache::Lines(std::string_view utf8, float max_width,
                                                   float font_size, std::uint64_t font_key,
                                                   const MeasureFn& measure) {
    std::string key(sizeof(float) * 2 + sizeof(font_key), '\0');
    std::memcpy(key.data(), &max_width, sizeof(float));
    std::memcpy(key.data() + sizeof(float), &font_size, sizeof(float));
    std::memcpy(key.data() + 2 * sizeof(float), &font_key, sizeof(font_key));
    key.append(utf8);
    if (auto found = index_.find(key); found != index_.end()) {
        ++hits_;
        entries_.splice(entries_.begin(), entries_, found->second);
        return found->second->lines;
    }
    ++misses_;
    if (entries_.size() >= capacity_ && !entries_.empty()) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
    }
    entries_.push_front(Entry{std::move(key), BreakLines(utf8, max_width, measure)});
    index_.emplace(entries_.front().key, entries_.begin());
    return entries_.front().lines;
}

void LineBreakCache::Clear() {
    index_.clear();
    entries_.clear();
}

}  // namespace mondo::fonts
