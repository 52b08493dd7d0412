// The Study screen driven headlessly: key presses in, intents out.
#include "app/ui/study_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include "app/ui/argument_role.h"
#include "app/ui/theme.h"
#include "tests/app/imgui_harness.h"

using mondo::app::DrawStudyScreen;
using mondo::app::StudyIntent;
using mondo::app::StudyPhase;
using mondo::app::StudyUiState;
using mondo::app::StudyViewModel;
using mondo::content::QuestionKind;
using mondo::test::ImGuiHarness;

namespace {

StudyViewModel CardOf(QuestionKind kind) {
    StudyViewModel model;
    model.has_card = true;
    model.card.question_id = "q-" + std::to_string(static_cast<int>(kind));
    model.card.kind = kind;
    model.card.exchange = 5;
    model.card.prompt = "朱啸虎のような投資の専門家についてどう思いますか?";
    model.card.answer = "バランス感覚に優れた投資家";
    model.card.interval_labels = {"<1m", "6m", "10m", "5d"};
    model.remaining_new = 3;
    if (kind == QuestionKind::kChoice || kind == QuestionKind::kWhichQuestion) {
        model.card.choices = {"A", "バランス感覚に優れた投資家", "C", "D"};
    }
    if (kind == QuestionKind::kOrder) {
        model.card.choices = {"first", "second", "third"};
        model.card.answer = "first\nsecond\nthird";
    }
    if (kind == QuestionKind::kTrueFalse) model.card.answer = "true";
    return model;
}

// Draws frames until the screen returns an intent (at most `frames`), pressing nothing more.
StudyIntent Run(ImGuiHarness& harness, const StudyViewModel& model, StudyUiState& ui,
                int frames = 1) {
    StudyIntent intent;
    for (int i = 0; i < frames && intent.kind == StudyIntent::Kind::kNone; ++i) {
        harness.Frame([&] { intent = DrawStudyScreen(model, ui); });
    }
    return intent;
}

// The text the screen draws through ImGui's text functions in one frame (ImGui's log; it ends
// with the screen's window, End() calling LogFinish(), which hands it to the clipboard).
std::string LoggedText(ImGuiHarness& harness, const StudyViewModel& model, StudyUiState& ui) {
    Run(harness, model, ui);  // a window's first frame only measures
    return harness.LoggedFrame([&] { DrawStudyScreen(model, ui); });
}

}  // namespace

TEST_CASE("Space reveals a recall question and the number keys grade it") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kRecall);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_SPACE);
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kShowAnswer);

    model.phase = StudyPhase::kRevealed;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_2);
    const StudyIntent hard = Run(harness, model, ui);
    CHECK(hard.kind == StudyIntent::Kind::kRate);
    CHECK(hard.index == 2);

    harness.PressKey(SDL_SCANCODE_RETURN);
    const StudyIntent good = Run(harness, model, ui);
    CHECK(good.kind == StudyIntent::Kind::kRate);
    CHECK(good.index == 3);
}

TEST_CASE("keys 1-4 pick a choice before the answer is shown") {
    ImGuiHarness harness;
    StudyUiState ui;
    const StudyViewModel model = CardOf(QuestionKind::kChoice);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_2);
    const StudyIntent intent = Run(harness, model, ui);
    CHECK(intent.kind == StudyIntent::Kind::kSubmitChoice);
    CHECK(intent.index == 1);
}

TEST_CASE("with shuffled choices each number key picks the option shown with it") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kWhichQuestion);
    // The question stores {"A", answer, "C", "D"}; this showing puts them as C, D, answer, A.
    model.card.choices = {"C", "D", "バランス感覚に優れた投資家", "A"};
    model.card.choice_index = {2, 3, 1, 0};
    for (int key = 1; key <= 4; ++key) {
        Run(harness, model, ui);
        harness.PressKey(SDL_SCANCODE_1 + key - 1);
        const StudyIntent intent = Run(harness, model, ui);
        CHECK(intent.kind == StudyIntent::Kind::kSubmitChoice);
        CHECK(intent.index == model.card.choice_index[static_cast<std::size_t>(key - 1)]);
    }
}

TEST_CASE("after an auto-graded answer Enter takes the suggested grade") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kChoice);
    model.phase = StudyPhase::kRevealed;
    mondo::app::StudyFeedback feedback;
    feedback.verdict = mondo::content::GradeVerdict::kWrong;
    feedback.chosen = 0;
    feedback.given = "A";
    feedback.suggested_rating = 1;
    model.feedback = feedback;
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_RETURN);
    const StudyIntent intent = Run(harness, model, ui);
    CHECK(intent.kind == StudyIntent::Kind::kRate);
    CHECK(intent.index == 1);
}

TEST_CASE("T and F answer a true/false question") {
    ImGuiHarness harness;
    StudyUiState ui;
    const StudyViewModel model = CardOf(QuestionKind::kTrueFalse);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_F);
    const StudyIntent no = Run(harness, model, ui);
    CHECK(no.kind == StudyIntent::Kind::kSubmitTrueFalse);
    CHECK_FALSE(no.flag);
    harness.PressKey(SDL_SCANCODE_T);
    const StudyIntent yes = Run(harness, model, ui);
    CHECK(yes.kind == StudyIntent::Kind::kSubmitTrueFalse);
    CHECK(yes.flag);
}

TEST_CASE("a typed cloze answer is submitted by Enter, but not while the IME is composing") {
    ImGuiHarness harness;
    StudyUiState ui;
    const StudyViewModel model = CardOf(QuestionKind::kCloze);
    Run(harness, model, ui, 2);  // the field takes focus
    harness.TypeText("投資家");
    Run(harness, model, ui);
    CHECK(ui.typed == "投資家");

    SUBCASE("composing: Enter confirms the conversion only") {
        ui.ime_composing = true;
        harness.PressKey(SDL_SCANCODE_RETURN);
        CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kNone);
    }
    SUBCASE("not composing: Enter submits") {
        ui.ime_composing = false;
        harness.PressKey(SDL_SCANCODE_RETURN);
        const StudyIntent intent = Run(harness, model, ui);
        CHECK(intent.kind == StudyIntent::Kind::kSubmitText);
        CHECK(intent.text == "投資家");
    }
}

TEST_CASE(
    "while typing an answer, letters and digits are typed and the app's shortcuts still work") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kCloze);
    model.can_undo = true;
    Run(harness, model, ui, 2);
    harness.TypeText("r1");
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kNone);
    CHECK(ui.typed == "r1");

    SUBCASE("@ suspends the question and is not typed") {
        harness.TypeText("@");
        CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kSuspend);
        CHECK(ui.typed == "r1");
    }
    SUBCASE("Ctrl+F flags it") {
        harness.PressKey(SDL_SCANCODE_F, true);
        CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kToggleFlag);
        CHECK(ui.typed == "r1");
    }
    SUBCASE("Ctrl+Z undoes the last review and leaves the box as it is") {
        harness.PressKey(SDL_SCANCODE_Z, true);
        CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kUndo);
        CHECK(ui.typed == "r1");
    }
    SUBCASE("Esc goes home") {
        harness.PressKey(SDL_SCANCODE_ESCAPE);
        CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kGoHome);
    }
}

TEST_CASE("Shift+Down moves a sentence of an order question and Enter checks the order") {
    ImGuiHarness harness;
    StudyUiState ui;
    const StudyViewModel model = CardOf(QuestionKind::kOrder);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_DOWN, false, true);
    Run(harness, model, ui);
    CHECK(ui.order == std::vector<int>{1, 0, 2});
    CHECK(ui.order_cursor == 1);
    harness.PressKey(SDL_SCANCODE_RETURN);
    const StudyIntent intent = Run(harness, model, ui);
    CHECK(intent.kind == StudyIntent::Kind::kSubmitOrder);
    CHECK(intent.order == std::vector<int>{1, 0, 2});
}

TEST_CASE("Ctrl+Z undoes only when there is something to undo") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kRecall);
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_Z, true);
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kNone);
    Run(harness, model, ui);  // the key is released
    model.can_undo = true;
    harness.PressKey(SDL_SCANCODE_Z, true);
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kUndo);
}

TEST_CASE("@ suspends the current question") {
    ImGuiHarness harness;
    StudyUiState ui;
    const StudyViewModel model = CardOf(QuestionKind::kRecall);
    Run(harness, model, ui);
    harness.TypeText("@");
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kSuspend);
}

TEST_CASE("an empty queue offers the way home") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model;
    model.empty_text = "Nothing else is due today.";
    Run(harness, model, ui);
    harness.PressKey(SDL_SCANCODE_RETURN);
    CHECK(Run(harness, model, ui).kind == StudyIntent::Kind::kGoHome);
}

TEST_CASE("Ctrl+Z then typing in the answer box of the next cloze question does not corrupt it") {
    // Issue 17: the answer box kept ImGui's text-undo history across questions; Ctrl+Z replayed
    // the previous question's edits on the new, empty buffer and ImGui aborted in InputTextEx.
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kCloze);
    Run(harness, model, ui, 2);  // the field takes focus
    for (const char* word : {"バランス", "感覚", "に優れた"}) {
        harness.TypeText(word);
        Run(harness, model, ui);
    }
    REQUIRE(ui.typed == "バランス感覚に優れた");
    // The answer was checked and graded: the next cloze question comes, the box focused again.
    model.card.question_id = "q-next";
    model.can_undo = true;
    Run(harness, model, ui, 2);
    CHECK(ui.typed.empty());
    harness.PressKey(SDL_SCANCODE_Z, true);
    const StudyIntent undo = Run(harness, model, ui);
    CHECK(undo.kind == StudyIntent::Kind::kUndo);  // the session's undo, not the box's
    Run(harness, model, ui);
    harness.TypeText("a");
    Run(harness, model, ui);
    harness.TypeText("b");
    Run(harness, model, ui);
    CHECK(ui.typed == "ab");
}

namespace {

ImU32 WithAlpha(ImU32 color, float alpha) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

// Whether the last frame drew anything in `color` (a marked span's background, a role tag).
bool DrewColor(ImU32 color) {
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l) {
        for (const ImDrawVert& vertex : data->CmdLists[l]->VtxBuffer) {
            if (vertex.col == color) return true;
        }
    }
    return false;
}

StudyViewModel Explained(QuestionKind kind) {
    StudyViewModel model = CardOf(kind);
    model.phase = StudyPhase::kRevealed;
    model.card.source_answer =
        "彼らが驚いたのは、中国企業が参入したからです。我々に欠けているのは資本ではなく自信です。";
    model.card.source_sentence = "我々に欠けているのは資本ではなく自信です。";
    model.card.source_role = mondo::content::ArgumentRole::kContrast;
    return model;
}

}  // namespace

TEST_CASE("after a false statement the original sentence is shown with the changed words marked") {
    ImGuiHarness harness;
    StudyUiState ui;
    mondo::app::ApplyTheme(mondo::app::Theme::kLight, 1.0f);
    StudyViewModel model = Explained(QuestionKind::kTrueFalse);
    model.card.prompt = "我々に欠けているのは自信ではなく資本です。";
    model.card.answer = "false";
    const std::size_t changed = model.card.source_sentence.find("資本ではなく自信");
    model.card.changed_offset = changed;
    model.card.changed_length = std::string("資本ではなく自信").size();
    model.card.replacement = "自信ではなく資本";
    const ImU32 mark = WithAlpha(mondo::app::CurrentPalette().correct, 0.16f);

    Run(harness, model, ui);
    CHECK(DrewColor(mark));
    CHECK(DrewColor(mondo::app::ArgumentRoleColor(mondo::content::ArgumentRole::kContrast)));

    SUBCASE("not before the answer") {
        model.phase = StudyPhase::kAsking;
        Run(harness, model, ui);
        CHECK_FALSE(DrewColor(mark));
    }
    SUBCASE("a true statement marks no change") {
        model.card.answer = "true";
        model.card.changed_length = 0;
        Run(harness, model, ui);
        CHECK_FALSE(DrewColor(mark));
    }
}

TEST_CASE("after a cloze or choice the source sentence is marked in its answer with its role") {
    ImGuiHarness harness;
    StudyUiState ui;
    for (const mondo::app::Theme theme : {mondo::app::Theme::kLight, mondo::app::Theme::kDark}) {
        mondo::app::ApplyTheme(theme, 1.0f);
        for (const QuestionKind kind : {QuestionKind::kCloze, QuestionKind::kChoice}) {
            CAPTURE(static_cast<int>(kind));
            StudyViewModel model = Explained(kind);
            Run(harness, model, ui);
            const ImU32 role =
                mondo::app::ArgumentRoleColor(mondo::content::ArgumentRole::kContrast);
            CHECK(DrewColor(role));                    // the tag
            CHECK(DrewColor(WithAlpha(role, 0.16f)));  // the sentence's mark
            // Another role, another colour.
            model.card.source_role = mondo::content::ArgumentRole::kReason;
            Run(harness, model, ui);
            CHECK(DrewColor(mondo::app::ArgumentRoleColor(mondo::content::ArgumentRole::kReason)));
            CHECK_FALSE(DrewColor(WithAlpha(role, 0.16f)));
        }
    }
    mondo::app::ApplyTheme(mondo::app::Theme::kLight, 1.0f);
}

TEST_CASE("no study screen label names a person: the source's words are the only names shown") {
    // Every label the screen draws through ImGui's text functions, for every kind of question,
    // asked and revealed, is captured with ImGui's log; the card's own text comes from the source
    // (here it names nobody) and is drawn by the paragraph widgets, which do not log.
    ImGuiHarness harness;
    for (QuestionKind kind : {QuestionKind::kRecall, QuestionKind::kWhichQuestion,
                              QuestionKind::kChoice, QuestionKind::kCloze, QuestionKind::kTrueFalse,
                              QuestionKind::kOrder, QuestionKind::kProfile}) {
        for (StudyPhase phase : {StudyPhase::kAsking, StudyPhase::kRevealed}) {
            StudyViewModel model = CardOf(kind);
            model.phase = phase;
            model.card.context = "投資の専門家についての段落";
            StudyUiState ui;
            const std::string logged = LoggedText(harness, model, ui);
            CAPTURE(static_cast<int>(kind));
            CAPTURE(logged);
            CHECK_FALSE(logged.empty());
            if (kind == QuestionKind::kRecall && phase == StudyPhase::kRevealed) {
                CHECK(logged.find("The answer:") != std::string::npos);  // labels are seen
            }
            for (const char* name : {"Liang", "Wenfeng", "梁", "文峰"}) {
                CHECK(logged.find(name) == std::string::npos);
            }
        }
    }
}

TEST_CASE("the progress bar shows the day's plan and counts learning repeats apart") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kRecall);
    model.planned = 20;
    model.planned_done = 3;
    model.repeats = 2;
    const std::string logged = LoggedText(harness, model, ui);
    CAPTURE(logged);
    CHECK(logged.find("3 / 20") != std::string::npos);
    CHECK(logged.find("+2 repeats") != std::string::npos);
}

TEST_CASE("a flagged card shows a mark and an empty answer reads (no answer)") {
    ImGuiHarness harness;
    StudyUiState ui;
    StudyViewModel model = CardOf(QuestionKind::kCloze);
    model.card.flagged = true;
    model.phase = StudyPhase::kRevealed;
    mondo::app::StudyFeedback feedback;
    feedback.verdict = mondo::content::GradeVerdict::kWrong;
    feedback.diff = {{mondo::content::DiffOp::kMissing, "バランス感覚", ""}};
    model.feedback = feedback;
    std::string logged = LoggedText(harness, model, ui);
    CAPTURE(logged);
    CHECK(logged.find("★ Flagged") != std::string::npos);
    CHECK(logged.find("(no answer)") != std::string::npos);

    model = CardOf(QuestionKind::kTrueFalse);
    model.phase = StudyPhase::kRevealed;
    feedback.diff.clear();
    model.feedback = feedback;
    logged = LoggedText(harness, model, ui);
    CHECK(logged.find("You answered (no answer).") != std::string::npos);
    CHECK(logged.find("Flagged") == std::string::npos);
}
