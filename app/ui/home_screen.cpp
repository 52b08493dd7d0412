#include "app/ui/home_screen.h"

#include <SDL.h>
#include <imgui.h>

#include <cstdio>

#include "app/platform/input_queue.h"
#include "app/ui/paragraph.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

// A large number with a small caption under it.
void Figure(const char* caption, const char* value, ImU32 color) {
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    PushHeadingFont();
    ImGui::TextUnformatted(value);
    PopHeadingFont();
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", caption);
    ImGui::EndGroup();
}

void ProgressRow(const HomeSectionRow& row, float width) {
    const Palette& palette = CurrentPalette();
    // A source's title may be long: cut with "…", whole on hover.
    TextFitted(row.title);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.title.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    const float height = line * 0.5f;
    const float top = pos.y + (line - height) / 2.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(pos.x, top), ImVec2(pos.x + width, top + height),
                        palette.mastery_low, height / 2);
    const float learned =
        row.questions > 0 ? static_cast<float>(row.learned) / row.questions : 0.0f;
    if (learned > 0.0f) {
        draw->AddRectFilled(ImVec2(pos.x, top), ImVec2(pos.x + width * learned, top + height),
                            MixColor(palette.mastery_low, palette.mastery_high,
                                     0.35f + 0.65f * static_cast<float>(row.mastery)),
                            height / 2);
    }
    ImGui::Dummy(ImVec2(width, line));
    ImGui::SameLine();
    ImGui::TextDisabled("%d / %d learned, mastery %.0f%%", row.learned, row.questions,
                        row.mastery * 100.0);
    ImGui::Spacing();
}

}  // namespace

HomeIntent DrawHomeScreen(const HomeViewModel& model) {
    HomeIntent action = HomeIntent::kNone;
    BeginScreenWindow("Home###home", ImGuiWindowFlags_NoScrollbar);
    const Palette& palette = CurrentPalette();
    const float width = ImGui::GetContentRegionAvail().x;

    ImGui::TextDisabled("Studying");
    ImGui::TextWrapped("%s", model.source_title.c_str());
    ImGui::Spacing();

    if (model.first_run) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_Header));
        ImGui::BeginChild("intro", ImVec2(width, ImGui::GetTextLineHeightWithSpacing() * 5.2f),
                          false, ImGuiWindowFlags_NoScrollbar);
        ImGui::SetCursorPos(ImVec2(12, 10));
        ImGui::BeginGroup();
        ImGui::TextUnformatted(
            "1. Press Enter to study: questions made from the interview, a few new ones each day.");
        ImGui::TextUnformatted(
            "2. Answer, then grade yourself with 1-4 (Again, Hard, Good, Easy); Ctrl+Z undoes.");
        ImGui::TextUnformatted(
            "3. Come back when reviews are due: mondo schedules each question just before you "
            "would forget it.");
        if (ImGui::SmallButton("Got it")) action = HomeIntent::kDismissIntro;
        ImGui::EndGroup();
        ImGui::EndChild();
        ImGui::PopStyleColor();
        ImGui::Spacing();
    }

    char text[64];
    std::snprintf(text, sizeof text, "%d", model.due_now);
    Figure("due now", text, palette.accent);
    ImGui::SameLine(0, 48);
    std::snprintf(text, sizeof text, "%d", model.new_today);
    Figure("new today", text, palette.good);
    ImGui::SameLine(0, 48);
    std::snprintf(text, sizeof text, "%d / %d", model.learned, model.total_questions);
    Figure("learned", text, ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::SameLine(0, 48);
    std::snprintf(text, sizeof text, "%d day%s", model.streak_days,
                  model.streak_days == 1 ? "" : "s");
    Figure("streak", text, ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::SameLine(0, 48);
    std::snprintf(text, sizeof text, "%.0f min", model.minutes_today);
    Figure("studied today", text, ImGui::GetColorU32(ImGuiCol_Text));

    ImGui::Spacing();
    ImGui::Spacing();
    const bool anything = model.due_now + model.new_today > 0;
    if (anything) {
        std::snprintf(text, sizeof text, "Study now (%d)  [Enter]###study",
                      model.due_now + model.new_today);
        if (ImGui::Button(text, ImVec2(260, 0))) action = HomeIntent::kStudy;
    } else {
        ImGui::TextUnformatted("Nothing is due. Well done.");
        if (!model.next_due.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("Next review %s.", model.next_due.c_str());
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Read the interview  [R]")) action = HomeIntent::kRead;
    ImGui::SameLine();
    if (ImGui::Button("Browse  [B]")) action = HomeIntent::kBrowse;
    ImGui::SameLine();
    if (ImGui::Button("Stats  [S]")) action = HomeIntent::kStats;
    ImGui::SameLine();
    if (ImGui::Button("Library  [L]")) action = HomeIntent::kLibrary;
    if (model.reviews_today > 0) {
        ImGui::TextDisabled("%d review%s today.", model.reviews_today,
                            model.reviews_today == 1 ? "" : "s");
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextUnformatted(model.rows_are_sources ? "Progress by source" : "Progress by section");
    ImGui::Spacing();
    for (const auto& row : model.sections) ProgressRow(row, width * 0.45f);

    if (!ImGui::GetIO().WantTextInput) {
        if (anything &&
            (KeyPressed(SDL_SCANCODE_RETURN, false) || KeyPressed(SDL_SCANCODE_SPACE, false))) {
            action = HomeIntent::kStudy;
        } else if (KeyPressed(SDL_SCANCODE_R, false)) {
            action = HomeIntent::kRead;
        } else if (KeyPressed(SDL_SCANCODE_B, false)) {
            action = HomeIntent::kBrowse;
        } else if (KeyPressed(SDL_SCANCODE_S, false)) {
            action = HomeIntent::kStats;
        } else if (KeyPressed(SDL_SCANCODE_L, false)) {
            action = HomeIntent::kLibrary;
        }
    }
    ImGui::End();
    return action;
}

}  // namespace mondo::app
