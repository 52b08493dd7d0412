// Japanese text widgets on top of the fonts library's line breaker and ruby layout.
#include "app/ui/paragraph.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "fonts/japanese_font.h"
#include "fonts/ruby_layout.h"

namespace mondo::app {

namespace {

struct TextState {
    fonts::LoadedFonts* fonts = nullptr;
    fonts::LineBreakCache lines{2048};
    struct RubyEntry {
        std::vector<fonts::RubySpan> spans;
        std::vector<fonts::RubyLine> lines;
    };
    std::unordered_map<std::string, RubyEntry> ruby;  // cleared when it grows past kRubyCapacity
};
constexpr std::size_t kRubyCapacity = 512;

TextState& State() {
    static TextState state;
    return state;
}

// Changes whenever glyph advances of `font` may change (growth adds glyphs; resizing rebuilds).
std::uint64_t FontKey(const ImFont* font) {
    return (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(font)) << 16) ^
           static_cast<std::uint64_t>(font->Glyphs.Size) ^
           (static_cast<std::uint64_t>(font->FontSize * 64.0f) << 40);
}

float Measure(ImFont* font, float size, std::string_view text) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

float WrapWidth(float wrap_width) {
    if (wrap_width > 0.0f) return wrap_width;
    return std::max(1.0f, ImGui::GetContentRegionAvail().x);
}

// Asks the atlas for the glyphs of `text` in the font that draws it (the current one unless
// named): the heading and furigana fonts hold only what they were asked for.
void RequestGlyphs(std::string_view text, const ImFont* font = ImGui::GetFont()) {
    if (State().fonts) State().fonts->Request(text, font);
}

// The furigana font and size that go with the current font.
void ReadingFont(ImFont** font, float* size) {
    const TextState& s = State();
    const float current = ImGui::GetFontSize();
    if (s.fonts && s.fonts->furigana && s.fonts->body) {
        *font = s.fonts->furigana;
        *size = s.fonts->furigana->FontSize * current / s.fonts->body->FontSize;
    } else {
        *font = ImGui::GetFont();
        *size = std::round(current * 0.55f);
    }
}

// Height reserved above a line for its readings.
float RubyBand(float reading_size) { return std::ceil(reading_size); }

}  // namespace

void SetTextFonts(fonts::LoadedFonts* fonts) {
    State().fonts = fonts;
    ClearTextLayoutCache();
}

void ClearTextLayoutCache() {
    State().lines.Clear();
    State().ruby.clear();
}

float ParagraphLineHeight() {
    const float size = ImGui::GetFontSize();
    // Japanese needs more leading than ImGui's compact default to stay readable, and furigana
    // (0.55 of the body) sit in that leading, so a paragraph with ruby keeps the same pitch.
    return std::round(size + std::max(ImGui::GetStyle().ItemSpacing.y, size * 0.6f));
}

std::vector<fonts::LineSpan> ParagraphLines(std::string_view utf8, float wrap_width) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    TextState& s = State();
    const std::size_t misses = s.lines.misses();
    const auto& lines = s.lines.Lines(utf8, WrapWidth(wrap_width), size, FontKey(font),
                                      [&](std::string_view t) { return Measure(font, size, t); });
    if (s.lines.misses() != misses) RequestGlyphs(utf8);
    return lines;
}

void TextParagraph(std::string_view utf8, float wrap_width) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    TextState& s = State();
    const std::size_t misses = s.lines.misses();
    const float width = WrapWidth(wrap_width);
    const auto& lines = s.lines.Lines(utf8, width, size, FontKey(font),
                                      [&](std::string_view t) { return Measure(font, size, t); });
    if (s.lines.misses() != misses) RequestGlyphs(utf8);

    const float line_height = ParagraphLineHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    float widest = 0.0f;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const fonts::LineSpan& line = lines[i];
        widest = std::max(widest, line.width);
        const ImVec2 pos(origin.x, origin.y + line_height * static_cast<float>(i));
        if (line.end == line.begin ||
            !ImGui::IsRectVisible(pos, ImVec2(pos.x + line.width, pos.y + line_height))) {
            continue;
        }
        draw->AddText(font, size, pos, color, utf8.data() + line.begin, utf8.data() + line.end);
    }
    // The last line needs only the glyph height, not the leading below it.
    const float height =
        lines.empty() ? size : line_height * static_cast<float>(lines.size() - 1) + size;
    ImGui::Dummy(ImVec2(std::max(widest, 1.0f), height));
}

void TextParagraphMarked(std::string_view utf8, std::size_t mark_begin, std::size_t mark_end,
                         ImU32 mark_text, ImU32 mark_background, float wrap_width) {
    mark_end = std::min(mark_end, utf8.size());
    if (mark_begin >= mark_end) {
        TextParagraph(utf8, wrap_width);
        return;
    }
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const std::vector<fonts::LineSpan> lines = ParagraphLines(utf8, wrap_width);
    const float line_height = ParagraphLineHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    const float pad = std::round(size * 0.15f);
    float widest = 0.0f;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const fonts::LineSpan& line = lines[i];
        widest = std::max(widest, line.width);
        const ImVec2 pos(origin.x, origin.y + line_height * static_cast<float>(i));
        if (line.end == line.begin) continue;
        // The line in up to three runs: before the mark, the mark, after it.
        const std::size_t cuts[4] = {line.begin, std::clamp(mark_begin, line.begin, line.end),
                                     std::clamp(mark_end, line.begin, line.end), line.end};
        float x = pos.x;
        for (int run = 0; run < 3; ++run) {
            const std::string_view text = utf8.substr(cuts[run], cuts[run + 1] - cuts[run]);
            if (text.empty()) continue;
            const float width = Measure(font, size, text);
            const bool marked = run == 1;
            if (marked && mark_background != 0) {
                draw->AddRectFilled(ImVec2(x - pad, pos.y - pad),
                                    ImVec2(x + width + pad, pos.y + size + pad), mark_background,
                                    pad * 2.0f);
            }
            draw->AddText(font, size, ImVec2(x, pos.y),
                          marked && mark_text != 0 ? mark_text : color, text.data(),
                          text.data() + text.size());
            x += width;
        }
    }
    const float height =
        lines.empty() ? size : line_height * static_cast<float>(lines.size() - 1) + size;
    ImGui::Dummy(ImVec2(std::max(widest, 1.0f), height));
}

void TextFitted(std::string_view utf8, float width) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    width = WrapWidth(width);
    RequestGlyphs(utf8);
    if (Measure(font, size, utf8) <= width) {
        ImGui::TextUnformatted(utf8.data(), utf8.data() + utf8.size());
        return;
    }
    static constexpr std::string_view kEllipsis = "…";
    const float room = width - Measure(font, size, kEllipsis);
    // The longest prefix that fits, at a code point boundary: advances summed once over the text.
    const float scale = size / font->FontSize;
    std::size_t fits = 0;
    float x = 0.0f;
    for (std::size_t at = 0; at < utf8.size();) {
        unsigned int c = 0;
        const int bytes = ImTextCharFromUtf8(&c, utf8.data() + at, utf8.data() + utf8.size());
        x += font->GetCharAdvance(static_cast<ImWchar>(c < 0x10000 ? c : 0xFFFD)) * scale;
        if (x > room) break;
        at += static_cast<std::size_t>(std::max(bytes, 1));
        fits = at;
    }
    std::string shown(utf8.substr(0, fits));
    shown += kEllipsis;
    ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
}

float RubyBandHeight(std::string_view utf8, const std::vector<content::Ruby>& ruby) {
    const bool any = std::any_of(ruby.begin(), ruby.end(), [&](const content::Ruby& r) {
        return !r.base.empty() && utf8.find(r.base) != std::string_view::npos;
    });
    if (!any) return 0.0f;
    ImFont* reading_font = nullptr;
    float reading_size = 0.0f;
    ReadingFont(&reading_font, &reading_size);
    return RubyBand(reading_size);
}

void TextWithRuby(std::string_view utf8, const std::vector<content::Ruby>& ruby, float wrap_width) {
    std::vector<fonts::RubyWord> words;
    for (const auto& r : ruby) {
        if (utf8.find(r.base) != std::string_view::npos) words.push_back({r.base, r.reading});
    }
    if (words.empty()) {
        TextParagraph(utf8, wrap_width);
        return;
    }
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    ImFont* reading_font = nullptr;
    float reading_size = 0.0f;
    ReadingFont(&reading_font, &reading_size);
    const float width = WrapWidth(wrap_width);

    TextState& s = State();
    std::string key(utf8);
    key += '\0';
    for (const auto& w : words) key += w.base + '\x1f' + w.reading + '\x1e';
    char numbers[96];
    std::snprintf(numbers, sizeof(numbers), "%a/%a/%a/%llx/%llx", width, size, reading_size,
                  static_cast<unsigned long long>(FontKey(font)),
                  static_cast<unsigned long long>(FontKey(reading_font)));
    key += numbers;
    auto found = s.ruby.find(key);
    if (found == s.ruby.end()) {
        if (s.ruby.size() >= kRubyCapacity) s.ruby.clear();
        TextState::RubyEntry entry;
        entry.spans = fonts::FindRuby(utf8, words);
        entry.lines = fonts::LayoutRubyParagraph(
            utf8, entry.spans, width, [&](std::string_view t) { return Measure(font, size, t); },
            [&](std::string_view t) { return Measure(reading_font, reading_size, t); });
        RequestGlyphs(utf8);
        for (const auto& w : words) RequestGlyphs(w.reading, reading_font);
        found = s.ruby.emplace(std::move(key), std::move(entry)).first;
    }
    const auto& spans = found->second.spans;
    const auto& lines = found->second.lines;

    // Readings sit in the leading above their line; the first line gets a band of its own.
    const float band = RubyBand(reading_size);
    const float line_height = ParagraphLineHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    float widest = 0.0f;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const fonts::RubyLine& line = lines[i];
        widest = std::max(widest, line.width);
        const ImVec2 top(origin.x, origin.y + line_height * static_cast<float>(i));
        if (!ImGui::IsRectVisible(top, ImVec2(top.x + line.width, top.y + band + size))) continue;
        for (const fonts::RubyRun& run : line.runs) {
            const char* begin = utf8.data() + run.begin;
            const char* end = utf8.data() + run.end;
            if (run.ruby < 0) {
                draw->AddText(font, size, ImVec2(top.x + run.x, top.y + band), color, begin, end);
                continue;
            }
            const std::string& reading = spans[static_cast<std::size_t>(run.ruby)].reading;
            draw->AddText(font, size, ImVec2(top.x + run.x + run.placement.base_x, top.y + band),
                          color, begin, end);
            draw->AddText(reading_font, reading_size,
                          ImVec2(top.x + run.x + run.placement.reading_x, top.y), color,
                          reading.data(), reading.data() + reading.size());
        }
    }
    const float height = lines.empty()
                             ? size + band
                             : line_height * static_cast<float>(lines.size() - 1) + band + size;
    ImGui::Dummy(ImVec2(std::max(widest, 1.0f), height));
}

void TextWithRuby(std::string_view base, std::string_view reading) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    ImFont* reading_font = nullptr;
    float reading_size = 0.0f;
    ReadingFont(&reading_font, &reading_size);
    RequestGlyphs(base);
    RequestGlyphs(reading, reading_font);
    const fonts::RubyPlacement p =
        fonts::PlaceRuby(Measure(font, size, base), Measure(reading_font, reading_size, reading));
    const float band = RubyBand(reading_size);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    draw->AddText(reading_font, reading_size, ImVec2(top.x + p.reading_x, top.y), color,
                  reading.data(), reading.data() + reading.size());
    draw->AddText(font, size, ImVec2(top.x + p.base_x, top.y + band), color, base.data(),
                  base.data() + base.size());
    ImGui::Dummy(ImVec2(std::max(p.width, 1.0f), band + size));
}

}  // namespace mondo::app
