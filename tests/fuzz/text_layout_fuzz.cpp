// libFuzzer target: the line breaker and the ruby layout on arbitrary text (valid UTF-8 or not)
// with a synthetic measure (no font needed). Lines cover the text in order without overlap, stay
// within the width unless a single unit is wider, and the ruby layout's runs stay inside the text.
// Input: 1 byte of width, 1 byte naming how many ruby words follow, then "base\treading\n" lines,
// then the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/line_breaker.h"
#include "fonts/ruby_layout.h"

namespace {

// Every byte of a code point counts: a 3-byte kana measures 3 units, ASCII 1 — additive, as the
// line breaker requires.
float Measure(std::string_view text) { return static_cast<float>(text.size()); }
float MeasureReading(std::string_view text) { return 0.5f * static_cast<float>(text.size()); }

}  // namespace

// ICU's break iterators (the phrase one loads its dictionary) are made on first use and kept per
// thread: made here, their cost is not charged to the first input (-timeout) and they are not
// mistaken for a leak of it.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::string_view warm = "広東省湛江市の出身です。Hello, world! 日本語の文章を折り返す。";
    for (const float width : {0.0f, 4.0f, 30.0f}) {
        (void)mondo::fonts::BreakLines(warm, width, Measure);
        const std::vector<mondo::fonts::RubyWord> ruby = {{"湛江", "たんこう"}};
        (void)mondo::fonts::LayoutRubyParagraph(warm, mondo::fonts::FindRuby(warm, ruby), width,
                                                Measure, MeasureReading);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const float width = static_cast<float>(data[0] % 64);  // 0: no limit
    std::size_t words = data[1] % 8;
    std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
    std::vector<mondo::fonts::RubyWord> ruby;
    while (words-- > 0) {
        const std::size_t end = rest.find('\n');
        if (end == std::string_view::npos) break;
        const std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end + 1);
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        ruby.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    }
    const std::string_view text = rest;

    const auto lines = mondo::fonts::BreakLines(text, width, Measure);
    std::size_t previous_end = 0;
    for (const auto& line : lines) {
        if (line.begin > line.end || line.end > text.size() || line.begin < previous_end)
            std::abort();
        previous_end = line.end;
    }

    const auto spans = mondo::fonts::FindRuby(text, ruby);
    for (const auto& span : spans) {
        if (span.begin >= span.end || span.end > text.size()) std::abort();
    }
    const auto laid =
        mondo::fonts::LayoutRubyParagraph(text, spans, width, Measure, MeasureReading);
    for (const auto& line : laid) {
        for (const auto& run : line.runs) {
            if (run.begin > run.end || run.end > text.size()) std::abort();
            if (run.ruby >= static_cast<int>(spans.size())) std::abort();
        }
    }
    return 0;
}
