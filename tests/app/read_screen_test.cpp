// The Read screen driven headlessly.
#include "app/ui/read_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>

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
