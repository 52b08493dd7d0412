// The Settings screen: every change returns the whole settings; invalid steps are not saved.
#include "app/ui/settings_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "app/ui/navigation.h"
#include "app/ui/theme.h"
#include "tests/app/imgui_harness.h"

namespace mondo::app {
namespace {

using test::ImGuiHarness;

SettingsViewModel RealisticModel() {
    SettingsViewModel model;
    model.load = {{0.80, 21.0, 6.5}, {0.85, 27.0, 8.0}, {0.90, 36.0, 10.5}, {0.95, 58.0, 16.0}};
    model.font_in_use = "Noto Sans CJK JP";
    model.font_families = {"Noto Sans CJK JP", "Noto Serif CJK JP", "IPAexGothic"};
    return model;
}

struct Driver {
    ImGuiHarness& harness;
    const SettingsViewModel& model;
    SettingsUiState& ui;

    SettingsIntent Frame() {
        SettingsIntent intent;
        harness.Frame([&] { intent = DrawSettingsScreen(model, ui); });
        return intent;
    }
    // Focuses `field`, replaces its text with `text` and presses Enter; returns the intents seen.
    std::vector<SettingsIntent> Enter(SettingField field, const std::string& text) {
        std::vector<SettingsIntent> intents;
        auto record = [&](SettingsIntent intent) {
            if (intent.kind != SettingsIntent::Kind::kNone) intents.push_back(std::move(intent));
        };
        ui.focus = field;
        record(Frame());
        record(Frame());
        harness.PressKey(SDL_SCANCODE_A, /*ctrl=*/true);  // select what is there
        record(Frame());
        record(Frame());
        harness.TypeText(text);
        record(Frame());
        record(Frame());
        harness.PressKey(SDL_SCANCODE_RETURN);
        record(Frame());
        record(Frame());
        record(Frame());
        return intents;
    }
};

TEST_CASE("the settings screen draws with an estimate and without one, in both themes") {
    ImGuiHarness harness;
    for (const Theme theme : {Theme::kLight, Theme::kDark}) {
        ApplyTheme(theme, 1.0f);
        SettingsViewModel model = RealisticModel();
        model.values.theme = theme;
        SettingsUiState ui;
        Driver driver{harness, model, ui};
        for (int frame = 0; frame < 3; ++frame)
            CHECK(driver.Frame().kind == SettingsIntent::Kind::kNone);
        for (float y = 20.0f; y < 800.0f;
             y += 41.0f) {  // hover everything, the chart's tooltip too
            harness.Click(900.0f, y);
            driver.Frame();
            driver.Frame();
        }
        const SettingsViewModel empty;
        SettingsUiState empty_ui;
        Driver empty_driver{harness, empty, empty_ui};
        for (int frame = 0; frame < 3; ++frame) empty_driver.Frame();
    }
    ApplyTheme(Theme::kLight, 1.0f);
}

TEST_CASE("typing a desired retention returns the settings with the new value") {
    ImGuiHarness harness;
    const SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    const std::vector<SettingsIntent> intents =
        driver.Enter(SettingField::kDesiredRetention, "0.85");
    REQUIRE(intents.size() == 1);
    CHECK(intents[0].kind == SettingsIntent::Kind::kChanged);
    CHECK(intents[0].field == SettingField::kDesiredRetention);
    CHECK(intents[0].values.desired_retention == doctest::Approx(0.85));
    // Everything else is the saved settings, unchanged.
    SettingsValues expected = model.values;
    expected.desired_retention = intents[0].values.desired_retention;
    CHECK(intents[0].values == expected);
}

TEST_CASE("a desired retention outside 0.70..0.99 is clamped") {
    ImGuiHarness harness;
    const SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    const std::vector<SettingsIntent> intents =
        driver.Enter(SettingField::kDesiredRetention, "1.5");
    REQUIRE(intents.size() == 1);
    CHECK(intents[0].values.desired_retention == doctest::Approx(0.99));
}

TEST_CASE("invalid learning steps show a message and are not saved; valid ones are normalised") {
    ImGuiHarness harness;
    const SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    std::vector<SettingsIntent> intents = driver.Enter(SettingField::kLearningSteps, "1m banana");
    CHECK(intents.empty());
    CHECK_FALSE(ui.learning_steps_error.empty());
    CHECK(ui.learning_steps == "1m banana");  // kept for the learner to fix

    intents = driver.Enter(SettingField::kLearningSteps, "90s 60 2h");
    REQUIRE(intents.size() == 1);
    CHECK(intents[0].field == SettingField::kLearningSteps);
    CHECK(intents[0].values.learning_steps == "90s 1h 2h");
    CHECK(ui.learning_steps_error.empty());

    intents = driver.Enter(SettingField::kRelearningSteps, "31d");  // longer than 30 days
    CHECK(intents.empty());
    CHECK_FALSE(ui.relearning_steps_error.empty());
}

TEST_CASE("a limit typed and confirmed with Enter is returned") {
    ImGuiHarness harness;
    const SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    std::vector<SettingsIntent> intents = driver.Enter(SettingField::kNewPerDay, "35");
    REQUIRE(intents.size() == 1);
    CHECK(intents[0].field == SettingField::kNewPerDay);
    CHECK(intents[0].values.new_per_day == 35);
    CHECK(intents[0].values.reviews_per_day == model.values.reviews_per_day);

    intents = driver.Enter(SettingField::kReviewsPerDay, "-5");
    REQUIRE(intents.size() == 1);
    CHECK(intents[0].values.reviews_per_day == 0);
}

TEST_CASE("the edit fields follow the model when the app changes the settings") {
    ImGuiHarness harness;
    SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    CHECK(ui.learning_steps == "1m 10m");
    model.values.learning_steps = "5m";
    model.values.new_per_day = 7;
    driver.Frame();
    CHECK(ui.learning_steps == "5m");
    CHECK(ui.new_per_day == 7);
}

// The text the settings screen draws through ImGui's text functions in one frame.
std::string LoggedText(ImGuiHarness& harness, const SettingsViewModel& model, SettingsUiState& ui) {
    harness.Frame([&] { DrawSettingsScreen(model, ui); });  // a window's first frame measures
    return harness.LoggedFrame([&] { DrawSettingsScreen(model, ui); });
}

TEST_CASE("the load estimate names the heavier first week beside the average") {
    ImGuiHarness harness;
    SettingsViewModel model = RealisticModel();
    // As the built-in interview at 20 new a day: 51-80 reviews a day the first week, 18 on
    // average over 60 days once the new questions run out.
    model.load = {{0.85, 15.0, 5.0, 55.0, 70.0}, {0.90, 18.0, 6.0, 63.0, 80.0}};
    SettingsUiState ui;
    const std::string text = LoggedText(harness, model, ui);
    CAPTURE(text);
    CHECK(text.find("About 18 reviews and 6 minutes a day") != std::string::npos);
    CHECK(text.find("First week: about 63 reviews a day, up to 80") != std::string::npos);

    // An even load needs no second line.
    model.load = {{0.85, 30.0, 9.0, 31.0, 33.0}, {0.90, 36.0, 10.0, 37.0, 40.0}};
    SettingsUiState even;
    CHECK(LoggedText(harness, model, even).find("First week") == std::string::npos);
}

TEST_CASE("the daily load is interpolated between the simulated retentions") {
    const std::vector<RetentionLoad> load = {{0.80, 20.0, 6.0}, {0.90, 40.0, 10.0}};
    RetentionLoad at;
    REQUIRE(InterpolateLoad(load, 0.85, at));
    CHECK(at.reviews_per_day == doctest::Approx(30.0));
    CHECK(at.minutes_per_day == doctest::Approx(8.0));
    REQUIRE(InterpolateLoad(load, 0.70, at));
    CHECK(at.reviews_per_day == doctest::Approx(20.0));
    REQUIRE(InterpolateLoad(load, 0.99, at));
    CHECK(at.reviews_per_day == doctest::Approx(40.0));
    CHECK(at.retention == doctest::Approx(0.99));
    CHECK_FALSE(InterpolateLoad({}, 0.9, at));
}

TEST_CASE(
    "the load estimate and 'Help me decide' show their percentage while simulated; Esc or "
    "Cancel stops 'Help me decide'; the results replace the progress") {
    ImGuiHarness harness;
    SettingsViewModel model = RealisticModel();
    model.load.clear();
    model.load_progress = LoadProgressView{true, 0.37};
    model.decide_progress = DecideProgressView{true, 0.42};
    SettingsUiState ui;
    std::optional<Screen> asked;
    SettingsIntent intent;
    const auto frame = [&] {
        harness.Frame([&] {
            asked = DrawNavigationBar(
                NavigationModel{Screen::kSettings, 0, model.decide_progress.running});
            intent = DrawSettingsScreen(model, ui);
        });
    };
    frame();
    std::string logged = harness.LoggedFrame([&] { DrawSettingsScreen(model, ui); });
    CAPTURE(logged);
    CHECK(logged.find("Estimating the daily load\u2026 37%") != std::string::npos);
    CHECK(logged.find("Simulating a year: 42%") != std::string::npos);
    CHECK(logged.find("Cancel") != std::string::npos);
    CHECK(logged.find("Least work per question remembered") == std::string::npos);

    // Esc stops the simulation and the screen stays.
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    frame();
    CHECK(intent.kind == SettingsIntent::Kind::kCancelHelpDecide);
    CHECK_FALSE(asked.has_value());
    frame();
    CHECK(intent.kind == SettingsIntent::Kind::kNone);

    // Finished: the figures and the curve instead of the progress.
    model.load = RealisticModel().load;
    model.load_progress = LoadProgressView{};
    model.decide_progress = DecideProgressView{};
    model.decide = {{0.70, 3.0, 9.0, 100.0}, {0.80, 4.0, 12.0, 160.0}, {0.90, 7.0, 20.0, 190.0}};
    model.decide_best = 1;
    model.decide_days = 365;
    frame();
    logged = harness.LoggedFrame([&] { DrawSettingsScreen(model, ui); });
    CHECK(logged.find("Estimating") == std::string::npos);
    CHECK(logged.find("Simulating a year") == std::string::npos);
    CHECK(logged.find("Least work per question remembered: retention 0.80") != std::string::npos);
    // Esc leaves again once nothing runs.
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    frame();
    CHECK(asked == Screen::kHome);
}

}  // namespace
}  // namespace mondo::app

namespace mondo::app {
namespace {

TEST_CASE("the retention slider moves 0.01 per arrow tap") {
    ImGuiHarness harness;
    SettingsViewModel model = RealisticModel();
    model.values.desired_retention = 0.90;
    SettingsUiState ui;
    Driver driver{harness, model, ui};
    driver.Frame();
    // Focus the slider (which starts typing into it), then Esc: the slider keeps the keyboard.
    ui.focus = SettingField::kDesiredRetention;
    driver.Frame();
    driver.Frame();
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    driver.Frame();
    driver.Frame();
    std::vector<double> seen;
    for (int tap = 0; tap < 3; ++tap) {
        harness.PressKey(SDL_SCANCODE_RIGHT);
        const SettingsIntent intent = driver.Frame();
        REQUIRE(intent.kind == SettingsIntent::Kind::kChanged);
        seen.push_back(intent.values.desired_retention);
        model.values = intent.values;  // the app saves it and the model follows
        driver.Frame();
    }
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == doctest::Approx(0.91));
    CHECK(seen[1] == doctest::Approx(0.92));
    CHECK(seen[2] == doctest::Approx(0.93));
    harness.PressKey(SDL_SCANCODE_LEFT);
    CHECK(driver.Frame().values.desired_retention == doctest::Approx(0.92));
}

TEST_CASE("Esc while editing a value cancels the edit; the next Esc leaves the screen") {
    ImGuiHarness harness;
    const SettingsViewModel model = RealisticModel();
    SettingsUiState ui;
    std::optional<Screen> asked;
    std::vector<SettingsIntent> intents;
    const auto frame = [&] {
        harness.Frame([&] {
            // As the app draws it: the navigation bar, then the screen.
            asked = DrawNavigationBar(NavigationModel{Screen::kSettings, 0});
            const SettingsIntent intent = DrawSettingsScreen(model, ui);
            if (intent.kind != SettingsIntent::Kind::kNone) intents.push_back(intent);
        });
        return asked;
    };
    frame();
    ui.focus = SettingField::kNewPerDay;
    frame();
    frame();
    harness.PressKey(SDL_SCANCODE_A, /*ctrl=*/true);
    frame();
    harness.TypeText("55");
    frame();
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    CHECK_FALSE(frame().has_value());  // the edit is cancelled, the screen stays
    CHECK_FALSE(frame().has_value());
    CHECK(intents.empty());  // and nothing was saved
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    CHECK(frame() == Screen::kHome);
}

TEST_CASE("a fit in progress shows its pass and percentage with Cancel; Esc cancels it and stays") {
    ImGuiHarness harness;
    SettingsViewModel model = RealisticModel();
    model.can_undo_parameters = true;
    model.fit_progress = FitProgressView{true, 0.46, 3, 5};
    SettingsUiState ui;
    std::optional<Screen> asked;
    SettingsIntent intent;
    const auto frame = [&] {
        harness.Frame([&] {
            asked = DrawNavigationBar(
                NavigationModel{Screen::kSettings, 0, model.fit_progress.running});
            intent = DrawSettingsScreen(model, ui);
        });
    };
    frame();
    const std::string logged = harness.LoggedFrame([&] { DrawSettingsScreen(model, ui); });
    CAPTURE(logged);
    CHECK(logged.find("Pass 3 of 5: 46%") != std::string::npos);
    CHECK(logged.find("Cancel") != std::string::npos);
    // Undo would change the parameters the fit compares against: not offered meanwhile.
    CHECK(logged.find("Put the previous parameters back") == std::string::npos);
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    frame();
    CHECK(intent.kind == SettingsIntent::Kind::kCancelOptimise);
    CHECK_FALSE(asked.has_value());  // the screen stays

    // Without a fit running, Esc leaves as before and Optimise is offered again.
    model.fit_progress = FitProgressView{};
    frame();
    harness.PressKey(SDL_SCANCODE_ESCAPE);
    frame();
    CHECK(intent.kind == SettingsIntent::Kind::kNone);
    CHECK(asked == Screen::kHome);
}

}  // namespace
}  // namespace mondo::app
