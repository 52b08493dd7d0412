#include "app/ui/library_screen.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>  // PushItemFlag(ImGuiItemFlags_NoNav): rows move with our keys only
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "app/platform/frame_pacer.h"
#include "app/platform/input_queue.h"
#include "app/ui/paragraph.h"
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
    // A retired source's questions count nowhere: its figures are not zeros but absent.
    const auto figure = [&row](auto&& draw) {
        ImGui::TableNextColumn();
        if (row.retired) {
            ImGui::TextDisabled("-");
        } else {
            draw();
        }
    };
    figure([&] { ImGui::Text("%d", row.questions); });
    figure([&] { ImGui::Text("%d / %d", row.learned, row.questions); });
    figure([&] { ImGui::Text("%.0f%%", row.mastery * 100.0); });
    figure([&] { ImGui::Text("%d", row.due_today); });
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.last_studied.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.added.c_str());
}

// The title cell: the title cut to the column with "…" (the whole title in a tooltip), "retired"
// before it when retired; or, while renaming this row, the inline box.
void TitleCell(const LibrarySourceRow& row, bool renaming, LibraryUiState& ui,
               LibraryIntent& intent) {
    const Palette& palette = CurrentPalette();
    if (renaming) {
        if (ui.focus_rename) {
            ImGui::SetKeyboardFocusHere();
            ui.focus_rename = false;
        }
        ImGui::SetNextItemWidth(-FLT_MIN);
        const bool entered = ImGui::InputText(
            "##rename", &ui.rename_text,
            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
        // Enter that confirms an IME conversion belongs to the IME, never to the name.
        if (entered && !ui.ime_composing)
            intent = {LibraryIntent::Kind::kRename, row.id, ui.rename_text};
        return;
    }
    if (row.retired) {
        ImGui::TextDisabled("retired");
        ImGui::SameLine();
    }
    if (row.retired) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    } else if (row.chosen) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
    }
    TextFitted(row.title, ImGui::GetContentRegionAvail().x);
    if (row.retired || row.chosen) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.title.c_str());
}

// The selected source in full under the list: its whole title, the parsed one when renamed, and
// what retiring did.
void DetailLine(const LibrarySourceRow& row) {
    TextParagraph(row.title);
    if (!row.parsed_title.empty() && row.parsed_title != row.title) {
        ImGui::TextDisabled("Renamed; the text's own title:");
        ImGui::SameLine();
        TextFitted(row.parsed_title);
    }
    if (row.retired) {
        ImGui::TextDisabled(
            "Retired on %s: its questions are in no queue and no figure; its reviews stay in the "
            "history. U restores it.",
            row.retired_on.c_str());
    }
}

// Asking before a source is retired.
void DrawConfirmRetire(const LibrarySourceRow& row, LibraryUiState& ui, LibraryIntent& intent) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_Text, palette.hard);
    ImGui::TextUnformatted("Retire this source?");
    ImGui::PopStyleColor();
    TextParagraph(row.title);
    ImGui::TextWrapped(
        "Its questions leave the queue and every count of learned, mastery and due; its cards and "
        "reviews are kept (the history still counts them). U brings it back from this list.");
    bool retire = ImGui::Button("Retire  [Enter]");
    ImGui::SameLine();
    bool keep = ImGui::Button("Keep it  [Esc]");
    if (!ImGui::GetIO().WantTextInput) {
        retire = retire || EnterPressed(false) || KeyPressed(SDL_SCANCODE_Y);
        keep = keep || KeyPressed(SDL_SCANCODE_ESCAPE) || KeyPressed(SDL_SCANCODE_N);
    }
    if (retire) {
        intent = {LibraryIntent::Kind::kRetire, row.id, {}};
        ui.mode = LibraryUiState::Mode::kList;
    } else if (keep) {
        ui.mode = LibraryUiState::Mode::kList;
    }
}

// The list's keys (no text box active, no question asked).
void ListKeys(const LibraryViewModel& model, LibraryUiState& ui, LibraryIntent& intent) {
    const int count = static_cast<int>(model.sources.size());
    if (FrameInput().PressedWithCtrl(SDL_SCANCODE_V)) {
        intent.kind = LibraryIntent::Kind::kPaste;
        return;
    }
    if (ImGui::GetIO().KeyCtrl) return;
    if (KeyPressed(SDL_SCANCODE_DOWN, true)) {
        ui.selected = std::min(ui.selected + 1, std::max(count - 1, 0));
        return;
    }
    if (KeyPressed(SDL_SCANCODE_UP, true)) {
        ui.selected = std::max(ui.selected - 1, 0);
        return;
    }
    if (count == 0) return;
    const LibrarySourceRow& row = model.sources[static_cast<std::size_t>(ui.selected)];
    const bool any_active = std::any_of(model.sources.begin(), model.sources.end(),
                                        [](const LibrarySourceRow& r) { return !r.retired; });
    if (EnterPressed(true)) {
        if (any_active) intent.kind = LibraryIntent::Kind::kStudyAll;
    } else if (EnterPressed(false)) {
        if (!row.retired) intent = {LibraryIntent::Kind::kStudySource, row.id, {}};
    } else if (KeyPressed(SDL_SCANCODE_R)) {
        if (!row.retired) intent = {LibraryIntent::Kind::kReadSource, row.id, {}};
    } else if (KeyPressed(SDL_SCANCODE_N)) {
        ui.mode = LibraryUiState::Mode::kRenaming;
        ui.editing_id = row.id;
        ui.rename_text = row.title;
        ui.rename_problem.clear();
        ui.focus_rename = true;
    } else if (KeyPressed(SDL_SCANCODE_DELETE)) {
        if (!row.retired) {
            ui.mode = LibraryUiState::Mode::kConfirmRetire;
            ui.editing_id = row.id;
        }
    } else if (KeyPressed(SDL_SCANCODE_U)) {
        if (row.retired) intent = {LibraryIntent::Kind::kRestore, row.id, {}};
    }
}

}  // namespace

LibraryIntent DrawLibraryScreen(const LibraryViewModel& model, LibraryUiState& ui) {
    using Mode = LibraryUiState::Mode;
    LibraryIntent intent;
    // Keys go by the mode the frame began in: the Enter that confirms a retirement does not also
    // study the next source.
    const Mode mode_at_start = ui.mode;
    // The screen's keys are its own (ListKeys): ImGui's keyboard navigation would only put its
    // focus outline on the first item (the "Source" header: a NoNav item still answers ImGui's
    // initial focus request) and move it around behind the selection.
    BeginScreenWindow("Library###library", ImGuiWindowFlags_NoNav);
    if (model.preview) {
        intent = DrawPreview(*model.preview);
        ImGui::End();
        return intent;
    }
    const Palette& palette = CurrentPalette();
    const int count = static_cast<int>(model.sources.size());
    ui.selected = std::clamp(ui.selected, 0, std::max(count - 1, 0));
    // A rename or a question about a source that is no longer listed (or no longer selected)
    // ends.
    if (ui.mode != Mode::kList &&
        (count == 0 || model.sources[static_cast<std::size_t>(ui.selected)].id != ui.editing_id)) {
        ui.mode = Mode::kList;
    }

    ImGui::TextDisabled("Showing");
    ImGui::SameLine();
    if (model.all_chosen) {
        ImGui::TextUnformatted("all sources");
    } else {
        for (const auto& row : model.sources) {
            if (row.chosen) TextFitted(row.title);
        }
    }
    ImGui::Spacing();
    // A selection moved by the keys (or restored) is scrolled into view: the window remembers
    // the selection it last showed.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID shown_key = ImGui::GetID("##selection_shown");
    const bool selection_moved = storage->GetInt(shown_key, -1) != ui.selected;
    storage->SetInt(shown_key, ui.selected);
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("sources", 8, kFlags)) {
        ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        for (const char* name : {"Exchanges", "Questions", "Learned", "Mastery", "Due today",
                                 "Last studied", "Added"}) {
            ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
        // Neither headers nor rows take ImGui's keyboard focus: Up/Down move the selection.
        ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
        ImGui::TableHeadersRow();
        ImGui::PopItemFlag();
        for (int i = 0; i < count; ++i) {
            const LibrarySourceRow& row = model.sources[static_cast<std::size_t>(i)];
            const bool renaming = ui.mode == Mode::kRenaming && i == ui.selected;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (!renaming) {
                // The row's click target under the cells (the title is drawn over it, cut).
                ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
                if (ImGui::Selectable("##row", i == ui.selected,
                                      ImGuiSelectableFlags_SpanAllColumns |
                                          ImGuiSelectableFlags_AllowItemOverlap)) {
                    ui.selected = i;
                    ui.mode = Mode::kList;
                }
                ImGui::PopItemFlag();
                ImGui::SameLine(0.0f, 0.0f);
            }
            TitleCell(row, renaming, ui, intent);
            ImGui::PopID();
            SourceRowCells(row);
            if (selection_moved && i == ui.selected && !ImGui::IsItemVisible()) {
                ImGui::SetScrollHereY(0.5f);
                RequestFrames(2);  // the scroll takes effect on the next frame
            }
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (count > 0) {
        const LibrarySourceRow& selected = model.sources[static_cast<std::size_t>(ui.selected)];
        if (ui.mode == Mode::kConfirmRetire) {
            DrawConfirmRetire(selected, ui, intent);
        } else {
            DetailLine(selected);
        }
        ImGui::Spacing();
    }
    if (ui.mode == Mode::kRenaming && !ui.rename_problem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.wrong);
        ImGui::TextWrapped("%s", ui.rename_problem.c_str());
        ImGui::PopStyleColor();
    }
    if (ui.mode == Mode::kRenaming) {
        ImGui::TextDisabled(
            "Enter: save the name   Esc: keep the old one   (an empty name brings back the "
            "text's own title)");
    } else {
        ImGui::TextDisabled(
            "Enter: study the selected source   Shift+Enter: study all sources   R: read it");
        ImGui::TextDisabled("N: rename it   Delete: retire it   U: restore a retired source");
        ImGui::TextDisabled(
            "Ctrl+V: import an interview from the clipboard, or drop a text file on the window");
    }
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

    if (mode_at_start == Mode::kRenaming && ui.mode == Mode::kRenaming) {
        // The box answers Enter itself while it has the keyboard; these cover it without.
        if (KeyPressed(SDL_SCANCODE_ESCAPE) && !ui.ime_composing) {
            ui.mode = Mode::kList;
            ui.rename_problem.clear();
        } else if (intent.kind == LibraryIntent::Kind::kNone && !ImGui::GetIO().WantTextInput &&
                   EnterPressed(false) && count > 0) {
            intent = {LibraryIntent::Kind::kRename, ui.editing_id, ui.rename_text};
        }
        if (intent.kind == LibraryIntent::Kind::kRename) ui.mode = Mode::kList;
    } else if (mode_at_start == Mode::kList && ui.mode == Mode::kList &&
               !(ImGui::GetIO().WantTextInput && ImGui::IsAnyItemActive())) {
        // (WantTextInput lags a frame behind the rename box closing: the key after Esc counts.)
        ListKeys(model, ui, intent);
    }
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
