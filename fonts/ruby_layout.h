// Furigana (ruby) layout: a base text with its reading drawn small above it, inside a paragraph
// broken by the Japanese line breaker. Pure geometry: widths come from measure callbacks, so this
// needs no ImGui; app/ui/paragraph.h draws the result.
//
// Placement (group ruby, after JLREQ §3.3): the base text keeps its natural width and spacing —
// it is never spread. A reading narrower than its base is centred over it. A reading wider than
// its base is centred over it and may overhang each neighbouring character by up to one ruby
// character (JLREQ allows this over kana; we allow it over kanji too, since otherwise 広東省湛江市
// shows gaps that read like spaces); only what is left over widens the group, shared evenly
// between its two sides (or put at the line's edge when the group starts or ends a line). No
// overhang at a line's edges or onto another ruby group. A ruby group is never broken across lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fonts/line_breaker.h"

namespace mondo::fonts {

// A reading attached to bytes [begin, end) of a paragraph.
struct RubySpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string reading;
};

struct RubyWord {
    std::string base;
    std::string reading;
};

// Every occurrence of each base in `text` (longer bases first, no overlaps), in text order.
std::vector<RubySpan> FindRuby(std::string_view text, const std::vector<RubyWord>& words);

struct RubyPlacement {
    float base_x = 0.0f;     // offset of the base from the group's left edge (the gap before it)
    float reading_x = 0.0f;  // offset of the reading from the group's left edge (< 0: overhang)
    float width = 0.0f;      // advance of the whole group
};

// Where a ruby group sits: how far its reading may reach over the neighbouring characters (0 next
// to another ruby group or at a line edge), and whether it starts or ends a line.
struct RubySurroundings {
    float overhang_before = 0.0f;
    float overhang_after = 0.0f;
    bool starts_line = false;
    bool ends_line = false;
};

// Places a reading over its base. What the overhang cannot absorb is shared evenly between the
// two sides, except that a group starting (ending) a line takes it all at that edge, so that no
// gap opens between characters (JLREQ: a long reading is aligned with the line's edge).
RubyPlacement PlaceRuby(float base_width, float reading_width, const RubySurroundings& around = {});

// A run of one line: plain text, or a base with its reading.
struct RubyRun {
    std::size_t begin = 0;  // bytes of the paragraph
    std::size_t end = 0;
    float x = 0.0f;           // left edge of the run on its line
    float width = 0.0f;       // advance
    int ruby = -1;            // index into the RubySpan list, -1 for plain text
    RubyPlacement placement;  // for ruby runs
};

struct RubyLine {
    std::vector<RubyRun> runs;
    float width = 0.0f;
};

// Breaks `text` into lines no wider than `max_width` (as BreakLines) with every span kept whole
// and widened as far as its reading needs after overhang (see above), and places each run. A
// ruby character is the reading's width divided by its code points. `spans` must be sorted and must
// not overlap. `measure_base` measures paragraph text, `measure_reading` reading text.
std::vector<RubyLine> LayoutRubyParagraph(std::string_view text, const std::vector<RubySpan>& spans,
                                          float max_width, const MeasureFn& measure_base,
                                          const MeasureFn& measure_reading);

}  // namespace mondo::fonts
