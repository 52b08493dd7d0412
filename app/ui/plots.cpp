// Charts over ImDrawList.
//
// Index
//   [SECTION] Helpers
//   [SECTION] Colours
//   [SECTION] Calendar heatmap
//   [SECTION] Bars: layout, stacked bars, single-series bars with a cumulative line
//   [SECTION] Line chart
//   [SECTION] Mastery bar
#include "app/ui/plots.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/ui/theme.h"

namespace mondo::app::plots {

// [SECTION] Helpers
namespace {

constexpr const char* kMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdayNames[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

ImVec2 Add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

// Counts print without decimals; minutes and other fractions with one.
std::string FormatValue(double value) {
    char text[32];
    if (std::fabs(value - std::round(value)) < 1e-6) {
        std::snprintf(text, sizeof text, "%.0f", value);
    } else if (std::fabs(value) < 0.1) {
        std::snprintf(text, sizeof text, "%.2f", value);  // 0.03 min is not "0.0"
    } else {
        std::snprintf(text, sizeof text, "%.1f", value);
    }
    return text;
}

bool ParseDate(std::string_view date, int& year, int& month, int& day) {
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return false;
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (date[i] < '0' || date[i] > '9') return false;
            out = out * 10 + (date[i] - '0');
        }
        return true;
    };
    return digits(0, 4, year) && digits(5, 2, month) && digits(8, 2, day);
}

// The area a chart occupies as one ImGui item; `size.x <= 0` takes the available width.
struct ChartItem {
    ImVec2 min, max;
    bool hovered = false;
};

ChartItem PlaceChart(ImVec2 size) {
    if (size.x <= 0.0f) size.x = std::max(ImGui::GetContentRegionAvail().x, 40.0f);
    if (size.y <= 0.0f) size.y = 160.0f;
    ChartItem item;
    item.min = ImGui::GetCursorScreenPos();
    item.max = Add(item.min, size);
    ImGui::Dummy(size);
    item.hovered = ImGui::IsItemHovered();
    return item;
}

void HorizontalGrid(ImDrawList* draw, const ChartColors& colors, ImVec2 plot_min, ImVec2 plot_max,
                    float max_value, float label_x) {
    const float height = plot_max.y - plot_min.y;
    const float line_height = ImGui::GetTextLineHeight();
    for (int step = 0; step <= 2; ++step) {
        const float y = plot_max.y - height * static_cast<float>(step) / 2.0f;
        draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), colors.grid, 1.0f);
        const std::string label = FormatValue(max_value * static_cast<float>(step) / 2.0f);
        const float width = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(ImVec2(label_x - width, y - line_height * 0.5f), colors.text, label.c_str());
    }
}

// First, middle and last labels under the bars, skipped when they would overlap.
void BarLabels(ImDrawList* draw, const ChartColors& colors, const StackedBarLayout& layout,
               int bars, const std::function<std::string(int)>& label) {
    if (bars <= 0 || !label) return;
    const float y = layout.plot_max.y + 4.0f;
    float right_edge = layout.plot_min.x - 1e9f;
    const int picks[3] = {0, bars / 2, bars - 1};
    for (int k = 0; k < 3; ++k) {
        const int bar = picks[k];
        if (k > 0 && bar == picks[k - 1]) continue;
        const std::string text = label(bar);
        const float width = ImGui::CalcTextSize(text.c_str()).x;
        const float center = layout.plot_min.x + (static_cast<float>(bar) + 0.5f) * layout.slot;
        float x = std::clamp(center - width * 0.5f, layout.plot_min.x, layout.plot_max.x - width);
        if (x < right_edge + 8.0f) continue;
        draw->AddText(ImVec2(x, y), colors.text, text.c_str());
        right_edge = x + width;
    }
}

void ColorSquare(ImU32 color) {
    const float side = ImGui::GetTextLineHeight() * 0.7f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float offset = (ImGui::GetTextLineHeight() - side) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(
        ImVec2(pos.x, pos.y + offset), ImVec2(pos.x + side, pos.y + offset + side), color, 2.0f);
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
}

}  // namespace

// [SECTION] Colours

bool IsDark(ImU32 background) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
    return 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z < 0.5f;
}

ChartColors CurrentChartColors() {
    const Palette& palette = CurrentPalette();
    ChartColors colors{};
    colors.again = palette.again;
    colors.hard = palette.hard;
    colors.good = palette.good;
    colors.easy = palette.easy;
    colors.bar = palette.accent;
    colors.line = palette.hard;
    colors.track = ImGui::GetColorU32(ImGuiCol_FrameBg);
    colors.grid = ImGui::GetColorU32(ImGuiCol_Text, 0.12f);
    colors.text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const bool dark = IsDark(ImGui::GetColorU32(ImGuiCol_WindowBg));
    // On a dark background the faint levels need more of the colour to be told apart.
    const float levels_light[4] = {0.30f, 0.55f, 0.80f, 1.0f};
    const float levels_dark[4] = {0.40f, 0.62f, 0.82f, 1.0f};
    colors.heat[0] = colors.track;
    for (int level = 1; level <= 4; ++level) {
        colors.heat[level] = MixColor(colors.track, palette.good,
                                      dark ? levels_dark[level - 1] : levels_light[level - 1]);
    }
    return colors;
}

// [SECTION] Calendar heatmap

int WeekdayOf(std::string_view date) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (!ParseDate(date, year, month, day)) return -1;
    const std::chrono::year_month_day ymd{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return -1;
    const std::chrono::weekday weekday{std::chrono::sys_days(ymd)};
    return static_cast<int>(weekday.iso_encoding()) - 1;
}

ImVec2 HeatmapLayout::Size() const {
    const float step = cell + gap;
    return ImVec2(static_cast<float>(Columns()) * step - gap, 7.0f * step - gap);
}

ImVec2 HeatmapLayout::CellMin(int day) const {
    const int position = first_weekday + day;
    const float step = cell + gap;
    return ImVec2(origin.x + static_cast<float>(position / 7) * step,
                  origin.y + static_cast<float>(position % 7) * step);
}

int HeatmapDayAt(const HeatmapLayout& layout, ImVec2 point) {
    const float step = layout.cell + layout.gap;
    const float x = point.x - layout.origin.x;
    const float y = point.y - layout.origin.y;
    if (x < 0.0f || y < 0.0f || step <= 0.0f) return -1;
    const int column = static_cast<int>(x / step);
    const int row = static_cast<int>(y / step);
    if (row >= 7 || column >= layout.Columns()) return -1;
    if (x - static_cast<float>(column) * step > layout.cell) return -1;
    if (y - static_cast<float>(row) * step > layout.cell) return -1;
    const int day = column * 7 + row - layout.first_weekday;
    return day >= 0 && day < layout.days ? day : -1;
}

int HeatLevel(int count, int max_count) {
    if (count <= 0 || max_count <= 0) return 0;
    const int level = (4 * count + max_count - 1) / max_count;  // ceil(4 * count / max)
    return std::clamp(level, 1, 4);
}

HeatmapLayout HeatmapLayoutAt(ImVec2 top_left, std::string_view first_date, int days, float cell) {
    HeatmapLayout layout;
    layout.cell = cell;
    layout.gap = std::max(2.0f, std::round(cell * 0.22f));
    layout.first_weekday = std::max(0, WeekdayOf(first_date));
    layout.days = days;
    layout.origin = ImVec2(top_left.x + ImGui::CalcTextSize("Mon").x + 8.0f,
                           top_left.y + ImGui::GetTextLineHeight() + 4.0f);
    return layout;
}

int DrawCalendarHeatmap(std::span<const std::string> dates, std::span<const int> counts,
                        float cell) {
    const int days = static_cast<int>(std::min(dates.size(), counts.size()));
    if (days == 0) return -1;
    const ChartColors colors = CurrentChartColors();
    const float line_height = ImGui::GetTextLineHeight();
    const ImVec2 top_left = ImGui::GetCursorScreenPos();

    const HeatmapLayout layout = HeatmapLayoutAt(top_left, dates[0], days, cell);
    const ImVec2 grid = layout.Size();
    const float legend_height = cell + 8.0f;
    const ImVec2 size(layout.origin.x - top_left.x + grid.x,
                      layout.origin.y - top_left.y + grid.y + legend_height);
    ImGui::Dummy(size);
    const bool item_hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    int max_count = 0;
    for (int i = 0; i < days; ++i)
        max_count = std::max(max_count, counts[static_cast<std::size_t>(i)]);

    for (int row = 0; row < 7; row += 2) {
        if (row == 6) break;  // Mon, Wed, Fri as on most calendars
        const float y = layout.origin.y + static_cast<float>(row) * (cell + layout.gap) +
                        (cell - line_height) * 0.5f;
        draw->AddText(ImVec2(top_left.x, y), colors.text, kWeekdayNames[row]);
    }

    // Month names above the first column holding a day of that month, when there is room.
    int previous_month = -1;
    float free_from = layout.origin.x;
    for (int column = 0; column < layout.Columns(); ++column) {
        const int day = std::max(0, column * 7 - layout.first_weekday);
        if (day >= days) break;
        int year = 0;
        int month = 0;
        int day_of_month = 0;
        if (!ParseDate(dates[static_cast<std::size_t>(day)], year, month, day_of_month)) continue;
        if (month == previous_month || month < 1 || month > 12) continue;
        previous_month = month;
        const float x = layout.origin.x + static_cast<float>(column) * (cell + layout.gap);
        if (x < free_from) continue;
        draw->AddText(ImVec2(x, top_left.y), colors.text, kMonthNames[month - 1]);
        free_from = x + ImGui::CalcTextSize(kMonthNames[month - 1]).x + 6.0f;
    }

    const int hovered = item_hovered ? HeatmapDayAt(layout, ImGui::GetIO().MousePos) : -1;
    const float rounding = std::min(3.0f, cell * 0.2f);
    for (int day = 0; day < days; ++day) {
        const ImVec2 min = layout.CellMin(day);
        const ImVec2 max(min.x + cell, min.y + cell);
        const int level = HeatLevel(counts[static_cast<std::size_t>(day)], max_count);
        draw->AddRectFilled(min, max, colors.heat[level], rounding);
        if (day == days - 1) {
            draw->AddRect(min, max, colors.text, rounding);  // today
        }
    }
    if (hovered >= 0) {
        const ImVec2 min = layout.CellMin(hovered);
        draw->AddRect(ImVec2(min.x - 1, min.y - 1), ImVec2(min.x + cell + 1, min.y + cell + 1),
                      ImGui::GetColorU32(ImGuiCol_Text), rounding, 0, 2.0f);
        const std::string& date = dates[static_cast<std::size_t>(hovered)];
        const int count = counts[static_cast<std::size_t>(hovered)];
        const int weekday = WeekdayOf(date);
        ImGui::BeginTooltip();
        ImGui::Text("%s %s", weekday >= 0 ? kWeekdayNames[weekday] : "", date.c_str());
        if (count == 0) {
            ImGui::TextDisabled("No reviews");
        } else {
            ImGui::Text("%d review%s", count, count == 1 ? "" : "s");
        }
        ImGui::EndTooltip();
    }

    // Legend: "Less ■■■■■ More" under the grid, right-aligned.
    const float legend_y = layout.origin.y + grid.y + 6.0f;
    const float more_width = ImGui::CalcTextSize("More").x;
    float x = layout.origin.x + grid.x - more_width;
    draw->AddText(ImVec2(x, legend_y + (cell - line_height) * 0.5f), colors.text, "More");
    for (int level = 4; level >= 0; --level) {
        x -= cell + layout.gap;
        draw->AddRectFilled(ImVec2(x, legend_y), ImVec2(x + cell, legend_y + cell),
                            colors.heat[level], rounding);
    }
    const float less_width = ImGui::CalcTextSize("Less").x;
    draw->AddText(
        ImVec2(x - less_width - layout.gap - 2.0f, legend_y + (cell - line_height) * 0.5f),
        colors.text, "Less");
    return hovered;
}

// [SECTION] Bars: layout, stacked bars, single-series bars with a cumulative line

float NiceCeiling(float value) {
    if (!(value > 0.0f)) return 1.0f;
    const float base = std::pow(10.0f, std::floor(std::log10(value)));
    for (const float multiple : {1.0f, 2.0f, 2.5f, 5.0f, 10.0f}) {
        if (multiple * base >= value * (1.0f - 1e-6f)) return multiple * base;
    }
    return 10.0f * base;
}

StackedBarLayout LayoutStackedBars(std::span<const float> values, int series, ImVec2 plot_min,
                                   ImVec2 plot_max) {
    StackedBarLayout layout;
    layout.plot_min = plot_min;
    layout.plot_max = plot_max;
    if (series <= 0) return layout;
    const int bars = static_cast<int>(values.size()) / series;
    if (bars == 0) return layout;
    float max_total = 0.0f;
    for (int bar = 0; bar < bars; ++bar) {
        float total = 0.0f;
        for (int s = 0; s < series; ++s) {
            total += std::max(0.0f, values[static_cast<std::size_t>(bar * series + s)]);
        }
        max_total = std::max(max_total, total);
    }
    layout.max_total = NiceCeiling(max_total);
    layout.slot = (plot_max.x - plot_min.x) / static_cast<float>(bars);
    // Bars keep a gap while there is room for one; a year of days leaves none.
    const float width = layout.slot >= 4.0f ? layout.slot * 0.78f : layout.slot;
    const float height = plot_max.y - plot_min.y;
    layout.segments.reserve(static_cast<std::size_t>(bars * series));
    for (int bar = 0; bar < bars; ++bar) {
        const float x0 =
            plot_min.x + static_cast<float>(bar) * layout.slot + (layout.slot - width) * 0.5f;
        float bottom = plot_max.y;
        for (int s = 0; s < series; ++s) {
            const float value = std::max(0.0f, values[static_cast<std::size_t>(bar * series + s)]);
            const float top = bottom - value / layout.max_total * height;
            layout.segments.push_back(
                BarSegment{bar, s, ImVec2(x0, top), ImVec2(x0 + width, bottom)});
            bottom = top;
        }
    }
    return layout;
}

int StackedBarAt(const StackedBarLayout& layout, int bars, ImVec2 point) {
    if (bars <= 0 || layout.slot <= 0.0f) return -1;
    if (point.x < layout.plot_min.x || point.x >= layout.plot_max.x) return -1;
    if (point.y < layout.plot_min.y || point.y > layout.plot_max.y) return -1;
    const int bar = static_cast<int>((point.x - layout.plot_min.x) / layout.slot);
    return std::clamp(bar, 0, bars - 1);
}

namespace {

// Margins around the plotting area: the y labels on the left (and right), the x labels below.
struct Frame {
    ImVec2 plot_min, plot_max;
};

// The widest of the grid's labels (0, half and all of `max_value`, see HorizontalGrid): the
// middle one may be the widest ("12.5" under "25"). Measured with the current font every frame,
// so a font size change moves the margin too.
float GridLabelWidth(float max_value) {
    float widest = 0.0f;
    for (int step = 0; step <= 2; ++step) {
        const std::string label = FormatValue(max_value * static_cast<float>(step) / 2.0f);
        widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
    }
    return widest;
}

Frame PlotFrame(const ChartItem& item, float max_value, float right_max_value) {
    const float line_height = ImGui::GetTextLineHeight();
    const float left = GridLabelWidth(max_value) + 8.0f;
    const float right = right_max_value > 0.0f ? GridLabelWidth(right_max_value) + 8.0f : 4.0f;
    Frame frame;
    frame.plot_min = ImVec2(item.min.x + left, item.min.y + line_height * 0.5f);
    frame.plot_max = ImVec2(std::max(frame.plot_min.x + 1.0f, item.max.x - right),
                            std::max(frame.plot_min.y + 1.0f, item.max.y - line_height - 6.0f));
    return frame;
}

}  // namespace

int DrawStackedBars(std::span<const float> values, std::span<const Series> series,
                    const std::function<std::string(int)>& label, ImVec2 size) {
    const int series_count = static_cast<int>(series.size());
    const ChartItem item = PlaceChart(size);
    if (series_count == 0) return -1;
    const int bars = static_cast<int>(values.size()) / series_count;
    const ChartColors colors = CurrentChartColors();
    // The axis labels depend on the maximum, which the layout computes; lay out twice (cheap).
    const StackedBarLayout probe = LayoutStackedBars(values, series_count, item.min, item.max);
    const Frame frame = PlotFrame(item, probe.max_total, 0.0f);
    const StackedBarLayout layout =
        LayoutStackedBars(values, series_count, frame.plot_min, frame.plot_max);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    HorizontalGrid(draw, colors, frame.plot_min, frame.plot_max, layout.max_total,
                   frame.plot_min.x - 6.0f);

    const int hovered = item.hovered ? StackedBarAt(layout, bars, ImGui::GetIO().MousePos) : -1;
    if (hovered >= 0) {
        const float x0 = frame.plot_min.x + static_cast<float>(hovered) * layout.slot;
        draw->AddRectFilled(ImVec2(x0, frame.plot_min.y),
                            ImVec2(x0 + layout.slot, frame.plot_max.y), colors.grid);
    }
    for (const BarSegment& segment : layout.segments) {
        if (segment.max.y - segment.min.y <= 0.0f) continue;
        draw->AddRectFilled(segment.min, segment.max,
                            series[static_cast<std::size_t>(segment.series)].color);
    }
    BarLabels(draw, colors, layout, bars, label);

    if (hovered >= 0) {
        ImGui::BeginTooltip();
        if (label) ImGui::TextUnformatted(label(hovered).c_str());
        float total = 0.0f;
        for (int s = 0; s < series_count; ++s) {
            const float value = values[static_cast<std::size_t>(hovered * series_count + s)];
            total += value;
            if (value == 0.0f && series_count > 1) continue;  // the total says it; keep it short
            ColorSquare(series[static_cast<std::size_t>(s)].color);
            ImGui::Text("%s: %s", series[static_cast<std::size_t>(s)].name,
                        FormatValue(value).c_str());
        }
        if (series_count > 1) ImGui::Text("Total: %s", FormatValue(total).c_str());
        ImGui::EndTooltip();
    }
    return hovered;
}

int DrawBarChart(std::span<const float> values, ImU32 color,
                 const std::function<std::string(int)>& label, ImVec2 size, bool cumulative_line,
                 const char* unit) {
    const ChartItem item = PlaceChart(size);
    const int bars = static_cast<int>(values.size());
    if (bars == 0) return -1;
    const ChartColors colors = CurrentChartColors();
    std::vector<float> cumulative(values.size());
    float running = 0.0f;
    for (std::size_t i = 0; i < values.size(); ++i) {
        running += std::max(0.0f, values[i]);
        cumulative[i] = running;
    }
    const float cumulative_max = cumulative_line ? NiceCeiling(running) : 0.0f;
    const StackedBarLayout probe = LayoutStackedBars(values, 1, item.min, item.max);
    const Frame frame = PlotFrame(item, probe.max_total, cumulative_max);
    const StackedBarLayout layout = LayoutStackedBars(values, 1, frame.plot_min, frame.plot_max);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    HorizontalGrid(draw, colors, frame.plot_min, frame.plot_max, layout.max_total,
                   frame.plot_min.x - 6.0f);

    const int hovered = item.hovered ? StackedBarAt(layout, bars, ImGui::GetIO().MousePos) : -1;
    if (hovered >= 0) {
        const float x0 = frame.plot_min.x + static_cast<float>(hovered) * layout.slot;
        draw->AddRectFilled(ImVec2(x0, frame.plot_min.y),
                            ImVec2(x0 + layout.slot, frame.plot_max.y), colors.grid);
    }
    for (const BarSegment& segment : layout.segments) {
        if (segment.max.y - segment.min.y <= 0.0f) continue;
        draw->AddRectFilled(segment.min, segment.max, color, 2.0f, ImDrawFlags_RoundCornersTop);
    }
    if (cumulative_line) {
        const float height = frame.plot_max.y - frame.plot_min.y;
        std::vector<ImVec2> points;
        points.reserve(cumulative.size());
        for (int bar = 0; bar < bars; ++bar) {
            const float x = frame.plot_min.x + (static_cast<float>(bar) + 0.5f) * layout.slot;
            points.emplace_back(x, frame.plot_max.y - cumulative[static_cast<std::size_t>(bar)] /
                                                          cumulative_max * height);
        }
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), colors.line, 0, 2.0f);
        const float line_height = ImGui::GetTextLineHeight();
        draw->AddText(ImVec2(frame.plot_max.x + 6.0f, frame.plot_min.y - line_height * 0.5f),
                      colors.line, FormatValue(cumulative_max).c_str());
        if (hovered >= 0) {
            draw->AddCircleFilled(points[static_cast<std::size_t>(hovered)], 4.0f, colors.line);
        }
    }
    BarLabels(draw, colors, layout, bars, label);

    if (hovered >= 0) {
        ImGui::BeginTooltip();
        if (label) ImGui::TextUnformatted(label(hovered).c_str());
        ColorSquare(color);
        ImGui::Text("%s %s", FormatValue(values[static_cast<std::size_t>(hovered)]).c_str(), unit);
        if (cumulative_line) {
            ColorSquare(colors.line);
            ImGui::Text("%s in all by then",
                        FormatValue(cumulative[static_cast<std::size_t>(hovered)]).c_str());
        }
        ImGui::EndTooltip();
    }
    return hovered;
}

// [SECTION] Line chart

int DrawLineChart(std::span<const double> xs, std::span<const double> ys, double marker_x,
                  const std::function<std::string(double, double)>& format, ImVec2 size,
                  const char* x_format, const char* marker_label) {
    const ChartItem item = PlaceChart(size);
    const int count = static_cast<int>(std::min(xs.size(), ys.size()));
    if (count < 2) return -1;
    const ChartColors colors = CurrentChartColors();
    double y_max = 0.0;
    for (int i = 0; i < count; ++i) y_max = std::max(y_max, ys[static_cast<std::size_t>(i)]);
    const float top = NiceCeiling(static_cast<float>(y_max));
    const Frame frame = PlotFrame(item, top, 0.0f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    HorizontalGrid(draw, colors, frame.plot_min, frame.plot_max, top, frame.plot_min.x - 6.0f);

    const double x_min = xs[0];
    const double x_span = std::max(1e-9, xs[static_cast<std::size_t>(count - 1)] - x_min);
    const float width = frame.plot_max.x - frame.plot_min.x;
    const float height = frame.plot_max.y - frame.plot_min.y;
    auto to_screen = [&](double x, double y) {
        return ImVec2(frame.plot_min.x + static_cast<float>((x - x_min) / x_span) * width,
                      frame.plot_max.y - static_cast<float>(y) / top * height);
    };
    std::vector<ImVec2> points;
    points.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        points.push_back(
            to_screen(xs[static_cast<std::size_t>(i)], ys[static_cast<std::size_t>(i)]));
    }
    draw->AddPolyline(points.data(), count, colors.bar, 0, 2.0f);

    // The marker sits on the line, interpolated between the two nearest points.
    const double clamped = std::clamp(marker_x, x_min, xs[static_cast<std::size_t>(count - 1)]);
    for (int i = 1; i < count; ++i) {
        const double x0 = xs[static_cast<std::size_t>(i - 1)];
        const double x1 = xs[static_cast<std::size_t>(i)];
        if (clamped > x1 && i < count - 1) continue;
        const double t = x1 > x0 ? (clamped - x0) / (x1 - x0) : 0.0;
        const double y =
            ys[static_cast<std::size_t>(i - 1)] +
            t * (ys[static_cast<std::size_t>(i)] - ys[static_cast<std::size_t>(i - 1)]);
        const ImVec2 marker = to_screen(clamped, y);
        draw->AddLine(ImVec2(marker.x, frame.plot_min.y), ImVec2(marker.x, frame.plot_max.y),
                      colors.grid, 1.0f);
        draw->AddCircleFilled(marker, 5.0f, colors.line);
        if (marker_label != nullptr) {
            // Right of the marker, or left of it near the right edge; above the line.
            const ImVec2 text = ImGui::CalcTextSize(marker_label);
            const float gap = 8.0f;
            float label_x = marker.x + gap;
            if (label_x + text.x > frame.plot_max.x) label_x = marker.x - gap - text.x;
            const float label_y = std::max(frame.plot_min.y, marker.y - gap - text.y);
            draw->AddText(ImVec2(label_x, label_y), colors.line, marker_label);
        }
        break;
    }

    char left[32];
    char right[32];
    std::snprintf(left, sizeof left, x_format, x_min);
    std::snprintf(right, sizeof right, x_format, xs[static_cast<std::size_t>(count - 1)]);
    draw->AddText(ImVec2(frame.plot_min.x, frame.plot_max.y + 4.0f), colors.text, left);
    draw->AddText(ImVec2(frame.plot_max.x - ImGui::CalcTextSize(right).x, frame.plot_max.y + 4.0f),
                  colors.text, right);

    int hovered = -1;
    if (item.hovered) {
        const float mouse_x = ImGui::GetIO().MousePos.x;
        float best = 1e9f;
        for (int i = 0; i < count; ++i) {
            const float distance = std::fabs(points[static_cast<std::size_t>(i)].x - mouse_x);
            if (distance < best) {
                best = distance;
                hovered = i;
            }
        }
        if (hovered >= 0) {
            draw->AddCircle(points[static_cast<std::size_t>(hovered)], 5.0f, colors.bar, 0, 2.0f);
            ImGui::BeginTooltip();
            const std::string text = format ? format(xs[static_cast<std::size_t>(hovered)],
                                                     ys[static_cast<std::size_t>(hovered)])
                                            : FormatValue(ys[static_cast<std::size_t>(hovered)]);
            ImGui::TextUnformatted(text.c_str());
            ImGui::EndTooltip();
        }
    }
    return hovered;
}

// [SECTION] Mastery bar

bool MasteryBar(float fraction, ImVec2 size, ImU32 low, ImU32 high, const char* overlay) {
    fraction = std::clamp(std::isfinite(fraction) ? fraction : 0.0f, 0.0f, 1.0f);
    if (size.x <= 0.0f) size.x = std::max(ImGui::GetContentRegionAvail().x, 20.0f);
    if (size.y <= 0.0f) size.y = ImGui::GetFrameHeight();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max = Add(min, size);
    ImGui::Dummy(size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = std::min(4.0f, size.y * 0.5f);
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
    const ImU32 fill = MixColor(low, high, fraction);
    const float fill_right = min.x + std::max(size.x * fraction, rounding * 2.0f);
    if (fraction > 0.0f) draw->AddRectFilled(min, ImVec2(fill_right, max.y), fill, rounding);
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.0f%%", static_cast<double>(fraction) * 100.0);
    const char* text = overlay != nullptr ? overlay : percent;
    const ImVec2 text_size = ImGui::CalcTextSize(text);
    if (text_size.y <= size.y + 2.0f) {
        // Text mostly over the fill takes the colour that contrasts with the fill, not the theme's.
        const float text_x = min.x + (size.x - text_size.x) * 0.5f;
        ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
        if (fraction > 0.0f && fill_right >= text_x + text_size.x * 0.5f) {
            color = IsDark(fill) ? IM_COL32(250, 250, 250, 255) : IM_COL32(24, 24, 28, 255);
        }
        draw->AddText(ImVec2(text_x, min.y + (size.y - text_size.y) * 0.5f), color, text);
    }
    return ImGui::IsItemHovered();
}

}  // namespace mondo::app::plots
