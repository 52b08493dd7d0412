// The Read screen driven headlessly.
#include "app/ui/read_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

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

TEST_CASE("each sentence's role gets a dot on the line the sentence starts on") {
    using mondo::app::PlaceRoleMarks;
    using mondo::app::ReadSentenceRole;
    using mondo::content::ArgumentRole;
    // Three laid-out lines starting at bytes 0, 40 and 80.
    const std::vector<mondo::fonts::LineSpan> lines = {{0, 40, 0}, {40, 80, 0}, {80, 120, 0}};
    const std::vector<ReadSentenceRole> roles = {{0, ArgumentRole::kClaim},
                                                 {20, ArgumentRole::kReason},
                                                 {30, ArgumentRole::kContext},
                                                 {35, ArgumentRole::kExample},
                                                 {90, ArgumentRole::kConclusion}};
    const auto marks = PlaceRoleMarks(roles, lines, 2);
    // Context sentences carry no point and get no dot; a third dot on line 0 does not fit.
    REQUIRE(marks.size() == 3);
    CHECK(marks[0].role == ArgumentRole::kClaim);
    CHECK(marks[0].line == 0);
    CHECK(marks[0].slot == 0);
    CHECK(marks[1].role == ArgumentRole::kReason);
    CHECK(marks[1].slot == 1);
    CHECK(marks[2].role == ArgumentRole::kConclusion);
    CHECK(marks[2].line == 2);
    CHECK(marks[2].slot == 0);

    // Drawn on the screen with the rest of the exchange (headless: nothing to see, nothing to
    // break).
    ImGuiHarness harness;
    ReadViewModel model;
    mondo::app::ReadExchangeView exchange;
    exchange.index = 1;
    exchange.question = "なぜですか?";
    exchange.answer = "資本ではなく自信です。だから挑戦します。";
    exchange.roles = {{0, ArgumentRole::kContrast}, {30, ArgumentRole::kConclusion}};
    model.exchanges.push_back(exchange);
    ReadUiState ui;
    harness.Frame([&] { DrawReadScreen(model, ui); });
    harness.Click(40.0f, 120.0f);
    harness.Frame([&] { DrawReadScreen(model, ui); });
}
