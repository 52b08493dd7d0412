// Furigana layout.
#include "fonts/ruby_layout.h"

#include <algorithm>
#include <cassert>
#include <numeric>

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

RubyPlacement PlaceRuby(float base_width, float reading_width) {
    RubyPlacement p;
    p.width = std::max(base_width, reading_width);
    p.base_x = (p.width - base_width) / 2.0f;
    p.reading_x = (p.width - reading_width) / 2.0f;
    return p;
}

std::vector<RubyLine> LayoutRubyParagraph(std::string_view text, const std::vector<RubySpan>& spans,
                                          float max_width, const MeasureFn& measure_base,
                                          const MeasureFn& measure_reading) {
    assert(std::is_sorted(spans.begin(), spans.end(),
                          [](const RubySpan& a, const RubySpan& b) { return a.begin < b.begin; }) &&
           "ruby spans must be sorted");
    std::vector<float> extra(spans.size());  // how much wider each group is than its base
    std::vector<RubyPlacement> placements(spans.size());
    std::vector<ByteRange> keep;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        assert(spans[i].begin < spans[i].end && spans[i].end <= text.size() &&
               "ruby span out of range");
        const float base = measure_base(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        const float reading = measure_reading(spans[i].reading);
        placements[i] = PlaceRuby(base, reading);
        extra[i] = placements[i].width - base;
        keep.push_back({spans[i].begin, spans[i].end});
    }
    const auto measure = [&](std::size_t begin, std::size_t end) {
        float w = measure_base(text.substr(begin, end - begin));
        for (std::size_t i = 0; i < spans.size(); ++i) {
            if (spans[i].begin >= begin && spans[i].end <= end) w += extra[i];
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
            run.width = placements[i].width;
            run.ruby = static_cast<int>(i);
            run.placement = placements[i];
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
