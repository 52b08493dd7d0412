// The Read screen driven headlessly.
#include "app/ui/read_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

#include "tests/app/imgui_harness.h"

using mondo::app::DrawReadScreen;
using mondo::app::ReadIntent;
using mondo::app::ReadUiState;
using mondo::app::ReadViewModel;
using mondo::test::ImGuiHarness;

TEST_CASE("Down selects the next exchange and Enter studies it") {
    ImGuiHarness harness;
    ReadViewModel model;
    model.title = "AIスタートアップ『ディープシーク(DeepSeek)』";
    model.sections = {{1, "DeepSeekがシリコンバレーを驚かせた理由は?"}};
    model.ruby = {{"湛江", "ジャンジアン"}};
    for (int i = 1; i <= 3; ++i) {
        mondo::app::ReadExchangeView exchange;
        exchange.index = i;
        exchange.section = 1;
        exchange.question = "質問" + std::to_string(i);
        exchange.answer = "湛江の答え" + std::to_string(i);
        exchange.questions = 5;
        exchange.reviewed = i - 1;
        exchange.mastery = 0.5;
        model.exchanges.push_back(exchange);
    }
    ReadUiState ui;
    ReadIntent intent;
    harness.Frame([&] { intent = DrawReadScreen(model, ui); });
    harness.PressKey(SDL_SCANCODE_DOWN);
    harness.Frame([&] { intent = DrawReadScreen(model, ui); });
    CHECK(ui.selected == 1);
    harness.PressKey(SDL_SCANCODE_RETURN);
    harness.Frame([&] { intent = DrawReadScreen(model, ui); });
    CHECK(intent.kind == ReadIntent::Kind::kStudyExchange);
    CHECK(intent.exchange == 2);
}

namespace {

ReadViewModel LongInterview() {
    ReadViewModel model;
    model.title = "AIスタートアップ";
    for (int i = 1; i <= 30; ++i) {
        mondo::app::ReadExchangeView exchange;
        exchange.index = i;
        exchange.question = "質問" + std::to_string(i) + "についてどうお考えですか?";
        std::string answer;
        for (int sentence = 0; sentence < 6; ++sentence) {
            answer +=
                "米国では毎日大量のイノベーションが起きていますが、これはごく普通のことです。";
        }
        exchange.answer = answer;
        model.exchanges.push_back(exchange);
    }
    return model;
}

float ReadScroll() { return ImGui::FindWindowByName("Read###read")->Scroll.y; }

}  // namespace

TEST_CASE(
    "Read opens with the selected exchange wholly in view, and PageDown/PageUp scroll a page") {
    ImGuiHarness harness(1000.0f, 600.0f);
    const ReadViewModel model = LongInterview();
    ReadUiState ui;
    ui.selected = 20;
    ui.scroll_to_selected = true;
    // The first frame lays out, the next scrolls to the selected exchange.
    for (int frame = 0; frame < 3; ++frame) harness.Frame([&] { DrawReadScreen(model, ui); });
    CHECK_FALSE(ui.scroll_to_selected);
    const float opened_at = ReadScroll();
    CHECK(opened_at > 0.0f);

    harness.PressKey(SDL_SCANCODE_PAGEUP);
    harness.Frame([&] { DrawReadScreen(model, ui); });
    harness.Frame([&] { DrawReadScreen(model, ui); });
    const float page = opened_at - ReadScroll();
    CHECK(page > 300.0f);  // most of the 600 px window
    CHECK(page < 600.0f);
    harness.PressKey(SDL_SCANCODE_PAGEDOWN);
    harness.Frame([&] { DrawReadScreen(model, ui); });
    harness.Frame([&] { DrawReadScreen(model, ui); });
    CHECK(ReadScroll() == doctest::Approx(opened_at));
}
