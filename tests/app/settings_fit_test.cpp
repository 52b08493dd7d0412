// Settings' "Optimise parameters" through the app controller on a real collection file: the fit
// is shown with the health check, applying it recomputes the cards' memory and saves the
// parameters, and the previous parameters can be put back; the screen draws it all headlessly.
#include <doctest/doctest.h>
#include <imgui.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/app_controller.h"
#include "app/preferences.h"
#include "app/study/collection_store.h"
#include "app/study/fitting.h"
#include "app/study/simulator.h"
#include "app/ui/settings_screen.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"
#include "tests/app/imgui_harness.h"

namespace mondo::app {
namespace {

constexpr std::int64_t kNowMs = 1'796'202'000'000;  // 2026-12-02

SettingsIntent Ask(SettingsIntent::Kind kind, const SettingsValues& values) {
    SettingsIntent intent;
    intent.kind = kind;
    intent.values = values;
    return intent;
}

std::string Logged(test::ImGuiHarness& harness, AppController& controller) {
    harness.Frame(
        [&] { DrawSettingsScreen(controller.settings_view(), controller.settings_ui()); });
    return harness.LoggedFrame(
        [&] { DrawSettingsScreen(controller.settings_view(), controller.settings_ui()); });
}

// Ticks as the window loop does until the fit on the worker thread has been shown.
void WaitForFit(AppController& controller) {
    std::vector<double> seen;
    for (int wait = 0; wait < 120'000 && controller.Busy(); ++wait) {
        if (controller.Tick() && controller.Busy()) {
            seen.push_back(controller.settings_view().fit_progress.fraction);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE_FALSE(controller.Busy());
    // What the bar showed only went forward.
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] >= seen[i - 1]);
}

// Ticks as the window loop does until no background work is left.
void WaitForBackgroundWork(AppController& controller) {
    for (int wait = 0; wait < 120'000 && controller.Busy(); ++wait) {
        controller.Tick();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE_FALSE(controller.Busy());
}

// A collection file with a month of simulated study of the built-in interview.
void MakeStudiedCollection(const std::filesystem::path& path, int days) {
    auto collection = storage::Collection::Open(path);
    REQUIRE(collection.has_value());
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    REQUIRE(
        collection->ImportSource(*interview, content::GenerateQuestions(*interview)).has_value());
    study::CollectionStore store(*collection);
    study::SimulationOptions options;
    options.days = days;
    options.start = kNowMs / 1000 - (days + 5) * 86400;
    REQUIRE(study::Simulate(store, options).has_value());
}

}  // namespace

TEST_CASE(
    "Settings simulates the daily load and 'Help me decide' on worker threads while input "
    "goes on") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("mondo-settings-estimate-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto path = dir / "collection.sqlite3";
    MakeStudiedCollection(path, 20);
    test::ImGuiHarness harness;
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        AppController controller(*collection, [] { return kNowMs; });
        REQUIRE(controller.Start().has_value());
        std::atomic<int> wake_ups{0};
        controller.SetWakeUp([&wake_ups] { wake_ups.fetch_add(1); });

        // Opening Settings returns at once: the estimate is simulated on a worker thread, and
        // the screen says so until Tick brings the figures.
        controller.Navigate(Screen::kSettings);
        CHECK(controller.Busy());
        CHECK(controller.settings_view().load.empty());
        CHECK(controller.settings_view().load_progress.running);
        std::string shown = Logged(harness, controller);
        CAPTURE(shown);
        CHECK(shown.find("Estimating the daily load") != std::string::npos);
        CHECK(shown.find("reviews and") == std::string::npos);

        // Input meanwhile: a changed setting is saved at once and the estimate starts again
        // for it.
        SettingsValues values = controller.preferences();
        values.new_per_day = 7;
        SettingsIntent changed = Ask(SettingsIntent::Kind::kChanged, values);
        changed.field = SettingField::kNewPerDay;
        controller.Apply(changed);
        CHECK(controller.error().empty());
        CHECK(controller.preferences().new_per_day == 7);
        auto saved = study::LoadSettings(*collection);
        REQUIRE(saved.has_value());
        CHECK(saved->new_per_day == 7);
        CHECK(controller.settings_view().load_progress.running);

        WaitForBackgroundWork(controller);
        CHECK(wake_ups.load() >= 1);
        CHECK(controller.error().empty());
        CHECK_FALSE(controller.settings_view().load_progress.running);
        const auto& load = controller.settings_view().load;
        REQUIRE(load.size() == 4);
        CHECK(load.front().retention == doctest::Approx(0.80));
        CHECK(load.back().reviews_per_day > load.front().reviews_per_day);
        shown = Logged(harness, controller);
        CHECK(shown.find("Estimating the daily load") == std::string::npos);
        CHECK(shown.find("reviews and") != std::string::npos);

        // "Help me decide" shows its progress and can be cancelled; nothing is shown then.
        controller.Apply(Ask(SettingsIntent::Kind::kHelpDecide, controller.preferences()));
        CHECK(controller.Busy());
        CHECK(controller.settings_view().decide_progress.running);
        shown = Logged(harness, controller);
        CHECK(shown.find("Simulating a year") != std::string::npos);
        controller.Apply(Ask(SettingsIntent::Kind::kCancelHelpDecide, controller.preferences()));
        CHECK_FALSE(controller.Busy());
        CHECK_FALSE(controller.settings_view().decide_progress.running);
        CHECK(controller.settings_view().decide.empty());
        // Run to the end: the six retentions come with Tick.
        controller.Apply(Ask(SettingsIntent::Kind::kHelpDecide, controller.preferences()));
        CHECK(controller.settings_view().decide.empty());
        WaitForBackgroundWork(controller);
        CHECK(controller.settings_view().decide.size() == 6);
        CHECK(controller.settings_view().decide_best >= 0);
        CHECK(Logged(harness, controller).find("Least work per question remembered") !=
              std::string::npos);

        // Leaving while an estimate runs: Shutdown stops it.
        controller.Apply(Ask(SettingsIntent::Kind::kHelpDecide, controller.preferences()));
        CHECK(controller.Busy());
        controller.Shutdown();
        CHECK_FALSE(controller.Busy());
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("Settings optimises the parameters, applies them and puts the previous ones back") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("mondo-settings-fit-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto path = dir / "collection.sqlite3";
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto interview = content::ParseInterview(content::BuiltinInterviewText());
        REQUIRE(interview.has_value());
        REQUIRE(collection->ImportSource(*interview, content::GenerateQuestions(*interview))
                    .has_value());
        study::CollectionStore store(*collection);
        study::SimulationOptions options;
        options.days = 40;
        options.start = kNowMs / 1000 - 45 * 86400;
        REQUIRE(study::Simulate(store, options).has_value());
        // The learner simulated above remembers as the defaults say; parameters that are
        // clearly off (a much steeper forgetting curve) are in use when Settings opens.
        auto settings = study::LoadSettings(*collection);
        REQUIRE(settings.has_value());
        sched::Parameters off;
        off.w[20] = 0.6;
        for (int i = 0; i < 4; ++i) off.w[static_cast<std::size_t>(i)] *= 0.3;
        REQUIRE(study::ApplyParameters(*collection, *settings, off, kNowMs - 3'600'000));
    }
    test::ImGuiHarness harness;
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto ids = collection->SourceIds();
        REQUIRE(ids.has_value());
        auto interview = collection->LoadInterview(ids->front());
        REQUIRE(interview.has_value());
        AppController controller(*collection, [] { return kNowMs; });
        REQUIRE(controller.Start().has_value());
        CHECK(controller.settings_view().can_undo_parameters);  // the defaults before `off`
        CHECK(Logged(harness, controller).find("Optimise parameters") != std::string::npos);

        std::atomic<int> wake_ups{0};
        controller.SetWakeUp([&wake_ups] { wake_ups.fetch_add(1); });
        // Optimise runs on a worker thread; cancelled at once, nothing changes.
        controller.Apply(Ask(SettingsIntent::Kind::kOptimise, controller.preferences()));
        CHECK(controller.Busy());
        CHECK(controller.settings_view().fit_progress.running);
        CHECK(controller.settings_view().fit_progress.epochs == 5);
        CHECK(Logged(harness, controller).find("Cancel") != std::string::npos);
        controller.Apply(Ask(SettingsIntent::Kind::kCancelOptimise, controller.preferences()));
        CHECK_FALSE(controller.Busy());
        CHECK_FALSE(controller.settings_view().fit_progress.running);
        CHECK_FALSE(controller.settings_view().fit.ran);
        CHECK(controller.settings_view().parameters_message.find("cancelled") != std::string::npos);
        // Then to the end: Tick takes the progress, then the result.
        controller.Apply(Ask(SettingsIntent::Kind::kOptimise, controller.preferences()));
        REQUIRE(controller.Busy());
        WaitForFit(controller);
        CHECK(wake_ups.load() >= 2);
        CHECK_FALSE(controller.settings_view().fit_progress.running);
        const ParameterFitView& fit = controller.settings_view().fit;
        REQUIRE(fit.ran);
        CHECK(fit.items > 64);
        CHECK(fit.reviews > fit.items);
        CHECK(fit.better);
        CHECK(fit.log_loss_after < fit.log_loss_before);
        CHECK(fit.health.find("Health:") == 0);
        const std::string shown = Logged(harness, controller);
        CAPTURE(shown);
        CHECK(shown.find("Fitted:  log loss") != std::string::npos);
        CHECK(shown.find("Use the fitted parameters") != std::string::npos);

        // Help me decide: six retentions simulated, the cheapest per question remembered marked.
        controller.Apply(Ask(SettingsIntent::Kind::kHelpDecide, controller.preferences()));
        WaitForBackgroundWork(controller);
        const auto& decide = controller.settings_view().decide;
        REQUIRE(decide.size() == 6);
        CHECK(decide.front().retention == doctest::Approx(0.70));
        CHECK(decide.back().retention == doctest::Approx(0.95));
        CHECK(decide.back().memorized > decide.front().memorized);
        CHECK(decide.back().minutes_per_day > decide.front().minutes_per_day);
        CHECK(controller.settings_view().decide_best == LeastWorkPerMemorized(decide));
        CHECK(controller.settings_view().decide_best >= 0);
        CHECK(Logged(harness, controller).find("Least work per question remembered: retention") !=
              std::string::npos);

        controller.Apply(Ask(SettingsIntent::Kind::kApplyFit, controller.preferences()));
        CHECK(controller.error().empty());
        CHECK(controller.settings_view().can_undo_parameters);
        CHECK(controller.settings_view().parameters_message.find("Now using the fitted") == 0);
        CHECK(Logged(harness, controller).find("Put the previous parameters back") !=
              std::string::npos);
    }
    // The change is in the file: parameters saved, and the check still finds it consistent.
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto settings = study::LoadSettings(*collection);
        REQUIRE(settings.has_value());
        const sched::Parameters off = settings->parameter_history[1].parameters;
        CHECK_FALSE(settings->parameters == off);
        CHECK(settings->parameter_history.size() == 3);
        auto mismatches = study::CheckReplayConsistency(*collection, *settings);
        REQUIRE(mismatches.has_value());
        CHECK(mismatches->empty());

        auto ids = collection->SourceIds();
        REQUIRE(ids.has_value());
        auto interview = collection->LoadInterview(ids->front());
        REQUIRE(interview.has_value());
        AppController controller(*collection, [] { return kNowMs + 60'000; });
        REQUIRE(controller.Start().has_value());
        REQUIRE(controller.settings_view().can_undo_parameters);
        controller.Apply(Ask(SettingsIntent::Kind::kUndoParameters, controller.preferences()));
        CHECK(controller.error().empty());
        CHECK(controller.settings_view().parameters_message.find("The previous parameters") == 0);
        auto back = study::LoadSettings(*collection);
        REQUIRE(back.has_value());
        CHECK(back->parameters == off);
        auto after_undo = study::CheckReplayConsistency(*collection, *back);
        REQUIRE(after_undo.has_value());
        CHECK(after_undo->empty());

        // A fit still running when the app closes: Shutdown stops it, and a controller destroyed
        // mid-run (its fit thread joined) leaves the collection as it was.
        controller.Apply(Ask(SettingsIntent::Kind::kOptimise, controller.preferences()));
        CHECK(controller.Busy());
        controller.Shutdown();
        CHECK_FALSE(controller.Busy());
        AppController closing(*collection, [] { return kNowMs + 120'000; });
        REQUIRE(closing.Start().has_value());
        closing.Apply(Ask(SettingsIntent::Kind::kOptimise, closing.preferences()));
        CHECK(closing.Busy());
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("the least work per question remembered is found") {
    const std::vector<RetentionChoice> choices = {
        {0.70, 10.0, 30.0, 100.0}, {0.80, 12.0, 36.0, 150.0}, {0.90, 20.0, 60.0, 170.0}};
    CHECK(LeastWorkPerMemorized(choices) == 1);  // 0.08 min per question, against 0.10 and 0.12
    CHECK(LeastWorkPerMemorized({}) == -1);
    CHECK(LeastWorkPerMemorized({{0.9, 5.0, 10.0, 0.0}}) == -1);
}

TEST_CASE("the health check speaks plainly") {
    ParameterFitView fit;
    fit.items = 5;
    CHECK(DescribeFit(fit).find("Too few reviews") == 0);
    fit.items = 5000;
    fit.rmse_after = 0.031;
    fit.better = true;
    CHECK(DescribeFit(fit) ==
          "Health: the fitted parameters predict your recall well: on average 3.1 percentage "
          "points from what happened. They predict better than the ones in use.");
    fit.rmse_after = 0.14;
    fit.better = false;
    CHECK(DescribeFit(fit).find("poorly") != std::string::npos);
    CHECK(DescribeFit(fit).find("keep those") != std::string::npos);
}

// The next start builds its fonts at the saved scale before the window exists (app_runner).
TEST_CASE("the window's geometry keeps the display scale; a row saved without one still reads") {
    auto collection = storage::Collection::OpenInMemory();
    REQUIRE(collection.has_value());
    CHECK_FALSE(LoadWindowGeometry(*collection).has_value());
    WindowGeometry saved;
    saved.x = 10;
    saved.y = 20;
    saved.width = 1000;
    saved.height = 700;
    saved.display_scale_percent = 150;
    REQUIRE(SaveWindowGeometry(*collection, saved).has_value());
    auto loaded = LoadWindowGeometry(*collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->x == 10);
    CHECK(loaded->y == 20);
    CHECK(loaded->width == 1000);
    CHECK(loaded->height == 700);
    CHECK(loaded->display_scale_percent == 150);

    // Written before the scale was kept: the geometry reads, the scale is not known.
    REQUIRE(collection->SetSetting("ui.window", "10 20 1000 700").has_value());
    loaded = LoadWindowGeometry(*collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->width == 1000);
    CHECK(loaded->display_scale_percent == 0);
    // An implausible scale is not used; the geometry still is.
    REQUIRE(collection->SetSetting("ui.window", "10 20 1000 700 5").has_value());
    loaded = LoadWindowGeometry(*collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->display_scale_percent == 0);
}

}  // namespace mondo::app
