// The Browse screen.
//
// Index
//   [SECTION] Labels and colours
//   [SECTION] Filtering, sorting and the selection
//   [SECTION] Filter bar and filter keys
//   [SECTION] Question table (clipped)
//   [SECTION] Details pane
//   [SECTION] Public functions and the screen
#include "app/ui/browse_screen.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>  // PushItemFlag(ImGuiItemFlags_NoNav): rows move with our keys only
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/platform/input_queue.h"
#include "app/ui/paragraph.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"
#include "content/japanese_text.h"
#include "content/unicode.h"

namespace mondo::app {

namespace {

// [SECTION] Labels and colours

using content::QuestionKind;
using sched::CardState;

constexpr CardState kAllStates[] = {CardState::kNew, CardState::kLearning, CardState::kReview,
                                    CardState::kRelearning};
constexpr const char* kRatingNames[4] = {"Again", "Hard", "Good", "Easy"};

ImGuiID ColumnId(BrowseColumn column) { return static_cast<ImGuiID>(column); }

const char* KindLabel(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kRecall:
            return "recall";
        case QuestionKind::kWhichQuestion:
            return "which question";
        case QuestionKind::kChoice:
            return "choice";
        case QuestionKind::kCloze:
            return "cloze";
        case QuestionKind::kTrueFalse:
            return "true / false";
        case QuestionKind::kOrder:
            return "order";
        case QuestionKind::kProfile:
            return "profile";
    }
    return "";
}

// Short forms for the table's narrow Kind column.
const char* KindShortLabel(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kWhichQuestion:
            return "which q.";
        case QuestionKind::kTrueFalse:
            return "true/false";
        default:
            return KindLabel(kind);
    }
}

// Names as the scheduler spells them ("new", "learning", …); string literals, so .data() ends in
// NUL.
const char* StateLabel(CardState state) { return sched::CardStateName(state).data(); }

ImU32 StateColor(CardState state) {
    const Palette& palette = CurrentPalette();
    switch (state) {
        case CardState::kNew:
            return palette.accent;
        case CardState::kLearning:
            return palette.hard;
        case CardState::kReview:
            return palette.good;
        case CardState::kRelearning:
            return palette.again;
    }
    return palette.muted;
}

// Prompts are long Japanese sentences: the table shows the first line, cut on a character boundary.
std::string Excerpt(const std::string& text, std::size_t max_bytes) {
    const std::string_view line = std::string_view(text).substr(0, text.find('\n'));
    if (line.size() <= max_bytes) return std::string(line);
    return std::string(content::TruncateUtf8(line, max_bytes)) + "...";
}

// Paragraphs of Japanese text in the details pane, broken with kinsoku rules to `width`.
void Paragraph(std::string_view text, float width) { TextParagraph(text, std::max(width, 1.0f)); }

// [SECTION] Filtering, sorting and the selection

bool RowPasses(const BrowseRow& row, const BrowseUiState& ui,
               const std::vector<std::string>& terms) {
    if (ui.kind && row.kind != *ui.kind) return false;
    if (ui.section != 0 && row.section != ui.section) return false;
    if (ui.state && row.state != *ui.state) return false;
    if (ui.flagged_only && !row.flagged) return false;
    if (ui.suspended == SuspendedFilter::kHide && row.suspended) return false;
    if (ui.suspended == SuspendedFilter::kOnly && !row.suspended) return false;
    return BrowseMatches(row, terms);
}

// True when a sorts before b on `column` (ascending).
bool Less(const BrowseRow& a, const BrowseRow& b, BrowseColumn column) {
    switch (column) {
        case BrowseColumn::kKind:
            return static_cast<int>(a.kind) < static_cast<int>(b.kind);
        case BrowseColumn::kExchange:
            return a.exchange < b.exchange;
        case BrowseColumn::kPrompt:
            return a.prompt < b.prompt;
        case BrowseColumn::kState:
            return static_cast<int>(a.state) < static_cast<int>(b.state);
        case BrowseColumn::kDue: {
            // New questions have no due date: they come after every scheduled one.
            const bool a_new = a.state == CardState::kNew;
            const bool b_new = b.state == CardState::kNew;
            if (a_new != b_new) return b_new;
            return !a_new && a.due_order < b.due_order;
        }
        case BrowseColumn::kStability:
            return a.stability < b.stability;
        case BrowseColumn::kLapses:
            return a.lapses < b.lapses;
        case BrowseColumn::kMarks:
            return (a.flagged ? 2 : 0) + (a.suspended ? 1 : 0) <
                   (b.flagged ? 2 : 0) + (b.suspended ? 1 : 0);
    }
    return false;
}

void Derive(const BrowseViewModel& model, BrowseUiState& ui) {
    BrowseUiState::Derived& d = ui.derived;
    if (d.valid && d.rows == model.rows.data() && d.count == model.rows.size() &&
        d.revision == model.revision && d.query == ui.query && d.kind == ui.kind &&
        d.section == ui.section && d.state == ui.state && d.flagged_only == ui.flagged_only &&
        d.suspended == ui.suspended && d.sort_column == ui.sort_column &&
        d.sort_descending == ui.sort_descending) {
        return;
    }
    d.visible = BrowseVisibleRows(model, ui);
    d.rows = model.rows.data();
    d.count = model.rows.size();
    d.revision = model.revision;
    d.query = ui.query;
    d.kind = ui.kind;
    d.section = ui.section;
    d.state = ui.state;
    d.flagged_only = ui.flagged_only;
    d.suspended = ui.suspended;
    d.sort_column = ui.sort_column;
    d.sort_descending = ui.sort_descending;
    d.valid = true;
}

// Position of the selected question among the visible rows, or -1.
int SelectedPosition(const BrowseViewModel& model, const BrowseUiState& ui) {
    const std::vector<int>& visible = ui.derived.visible;
    for (std::size_t i = 0; i < visible.size(); ++i) {
        if (model.rows[static_cast<std::size_t>(visible[i])].id == ui.selected_id)
            return static_cast<int>(i);
    }
    return -1;
}

template <typename T>
void Cycle(std::optional<T>& value, const T* all, int count, bool backwards) {
    // nullopt → first → … → last → nullopt (reversed with Shift).
    int index = -1;
    if (value) {
        for (int i = 0; i < count; ++i) {
            if (all[i] == *value) index = i;
        }
    }
    index = backwards ? (index < 0 ? count - 1 : index - 1) : (index + 1 >= count ? -1 : index + 1);
    if (index < 0) {
        value.reset();
    } else {
        value = all[index];
    }
}

// [SECTION] Filter bar and filter keys

// Keeps the next item of `width` on the current line when it fits, else starts a new line (the
// filter bar wraps at large font sizes instead of running off the window).
void SameLineIfFits(float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
}

void Filters(const BrowseViewModel& model, BrowseUiState& ui) {
    if (ui.focus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_search = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    InputTextWithHintUnlessComposing("##search", "Search  (Ctrl+F)", &ui.query, ui.ime_composing);

    // Combos show their value in the preview; their keys are listed in the footer.
    const float em = ImGui::GetFontSize();
    SameLineIfFits(em * 9.0f);
    ImGui::SetNextItemWidth(em * 9.0f);
    const std::string kind_preview =
        std::string("Kind: ") + (ui.kind ? KindLabel(*ui.kind) : "any");
    if (ImGui::BeginCombo("##kind", kind_preview.c_str())) {
        if (ImGui::Selectable("any kind", !ui.kind)) ui.kind.reset();
        for (const QuestionKind kind : content::kAllQuestionKinds) {
            if (ImGui::Selectable(KindLabel(kind), ui.kind == kind)) ui.kind = kind;
        }
        ImGui::EndCombo();
    }

    SameLineIfFits(em * 11.0f);
    ImGui::SetNextItemWidth(em * 11.0f);
    const std::string section_preview =
        ui.section > 0 && ui.section <= static_cast<int>(model.sections.size())
            ? std::to_string(ui.section) + ". " +
                  model.sections[static_cast<std::size_t>(ui.section - 1)]
            : std::string("Section: any");
    if (ImGui::BeginCombo("##section", section_preview.c_str())) {
        if (ImGui::Selectable("any section", ui.section == 0)) ui.section = 0;
        for (std::size_t i = 0; i < model.sections.size(); ++i) {
            const std::string label = std::to_string(i + 1) + ". " + model.sections[i];
            if (ImGui::Selectable(label.c_str(), ui.section == static_cast<int>(i + 1))) {
                ui.section = static_cast<int>(i + 1);
            }
        }
        ImGui::EndCombo();
    }

    SameLineIfFits(em * 8.0f);
    ImGui::SetNextItemWidth(em * 8.0f);
    const std::string state_preview =
        std::string("State: ") + (ui.state ? StateLabel(*ui.state) : "any");
    if (ImGui::BeginCombo("##state", state_preview.c_str())) {
        if (ImGui::Selectable("any state", !ui.state)) ui.state.reset();
        for (const CardState state : kAllStates) {
            if (ImGui::Selectable(StateLabel(state), ui.state == state)) ui.state = state;
        }
        ImGui::EndCombo();
    }

    SameLineIfFits(em * 9.5f);
    const char* suspended_labels[3] = {"Suspended: shown", "Suspended: hidden", "Suspended: only"};
    ImGui::SetNextItemWidth(em * 9.5f);
    int suspended = static_cast<int>(ui.suspended);
    if (ImGui::Combo("##suspended", &suspended, suspended_labels, 3)) {
        ui.suspended = static_cast<SuspendedFilter>(suspended);
    }

    SameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                   ImGui::CalcTextSize("Flagged only").x);
    ImGui::Checkbox("Flagged only", &ui.flagged_only);
}

void FilterKeys(const BrowseViewModel& model, BrowseUiState& ui) {
    const bool back = ImGui::GetIO().KeyShift;
    if (KeyPressed(SDL_SCANCODE_K)) {
        Cycle(ui.kind, content::kAllQuestionKinds,
              static_cast<int>(std::size(content::kAllQuestionKinds)), back);
    }
    if (KeyPressed(SDL_SCANCODE_E)) {
        const int count = static_cast<int>(model.sections.size()) + 1;
        ui.section = (ui.section + (back ? count - 1 : 1)) % count;
    }
    if (KeyPressed(SDL_SCANCODE_T)) Cycle(ui.state, kAllStates, 4, back);
    if (KeyPressed(SDL_SCANCODE_G)) ui.flagged_only = !ui.flagged_only;
    if (KeyPressed(SDL_SCANCODE_U)) {
        ui.suspended =
            static_cast<SuspendedFilter>((static_cast<int>(ui.suspended) + (back ? 2 : 1)) % 3);
    }
}

// [SECTION] Question table (clipped)

// The table of visible rows: a click selects (ui.selected_id), a double click sets `activated`, a
// click on a header changes the sort.
void QuestionTable(const BrowseViewModel& model, BrowseUiState& ui, ImVec2 size,
                   int selected_position, bool& activated) {
    constexpr ImGuiTableFlags flags =
        ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
        ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_Sortable |
        ImGuiTableFlags_SortTristate | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Hideable;
    if (!ImGui::BeginTable("##questions", static_cast<int>(kBrowseColumnCount), flags, size))
        return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    // Fixed widths leave room for the header's sort arrow.
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, em * 4.8f,
                            ColumnId(BrowseColumn::kKind));
    ImGui::TableSetupColumn("Ex.", ImGuiTableColumnFlags_WidthFixed, em * 2.4f,
                            ColumnId(BrowseColumn::kExchange));
    ImGui::TableSetupColumn("Question", ImGuiTableColumnFlags_WidthStretch, 1.0f,
                            ColumnId(BrowseColumn::kPrompt));
    ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed, em * 4.6f,
                            ColumnId(BrowseColumn::kState));
    ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthFixed, em * 5.2f,
                            ColumnId(BrowseColumn::kDue));
    ImGui::TableSetupColumn("Stab.", ImGuiTableColumnFlags_WidthFixed, em * 3.2f,
                            ColumnId(BrowseColumn::kStability));
    ImGui::TableSetupColumn("Lapses", ImGuiTableColumnFlags_WidthFixed, em * 3.9f,
                            ColumnId(BrowseColumn::kLapses));
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em * 1.4f,
                            ColumnId(BrowseColumn::kMarks));
    // At large font sizes the fixed columns would squeeze the question to a few characters:
    // the least needed ones make way first, so the question keeps at least ~12 characters.
    {
        const float padding = ImGui::GetStyle().CellPadding.x * 2.0f + 1.0f;
        float fixed = em * (4.8f + 2.4f + 4.6f + 5.2f + 3.2f + 3.9f + 1.4f) + padding * 8.0f;
        const struct {
            BrowseColumn column;
            float width;
        } optional_columns[] = {{BrowseColumn::kStability, em * 3.2f + padding},
                                {BrowseColumn::kLapses, em * 3.9f + padding},
                                {BrowseColumn::kExchange, em * 2.4f + padding},
                                {BrowseColumn::kDue, em * 5.2f + padding}};
        bool room_for[kBrowseColumnCount];
        std::fill(std::begin(room_for), std::end(room_for), true);
        for (const auto& optional : optional_columns) {
            const bool room = size.x - fixed >= em * 12.0f;
            room_for[static_cast<int>(optional.column)] = room;
            if (!room) fixed -= optional.width;
        }
        // The header's context menu lets the learner hide or show a column: ImGui records that
        // as the column's request for the next frame. A request that differs from what this
        // screen asked for last frame is the learner's, and is kept, so a hidden column does not
        // come back on the next frame.
        ImGuiTable* table = ImGui::GetCurrentTable();
        for (std::size_t column = 0; column < kBrowseColumnCount; ++column) {
            const bool requested = table->Columns[static_cast<int>(column)].IsUserEnabledNextFrame;
            if (requested != ui.shown_last_frame[column]) ui.hidden_by_learner[column] = !requested;
            const bool shown = room_for[column] && !ui.hidden_by_learner[column];
            ImGui::TableSetColumnEnabled(static_cast<int>(column), shown);
            ui.shown_last_frame[column] = shown;
        }
    }
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty) {
            if (specs->SpecsCount > 0) {
                ui.sort_column = static_cast<BrowseColumn>(specs->Specs[0].ColumnUserID);
                ui.sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            } else {
                ui.sort_column.reset();
                ui.sort_descending = false;
            }
            specs->SpecsDirty = false;
            // The order changed: follow it this frame and keep the selected row in view.
            const std::optional<BrowseColumn> before = ui.derived.sort_column;
            const bool before_descending = ui.derived.sort_descending;
            Derive(model, ui);
            if (before != ui.sort_column || before_descending != ui.sort_descending) {
                selected_position = SelectedPosition(model, ui);
                ui.scroll_to_selected = true;
            }
        }
    }

    const Palette& palette = CurrentPalette();
    const std::vector<int>& visible = ui.derived.visible;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()));
    if (ui.scroll_to_selected && selected_position >= 0) {
        clipper.ForceDisplayRangeByIndices(selected_position, selected_position + 1);
    }
    // Rows are not keyboard-navigation targets: Up/Down move the selection, not ImGui's focus.
    ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
    while (clipper.Step()) {
        for (int position = clipper.DisplayStart; position < clipper.DisplayEnd; ++position) {
            const BrowseRow& row =
                model.rows[static_cast<std::size_t>(visible[static_cast<std::size_t>(position)])];
            const bool selected = position == selected_position;
            ImGui::TableNextRow();
            ImGui::PushID(position);
            ImGui::TableNextColumn();
            if (row.suspended)
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            if (ImGui::Selectable(
                    KindShortLabel(row.kind), selected,
                    ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                ui.selected_id = row.id;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) activated = true;
            }
            if (selected && ui.scroll_to_selected) {
                ImGui::SetScrollHereY(0.5f);
                ui.scroll_to_selected = false;
            }
            ImGui::TableNextColumn();
            if (row.exchange > 0) {
                ImGui::Text("%d", row.exchange);
            } else {
                ImGui::TextDisabled("-");
            }
            ImGui::TableNextColumn();
            // Cut to the column (with "…"), never clipped mid-character at its edge.
            TextFitted(Excerpt(row.prompt, 240), ImGui::GetContentRegionAvail().x);
            ImGui::TableNextColumn();
            if (!row.suspended) ImGui::PushStyleColor(ImGuiCol_Text, StateColor(row.state));
            ImGui::TextUnformatted(StateLabel(row.state));
            if (!row.suspended) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.state == CardState::kNew ? "" : row.due.c_str());
            ImGui::TableNextColumn();
            if (row.state != CardState::kNew) ImGui::Text("%.1f", row.stability);
            ImGui::TableNextColumn();
            if (row.lapses > 0) ImGui::Text("%d", row.lapses);
            ImGui::TableNextColumn();
            if (row.flagged) {
                ImGui::PushStyleColor(ImGuiCol_Text, palette.hard);
                ImGui::TextUnformatted("F");
                ImGui::PopStyleColor();
                if (row.suspended) ImGui::SameLine(0, 4);
            }
            if (row.suspended) ImGui::TextUnformatted("S");
            if (row.suspended) ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    ImGui::PopItemFlag();
    ui.scroll_to_selected = false;
    ImGui::EndTable();
}

// [SECTION] Details pane

// A small button placed after the previous one, or on the next line when it would not fit.
bool FlowButton(const char* label, bool first) {
    if (!first) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const float width = ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
    }
    return ImGui::SmallButton(label);
}

void Details(const BrowseViewModel& model, const BrowseRow& row, BrowseIntent& intent) {
    const Palette& palette = CurrentPalette();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::TextUnformatted(KindLabel(row.kind));
    ImGui::SameLine();
    if (row.exchange > 0) {
        const std::string section =
            row.section > 0 && row.section <= static_cast<int>(model.sections.size())
                ? model.sections[static_cast<std::size_t>(row.section - 1)]
                : std::string();
        // The section title is Japanese of any length: it wraps in the pane.
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        TextParagraph("Exchange " + std::to_string(row.exchange) + "  " + section,
                      std::max(1.0f, ImGui::GetContentRegionAvail().x));
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("Profile");
    }
    ImGui::PushStyleColor(ImGuiCol_Text, StateColor(row.state));
    ImGui::TextUnformatted(StateLabel(row.state));
    ImGui::PopStyleColor();
    if (row.flagged) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette.hard);
        ImGui::TextUnformatted("★ Flagged");
        ImGui::PopStyleColor();
    }
    if (row.suspended) {
        ImGui::SameLine();
        ImGui::TextDisabled("suspended");
    }
    if (row.state != CardState::kNew) {
        char line[256];
        std::snprintf(line, sizeof line,
                      "Due %s   stability %.1f d   difficulty %.1f   %d review%s   %d lapse%s",
                      row.due.c_str(), row.stability, row.difficulty, row.reviews,
                      row.reviews == 1 ? "" : "s", row.lapses, row.lapses == 1 ? "" : "s");
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        TextParagraph(line, width);
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("Not studied yet");
    }

    if (FlowButton(row.suspended ? "Unsuspend [S]" : "Suspend [S]", true)) {
        intent = {BrowseIntent::Kind::kSetSuspended, row.id, row.exchange, !row.suspended};
    }
    if (FlowButton(row.flagged ? "Unflag [F]" : "Flag [F]", false)) {
        intent = {BrowseIntent::Kind::kSetFlagged, row.id, row.exchange, !row.flagged};
    }
    if (FlowButton("Study [Enter]", false)) {
        intent = {BrowseIntent::Kind::kStudyQuestion, row.id, row.exchange, false};
    }
    if (row.exchange > 0) {
        if (FlowButton("Study exchange [Shift+Enter]", false)) {
            intent = {BrowseIntent::Kind::kStudyExchange, row.id, row.exchange, false};
        }
        if (FlowButton("Read [R]", false)) {
            intent = {BrowseIntent::Kind::kOpenInRead, row.id, row.exchange, false};
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextDisabled("Question");
    Paragraph(row.prompt, width);
    ImGui::Spacing();
    ImGui::TextDisabled("Answer");
    if (row.kind == QuestionKind::kOrder) {
        int n = 1;
        std::size_t begin = 0;
        while (begin <= row.answer.size()) {
            const std::size_t end = std::min(row.answer.find('\n', begin), row.answer.size());
            ImGui::Text("%d.", n++);
            ImGui::SameLine();
            ImGui::BeginGroup();
            Paragraph(std::string_view(row.answer).substr(begin, end - begin),
                      width - ImGui::GetFontSize() * 2.0f);
            ImGui::EndGroup();
            begin = end + 1;
        }
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.correct);
        Paragraph(row.answer, width);
        ImGui::PopStyleColor();
    }
    if (!row.choices.empty() && row.kind != QuestionKind::kOrder) {
        ImGui::Spacing();
        ImGui::TextDisabled("Choices");
        for (std::size_t i = 0; i < row.choices.size(); ++i) {
            const bool right = row.choices[i] == row.answer;
            ImGui::Text("%zu.", i + 1);
            ImGui::SameLine();
            ImGui::BeginGroup();
            if (right) ImGui::PushStyleColor(ImGuiCol_Text, palette.correct);
            Paragraph(row.choices[i], width - ImGui::GetFontSize() * 2.0f);
            if (right) ImGui::PopStyleColor();
            ImGui::EndGroup();
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextDisabled("History");
    if (model.history_id != row.id) {
        ImGui::TextDisabled("Loading...");
        return;
    }
    if (model.history.empty()) {
        ImGui::TextDisabled("No reviews yet.");
        return;
    }
    constexpr ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##history", 5, flags)) return;
    ImGui::TableSetupColumn("When");
    ImGui::TableSetupColumn("Rating");
    ImGui::TableSetupColumn("Interval");
    ImGui::TableSetupColumn("Time");
    ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    const ImU32 rating_colors[4] = {palette.again, palette.hard, palette.good, palette.easy};
    for (const BrowseReview& review : model.history) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(review.time.c_str());
        ImGui::TableNextColumn();
        const int rating = std::clamp(review.rating, 1, 4);
        ImGui::PushStyleColor(ImGuiCol_Text, rating_colors[rating - 1]);
        ImGui::TextUnformatted(kRatingNames[rating - 1]);
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(review.interval.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.0f s", review.seconds);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(review.answer.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

// [SECTION] Public functions and the screen

std::vector<int> BrowseVisibleRows(const BrowseViewModel& model, const BrowseUiState& ui) {
    const std::vector<std::string> terms = FoldQuery(ui.query);
    std::vector<int> visible;
    for (std::size_t i = 0; i < model.rows.size(); ++i) {
        if (RowPasses(model.rows[i], ui, terms)) visible.push_back(static_cast<int>(i));
    }
    if (ui.sort_column) {
        const BrowseColumn column = *ui.sort_column;
        const bool descending = ui.sort_descending;
        std::stable_sort(visible.begin(), visible.end(), [&](int a, int b) {
            const BrowseRow& ra = model.rows[static_cast<std::size_t>(a)];
            const BrowseRow& rb = model.rows[static_cast<std::size_t>(b)];
            return descending ? Less(rb, ra, column) : Less(ra, rb, column);
        });
    }
    return visible;
}

std::vector<std::string> FoldQuery(std::string_view query) {
    std::vector<std::string> terms;
    std::size_t begin = 0;
    while (begin < query.size()) {
        std::size_t end = query.find(' ', begin);
        // An ideographic space (U+3000) separates terms too, as a Japanese keyboard types it.
        const std::size_t ideographic = query.find("\xE3\x80\x80", begin);
        std::size_t skip = 1;
        if (ideographic < end) {
            end = ideographic;
            skip = 3;
        }
        if (end == std::string_view::npos) end = query.size();
        if (end > begin) {
            std::string folded = content::Fold(query.substr(begin, end - begin));
            if (!folded.empty()) terms.push_back(std::move(folded));
        }
        begin = end + skip;
    }
    return terms;
}

bool BrowseMatches(const BrowseRow& row, const std::vector<std::string>& folded_terms) {
    for (const std::string& term : folded_terms) {
        if (row.search_key.find(term) == std::string::npos) return false;
    }
    return true;
}

BrowseIntent DrawBrowseScreen(const BrowseViewModel& model, BrowseUiState& ui) {
    BrowseIntent intent;
    BeginScreenWindow("Browse###browse",
                      ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoScrollbar);

    const ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput;
    if (!typing && !io.KeyCtrl && !io.KeyAlt) FilterKeys(model, ui);
    if ((io.KeyCtrl && KeyPressed(SDL_SCANCODE_F)) || (!typing && KeyPressed(SDL_SCANCODE_SLASH))) {
        ui.focus_search = true;
    }
    Filters(model, ui);
    Derive(model, ui);

    // Keep a valid selection: the first visible row when the selected one was filtered out.
    const std::vector<int>& visible = ui.derived.visible;
    int position = SelectedPosition(model, ui);
    const std::string previous_id = ui.selected_id;
    if (position < 0 && !visible.empty()) {
        position = 0;
        ui.selected_id = model.rows[static_cast<std::size_t>(visible[0])].id;
        ui.scroll_to_selected = true;
    }

    // Selection keys work while typing a search too: the list is what the search is for.
    if (!visible.empty() && !io.KeyCtrl) {
        const int count = static_cast<int>(visible.size());
        const int page = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().y /
                                                      ImGui::GetTextLineHeightWithSpacing()) -
                                         4);
        int moved = position;
        if (KeyPressed(SDL_SCANCODE_DOWN, true)) moved = position + 1;
        if (KeyPressed(SDL_SCANCODE_UP, true)) moved = position - 1;
        if (KeyPressed(SDL_SCANCODE_PAGEDOWN, true)) moved = position + page;
        if (KeyPressed(SDL_SCANCODE_PAGEUP, true)) moved = position - page;
        if (!typing && KeyPressed(SDL_SCANCODE_HOME)) moved = 0;
        if (!typing && KeyPressed(SDL_SCANCODE_END)) moved = count - 1;
        moved = std::clamp(moved, 0, count - 1);
        if (moved != position) {
            position = moved;
            ui.selected_id =
                model.rows[static_cast<std::size_t>(visible[static_cast<std::size_t>(position)])]
                    .id;
            ui.scroll_to_selected = true;
        }
    }

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The footer wraps at large font sizes; the panes above leave it the room it needs.
    char footer_text[320];
    std::snprintf(
        footer_text, sizeof footer_text,
        "%zu of %zu questions    Up/Down select   Enter study   Shift+Enter exchange   S suspend   "
        "F flag   R read   Ctrl+F search   K kind   E section   T state   U suspended   G flagged",
        visible.size(), model.rows.size());
    const std::size_t footer_lines = ParagraphLines(footer_text, avail.x).size();
    const float footer =
        ParagraphLineHeight() * static_cast<float>(footer_lines) + ImGui::GetStyle().ItemSpacing.y;
    const float table_width = std::floor(avail.x * 0.62f);
    bool activated = false;
    if (model.rows.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("The collection has no questions yet.");
    } else if (visible.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("No question matches the search and filters.");
    }
    if (!visible.empty()) {
        QuestionTable(model, ui, ImVec2(table_width, avail.y - footer), position, activated);
        position = SelectedPosition(model, ui);  // a click, or a new sort order, may move it
        if (position < 0) position = 0;
        ImGui::SameLine();
        ImGui::BeginChild("##details", ImVec2(0, avail.y - footer), false);
        const BrowseRow& row = model.rows[static_cast<std::size_t>(
            visible[static_cast<std::size_t>(std::max(position, 0))])];
        Details(model, row, intent);
        ImGui::EndChild();
    }

    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    TextParagraph(footer_text, avail.x);
    ImGui::PopStyleColor();

    if (position >= 0 && !visible.empty()) {
        const BrowseRow& row =
            model.rows[static_cast<std::size_t>(visible[static_cast<std::size_t>(position)])];
        if (activated) intent = {BrowseIntent::Kind::kStudyQuestion, row.id, row.exchange, false};
        if (!typing && !io.KeyCtrl && !io.KeyAlt) {
            if (KeyPressed(SDL_SCANCODE_S)) {
                intent = {BrowseIntent::Kind::kSetSuspended, row.id, row.exchange, !row.suspended};
            } else if (KeyPressed(SDL_SCANCODE_F)) {
                intent = {BrowseIntent::Kind::kSetFlagged, row.id, row.exchange, !row.flagged};
            } else if (KeyPressed(SDL_SCANCODE_R) && row.exchange > 0) {
                intent = {BrowseIntent::Kind::kOpenInRead, row.id, row.exchange, false};
            } else if (KeyPressed(SDL_SCANCODE_RETURN) || KeyPressed(SDL_SCANCODE_KP_ENTER)) {
                if (io.KeyShift && row.exchange > 0) {
                    intent = {BrowseIntent::Kind::kStudyExchange, row.id, row.exchange, false};
                } else if (!io.KeyShift) {
                    intent = {BrowseIntent::Kind::kStudyQuestion, row.id, row.exchange, false};
                }
            }
        }
        if (intent.kind == BrowseIntent::Kind::kNone && ui.selected_id != previous_id) {
            intent = {BrowseIntent::Kind::kSelect, ui.selected_id, row.exchange, false};
        }
    }
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
