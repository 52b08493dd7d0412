#include "app/ui/stats_screen.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/platform/input_queue.h"
#include "app/ui/paragraph.h"
#include "app/ui/plots.h"
#include "app/ui/screen_window.h"
#include "app/ui/theme.h"

namespace mondo::app {

namespace {

constexpr int kHeatmapWeeks = 26;
constexpr int kForecastDays = 30;
constexpr const char* kPeriodNames[4] = {"Today", "Last 7 days", "Last 30 days", "Last year"};

std::string FormatMinutes(double minutes) {
    char text[32];
    if (minutes < 60.0) {
        std::snprintf(text, sizeof text, "%.0f min", std::round(minutes));
    } else {
        const int total = static_cast<int>(std::round(minutes));
        std::snprintf(text, sizeof text, "%d h %02d min", total / 60, total % 60);
    }
    return text;
}

void Heading(const char* text) {
    ImGui::Spacing();
    ImGui::TextUnformatted(text);
    ImGui::Separator();
    ImGui::Spacing();
}

// A figure with its caption above: "Streak" / "12 days".
void Figure(const char* caption, const std::string& value, const std::string& detail) {
    ImGui::TextDisabled("%s", caption);
    ImGui::TextUnformatted(value.c_str());
    if (!detail.empty()) ImGui::TextDisabled("%s", detail.c_str());
}

void Summary(const StatsViewModel& model) {
    if (!ImGui::BeginTable("##summary", 5, ImGuiTableFlags_SizingStretchSame)) return;
    const int reviews_today = model.history.empty() ? 0 : model.history.back().Total();
    char value[64];
    char detail[96];

    ImGui::TableNextColumn();
    std::snprintf(value, sizeof value, "%d day%s", model.streak_days,
                  model.streak_days == 1 ? "" : "s");
    std::snprintf(detail, sizeof detail, "longest %d", model.longest_streak_days);
    Figure("Streak", value, detail);

    ImGui::TableNextColumn();
    std::snprintf(value, sizeof value, "%d review%s", reviews_today, reviews_today == 1 ? "" : "s");
    Figure("Today", value, FormatMinutes(model.minutes_today));

    ImGui::TableNextColumn();
    int week_reviews = 0;
    const std::size_t week_begin = model.history.size() > 7 ? model.history.size() - 7 : 0;
    for (std::size_t i = week_begin; i < model.history.size(); ++i)
        week_reviews += model.history[i].Total();
    std::snprintf(value, sizeof value, "%d review%s", week_reviews, week_reviews == 1 ? "" : "s");
    Figure("Last 7 days", value, FormatMinutes(model.minutes_week));

    ImGui::TableNextColumn();
    std::snprintf(value, sizeof value, "%d review%s", model.total_reviews,
                  model.total_reviews == 1 ? "" : "s");
    Figure("All time", value, FormatMinutes(model.minutes_total));

    ImGui::TableNextColumn();
    std::snprintf(value, sizeof value, "%d of %d", model.learned_questions, model.total_questions);
    Figure("Questions learned", value, "");
    ImGui::EndTable();
}

void Calendar(const StatsViewModel& model, float cell) {
    // 26 weeks and the weekday names fit the column, whatever the font size.
    const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Mon").x - 8.0f;
    const float columns = static_cast<float>(kHeatmapWeeks + 1);
    cell = std::max(4.0f, std::min(cell, std::floor(room / columns / 1.25f)));
    ImGui::TextUnformatted("Calendar");
    ImGui::TextDisabled("Reviews per day, the last %d weeks", kHeatmapWeeks);
    if (model.history.empty()) return;
    // Whole weeks ending with today's: today's weekday decides how many days the last column has.
    const int today_weekday = std::max(0, plots::WeekdayOf(model.history.back().date));
    const int wanted = (kHeatmapWeeks - 1) * 7 + today_weekday + 1;
    const int days = std::min(wanted, static_cast<int>(model.history.size()));
    const std::size_t begin = model.history.size() - static_cast<std::size_t>(days);
    std::vector<std::string> dates;
    std::vector<int> counts;
    dates.reserve(static_cast<std::size_t>(days));
    counts.reserve(static_cast<std::size_t>(days));
    for (std::size_t i = begin; i < model.history.size(); ++i) {
        dates.push_back(model.history[i].date);
        counts.push_back(model.history[i].Total());
    }
    plots::DrawCalendarHeatmap(dates, counts, cell);
}

void TimeStudied(const StatsViewModel& model) {
    ImGui::TextUnformatted("Time studied");
    ImGui::TextDisabled("Minutes per day, the last 30 days");
    const std::size_t begin = model.history.size() > 30 ? model.history.size() - 30 : 0;
    std::vector<float> minutes;
    for (std::size_t i = begin; i < model.history.size(); ++i) {
        minutes.push_back(static_cast<float>(model.history[i].minutes));
    }
    plots::DrawBarChart(
        minutes, CurrentPalette().accent,
        [&](int bar) { return model.history[begin + static_cast<std::size_t>(bar)].date; },
        ImVec2(0, ImGui::GetTextLineHeight() * 7.0f), false, "min");
    int days_studied = 0;
    double minutes_studied = 0.0;
    for (std::size_t i = begin; i < model.history.size(); ++i) {
        if (model.history[i].Total() == 0) continue;
        ++days_studied;
        minutes_studied += model.history[i].minutes;
    }
    const double average = days_studied > 0 ? minutes_studied / days_studied : 0.0;
    ImGui::TextDisabled("Studied on %d of %zu days, %s on those days on average", days_studied,
                        model.history.size() - begin, FormatMinutes(average).c_str());
}

void ReviewsPerDay(const StatsViewModel& model, StatsUiState& ui) {
    ImGui::TextUnformatted("Reviews per day");
    ImGui::SameLine();
    const int ranges[3] = {30, 90, 365};
    const char* range_labels[3] = {"30 days  [1]", "90 days  [2]", "1 year  [3]"};
    for (int i = 0; i < 3; ++i) {
        ImGui::SameLine();
        const bool active = ui.range_days == ranges[i];
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_Header));
        if (ImGui::SmallButton(range_labels[i])) ui.range_days = ranges[i];
        if (active) ImGui::PopStyleColor();
    }
    const plots::ChartColors colors = plots::CurrentChartColors();
    const plots::Series series[4] = {{"Again", colors.again},
                                     {"Hard", colors.hard},
                                     {"Good", colors.good},
                                     {"Easy", colors.easy}};
    ImGui::SameLine(0, 30);
    for (const plots::Series& s : series) {
        const float side = ImGui::GetTextLineHeight() * 0.7f;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float offset = (ImGui::GetTextLineHeight() - side) * 0.5f;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y + offset),
                                                  ImVec2(pos.x + side, pos.y + offset + side),
                                                  s.color, 2.0f);
        ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
        ImGui::SameLine();
        ImGui::TextDisabled("%s", s.name);
        ImGui::SameLine(0, 14);
    }
    ImGui::NewLine();

    const std::size_t days =
        std::min(static_cast<std::size_t>(ui.range_days), model.history.size());
    const std::size_t begin = model.history.size() - days;
    std::vector<float> values;
    values.reserve(days * 4);
    int total = 0;
    int passed = 0;
    for (std::size_t i = begin; i < model.history.size(); ++i) {
        const StatsDay& day = model.history[i];
        values.insert(values.end(), {static_cast<float>(day.again), static_cast<float>(day.hard),
                                     static_cast<float>(day.good), static_cast<float>(day.easy)});
        total += day.Total();
        passed += day.hard + day.good + day.easy;
    }
    plots::DrawStackedBars(
        values, series,
        [&](int bar) { return model.history[begin + static_cast<std::size_t>(bar)].date; },
        ImVec2(0, ImGui::GetTextLineHeight() * 10.0f));
    if (total > 0) {
        ImGui::TextDisabled("%d reviews, %.1f a day on average, %.0f%% not Again", total,
                            static_cast<double>(total) / static_cast<double>(days),
                            100.0 * passed / total);
    }
}

void Forecast(const StatsViewModel& model) {
    ImGui::TextUnformatted("Forecast");
    ImGui::TextDisabled("Reviews due in the next %d days (the line: all due by then)",
                        kForecastDays);
    const std::size_t days = std::min<std::size_t>(kForecastDays, model.forecast.size());
    std::vector<float> values(days);
    int total = 0;
    for (std::size_t i = 0; i < days; ++i) {
        values[i] = static_cast<float>(model.forecast[i]);
        total += model.forecast[i];
    }
    plots::DrawBarChart(
        values, CurrentPalette().accent,
        [](int day) {
            if (day == 0) return std::string("Today");
            if (day == 1) return std::string("Tomorrow");
            return "In " + std::to_string(day) + " days";
        },
        ImVec2(0, ImGui::GetTextLineHeight() * 9.0f), true, "due");
    const int tomorrow = days > 1 ? model.forecast[1] : 0;
    ImGui::TextDisabled("Due today %d, tomorrow %d; %d in %zu days, %.1f a day",
                        days > 0 ? model.forecast[0] : 0, tomorrow, total, days,
                        days > 0 ? static_cast<double>(total) / static_cast<double>(days) : 0.0);
}

void RetentionCell(const RetentionCount& count) {
    if (count.total == 0) {
        ImGui::TextDisabled("-");
        return;
    }
    const double percent = 100.0 * count.passed / count.total;
    const Palette& palette = CurrentPalette();
    // Below 80% the learner forgets more than the scheduler plans for; say so with colour.
    ImGui::PushStyleColor(ImGuiCol_Text, percent >= 85.0   ? palette.good
                                         : percent >= 75.0 ? palette.hard
                                                           : palette.again);
    ImGui::Text("%.1f%%", percent);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%d/%d", count.passed, count.total);
}

void Retention(const StatsViewModel& model) {
    ImGui::TextUnformatted("True retention");
    ImGui::TextDisabled("Reviews passed (Hard, Good, Easy) of cards past learning");
    constexpr ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##retention", 4, flags)) return;
    ImGui::TableSetupColumn("Period", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Young (< 21 d)", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Mature", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("All", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < model.retention.size(); ++i) {
        const RetentionRow& row = model.retention[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kPeriodNames[i]);
        ImGui::TableNextColumn();
        RetentionCell(row.young);
        ImGui::TableNextColumn();
        RetentionCell(row.mature);
        ImGui::TableNextColumn();
        RetentionCell(RetentionCount{row.young.passed + row.mature.passed,
                                     row.young.total + row.mature.total});
    }
    ImGui::EndTable();
}

// The title of source `id` among `sources` (the per-source rows), or empty.
const std::string& SourceTitle(const std::vector<MasteryRow>& sources, const std::string& id) {
    static const std::string kNone;
    for (const MasteryRow& source : sources) {
        if (source.source_id == id) return source.label;
    }
    return kNone;
}

// One table of mastery rows; `selectable` rows study their exchange when clicked (`chosen` is
// then the row). With per-source rows given (all sources shown), each source's rows come under
// its title.
bool MasteryTable(const char* id, const std::vector<MasteryRow>& rows,
                  const std::vector<MasteryRow>& sources, bool selectable,
                  const MasteryRow*& chosen) {
    bool clicked = false;
    const Palette& palette = CurrentPalette();
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, 3, flags)) return false;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("count", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("000/000 learned").x);
    const std::string* group = nullptr;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const MasteryRow& row = rows[i];
        if (!sources.empty() && (group == nullptr || *group != row.source_id)) {
            group = &row.source_id;
            const std::string& title = SourceTitle(sources, row.source_id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
            TextFitted(title);
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
        }
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (!sources.empty()) ImGui::Indent();
        if (selectable) {
            if (ImGui::Selectable(
                    row.label.c_str(), false,
                    ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                clicked = true;
                chosen = &row;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Study only this exchange's questions");
        } else {
            // A source's title may be long: cut with "…", whole on hover.
            TextFitted(row.label);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.label.c_str());
        }
        if (!sources.empty()) ImGui::Unindent();
        ImGui::TableNextColumn();
        plots::MasteryBar(static_cast<float>(row.mastery),
                          ImVec2(-1.0f, ImGui::GetTextLineHeight()), palette.hard, palette.good);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%d/%d learned", row.learned, row.questions);
        ImGui::PopID();
    }
    ImGui::EndTable();
    return clicked;
}

void EmptyCollection(const StatsViewModel& model, StatsIntent& intent) {
    ImGui::Spacing();
    ImGui::TextUnformatted("No reviews yet.");
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() +
                           std::min(ImGui::GetContentRegionAvail().x, 720.0f));
    ImGui::TextWrapped(
        "Statistics grow with every answer. After your first session this page shows a calendar of "
        "the days you studied, your reviews per day by grade, what will be due over the next 30 "
        "days, how much you really retain, the time you spent, and how well you know each section "
        "and each exchange of the interview.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (model.total_questions > 0) {
        ImGui::TextDisabled("%d questions are waiting.", model.total_questions);
    }
    ImGui::Spacing();
    if (ImGui::Button("Start studying  [Enter]")) intent.kind = StatsIntent::Kind::kStudy;
    if (!ImGui::GetIO().WantTextInput &&
        (KeyPressed(SDL_SCANCODE_RETURN) || KeyPressed(SDL_SCANCODE_KP_ENTER))) {
        intent.kind = StatsIntent::Kind::kStudy;
    }
}

}  // namespace

StatsIntent DrawStatsScreen(const StatsViewModel& model, StatsUiState& ui) {
    StatsIntent intent;
    if (ui.range_days != 30 && ui.range_days != 90 && ui.range_days != 365) ui.range_days = 30;
    BeginScreenWindow("Stats###stats");
    ScrollByPageKeys();

    ImGui::TextUnformatted("Statistics");
    if (!model.showing.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("of");
        ImGui::SameLine();
        TextFitted(model.showing);
    }
    ImGui::Spacing();
    if (model.total_reviews <= 0) {
        EmptyCollection(model, intent);
        ImGui::End();
        return intent;
    }

    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt) {
        if (KeyPressed(SDL_SCANCODE_1)) ui.range_days = 30;
        if (KeyPressed(SDL_SCANCODE_2)) ui.range_days = 90;
        if (KeyPressed(SDL_SCANCODE_3)) ui.range_days = 365;
    }

    Summary(model);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    const float cell = std::round(ImGui::GetFontSize() * 0.8f);
    if (ImGui::BeginTable("##calendar_time", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        Calendar(model, cell);
        ImGui::TableNextColumn();
        TimeStudied(model);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    ReviewsPerDay(model, ui);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    if (ImGui::BeginTable("##forecast_retention", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        Forecast(model);
        ImGui::TableNextColumn();
        Retention(model);
        ImGui::EndTable();
    }

    const MasteryRow* chosen = nullptr;
    const std::vector<MasteryRow> no_groups;
    if (!model.sources.empty()) {
        Heading("Mastery by source");
        MasteryTable("##sources", model.sources, no_groups, false, chosen);
    }
    if (!model.sections.empty()) {
        Heading("Mastery by section");
        MasteryTable("##sections", model.sections, model.sources, false, chosen);
    }
    if (!model.exchanges.empty()) {
        Heading("Mastery by exchange");
        ImGui::TextDisabled("Click an exchange (or Space on it) to study only its questions.");
        if (MasteryTable("##exchanges", model.exchanges, model.sources, true, chosen)) {
            intent.kind = StatsIntent::Kind::kStudyExchange;
            intent.exchange = chosen->index;
            intent.source_id = chosen->source_id;
        }
    }
    ImGui::Spacing();
    ImGui::End();
    return intent;
}

}  // namespace mondo::app
