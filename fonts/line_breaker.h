// Japanese line breaking: ICU's phrase-based line break iterator (locale "ja@lw=phrase", strict;
// ICU 72+) for the break opportunities, kinsoku rules on top, greedy fill measured by a callback
// (so this file needs no ImGui and is testable with any measure).
//
// Lines break between phrases (米国では|毎日|大量の|イノベーションが|…), so a word is never split
// (no イノ|ベーション); only a phrase (or a run kinsoku glues) wider than the whole line is broken
// inside, at the breaks Japanese allows between characters (ICU "ja@lb=strict").
//
// Rules, whatever ICU's tailoring says:
//   - no line starts with closing brackets and punctuation (、。，．」』）)］】〕〉》?!？！…),
//     the prolonged sound mark ー, iteration marks (々ゝゞヽヾ), the middle dot ・ or a small kana
//     (ぁぃぅぇぉっゃゅょゎゕゖ and katakana likewise, half-width too): MayStartLine();
//   - no line ends with an opening bracket (「『（(［【〔〈《“‘): MayEndLine();
//   - Latin words (and numbers) stay whole: ICU offers no break inside them;
//   - a line never measures more than the width, unless one unbreakable unit is wider: that unit
//     is then broken between grapheme clusters (still honouring the rules where possible), and
//     only a single grapheme cluster wider than the width makes a line overflow;
//   - '\n' ends a line (an empty paragraph gives an empty line); spaces at the end of a line are
//     not part of it (they hang).
//
// Thread-safety: the functions are reentrant (each thread uses its own ICU iterator);
// LineBreakCache is not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mondo::fonts {

// One line: bytes [begin, end) of the text (trailing spaces and the newline excluded) and the
// width the measure gave for them.
struct LineSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    float width = 0.0f;
    bool operator==(const LineSpan&) const = default;
};

// Width in pixels of a run of UTF-8 text (e.g. ImFont::CalcTextSizeA(...).x). Must be additive
// enough that a longer run is never narrower than its prefix.
using MeasureFn = std::function<float(std::string_view utf8)>;
// Width of bytes [begin, end) of the text being broken (for layouts that add to the text's own
// width, e.g. ruby wider than its base).
using RangeMeasureFn = std::function<float(std::size_t begin, std::size_t end)>;

struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Kinsoku predicates (see the rules above).
bool MayStartLine(char32_t c);
bool MayEndLine(char32_t c);

// Breaks `utf8` into lines no wider than `max_width` (see the rules above). `max_width` <= 0
// means no limit (only '\n' breaks). Malformed UTF-8 is measured as it is and never crashes.
std::vector<LineSpan> BreakLines(std::string_view utf8, float max_width, const MeasureFn& measure);

// As BreakLines, measuring byte ranges, and never breaking strictly inside any of `keep_together`
// (e.g. a base text with its ruby).
std::vector<LineSpan> BreakLinesKeeping(std::string_view utf8, float max_width,
                                        const RangeMeasureFn& measure,
                                        const std::vector<ByteRange>& keep_together);

// Lines cached per (text, width, font size, font key). The font key tells fonts of the same size
// apart and must change whenever glyph widths may change (e.g. after the atlas grew). Holds at most
// `capacity` layouts, dropping the least recently used.
class LineBreakCache {
  public:
    explicit LineBreakCache(std::size_t capacity = 2048) : capacity_(capacity) {}
    // The returned reference stays valid until the next call to Lines() or Clear().
    const std::vector<LineSpan>& Lines(std::string_view utf8, float max_width, float font_size,
                                       std::uint64_t font_key, const MeasureFn& measure);
    void Clear();
    std::size_t size() const { return entries_.size(); }
    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }

  private:
    struct Entry {
        std::string key;
        std::vector<LineSpan> lines;
    };
    std::size_t capacity_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

}  // namespace mondo::fonts
