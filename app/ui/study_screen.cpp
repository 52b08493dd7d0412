#include "app/ui/study_screen.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "app/platform/input_queue.h"
#include "app/ui/argument_role.h"
#include "app/ui/paragraph.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

using content::QuestionKind;

constexpr const char* kRatingNames[4] = {"Again", "Hard", "Good", "Easy"};

// Takes `wanted` out of the characters typed this frame, so no text box receives it.
void RemoveTypedCharacter(ImWchar wanted) {
    ImVector<ImWchar>& typed = ImGui::GetIO().InputQueueCharacters;
    for (int i = typed.Size - 1; i >= 0; --i) {
        if (typed[i] == wanted) typed.erase(typed.Data + i);
    }
}

// The app's shortcuts, taken before any widget sees the frame's input, typing or not (one owner
// per key): Ctrl+Z undoes the last review, Ctrl+F flags, @ suspends, Esc goes home.
StudyIntent Shortcuts(const StudyViewModel& model) {
    StudyIntent intent;
    const InputQueue& input = FrameInput();
    if (input.PressedWithCtrl(SDL_SCANCODE_Z)) {
        if (model.can_undo) intent.kind = StudyIntent::Kind::kUndo;
    } else if (input.PressedWithCtrl(SDL_SCANCODE_F)) {
        if (model.has_card) intent.kind = StudyIntent::Kind::kToggleFlag;
    } else if (input.CharacterPressed('@')) {
        RemoveTypedCharacter('@');  // a shortcut, never part of an answer
        if (model.has_card) intent.kind = StudyIntent::Kind::kSuspend;
    } else if (KeyPressed(SDL_SCANCODE_ESCAPE)) {
        intent.kind = StudyIntent::Kind::kGoHome;
    }
    return intent;
}

// Choice kinds answer with one of `choices`; profile questions too when they carry choices.
bool IsChoiceKind(const StudyCardView& card) {
    return card.kind == QuestionKind::kChoice || card.kind == QuestionKind::kWhichQuestion ||
           (card.kind == QuestionKind::kProfile && !card.choices.empty());
}

bool IsTypedKind(const StudyCardView& card) {
    return card.kind == QuestionKind::kCloze ||
           (card.kind == QuestionKind::kProfile && card.choices.empty());
}

const char* KindLabel(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kRecall:
            return "Recall the answer";
        case QuestionKind::kWhichQuestion:
            return "Which question did this answer?";
        case QuestionKind::kChoice:
            return "Pick the answer that was given";
        case QuestionKind::kCloze:
            return "Fill in the blank";
        case QuestionKind::kTrueFalse:
            return "True or false?";
        case QuestionKind::kOrder:
            return "Put the sentences of the answer in order";
        case QuestionKind::kProfile:
            return "About the interviewee";
    }
    return "";
}

void Header(const StudyViewModel& model, float width) {
    // The bar counts the day's plan, fixed at the start; cards coming back in learning steps
    // are repeats, counted beside it rather than growing the total.
    const float fraction = model.planned > 0 ? static_cast<float>(model.planned_done) /
                                                   static_cast<float>(model.planned)
                                             : 1.0f;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%d / %d", model.planned_done, model.planned);
    ImGui::ProgressBar(fraction, ImVec2(width * 0.4f, 0), overlay);
    const Palette& palette = CurrentPalette();
    if (model.repeats > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("+%d %s", model.repeats, model.repeats == 1 ? "repeat" : "repeats");
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
    ImGui::Text("%d new", model.remaining_new);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette.again);
    ImGui::Text("%d learning", model.remaining_learning);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette.good);
    ImGui::Text("%d review", model.remaining_review);
    ImGui::PopStyleColor();
    if (!model.scope.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", model.scope.c_str());
    }
}

void CardTitle(const StudyCardView& card) {
    ImGui::TextUnformatted(KindLabel(card.kind));
    ImGui::SameLine();
    if (card.flagged) {
        // A mark in colour, not only a grey word.
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().hard);
        ImGui::TextUnformatted("★ Flagged");
        ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    if (card.exchange > 0) {
        ImGui::TextDisabled("Exchange %d  %s  [%s]", card.exchange, card.section_title.c_str(),
                            card.state_label.c_str());
    } else {
        ImGui::TextDisabled("Profile  [%s]", card.state_label.c_str());
    }
}

// A choice drawn as a full-width selectable with its number key.
bool ChoiceRow(int index, const std::string& text, float width, ImU32 highlight) {
    ImGui::PushID(index);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    char key[16];
    std::snprintf(key, sizeof key, "%d", index + 1);
    ImGui::TextDisabled("%s", key);
    ImGui::SameLine(0, 14);
    const float text_x = ImGui::GetCursorPosX();
    ImGui::BeginGroup();
    TextParagraph(text, width - text_x);
    ImGui::EndGroup();
    const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y);
    if (highlight != 0) {
        ImGui::GetWindowDrawList()->AddRect(ImVec2(start.x - 6, start.y - 3),
                                            ImVec2(end.x, end.y + 3), highlight, 4.0f, 0, 2.0f);
    }
    ImGui::SetCursorScreenPos(start);
    const bool clicked = ImGui::InvisibleButton("choice", ImVec2(width, end.y - start.y));
    if (ImGui::IsItemHovered()) {
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(start.x - 6, start.y - 3), ImVec2(end.x, end.y + 3),
            ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f), 4.0f);
    }
    ImGui::Spacing();
    ImGui::PopID();
    return clicked;
}

// The index in the question's own choices of the option shown at `position`.
int QuestionChoiceIndex(const StudyCardView& card, int position) {
    const auto p = static_cast<std::size_t>(position);
    return p < card.choice_index.size() ? card.choice_index[p] : position;
}

void AskChoice(const StudyCardView& card, float width, StudyIntent& intent) {
    for (int i = 0; i < static_cast<int>(card.choices.size()); ++i) {
        if (ChoiceRow(i, card.choices[static_cast<std::size_t>(i)], width, 0)) {
            intent.kind = StudyIntent::Kind::kSubmitChoice;
            intent.index = QuestionChoiceIndex(card, i);
        }
    }
    if (!ImGui::GetIO().WantTextInput) {
        // Key n picks the option shown with n, wherever the shuffle put it.
        for (int i = 0; i < static_cast<int>(card.choices.size()) && i < 9; ++i) {
            if (KeyPressed(static_cast<SDL_Scancode>(SDL_SCANCODE_1 + i))) {
                intent.kind = StudyIntent::Kind::kSubmitChoice;
                intent.index = QuestionChoiceIndex(card, i);
            }
        }
    }
}

void AskTyped(const StudyViewModel& model, StudyUiState& ui, float width, StudyIntent& intent) {
    ImGui::TextDisabled("Type the missing words, then Enter.");
    if (ui.focus_input) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_input = false;
    }
    ImGui::SetNextItemWidth(std::min(width, 520.0f));
    // One box per showing of a question: ImGui keeps an active box's text and undo history under
    // its id, and the next question (or the same one shown again) must start from its own buffer.
    ImGui::PushID(model.card.question_id.c_str());
    ImGui::PushID(model.card.showing);
    const bool entered =
        ImGui::InputText("##answer", &ui.typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopID();
    ImGui::PopID();
    // Enter that confirms an IME conversion belongs to the IME, never to the answer.
    if (entered && !ui.ime_composing) {
        intent.kind = StudyIntent::Kind::kSubmitText;
        intent.text = ui.typed;
    }
    ImGui::SameLine();
    if (ImGui::Button("Check")) {
        intent.kind = StudyIntent::Kind::kSubmitText;
        intent.text = ui.typed;
    }
    ImGui::SameLine();
    if (ImGui::Button("I don't know")) {
        intent.kind = StudyIntent::Kind::kSubmitText;
        intent.text.clear();
    }
}

void AskTrueFalse(StudyIntent& intent) {
    if (ImGui::Button("True  [T]", ImVec2(160, 0))) {
        intent.kind = StudyIntent::Kind::kSubmitTrueFalse;
        intent.flag = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("False  [F]", ImVec2(160, 0))) {
        intent.kind = StudyIntent::Kind::kSubmitTrueFalse;
        intent.flag = false;
    }
    if (!ImGui::GetIO().WantTextInput && !ImGui::GetIO().KeyCtrl) {
        if (KeyPressed(SDL_SCANCODE_T) || KeyPressed(SDL_SCANCODE_1)) {
            intent.kind = StudyIntent::Kind::kSubmitTrueFalse;
            intent.flag = true;
        } else if (KeyPressed(SDL_SCANCODE_F) || KeyPressed(SDL_SCANCODE_2)) {
            intent.kind = StudyIntent::Kind::kSubmitTrueFalse;
            intent.flag = false;
        }
    }
}

void AskOrder(const StudyCardView& card, StudyUiState& ui, float width, StudyIntent& intent) {
    ImGui::TextDisabled("Up/Down select, Shift+Up/Down move the sentence (or drag), Enter checks.");
    const int count = static_cast<int>(ui.order.size());
    const ImU32 cursor_color = CurrentPalette().accent;
    for (int position = 0; position < count; ++position) {
        const int sentence = ui.order[static_cast<std::size_t>(position)];
        ImGui::PushID(position);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::Text("%d.", position + 1);
        ImGui::SameLine(0, 12);
        ImGui::BeginGroup();
        TextParagraph(card.choices[static_cast<std::size_t>(sentence)], width - 40.0f);
        ImGui::EndGroup();
        const float height = ImGui::GetItemRectMax().y - start.y;
        ImGui::SetCursorScreenPos(start);
        if (ImGui::InvisibleButton("row", ImVec2(width, std::max(height, 1.0f)))) {
            ui.order_cursor = position;
        }
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload("mondo_order", &position, sizeof position);
            ImGui::Text("Move sentence %d", position + 1);
            ImGui::EndDragDropSource();
        }
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("mondo_order")) {
                const int from = *static_cast<const int*>(payload->Data);
                const int moved = ui.order[static_cast<std::size_t>(from)];
                ui.order.erase(ui.order.begin() + from);
                ui.order.insert(ui.order.begin() + position, moved);
                ui.order_cursor = position;
            }
            ImGui::EndDragDropTarget();
        }
        if (position == ui.order_cursor) {
            ImGui::GetWindowDrawList()->AddRect(ImVec2(start.x - 6, start.y - 3),
                                                ImVec2(start.x + width, start.y + height + 3),
                                                cursor_color, 4.0f, 0, 2.0f);
        }
        ImGui::Spacing();
        ImGui::PopID();
    }
    if (ImGui::Button("Check order  [Enter]")) {
        intent.kind = StudyIntent::Kind::kSubmitOrder;
        intent.order = ui.order;
    }
    if (ImGui::GetIO().WantTextInput || count == 0) return;
    const bool shift = ImGui::GetIO().KeyShift;
    const bool up = KeyPressed(SDL_SCANCODE_UP, true);
    const bool down = KeyPressed(SDL_SCANCODE_DOWN, true);
    if (up && ui.order_cursor > 0) {
        if (shift) {
            std::swap(ui.order[static_cast<std::size_t>(ui.order_cursor)],
                      ui.order[static_cast<std::size_t>(ui.order_cursor - 1)]);
        }
        --ui.order_cursor;
    } else if (down && ui.order_cursor + 1 < count) {
        if (shift) {
            std::swap(ui.order[static_cast<std::size_t>(ui.order_cursor)],
                      ui.order[static_cast<std::size_t>(ui.order_cursor + 1)]);
        }
        ++ui.order_cursor;
    }
    if (KeyPressed(SDL_SCANCODE_RETURN) || KeyPressed(SDL_SCANCODE_KP_ENTER)) {
        intent.kind = StudyIntent::Kind::kSubmitOrder;
        intent.order = ui.order;
    }
}

// The typed answer against the expected one: matching parts plain, the rest coloured.
void DrawDiff(const std::vector<content::DiffPart>& diff) {
    const Palette& palette = CurrentPalette();
    ImGui::TextDisabled("you typed");
    ImGui::SameLine();
    const bool typed_nothing = std::all_of(
        diff.begin(), diff.end(), [](const content::DiffPart& p) { return p.typed.empty(); });
    if (typed_nothing) ImGui::TextDisabled("(no answer)");
    bool first = true;
    for (const auto& part : diff) {
        if (part.typed.empty()) continue;
        if (!first) ImGui::SameLine(0, 0);
        first = false;
        const bool same = part.op == content::DiffOp::kSame;
        if (!same) ImGui::PushStyleColor(ImGuiCol_Text, palette.wrong);
        ImGui::TextUnformatted(part.typed.c_str());
        if (!same) ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("expected ");
    ImGui::SameLine();
    first = true;
    for (const auto& part : diff) {
        if (part.expected.empty()) continue;
        if (!first) ImGui::SameLine(0, 0);
        first = false;
        const bool same = part.op == content::DiffOp::kSame;
        if (!same) ImGui::PushStyleColor(ImGuiCol_Text, palette.correct);
        ImGui::TextUnformatted(part.expected.c_str());
        if (!same) ImGui::PopStyleColor();
    }
}

void Verdict(const StudyFeedback& feedback) {
    const Palette& palette = CurrentPalette();
    switch (feedback.verdict) {
        case content::GradeVerdict::kExact:
            ImGui::PushStyleColor(ImGuiCol_Text, palette.correct);
            ImGui::TextUnformatted("Right.");
            break;
        case content::GradeVerdict::kTypo:
            ImGui::PushStyleColor(ImGuiCol_Text, palette.hard);
            ImGui::TextUnformatted("Right, with a typo.");
            break;
        case content::GradeVerdict::kWrong:
            ImGui::PushStyleColor(ImGuiCol_Text, palette.wrong);
            ImGui::TextUnformatted(feedback.given.empty() ? "Not answered." : "Not quite.");
            break;
    }
    ImGui::PopStyleColor();
}

ImU32 WithAlpha(ImU32 color, float alpha) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

// Why the answer is what it is: the sentence of the interview the question was made from.
void Explanation(const StudyCardView& card, float width) {
    const Palette& palette = CurrentPalette();
    if (card.source_sentence.empty()) {
        if (card.context.empty() || card.kind == QuestionKind::kRecall) return;
        ImGui::Spacing();
        ImGui::TextDisabled("In the interview:");
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        TextParagraph(card.context, width);
        ImGui::PopStyleColor();
        return;
    }
    ImGui::Spacing();
    const bool changed = card.kind == QuestionKind::kTrueFalse && card.changed_length > 0 &&
                         card.changed_offset + card.changed_length <= card.source_sentence.size();
    if (changed) {
        // A false statement: what was said, the words the statement changed marked.
        ImGui::TextDisabled("What was said (the words the statement changed are marked):");
        TextParagraphMarked(card.source_sentence, card.changed_offset,
                            card.changed_offset + card.changed_length, palette.correct,
                            WithAlpha(palette.correct, 0.16f), width);
        if (!card.replacement.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, palette.wrong);
            TextParagraph("The statement said 「" + card.replacement + "」 there.", width);
            ImGui::PopStyleColor();
        }
    }
    // The sentence in its answer, with its role in the argument.
    ImGui::TextDisabled(changed ? "In the answer, as" : "In the interview, as");
    if (card.source_role) {
        ImGui::SameLine();
        ArgumentRoleTag(*card.source_role);
    }
    const ImU32 role_color =
        card.source_role ? ArgumentRoleColor(*card.source_role) : palette.accent;
    const std::size_t at = card.source_answer.find(card.source_sentence);
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (at != std::string::npos) {
        TextParagraphMarked(card.source_answer, at, at + card.source_sentence.size(), text_color,
                            WithAlpha(role_color, 0.16f), width);
    } else if (!changed) {
        TextParagraphMarked(card.source_sentence, 0, card.source_sentence.size(), text_color,
                            WithAlpha(role_color, 0.16f), width);
    }
    ImGui::PopStyleColor();
}

void Revealed(const StudyViewModel& model, float width, StudyIntent& intent) {
    const StudyCardView& card = model.card;
    const Palette& palette = CurrentPalette();
    if (model.feedback) Verdict(*model.feedback);

    if (IsChoiceKind(card)) {
        for (int i = 0; i < static_cast<int>(card.choices.size()); ++i) {
            const std::string& choice = card.choices[static_cast<std::size_t>(i)];
            ImU32 highlight = 0;
            if (choice == card.answer) {
                highlight = palette.correct;
            } else if (model.feedback && model.feedback->chosen == i) {
                highlight = palette.wrong;
            }
            ChoiceRow(i, choice, width, highlight);
        }
    } else if (card.kind == QuestionKind::kTrueFalse) {
        ImGui::Text("The claim is %s.", card.answer == "true" ? "TRUE" : "FALSE");
        if (model.feedback) {
            ImGui::TextDisabled("You answered %s.", model.feedback->given.empty()
                                                        ? "(no answer)"
                                                        : model.feedback->given.c_str());
        }
    } else if (card.kind == QuestionKind::kOrder) {
        ImGui::TextDisabled("In the order it was said:");
        int n = 1;
        std::size_t begin = 0;
        while (begin <= card.answer.size()) {
            const std::size_t end = std::min(card.answer.find('\n', begin), card.answer.size());
            ImGui::Text("%d.", n++);
            ImGui::SameLine(0, 12);
            ImGui::BeginGroup();
            TextParagraph(std::string_view(card.answer).substr(begin, end - begin), width - 40.0f);
            ImGui::EndGroup();
            begin = end + 1;
        }
    } else {
        if (card.kind == QuestionKind::kRecall) ImGui::TextDisabled("The answer:");
        ImGui::PushStyleColor(ImGuiCol_Text, card.kind == QuestionKind::kRecall
                                                 ? ImGui::GetColorU32(ImGuiCol_Text)
                                                 : palette.correct);
        TextParagraph(card.answer, width);
        ImGui::PopStyleColor();
        if (model.feedback && !model.feedback->diff.empty() &&
            model.feedback->verdict != content::GradeVerdict::kExact) {
            DrawDiff(model.feedback->diff);
        }
    }

    Explanation(card, width);
    if (card.exchange > 0 && ImGui::SmallButton("Read this exchange  [R]")) {
        intent.kind = StudyIntent::Kind::kOpenInRead;
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const int suggested = model.feedback ? model.feedback->suggested_rating : 3;
    const ImU32 colors[4] = {palette.again, palette.hard, palette.good, palette.easy};
    // Wide enough for "3  Good *" at any font size, four to a line.
    const float button_width = std::min(
        std::max(ImGui::CalcTextSize("3  Good *").x + ImGui::GetStyle().FramePadding.x * 4.0f,
                 180.0f),
        (width - 3.0f * ImGui::GetStyle().ItemSpacing.x) / 4.0f);
    // Two rows, each on one baseline: the intervals, then the buttons. (Groups side by side took
    // the baseline of the button before them, so "1 Again" sat higher than the others.)
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    for (int rating = 1; rating <= 4; ++rating) {
        ImGui::SetCursorScreenPos(
            ImVec2(row.x + static_cast<float>(rating - 1) * (button_width + spacing), row.y));
        ImGui::TextDisabled("%s",
                            card.interval_labels[static_cast<std::size_t>(rating - 1)].c_str());
    }
    const float buttons_y = row.y + ImGui::GetTextLineHeightWithSpacing();
    for (int rating = 1; rating <= 4; ++rating) {
        ImGui::SetCursorScreenPos(
            ImVec2(row.x + static_cast<float>(rating - 1) * (button_width + spacing), buttons_y));
        char label[48];
        std::snprintf(label, sizeof label, "%d  %s%s###rate%d", rating, kRatingNames[rating - 1],
                      rating == suggested ? " *" : "", rating);
        ImGui::PushStyleColor(ImGuiCol_Text, colors[rating - 1]);
        if (ImGui::Button(label, ImVec2(button_width, 0))) {
            intent.kind = StudyIntent::Kind::kRate;
            intent.index = rating;
        }
        ImGui::PopStyleColor();
    }
    const bool auto_graded = model.feedback.has_value();
    if (auto_graded) {
        const bool right = model.feedback->verdict != content::GradeVerdict::kWrong;
        if (right && ImGui::SmallButton("I guessed  [G]"))
            intent.kind = StudyIntent::Kind::kGuessed;
        if (!right && IsTypedKind(card) && !model.feedback->given.empty()) {
            if (ImGui::SmallButton("Count it, it was a typo  [C]")) {
                intent.kind = StudyIntent::Kind::kCountTypo;
            }
        }
        ImGui::TextDisabled("Enter takes the suggested grade (*).");
    } else {
        ImGui::TextDisabled("How well did you recall it? 1-4, or Enter for Good.");
    }

    if (ImGui::GetIO().WantTextInput || ImGui::GetIO().KeyCtrl) return;
    for (int rating = 1; rating <= 4; ++rating) {
        if (KeyPressed(static_cast<SDL_Scancode>(SDL_SCANCODE_1 + rating - 1))) {
            intent.kind = StudyIntent::Kind::kRate;
            intent.index = rating;
        }
    }
    if (KeyPressed(SDL_SCANCODE_RETURN) || KeyPressed(SDL_SCANCODE_KP_ENTER) ||
        KeyPressed(SDL_SCANCODE_SPACE)) {
        intent.kind = StudyIntent::Kind::kRate;
        intent.index = suggested;
    }
    if (auto_graded && KeyPressed(SDL_SCANCODE_G) &&
        model.feedback->verdict != content::GradeVerdict::kWrong) {
        intent.kind = StudyIntent::Kind::kGuessed;
    }
    if (auto_graded && KeyPressed(SDL_SCANCODE_C) && IsTypedKind(card) &&
        model.feedback->verdict == content::GradeVerdict::kWrong &&
        !model.feedback->given.empty()) {
        intent.kind = StudyIntent::Kind::kCountTypo;
    }
    if (card.exchange > 0 && KeyPressed(SDL_SCANCODE_R))
        intent.kind = StudyIntent::Kind::kOpenInRead;
}

}  // namespace

void ResetStudyUiState(StudyUiState& ui, const StudyViewModel& model) {
    ui.question_id = model.has_card ? model.card.question_id : std::string();
    ui.showing = model.has_card ? model.card.showing : -1;
    ui.phase = model.phase;
    ui.typed.clear();
    ui.order.resize(model.has_card ? model.card.choices.size() : 0);
    std::iota(ui.order.begin(), ui.order.end(), 0);
    ui.order_cursor = 0;
    ui.focus_input = true;
}

StudyIntent DrawStudyScreen(const StudyViewModel& model, StudyUiState& ui) {
    StudyIntent intent;
    if (ui.question_id != (model.has_card ? model.card.question_id : std::string()) ||
        ui.showing != (model.has_card ? model.card.showing : -1)) {
        ResetStudyUiState(ui, model);
    }
    // Back from a shown answer to the question (undo): the answer box takes the keys again.
    if (ui.phase == StudyPhase::kRevealed && model.phase == StudyPhase::kAsking) {
        ui.focus_input = true;
    }
    ui.phase = model.phase;
    const StudyIntent shortcut = Shortcuts(model);
    BeginScreenWindow("Study###study", ImGuiWindowFlags_NoScrollbar);
    const float width = std::min(ImGui::GetContentRegionAvail().x, 980.0f);
    Header(model, width);
    if (!model.notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().accent);
        TextParagraph(model.notice, width);
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();

    if (!model.has_card) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Congratulations! You have finished this session.");
        if (!model.empty_text.empty()) ImGui::TextDisabled("%s", model.empty_text.c_str());
        ImGui::Spacing();
        if (ImGui::Button("Back home  [Enter]")) intent.kind = StudyIntent::Kind::kGoHome;
        if (!ImGui::GetIO().WantTextInput &&
            (KeyPressed(SDL_SCANCODE_RETURN) || KeyPressed(SDL_SCANCODE_SPACE))) {
            intent.kind = StudyIntent::Kind::kGoHome;
        }
    } else {
        const StudyCardView& card = model.card;
        CardTitle(card);
        ImGui::Separator();
        ImGui::Spacing();
        if (card.kind == QuestionKind::kRecall) ImGui::TextDisabled("Q:");
        TextParagraph(card.prompt, width);
        ImGui::Spacing();
        ImGui::Spacing();
        if (model.phase == StudyPhase::kAsking) {
            if (IsChoiceKind(card)) {
                AskChoice(card, width, intent);
            } else if (IsTypedKind(card)) {
                AskTyped(model, ui, width, intent);
            } else if (card.kind == QuestionKind::kTrueFalse) {
                AskTrueFalse(intent);
            } else if (card.kind == QuestionKind::kOrder) {
                AskOrder(card, ui, width, intent);
            } else {
                if (ImGui::Button("Show answer  [Space]"))
                    intent.kind = StudyIntent::Kind::kShowAnswer;
                if (!ImGui::GetIO().WantTextInput &&
                    (KeyPressed(SDL_SCANCODE_SPACE) || KeyPressed(SDL_SCANCODE_RETURN))) {
                    intent.kind = StudyIntent::Kind::kShowAnswer;
                }
            }
        } else {
            Revealed(model, width, intent);
        }
    }

    ImGui::Spacing();
    ImGui::Separator();
    // The same keys do the same thing while typing; the footer says so in that state.
    if (ImGui::GetIO().WantTextInput) {
        ImGui::TextDisabled(
            "While typing: Enter checks   Ctrl+Z undoes the last review   @ suspends (not typed)   "
            "Ctrl+F flags   Esc home   Ctrl+Q quits");
    } else {
        ImGui::TextDisabled("Ctrl+Z undo   @ suspend   Ctrl+F flag   Esc home   Ctrl+Q quit");
    }
    ImGui::End();
    return shortcut.kind != StudyIntent::Kind::kNone ? shortcut : intent;
}

}  // namespace mondo::app
