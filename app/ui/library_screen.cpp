#include "app/ui/library_screen.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/platform/input_queue.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

// Enter pressed this frame, with Shift held (`shift`) or without.
bool EnterPressed(bool shift) {
    for (const KeyPress& press : FrameInput().presses()) {
        if (press.repeat) continue;
        if (press.scancode != SDL_SCANCODE_RETURN && press.scancode != SDL_SCANCODE_KP_ENTER)
            continue;
        if (((press.modifiers & KMOD_SHIFT) != 0) == shift) return true;
    }
    return false;
}

LibraryIntent DrawPreview(const LibraryImportView& preview) {
    LibraryIntent intent;
    const Palette& palette = CurrentPalette();
    ImGui::TextDisabled("Import from %s", preview.origin.c_str());
    PushHeadingFont();
    ImGui::TextWrapped("%s", preview.title.c_str());
    PopHeadingFont();
    ImGui::Spacing();
    ImGui::Text("%d section%s, %d exchange%s, %d profile fact%s, %d question%s", preview.sections,
                preview.sections == 1 ? "" : "s", preview.exchanges,
                preview.exchanges == 1 ? "" : "s", preview.profile, preview.profile == 1 ? "" : "s",
                preview.questions, preview.questions == 1 ? "" : "s");
    ImGui::Spacing();
    if (ImGui::BeginTable("kinds", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& [kind, count] : preview.kinds) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(kind.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", count);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    for (const auto& warning : preview.warnings) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.hard);
        ImGui::TextWrapped("! %s", warning.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextWrapped("%s", preview.effect.c_str());
    ImGui::Spacing();
    if (ImGui::Button("Add  [Enter]")) intent.kind = LibraryIntent::Kind::kConfirmImport;
    ImGui::SameLine();
    if (ImGui::Button("Cancel  [Esc]")) intent.kind = LibraryIntent::Kind::kCancelImport;
    if (!ImGui::GetIO().WantTextInput) {
        if (EnterPressed(false) || EnterPressed(true)) {
            intent.kind = LibraryIntent::Kind::kConfirmImport;
        } else if (KeyPressed(SDL_SCANCODE_ESCAPE)) {
            intent.kind = LibraryIntent::Kind::kCancelImport;
        }
    }
    return intent;
}

void SourceRowCells(const LibrarySourceRow& row) {
    ImGui::TableNextColumn();
    ImGui::Text("%d", row.exchanges);
    ImGui::TableNextColumn();
    ImGui::Text("%d", row.questions);
    ImGui::TableNextColumn();
    ImGui::Text("%d / %d", row.learned, row.questions);
    ImGui::TableNextColumn();
    ImGui::Text("%.0f%%", row.mastery * 100.0);
    ImGui::TableNextColumn();
    ImGui::Text("%d", row.due_today);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.last_studied.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.added.c_str());
}

}  // namespace

LibraryIntent DrawLibraryScreen(const LibraryViewModel& model, LibraryUiState& ui) {
    LibraryIntent intent;
    BeginScreenWindow("Library###library");
    if (model.preview) {
        intent = DrawPreview(*model.preview);
        ImGui::End();
        return intent;
    }
    const Palette& palette = CurrentPalette();
    const int count = static_cast<int>(model.sources.size());
    ui.selected = std::clamp(ui.selected, 0, std::max(count - 1, 0));

    ImGui::TextDisabled("Showing");
    ImGui::SameLine();
    if (model.all_chosen) {
        ImGui::TextUnformatted("all sources");
    } else {
        for (const auto& row : model.sources) {
            if (row.chosen) ImGui::TextUnformatted(row.title.c_str());
        }
    }
    ImGui::Spacing();
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("sources", 8, kFlags)) {
        ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        for (const char* name : {"Exchanges", "Questions", "Learned", "Mastery", "Due today",
                                 "Last studied", "Added"}) {
            ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
        ImGui::TableHeadersRow();
        for (int i = 0; i < count; ++i) {
            const LibrarySourceRow& row = model.sources[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (row.chosen) ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
            if (ImGui::Selectable(row.title.c_str(), i == ui.selected,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                ui.selected = i;
            }
            if (row.chosen) ImGui::PopStyleColor();
            ImGui::PopID();
            SourceRowCells(row);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextDisabled(
        "Enter: study the selected source   Shift+Enter: study all sources   R: read it");
    ImGui::TextDisabled(
        "Ctrl+V: import an interview from the clipboard, or drop a text file on the window");
    if (!model.notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.good);
        ImGui::TextWrapped("%s", model.notice.c_str());
        ImGui::PopStyleColor();
    }
    if (!model.import_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.wrong);
        ImGui::TextWrapped("%s", model.import_error.c_str());
        ImGui::PopStyleColor();
    }

    if (!ImGui::GetIO().WantTextInput) {
        const std::string selected_id =
            count > 0 ? model.sources[static_cast<std::size_t>(ui.selected)].id : std::string();
        if (FrameInput().PressedWithCtrl(SDL_SCANCODE_V)) {
            intent.kind = LibraryIntent::Kind::kPaste;
        } else if (KeyPressed(SDL_SCANCODE_DOWN, true)) {
            ui.selected = std::min(ui.selected + 1, std::max(count - 1, 0));
        } else if (KeyPressed(SDL_SCANCODE_UP, true)) {
            ui.selected = std::max(ui.selected - 1, 0);
        } else if (EnterPressed(true) && count > 0) {
            intent.kind = LibraryIntent::Kind::kStudyAll;
        } else if (EnterPressed(false) && count > 0) {
            intent = {LibraryIntent::Kind::kStudySource, selected_id};
        } else if (KeyPressed(SDL_SCANCODE_R) && count > 0) {
            intent = {LibraryIntent::Kind::kReadSource, selected_id};
        }
    }
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
