// Furigana layout.
#include "fonts/ruby_layout.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "content/unicode.h"

namespace mondo::fonts {

std::vector<RubySpan> FindRuby(std::string_view text, const std::vector<RubyWord>& words) {
    std::vector<std::size_t> order(words.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return words[a].base.size() > words[b].base.size();
    });
    std::vector<RubySpan> spans;
    const auto overlaps = [&](std::size_t begin, std::size_t end) {
        return std::any_of(spans.begin(), spans.end(),
                           [&](const RubySpan& s) { return begin < s.end && s.begin < end; });
    };
    for (std::size_t i : order) {
        const RubyWord& word = words[i];
        if (word.base.empty() || word.reading.empty()) continue;
        for (std::size_t at = text.find(word.base); at != std::string_view::npos;
             at = text.find(word.base, at + word.base.size())) {
            if (!overlaps(at, at + word.base.size())) {
                spans.push_back({at, at + word.base.size(), word.reading});
            }
        }
    }
    std::sort(spans.begin(), spans.end(),
              [](const RubySpan& a, const RubySpan& b) { return a.begin < b.begin; });
    return spans;
}

RubyPlacement PlaceRuby(float base_width, float reading_width, const RubySurroundings& around) {
    RubyPlacement p;
    const float excess = reading_width - base_width;
    if (excess <= 0.0f) {
        p.width = base_width;
        p.reading_x = -excess / 2.0f;
        return p;
    }
    const float before = around.starts_line ? 0.0f : around.overhang_before;
    const float after = around.ends_line ? 0.0f : around.overhang_after;
    if (excess <= before + after) {
        // The overhang absorbs it all: the reading as centred as the neighbours allow.
        p.width = base_width;
        p.reading_x = -std::clamp(excess / 2.0f, excess - after, before);
        return p;
    }
    const float left_over = excess - before - after;
    float gap_before = left_over / 2.0f;
    if (around.starts_line != around.ends_line) gap_before = around.starts_line ? left_over : 0.0f;
    p.width = base_width + left_over;
    p.base_x = gap_before;
    p.reading_x = -before;  // it reaches `before` over the neighbour and `gap_before` over the gap
    return p;
}

std::vector<RubyLine> LayoutRubyParagraph(std::string_view text, const std::vector<RubySpan>& spans,
                                          float max_width, const MeasureFn& measure_base,
                                          const MeasureFn& measure_reading) {
    assert(std::is_sorted(spans.begin(), spans.end(),
                          [](const RubySpan& a, const RubySpan& b) { return a.begin < b.begin; }) &&
           "ruby spans must be sorted");
    std::vector<float> base_widths(spans.size());
    std::vector<float> reading_widths(spans.size());
    // How far each reading may overhang the characters before and after its base.
    std::vector<float> may_before(spans.size());
    std::vector<float> may_after(spans.size());
    std::vector<ByteRange> keep;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        assert(spans[i].begin < spans[i].end && spans[i].end <= text.size() &&
               "ruby span out of range");
        base_widths[i] = measure_base(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        reading_widths[i] = measure_reading(spans[i].reading);
        const std::size_t count = content::DecodeUtf8All(spans[i].reading).size();
        const float ruby_char = count > 0 ? reading_widths[i] / static_cast<float>(count) : 0.0f;
        const bool group_before = i > 0 && spans[i - 1].end == spans[i].begin;
        const bool group_after = i + 1 < spans.size() && spans[i + 1].begin == spans[i].end;
        may_before[i] = spans[i].begin > 0 && !group_before ? ruby_char : 0.0f;
        may_after[i] = spans[i].end < text.size() && !group_after ? ruby_char : 0.0f;
        keep.push_back({spans[i].begin, spans[i].end});
    }
    // The placement of span i on a line [line_begin, line_end): no overhang past the line's edges.
    const auto place = [&](std::size_t i, std::size_t line_begin, std::size_t line_end) {
        RubySurroundings around;
        around.overhang_before = may_before[i];
        around.overhang_after = may_after[i];
        around.starts_line = spans[i].begin == line_begin;
        around.ends_line = spans[i].end >= line_end;
        return PlaceRuby(base_widths[i], reading_widths[i], around);
    };
    const auto measure = [&](std::size_t begin, std::size_t end) {
        float w = measure_base(text.substr(begin, end - begin));
        for (std::size_t i = 0; i < spans.size(); ++i) {
            if (spans[i].begin >= begin && spans[i].end <= end) {
                w += place(i, begin, end).width - base_widths[i];
            }
        }
        return w;
    };
    std::vector<RubyLine> lines;
    for (const LineSpan& span : BreakLinesKeeping(text, max_width, measure, keep)) {
        RubyLine line;
        float x = 0.0f;
        std::size_t at = span.begin;
        const auto plain = [&](std::size_t end) {
            if (end <= at) return;
            RubyRun run;
            run.begin = at;
            run.end = end;
            run.x = x;
            run.width = measure_base(text.substr(at, end - at));
            x += run.width;
            line.runs.push_back(run);
            at = end;
        };
        for (std::size_t i = 0; i < spans.size(); ++i) {
            if (spans[i].begin < span.begin || spans[i].end > span.end) continue;
            plain(spans[i].begin);
            RubyRun run;
            run.begin = spans[i].begin;
            run.end = spans[i].end;
            run.x = x;
            run.placement = place(i, span.begin, span.end);
            run.width = run.placement.width;
            run.ruby = static_cast<int>(i);
            x += run.width;
            line.runs.push_back(run);
            at = spans[i].end;
        }
        plain(span.end);
        line.width = x;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace mondo::fonts
