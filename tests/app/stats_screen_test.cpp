// The Stats screen and the ImDrawList charts it is made of (app/ui/plots.h).
#include "app/ui/stats_screen.h"

#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/ui/plots.h"
#include "app/ui/theme.h"
#include "tests/app/imgui_harness.h"

namespace mondo::app {
namespace {

using test::ImGuiHarness;

std::string DateOf(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

// A year of a learner who studies most days, ending on Saturday 2026-11-28.
StatsViewModel RealisticModel() {
    StatsViewModel model;
    const std::chrono::sys_days today{std::chrono::year{2026} / 11 / 28};
    for (int back = 364; back >= 0; --back) {
        StatsDay day;
        day.date = DateOf(today - std::chrono::days(back));
        if (back % 5 != 3 && back < 200) {
            day.again = back % 4;
            day.hard = 2 + back % 3;
            day.good = 10 + back % 11;
            day.easy = back % 6;
            day.minutes = 4.0 + (back % 9) * 1.5;
        }
        model.total_reviews += day.Total();
        model.minutes_total += day.minutes;
        model.history.push_back(day);
    }
    model.minutes_today = model.history.back().minutes;
    model.minutes_week = 31.5;
    for (int i = 0; i < 30; ++i) model.forecast.push_back(3 + (i * 7) % 13);
    model.retention[0] = {{9, 10}, {4, 4}};
    model.retention[1] = {{60, 70}, {30, 33}};
    model.retention[2] = {{200, 240}, {150, 160}};
    model.retention[3] = {{900, 1100}, {700, 760}};
    model.streak_days = 2;
    model.longest_streak_days = 19;
    model.total_questions = 312;
    model.learned_questions = 140;
    model.sections = {{1, "1. The founding", 80, 40, 0.55}, {2, "2. Research", 70, 20, 0.2}};
    for (int i = 1; i <= 16; ++i) {
        model.exchanges.push_back({i, "Exchange " + std::to_string(i), 20, i, i / 16.0});
    }
    return model;
}

TEST_CASE("the stats screen draws a year of history and an empty collection without asserting") {
    ImGuiHarness harness;
    StatsUiState ui;
    const StatsViewModel realistic = RealisticModel();
    for (const Theme theme : {Theme::kLight, Theme::kDark}) {
        ApplyTheme(theme, 1.0f);
        for (int range : {30, 90, 365}) {
            ui.range_days = range;
            for (int frame = 0; frame < 3; ++frame) {
                harness.Frame([&] {
                    CHECK(DrawStatsScreen(realistic, ui).kind == StatsIntent::Kind::kNone);
                });
            }
        }
        // The mouse over every part of the screen exercises each chart's tooltip.
        for (float y = 20.0f; y < 800.0f; y += 37.0f) {
            harness.Click(640.0f, y);
            harness.Frame([&] { DrawStatsScreen(realistic, ui); });
            harness.Frame([&] { DrawStatsScreen(realistic, ui); });
        }
    }
    ApplyTheme(Theme::kLight, 1.0f);
    const StatsViewModel empty;
    for (int frame = 0; frame < 3; ++frame) {
        harness.Frame([&] { CHECK(DrawStatsScreen(empty, ui).kind == StatsIntent::Kind::kNone); });
    }
    StatsViewModel only_today;  // one review, one day of history, no forecast
    only_today.total_reviews = 1;
    only_today.history.push_back(StatsDay{"2026-11-28", 0, 0, 1, 0, 0.5});
    for (int frame = 0; frame < 3; ++frame) {
        harness.Frame([&] { DrawStatsScreen(only_today, ui); });
    }
}

TEST_CASE("an empty collection explains itself and Enter starts studying") {
    ImGuiHarness harness;
    StatsUiState ui;
    StatsViewModel empty;
    empty.total_questions = 312;
    harness.Frame([&] { DrawStatsScreen(empty, ui); });
    harness.PressKey(SDL_SCANCODE_RETURN);
    StatsIntent intent;
    harness.Frame([&] { intent = DrawStatsScreen(empty, ui); });
    CHECK(intent.kind == StatsIntent::Kind::kStudy);
}

TEST_CASE("keys 1, 2 and 3 choose 30 days, 90 days and a year of reviews") {
    ImGuiHarness harness;
    StatsUiState ui;
    const StatsViewModel model = RealisticModel();
    harness.Frame([&] { DrawStatsScreen(model, ui); });
    CHECK(ui.range_days == 30);
    harness.PressKey(SDL_SCANCODE_3);
    harness.Frame([&] { DrawStatsScreen(model, ui); });
    CHECK(ui.range_days == 365);
    harness.PressKey(SDL_SCANCODE_2);
    harness.Frame([&] { DrawStatsScreen(model, ui); });
    CHECK(ui.range_days == 90);
    harness.PressKey(SDL_SCANCODE_1);
    harness.Frame([&] { DrawStatsScreen(model, ui); });
    CHECK(ui.range_days == 30);
}

// Clicks from the bottom of a 2600-pixel-tall screen upwards until a row answers: the last
// exchange's mastery row is the first hit.
StatsIntent ClickLowestRow(ImGuiHarness& harness, const StatsViewModel& model, StatsUiState& ui) {
    harness.Frame([&] { DrawStatsScreen(model, ui); });
    StatsIntent intent;
    for (float y = 2590.0f; y > 0.0f && intent.kind == StatsIntent::Kind::kNone; y -= 6.0f) {
        harness.Click(200.0f, y);
        harness.Frame([&] { intent = DrawStatsScreen(model, ui); });
        if (intent.kind == StatsIntent::Kind::kNone)
            harness.Frame([&] { intent = DrawStatsScreen(model, ui); });
    }
    return intent;
}

TEST_CASE("clicking an exchange's mastery row asks to study that exchange") {
    ImGuiHarness harness(1280.0f, 2600.0f);  // tall enough to show every row without scrolling
    StatsUiState ui;
    const StatsViewModel model = RealisticModel();
    const StatsIntent intent = ClickLowestRow(harness, model, ui);
    CHECK(intent.kind == StatsIntent::Kind::kStudyExchange);
    CHECK(intent.exchange == 16);
}

// All sources chosen: two sources, each with its sections and exchanges.
StatsViewModel AllSourcesModel() {
    StatsViewModel model = RealisticModel();
    model.showing = "all sources";
    model.sources = {{0, "DeepSeek interview", 150, 60, 0.4, "aaaa"},
                     {0, "A Baker on Slow Bread", 40, 10, 0.2, "bbbb"}};
    model.sections = {{1, "1. The founding", 80, 40, 0.55, "aaaa"},
                      {2, "2. Research", 70, 20, 0.2, "aaaa"},
                      {0, "Profile and other questions", 40, 10, 0.2, "bbbb"}};
    model.exchanges.clear();
    for (int i = 1; i <= 4; ++i)
        model.exchanges.push_back({i, "Exchange " + std::to_string(i), 20, i, i / 16.0, "aaaa"});
    for (int i = 1; i <= 3; ++i)
        model.exchanges.push_back({i, "Exchange " + std::to_string(i), 10, i, i / 8.0, "bbbb"});
    return model;
}

// What the screen writes through ImGui's text functions in one frame.
std::string LoggedStats(ImGuiHarness& harness, const StatsViewModel& model, StatsUiState& ui) {
    return harness.LoggedFrame([&] { (void)DrawStatsScreen(model, ui); });
}

TEST_CASE(
    "with all sources chosen, mastery is shown per source, then each source's sections and "
    "exchanges under its title") {
    ImGuiHarness harness(1280.0f, 2600.0f);
    StatsUiState ui;
    const std::string logged = LoggedStats(harness, AllSourcesModel(), ui);
    const std::size_t by_source = logged.find("Mastery by source");
    const std::size_t by_section = logged.find("Mastery by section");
    const std::size_t by_exchange = logged.find("Mastery by exchange");
    REQUIRE(by_source != std::string::npos);
    REQUIRE(by_section != std::string::npos);
    REQUIRE(by_exchange != std::string::npos);
    CHECK(by_source < by_section);
    CHECK(by_section < by_exchange);
    // Each source's title heads its rows in the sections and in the exchanges.
    for (const std::size_t from : {by_source, by_section, by_exchange}) {
        const std::size_t first = logged.find("DeepSeek interview", from);
        const std::size_t second = logged.find("A Baker on Slow Bread", from);
        CHECK(first < second);
    }
    const std::size_t baker_sections = logged.find("A Baker on Slow Bread", by_section);
    CHECK(logged.find("2. Research", by_section) < baker_sections);
    CHECK(logged.find("Profile and other questions", by_section) > baker_sections);
    CHECK(logged.find("60/150 learned", by_source) < by_section);

    // One source shown: no per-source rows, no titles over the rows.
    StatsViewModel one = RealisticModel();
    const std::string alone = LoggedStats(harness, one, ui);
    CHECK(alone.find("Mastery by source") == std::string::npos);
    CHECK(alone.find("Mastery by section") != std::string::npos);
}

TEST_CASE("with all sources chosen, clicking an exchange studies it in its own source") {
    ImGuiHarness harness(1280.0f, 2600.0f);
    StatsUiState ui;
    const StatsViewModel model = AllSourcesModel();
    const StatsIntent intent = ClickLowestRow(harness, model, ui);
    CHECK(intent.kind == StatsIntent::Kind::kStudyExchange);
    CHECK(intent.exchange == 3);
    CHECK(intent.source_id == "bbbb");
}

TEST_CASE("weekdays of dates follow the calendar, Monday first") {
    CHECK(plots::WeekdayOf("2026-11-28") == 5);  // a Saturday
    CHECK(plots::WeekdayOf("2026-11-30") == 0);  // a Monday
    CHECK(plots::WeekdayOf("2024-02-29") == 3);  // leap day, a Thursday
    CHECK(plots::WeekdayOf("2025-02-29") == -1);
    CHECK(plots::WeekdayOf("yesterday") == -1);
}

TEST_CASE("a point over a heatmap cell maps back to that cell's day") {
    plots::HeatmapLayout layout;
    layout.origin = ImVec2(100.0f, 50.0f);
    layout.cell = 10.0f;
    layout.gap = 2.0f;
    layout.first_weekday = 3;  // the first day is a Thursday: row 3 of column 0
    layout.days = 20;
    CHECK(layout.Columns() == 4);
    for (int day = 0; day < layout.days; ++day) {
        const ImVec2 min = layout.CellMin(day);
        CHECK(plots::HeatmapDayAt(layout, ImVec2(min.x + 5.0f, min.y + 5.0f)) == day);
        CHECK(plots::HeatmapDayAt(layout, ImVec2(min.x + 0.5f, min.y + 9.5f)) == day);
    }
    CHECK(plots::HeatmapDayAt(layout, ImVec2(105.0f, 55.0f)) == -1);  // Monday before day 0
    CHECK(plots::HeatmapDayAt(layout, ImVec2(111.0f, 3 * 12 + 55.0f)) == -1);  // in a gap
    CHECK(plots::HeatmapDayAt(layout, ImVec2(99.0f, 55.0f)) == -1);
    CHECK(plots::HeatmapDayAt(layout, ImVec2(3 * 12 + 105.0f, 6 * 12 + 55.0f)) ==
          -1);                                                                 // after the last
    CHECK(plots::HeatmapDayAt(layout, ImVec2(105.0f, 7 * 12 + 55.0f)) == -1);  // below Sunday
    // Day 4 is the Monday after: column 1, row 0.
    CHECK(plots::HeatmapDayAt(layout, ImVec2(117.0f, 55.0f)) == 4);
}

TEST_CASE("hovering the drawn heatmap reports the day under the mouse") {
    ImGuiHarness harness;
    std::vector<std::string> dates;
    std::vector<int> counts;
    const std::chrono::sys_days first{std::chrono::year{2026} / 10 / 1};
    for (int i = 0; i < 40; ++i) {
        dates.push_back(DateOf(first + std::chrono::days(i)));
        counts.push_back(i % 7);
    }
    const float cell = 14.0f;
    const int wanted = 17;
    plots::HeatmapLayout layout;
    // First frame: learn where the heatmap's cells are drawn.
    harness.Frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 400));
        ImGui::Begin("heatmap");
        layout = plots::HeatmapLayoutAt(ImGui::GetCursorScreenPos(), dates.front(), 40, cell);
        plots::DrawCalendarHeatmap(dates, counts, cell);
        ImGui::End();
    });
    const ImVec2 target = layout.CellMin(wanted);
    harness.Click(target.x + cell * 0.5f, target.y + cell * 0.5f);
    int hovered = -2;
    harness.Frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 400));
        ImGui::Begin("heatmap");
        hovered = plots::DrawCalendarHeatmap(dates, counts, cell);
        ImGui::End();
    });
    CHECK(hovered == wanted);
    CHECK(dates[static_cast<std::size_t>(hovered)] == "2026-10-18");
}

TEST_CASE("heat levels rise with the count relative to the busiest day") {
    CHECK(plots::HeatLevel(0, 40) == 0);
    CHECK(plots::HeatLevel(1, 40) == 1);
    CHECK(plots::HeatLevel(10, 40) == 1);
    CHECK(plots::HeatLevel(11, 40) == 2);
    CHECK(plots::HeatLevel(40, 40) == 4);
    CHECK(plots::HeatLevel(5, 0) == 0);
}

TEST_CASE("stacked bar heights are proportional to the counts") {
    // Two days, four ratings each: 2+4+10+4 = 20 and 0+0+5+0 = 5.
    const std::vector<float> values = {2, 4, 10, 4, 0, 0, 5, 0};
    const plots::StackedBarLayout layout =
        plots::LayoutStackedBars(values, 4, ImVec2(0.0f, 0.0f), ImVec2(200.0f, 100.0f));
    REQUIRE(layout.segments.size() == 8);
    CHECK(layout.max_total == doctest::Approx(20.0f));
    CHECK(layout.slot == doctest::Approx(100.0f));
    const float per_review = 100.0f / 20.0f;
    for (const plots::BarSegment& segment : layout.segments) {
        const float value = values[static_cast<std::size_t>(segment.bar * 4 + segment.series)];
        CHECK(segment.max.y - segment.min.y == doctest::Approx(value * per_review));
    }
    // Stacks grow from the bottom in rating order, without gaps.
    CHECK(layout.segments[0].max.y == doctest::Approx(100.0f));
    CHECK(layout.segments[1].max.y == doctest::Approx(layout.segments[0].min.y));
    CHECK(layout.segments[3].min.y == doctest::Approx(0.0f));
    CHECK(layout.segments[6].min.y == doctest::Approx(75.0f));
    // Bars stay inside their own slot.
    CHECK(layout.segments[0].min.x >= 0.0f);
    CHECK(layout.segments[0].max.x <= 100.0f);
    CHECK(layout.segments[4].min.x >= 100.0f);
    CHECK(plots::StackedBarAt(layout, 2, ImVec2(150.0f, 50.0f)) == 1);
    CHECK(plots::StackedBarAt(layout, 2, ImVec2(20.0f, 99.0f)) == 0);
    CHECK(plots::StackedBarAt(layout, 2, ImVec2(250.0f, 50.0f)) == -1);
}

TEST_CASE("the axis maximum is rounded up to a readable value") {
    CHECK(plots::NiceCeiling(0.0f) == doctest::Approx(1.0f));
    CHECK(plots::NiceCeiling(3.0f) == doctest::Approx(5.0f));
    CHECK(plots::NiceCeiling(20.0f) == doctest::Approx(20.0f));
    CHECK(plots::NiceCeiling(21.0f) == doctest::Approx(25.0f));
    CHECK(plots::NiceCeiling(137.0f) == doctest::Approx(200.0f));
    CHECK(plots::NiceCeiling(0.3f) == doctest::Approx(0.5f));
}

TEST_CASE("hovering a drawn stacked bar reports its index") {
    ImGuiHarness harness;
    std::vector<float> values;
    for (int i = 0; i < 10; ++i)
        values.insert(values.end(), {1.0f, 2.0f, static_cast<float>(i), 0.0f});
    const plots::Series series[4] = {{"Again", 1}, {"Hard", 2}, {"Good", 3}, {"Easy", 4}};
    auto draw = [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 400));
        ImGui::Begin("bars");
        const int hovered = plots::DrawStackedBars(
            values, series, [](int bar) { return std::to_string(bar); }, ImVec2(600.0f, 200.0f));
        ImGui::End();
        return hovered;
    };
    int hovered = -2;
    harness.Frame([&] { hovered = draw(); });
    CHECK(hovered == -1);
    // The plot spans roughly x 40..600 in a 600-wide chart: the right end is the last bar.
    harness.Click(590.0f, 120.0f);
    harness.Frame([&] { hovered = draw(); });
    CHECK(hovered == 9);
}

TEST_CASE("dark backgrounds are told from light ones") {
    CHECK(plots::IsDark(IM_COL32(28, 29, 33, 255)));
    CHECK_FALSE(plots::IsDark(IM_COL32(250, 249, 246, 255)));
}

}  // namespace
}  // namespace mondo::app
