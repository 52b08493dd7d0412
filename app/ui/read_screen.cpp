#include "app/ui/read_screen.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "app/platform/input_queue.h"
#include "app/ui/argument_role.h"
#include "app/ui/paragraph.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

// Background tint of an exchange: none until studied, then from pale to green with mastery.
ImU32 MasteryTint(const ReadExchangeView& exchange) {
    if (exchange.reviewed == 0) return 0;
    const Palette& palette = CurrentPalette();
    const ImU32 color = MixColor(palette.again, palette.mastery_high,
                                 static_cast<float>(std::clamp(exchange.mastery, 0.0, 1.0)));
    ImVec4 tint = ImGui::ColorConvertU32ToFloat4(color);
    tint.w = 0.10f + (kMasteryTintMaxAlpha - 0.10f) * static_cast<float>(exchange.reviewed) /
                         static_cast<float>(std::max(exchange.questions, 1));
    return ImGui::ColorConvertFloat4ToU32(tint);
}

// Draws `label` beside a paragraph that starts at the current line: on the paragraph's first
// text line (below its furigana band, if any). Leaves the cursor where the paragraph starts,
// `indent` right of the label.
template <typename DrawLabel>
void LabelBeside(std::string_view text, const std::vector<content::Ruby>& ruby, float indent,
                 DrawLabel draw_label) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + RubyBandHeight(text, ruby)));
    draw_label();
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(start.x + indent, start.y));
}

// The role dots of an answer drawn at the current cursor position (where the answer's text
// starts): in the margin between the "A" label and the text, one per marked sentence on the line
// it starts on, with the role's name on hover.
void DrawRoleMarks(const ReadExchangeView& exchange, const std::vector<content::Ruby>& ruby,
                   float label_width, float indent, float text_width) {
    if (exchange.roles.empty()) return;
    const ImVec2 text_start = ImGui::GetCursorScreenPos();
    const float radius = std::max(2.0f, ImGui::GetFontSize() * 0.14f);
    const float step = radius * 2.0f + 2.0f;
    const float first_x = text_start.x - indent + label_width + radius + 3.0f;
    const int max_slots =
        std::max(1, static_cast<int>((indent - label_width - 4.0f) / std::max(step, 1.0f)));
    const auto marks =
        PlaceRoleMarks(exchange.roles, ParagraphLines(exchange.answer, text_width), max_slots);
    const float band = RubyBandHeight(exchange.answer, ruby);
    const float line_height = ParagraphLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const RoleMark& mark : marks) {
        const ImVec2 center(first_x + static_cast<float>(mark.slot) * step,
                            text_start.y + band + static_cast<float>(mark.line) * line_height +
                                ImGui::GetFontSize() * 0.5f);
        draw->AddCircleFilled(center, radius, ArgumentRoleColor(mark.role));
        if (ImGui::IsMouseHoveringRect(ImVec2(center.x - step / 2, center.y - step / 2),
                                       ImVec2(center.x + step / 2, center.y + step / 2))) {
            const std::string_view name = content::RoleName(mark.role);
            ImGui::SetTooltip("%.*s", static_cast<int>(name.size()), name.data());
        }
    }
}

// Draws one exchange and returns whether it was clicked.
bool DrawExchange(const ReadViewModel& model, const ReadExchangeView& exchange, bool selected,
                  float width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    // The paragraphs start after the widest label ("Q99"), whatever the font size.
    const float indent = ImGui::CalcTextSize("Q99").x + ImGui::GetStyle().ItemSpacing.x;
    const float text_width = std::max(width - indent, ImGui::GetFontSize() * 4.0f);
    LabelBeside(exchange.question, model.ruby, indent, [&] {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().accent);
        ImGui::Text("Q%d", exchange.index);
        ImGui::PopStyleColor();
    });
    TextWithRuby(exchange.question, model.ruby, text_width);
    LabelBeside(exchange.answer, model.ruby, indent, [] { ImGui::TextDisabled("A"); });
    DrawRoleMarks(exchange, model.ruby, ImGui::CalcTextSize("A").x, indent, text_width);
    ImGui::BeginGroup();
    TextWithRuby(exchange.answer, model.ruby, text_width);
    for (const auto& note : exchange.notes) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        TextWithRuby(note, model.ruby, text_width);
        ImGui::PopStyleColor();
    }
    ImGui::EndGroup();
    if (exchange.questions > 0) {
        ImGui::TextDisabled("%d questions, %d learned, mastery %.0f%%%s", exchange.questions,
                            exchange.learned, exchange.mastery * 100.0,
                            selected ? "   Enter: study this exchange" : "");
    }
    ImGui::EndGroup();
    const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y);
    draw->ChannelsSetCurrent(0);
    const ImVec2 pad(8.0f, 6.0f);
    if (const ImU32 tint = MasteryTint(exchange)) {
        draw->AddRectFilled(ImVec2(start.x - pad.x, start.y - pad.y), ImVec2(end.x, end.y + pad.y),
                            tint, 6.0f);
    }
    if (selected) {
        draw->AddRect(ImVec2(start.x - pad.x, start.y - pad.y), ImVec2(end.x, end.y + pad.y),
                      CurrentPalette().accent, 6.0f, 0, 2.0f);
    }
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x - pad.x, start.y - pad.y));
    ImGui::PushID(exchange.index);
    const bool clicked =
        ImGui::InvisibleButton("exchange", ImVec2(width + pad.x, end.y - start.y + 2 * pad.y));
    ImGui::PopID();
    ImGui::Spacing();
    return clicked;
}

}  // namespace

std::vector<RoleMark> PlaceRoleMarks(const std::vector<ReadSentenceRole>& roles,
                                     const std::vector<fonts::LineSpan>& lines, int max_slots) {
    std::vector<RoleMark> marks;
    std::size_t line = 0;
    int slot = 0;
    for (const ReadSentenceRole& sentence : roles) {
        if (!IsMarkedRole(sentence.role)) continue;
        std::size_t at = line;
        while (at + 1 < lines.size() && lines[at + 1].begin <= sentence.offset) ++at;
        if (at != line) {
            line = at;
            slot = 0;
        }
        if (slot >= max_slots) continue;
        marks.push_back(RoleMark{sentence.role, line, slot++});
    }
    return marks;
}

ReadIntent DrawReadScreen(const ReadViewModel& model, ReadUiState& ui) {
    ReadIntent intent;
    BeginScreenWindow("Read###read", ImGuiWindowFlags_NoScrollbar);
    ScrollByPageKeys();
    const int count = static_cast<int>(model.exchanges.size());
    ui.selected = std::clamp(ui.selected, 0, std::max(count - 1, 0));

    if (!ImGui::GetIO().WantTextInput && count > 0) {
        if (KeyPressed(SDL_SCANCODE_DOWN, true) || KeyPressed(SDL_SCANCODE_J, true)) {
            ui.selected = std::min(ui.selected + 1, count - 1);
            ui.scroll_to_selected = true;
        } else if (KeyPressed(SDL_SCANCODE_UP, true) || KeyPressed(SDL_SCANCODE_K, true)) {
            ui.selected = std::max(ui.selected - 1, 0);
            ui.scroll_to_selected = true;
        } else if (KeyPressed(SDL_SCANCODE_RETURN, false)) {
            intent.kind = ReadIntent::Kind::kStudyExchange;
            intent.exchange = model.exchanges[static_cast<std::size_t>(ui.selected)].index;
        }
    }
    if (!ImGui::GetIO().WantTextInput && model.source_count > 1 &&
        KeyPressed(SDL_SCANCODE_N, false)) {
        intent.kind = (ImGui::GetIO().KeyShift) ? ReadIntent::Kind::kPreviousSource
                                                : ReadIntent::Kind::kNextSource;
    }

    const float width = std::min(ImGui::GetContentRegionAvail().x, 980.0f);
    PushHeadingFont();
    TextParagraph(model.title, width);
    PopHeadingFont();
    if (!model.profile.empty()) {
        ImGui::Spacing();
        const float indent = ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.x;
        for (const auto& fact : model.profile) {
            LabelBeside(fact, model.ruby, indent, [] { ImGui::Bullet(); });
            TextWithRuby(fact, model.ruby, std::max(width - indent, ImGui::GetFontSize() * 4.0f));
        }
    }
    ImGui::TextDisabled("Up/Down select an exchange, Enter studies its questions. Tint: mastery.");
    if (model.source_count > 1) {
        ImGui::TextDisabled("Source %d of %d: N reads the next one, Shift+N the previous one.",
                            model.source_number, model.source_count);
    }
    ImGui::Spacing();

    int current_section = -1;
    for (int i = 0; i < count; ++i) {
        const ReadExchangeView& exchange = model.exchanges[static_cast<std::size_t>(i)];
        if (exchange.section != current_section) {
            current_section = exchange.section;
            for (const auto& section : model.sections) {
                if (section.index != current_section) continue;
                ImGui::Spacing();
                PushHeadingFont();
                TextParagraph(section.title, width);
                PopHeadingFont();
                ImGui::Separator();
                ImGui::Spacing();
            }
        }
        const float top = ImGui::GetCursorPosY();
        if (DrawExchange(model, exchange, i == ui.selected, width)) {
            if (ui.selected == i) {
                intent.kind = ReadIntent::Kind::kStudyExchange;
                intent.exchange = exchange.index;
            }
            ui.selected = i;
        }
        if (i == ui.selected && ui.scroll_to_selected) {
            // The whole exchange in view: its top a little below the window's top when it fits,
            // at the top when it is taller than the window.
            const float height = ImGui::GetCursorPosY() - top;
            const float view = ImGui::GetWindowHeight();
            const float margin = std::clamp(
                view - height - ImGui::GetStyle().WindowPadding.y * 2.0f, 0.0f, view * 0.15f);
            ImGui::SetScrollY(std::max(0.0f, top - ImGui::GetStyle().WindowPadding.y - margin));
            ui.scroll_to_selected = false;
        }
    }
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
