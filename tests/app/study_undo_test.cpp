// Undo on the Study screen, through the app controller on a real (in-memory) collection and the
// screen drawn headlessly: Ctrl+Z brings back the same card in the state it was in.
#include <SDL.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "app/app_controller.h"
#include "app/ui/browse_screen.h"
#include "app/ui/study_screen.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"
#include "tests/app/controller_fixture.h"
#include "tests/app/imgui_harness.h"

using mondo::app::AppController;
using mondo::app::BrowseIntent;
using mondo::app::DrawStudyScreen;
using mondo::app::Screen;
using mondo::app::StudyIntent;
using mondo::app::StudyPhase;
using mondo::content::QuestionKind;
using mondo::test::ImGuiHarness;

using mondo::test::BuiltinCollection;
using mondo::test::Intent;

namespace {

constexpr std::int64_t kNowMs = 1'796'202'000'000;  // 2026-12-02, a fixed clock

// One frame of the Study screen, its intent applied as the window does.
void Frame(ImGuiHarness& harness, AppController& controller) {
    harness.Frame(
        [&] { controller.Apply(DrawStudyScreen(controller.study(), controller.study_ui())); });
}

// Studies exchange 1 of the built-in interview, as Browse's "study this exchange" does.
void StudyFirstExchange(AppController& controller) {
    BrowseIntent study_exchange;
    study_exchange.kind = BrowseIntent::Kind::kStudyExchange;
    study_exchange.exchange = 1;
    controller.Apply(study_exchange);
}

// Answers the cards before the first cloze of the session (recall, choice, which question).
void AnswerUntilCloze(AppController& controller) {
    for (int guard = 0; guard < 10; ++guard) {
        const auto& card = controller.study().card;
        REQUIRE(controller.study().has_card);
        if (card.kind == QuestionKind::kCloze) return;
        if (card.kind == QuestionKind::kRecall) {
            controller.Apply(Intent(StudyIntent::Kind::kShowAnswer));
        } else {
            REQUIRE(!card.choices.empty());
            controller.Apply(Intent(StudyIntent::Kind::kSubmitChoice, 0));
        }
        REQUIRE(controller.study().phase == StudyPhase::kRevealed);
        controller.Apply(Intent(StudyIntent::Kind::kRate, 3));
    }
    FAIL("no cloze in the first ten cards");
}

}  // namespace

TEST_CASE("Ctrl+Z on a cloze brings back the same cloze in the state it was in") {
    mondo::storage::Collection collection = BuiltinCollection();
    AppController controller(collection, [] { return kNowMs; });
    REQUIRE(controller.Start().has_value());
    StudyFirstExchange(controller);
    REQUIRE(controller.screen() == Screen::kStudy);
    AnswerUntilCloze(controller);
    const std::string cloze = controller.study().card.question_id;
    const int answered = controller.study().done;
    REQUIRE(answered >= 1);

    ImGuiHarness harness;
    Frame(harness, controller);
    Frame(harness, controller);  // the answer box takes focus
    harness.TypeText("追随");
    Frame(harness, controller);
    REQUIRE(controller.study_ui().typed == "追随");
    harness.PressKey(SDL_SCANCODE_RETURN);
    Frame(harness, controller);
    // Checked: the verdict is on screen, no review is written until the grade.
    REQUIRE(controller.study().phase == StudyPhase::kRevealed);
    REQUIRE(controller.study().done == answered);

    SUBCASE("checked, not graded: the same cloze asks again with the typed answer") {
        // Before: Ctrl+Z undid the review of the card before, and that card came back.
        harness.PressKey(SDL_SCANCODE_Z, true);
        Frame(harness, controller);
        CHECK(controller.study().card.question_id == cloze);
        CHECK(controller.study().phase == StudyPhase::kAsking);
        CHECK(controller.study().done == answered);
        Frame(harness, controller);
        CHECK(controller.study_ui().typed == "追随");
        // The box has the keys again: Enter checks the answer once more.
        Frame(harness, controller);
        harness.PressKey(SDL_SCANCODE_RETURN);
        Frame(harness, controller);
        CHECK(controller.study().card.question_id == cloze);
        CHECK(controller.study().phase == StudyPhase::kRevealed);
    }
    SUBCASE("graded: the same cloze comes back new, asking, with an empty answer box") {
        Frame(harness, controller);  // the answer box is gone: the grade keys are shortcuts again
        harness.PressKey(SDL_SCANCODE_3);
        Frame(harness, controller);
        REQUIRE(controller.study().done == answered + 1);
        REQUIRE(controller.study().card.question_id != cloze);
        harness.PressKey(SDL_SCANCODE_Z, true);
        Frame(harness, controller);
        CHECK(controller.study().card.question_id == cloze);
        CHECK(controller.study().card.state_label == "new");
        CHECK(controller.study().phase == StudyPhase::kAsking);
        CHECK(controller.study().done == answered);
        Frame(harness, controller);
        CHECK(controller.study_ui().typed.empty());
    }
}

TEST_CASE("a cloze shown again for its next learning step starts with an empty answer box") {
    mondo::storage::Collection collection = BuiltinCollection();
    AppController controller(collection, [] { return kNowMs; });
    REQUIRE(controller.Start().has_value());
    StudyFirstExchange(controller);
    AnswerUntilCloze(controller);
    BrowseIntent study_question;
    study_question.kind = BrowseIntent::Kind::kStudyQuestion;
    study_question.question_id = controller.study().card.question_id;
    controller.Apply(study_question);
    REQUIRE(controller.study().card.question_id == study_question.question_id);

    ImGuiHarness harness;
    Frame(harness, controller);
    Frame(harness, controller);
    harness.TypeText("違う");
    Frame(harness, controller);
    harness.PressKey(SDL_SCANCODE_RETURN);
    Frame(harness, controller);
    REQUIRE(controller.study().phase == StudyPhase::kRevealed);
    Frame(harness, controller);
    harness.PressKey(SDL_SCANCODE_1);  // Again: the cloze comes back in a minute
    Frame(harness, controller);
    REQUIRE(controller.study().done == 1);
    // The only card of this session: shown again at once, as a learning card.
    REQUIRE(controller.study().has_card);
    CHECK(controller.study().card.question_id == study_question.question_id);
    CHECK(controller.study().phase == StudyPhase::kAsking);
    Frame(harness, controller);
    // Before: the box still held 違う, and Enter would have submitted the old answer again.
    CHECK(controller.study_ui().typed.empty());
}

TEST_CASE("Ctrl+Z after a suspension brings the suspended card back, not the review before") {
    mondo::storage::Collection collection = BuiltinCollection();
    AppController controller(collection, [] { return kNowMs; });
    REQUIRE(controller.Start().has_value());
    StudyFirstExchange(controller);
    REQUIRE(controller.screen() == Screen::kStudy);
    AnswerUntilCloze(controller);
    const int answered = controller.study().done;
    REQUIRE(answered >= 1);
    const std::string suspended = controller.study().card.question_id;
    controller.Apply(Intent(StudyIntent::Kind::kSuspend));
    REQUIRE(controller.study().card.question_id != suspended);
    CHECK(controller.study().notice.find("Ctrl+Z brings it back") != std::string::npos);

    ImGuiHarness harness;
    Frame(harness, controller);
    harness.PressKey(SDL_SCANCODE_Z, true);
    Frame(harness, controller);
    // Before: the answer given before the suspension was undone and that card came back, while
    // this one stayed suspended.
    CHECK(controller.study().card.question_id == suspended);
    CHECK(controller.study().phase == StudyPhase::kAsking);
    CHECK(controller.study().notice.find("Suspension undone") != std::string::npos);
    CHECK(controller.study().done == answered);
    auto items = collection.LoadAllItems();
    REQUIRE(items.has_value());
    for (const mondo::storage::StudyItem& item : *items) {
        if (item.question.id == suspended) CHECK_FALSE(item.suspended);
    }
}
