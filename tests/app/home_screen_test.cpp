// The Home screen driven headlessly.
#include "app/ui/home_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include "tests/app/imgui_harness.h"

using mondo::app::DrawHomeScreen;
using mondo::app::HomeIntent;
using mondo::app::HomeViewModel;
using mondo::test::ImGuiHarness;

namespace {

HomeIntent Run(ImGuiHarness& harness, const HomeViewModel& model) {
    HomeIntent action = HomeIntent::kNone;
    harness.Frame([&] { action = DrawHomeScreen(model); });
    return action;
}

}  // namespace

TEST_CASE("Enter starts studying when something is due") {
    ImGuiHarness harness;
    HomeViewModel model;
    model.due_now = 2;
    model.new_today = 20;
    model.sections = {{1, "DeepSeekがシリコンバレーを驚かせた理由は?", 10, 3, 0.4}};
    Run(harness, model);
    harness.PressKey(SDL_SCANCODE_RETURN);
    CHECK(Run(harness, model) == HomeIntent::kStudy);
}

TEST_CASE("Enter does nothing when nothing is due, and R opens Read") {
    ImGuiHarness harness;
    HomeViewModel model;
    model.next_due = "in 3h";
    Run(harness, model);
    harness.PressKey(SDL_SCANCODE_RETURN);
    CHECK(Run(harness, model) == HomeIntent::kNone);
    harness.PressKey(SDL_SCANCODE_R);
    CHECK(Run(harness, model) == HomeIntent::kRead);
}
