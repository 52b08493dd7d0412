// The input queue between SDL and ImGui: every press seen by one frame, app-owned chords kept from
// ImGui, the IME's confirming Enter never reaching a text box.
#include "app/platform/input_queue.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstring>

#include "app/platform/ime.h"
#include "app/ui/study_screen.h"
#include "tests/app/imgui_harness.h"

using mondo::app::FrameInput;
using mondo::app::InputQueue;

namespace {

SDL_Event Key(Uint32 type, SDL_Scancode code, Uint16 modifiers = 0) {
    SDL_Event event{};
    event.type = type;
    event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.key.keysym.scancode = code;
    event.key.keysym.sym = static_cast<SDL_Keycode>(code | SDLK_SCANCODE_MASK);
    event.key.keysym.mod = modifiers;
    return event;
}

SDL_Event Text(Uint32 type, const char* utf8) {
    SDL_Event event{};
    event.type = type;
    if (type == SDL_TEXTINPUT) {
        std::strncpy(event.text.text, utf8, sizeof event.text.text - 1);
    } else {
        std::strncpy(event.edit.text, utf8, sizeof event.edit.text - 1);
    }
    return event;
}

}  // namespace

TEST_CASE("a press and its release queued together are taken by two frames") {
    mondo::test::ImGuiHarness harness;
    InputQueue queue;
    ImGuiIO& io = ImGui::GetIO();
    for (int tap = 0; tap < 20; ++tap) {
        queue.Push(Key(SDL_KEYDOWN, SDL_SCANCODE_F3));
        queue.Push(Key(SDL_KEYUP, SDL_SCANCODE_F3));
    }
    int presses = 0;
    for (int frame = 0; frame < 100 && !queue.Empty(); ++frame) {
        queue.FeedFrame(io);
        if (queue.Pressed(SDL_SCANCODE_F3)) {
            ++presses;
            CHECK(io.KeysDown[SDL_SCANCODE_F3]);  // ImGui sees it down for the whole frame
        }
    }
    CHECK(presses == 20);
}

TEST_CASE("Ctrl+Z belongs to the app: the screens see it, ImGui's text undo never does") {
    mondo::test::ImGuiHarness harness;
    InputQueue queue;
    ImGuiIO& io = ImGui::GetIO();
    queue.Push(Key(SDL_KEYDOWN, SDL_SCANCODE_LCTRL, KMOD_LCTRL));
    queue.Push(Key(SDL_KEYDOWN, SDL_SCANCODE_Z, KMOD_LCTRL));
    queue.Push(Key(SDL_KEYUP, SDL_SCANCODE_LCTRL));  // Ctrl let go before Z, same frame
    queue.Push(Key(SDL_KEYUP, SDL_SCANCODE_Z));
    queue.FeedFrame(io);
    CHECK(queue.PressedWithCtrl(SDL_SCANCODE_Z));
    CHECK(io.KeyCtrl);
    CHECK_FALSE(io.KeysDown[SDL_SCANCODE_Z]);
    queue.FeedFrame(io);
    CHECK_FALSE(io.KeyCtrl);
    CHECK(queue.Empty());
}

TEST_CASE("a key after typed text waits a frame, so text and keys keep their order") {
    mondo::test::ImGuiHarness harness;
    InputQueue queue;
    ImGuiIO& io = ImGui::GetIO();
    queue.Push(Text(SDL_TEXTINPUT, "a"));
    queue.Push(Key(SDL_KEYDOWN, SDL_SCANCODE_BACKSPACE));
    queue.FeedFrame(io);
    CHECK(queue.typed() == "a");
    CHECK_FALSE(queue.Pressed(SDL_SCANCODE_BACKSPACE));
    queue.FeedFrame(io);
    CHECK(queue.Pressed(SDL_SCANCODE_BACKSPACE));
}

TEST_CASE("the Enter that confirms a conversion does not submit the answer, even a frame later") {
    // The composition, the committed text and the confirming Enter arrive together; with one
    // frame per key change the Enter is taken a frame after the commit.
    mondo::test::ImGuiHarness harness;
    mondo::app::StudyUiState ui;
    mondo::app::StudyViewModel model;
    model.has_card = true;
    model.card.question_id = "cloze";
    model.card.kind = mondo::content::QuestionKind::kCloze;
    model.card.prompt = "____ の専門家";
    model.card.answer = "投資";
    model.card.interval_labels = {"<1m", "6m", "10m", "5d"};
    mondo::app::StudyIntent intent;
    const auto frame = [&] {
        harness.Frame([&] {
            ui.ime_composing = mondo::app::ImeComposing();
            const auto drawn = mondo::app::DrawStudyScreen(model, ui);
            if (drawn.kind != mondo::app::StudyIntent::Kind::kNone) intent = drawn;
        });
    };
    frame();
    frame();  // the box takes focus
    FrameInput().Push(Text(SDL_TEXTEDITING, "とうし"));
    frame();
    CHECK(mondo::app::ImePreedit() == "とうし");
    FrameInput().Push(Text(SDL_TEXTEDITING, ""));
    FrameInput().Push(Text(SDL_TEXTINPUT, "投資"));
    FrameInput().Push(Key(SDL_KEYDOWN, SDL_SCANCODE_RETURN));
    FrameInput().Push(Key(SDL_KEYUP, SDL_SCANCODE_RETURN));
    for (int i = 0; i < 4; ++i) frame();
    CHECK(ui.typed == "投資");
    CHECK(intent.kind == mondo::app::StudyIntent::Kind::kNone);
    // A later Enter, the learner's own, submits.
    SDL_Delay(150);
    harness.PressKey(SDL_SCANCODE_RETURN);
    frame();
    CHECK(intent.kind == mondo::app::StudyIntent::Kind::kSubmitText);
    CHECK(intent.text == "投資");
    mondo::app::ResetIme();
}
