// ImGui widgets for Japanese text: paragraphs broken by the Japanese line breaker (kinsoku, whole
// Latin words; fonts/line_breaker.h) and text with furigana (fonts/ruby_layout.h). Every paragraph
// the app shows goes through TextParagraph or TextWithRuby instead of ImGui::TextWrapped.
//
// Use (main thread, inside an ImGui frame, current font = the font to draw with):
//   at start, after fonts::LoadFonts:   SetTextFonts(&*loaded);   // furigana font + glyph growth
//   each frame:                          TextParagraph(answer, width);
//                                        TextWithRuby(text, interview.ruby, width);
// Layouts are cached per (text, width, font, size); the cache is keyed on the font's glyph count so
// atlas growth re-measures. Text whose characters are missing from the atlas is passed to
// LoadedFonts::Request() when first laid out (if SetTextFonts was called), so it appears after the
// app's next LoadedFonts::Update(); until then those characters show as the replacement box.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "content/interview.h"
#include "fonts/line_breaker.h"

namespace mondo::fonts {
class LoadedFonts;
}

namespace mondo::app {

// The fonts the widgets use for furigana and ask to grow. nullptr detaches (furigana then uses the
// current font scaled down). The object must outlive its use by the widgets.
void SetTextFonts(fonts::LoadedFonts* fonts);

// A paragraph (may hold '\n') broken to `wrap_width` pixels from the cursor; 0 means up to the
// right edge of the content region. Takes one item of the laid-out height.
void TextParagraph(std::string_view utf8, float wrap_width = 0.0f);

// TextParagraph with the bytes [mark_begin, mark_end) of `utf8` set off: drawn in `mark_text`
// over a rounded `mark_background` (either may be 0 for none). The marked span is broken like the
// rest of the paragraph (it may run over several lines).
void TextParagraphMarked(std::string_view utf8, std::size_t mark_begin, std::size_t mark_end,
                         ImU32 mark_text, ImU32 mark_background, float wrap_width = 0.0f);

// A paragraph with each occurrence of a ruby base drawn with its reading above it (in the
// furigana font). Readings sit in the leading, so every line keeps the paragraph's pitch
// (ParagraphLineHeight); a band is added above the first line when the paragraph has ruby.
void TextWithRuby(std::string_view utf8, const std::vector<content::Ruby>& ruby,
                  float wrap_width = 0.0f);

// Height TextWithRuby reserves above the first line of `utf8` for readings (0 when no base of
// `ruby` occurs in it). A label drawn beside such a paragraph (Q5, A, a bullet) moves down by it
// to sit on the text line rather than on the furigana.
float RubyBandHeight(std::string_view utf8, const std::vector<content::Ruby>& ruby);

// One word with its reading above it, as a single item (e.g. in a table cell or a heading).
void TextWithRuby(std::string_view base, std::string_view reading);

// One line of text cut to `width` pixels (0: up to the content region's right edge) with "…" when
// it does not fit, for list cells; whole code points only. Takes one item.
void TextFitted(std::string_view utf8, float width = 0.0f);

// The lines TextParagraph would draw with the current font (for tests and custom layouts).
std::vector<fonts::LineSpan> ParagraphLines(std::string_view utf8, float wrap_width);
// Vertical advance between two lines of a paragraph in the current font.
float ParagraphLineHeight();

// Drops every cached layout (e.g. after the fonts were replaced by a new LoadedFonts).
void ClearTextLayoutCache();

}  // namespace mondo::app
