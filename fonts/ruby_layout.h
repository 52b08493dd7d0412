// Furigana (ruby) layout: a base text with its reading drawn small above it, inside a paragraph
// broken by the Japanese line breaker. Pure geometry: widths come from measure callbacks, so this
// needs no ImGui; app/ui/paragraph.h draws the result.
//
// Placement (mono-ruby per word, JIS X 4051 §"group ruby" simplified): base and reading are centred
// on each other; the group takes the wider of the two, so a long reading spreads its base instead
// of overlapping the neighbours. A ruby group is never broken across lines.
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
    float base_x = 0.0f;     // offset of the base from the group's left edge
    float reading_x = 0.0f;  // offset of the reading from the group's left edge
    float width = 0.0f;      // advance of the whole group
};

// Centres base and reading on each other.
RubyPlacement PlaceRuby(float base_width, float reading_width);

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
// and widened to its reading when needed, and places each run. `spans` must be sorted and must
// not overlap. `measure_base` measures paragraph text, `measure_reading` reading text.
std::vector<RubyLine> LayoutRubyParagraph(std::string_view text, const std::vector<RubySpan>& spans,
                                          float max_width, const MeasureFn& measure_base,
                                          const MeasureFn& measure_reading);

}  // namespace mondo::fonts
