// Charts drawn with ImDrawList (ImPlot is not packaged in Debian): a calendar heatmap, stacked
// bars, a bar chart with an optional cumulative line, a line chart with a marker and a labelled
// progress bar. Each Draw* function lays out its chart at the cursor as one ImGui item (no id, not
// focusable), shows the value under the mouse in a tooltip and returns the index hovered (-1 when
// none).
//
// Geometry is computed by pure Layout*/...At helpers (no ImGui context needed) so the mapping from
// data to pixels and from the mouse back to data can be tested on its own. Colours come from
// ChartColors(), derived from the current ImGui style and theme palette, so charts read well in
// both the light and the dark theme.
#pragma once

#include <imgui.h>

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mondo::app::plots {

// ---------------------------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------------------------

struct ChartColors {
    ImU32 again, hard, good, easy;  // the four ratings
    ImU32 bar;                      // single-series bars
    ImU32 line;                     // lines, markers
    ImU32 track;                    // empty cells, progress-bar tracks
    ImU32 grid;                     // grid lines and axes
    ImU32 text;                     // axis labels
    ImU32 heat[5];                  // heatmap levels: 0 = no reviews … 4 = the busiest days
};

// Colours for the current style: rating colours from the theme palette, the rest mixed from the
// style's colours (a dark WindowBg gives brighter heat levels so they stand out on it).
ChartColors CurrentChartColors();

// Whether `background` is dark (relative luminance below one half).
bool IsDark(ImU32 background);

// ---------------------------------------------------------------------------------------------
// Calendar heatmap: one column per week (oldest on the left), one row per weekday (Monday on top)
// ---------------------------------------------------------------------------------------------

// Day of the week of a "YYYY-MM-DD" date, 0 = Monday … 6 = Sunday; -1 when malformed.
int WeekdayOf(std::string_view date);

struct HeatmapLayout {
    ImVec2 origin;          // top-left of the first column's Monday cell
    float cell = 12.0f;     // side of a cell
    float gap = 3.0f;       // between cells
    int first_weekday = 0;  // weekday of day 0 (0 = Monday)
    int days = 0;           // cells drawn: day 0 … days-1, oldest first

    int Columns() const { return (first_weekday + days + 6) / 7; }
    ImVec2 Size() const;
    ImVec2 CellMin(int day) const;
};

// The day whose cell contains `point`, or -1 (gaps, outside, or a weekday slot with no day).
int HeatmapDayAt(const HeatmapLayout& layout, ImVec2 point);

// Heat level 0..4 of `count` against the busiest day `max_count` (0 only for no reviews).
int HeatLevel(int count, int max_count);

// Draws `counts` (one per consecutive day ending today, `dates[i]` its "YYYY-MM-DD") with month
// names above the columns and weekday initials on the left; the tooltip shows the date and count.
// The layout DrawCalendarHeatmap uses when the cursor is at `top_left` (needs a current ImGui
// context for the label widths): `days` cells starting on the day `first_date`.
HeatmapLayout HeatmapLayoutAt(ImVec2 top_left, std::string_view first_date, int days, float cell);

int DrawCalendarHeatmap(std::span<const std::string> dates, std::span<const int> counts,
                        float cell = 13.0f);

// ---------------------------------------------------------------------------------------------
// Stacked bars: `bars` bars of `series` stacked values each (values[bar * series + s])
// ---------------------------------------------------------------------------------------------

struct BarSegment {
    int bar = 0;
    int series = 0;
    ImVec2 min, max;  // screen rectangle; empty (min.y == max.y) for a zero value
};

struct StackedBarLayout {
    ImVec2 plot_min, plot_max;  // the plotting area (axes excluded)
    float max_total = 0.0f;     // the value the plot's top stands for
    float slot = 0.0f;          // horizontal space of one bar
    std::vector<BarSegment> segments;
};

// Lays the bars out in [plot_min, plot_max]: each segment's height is its value over `max_total`
// (the tallest stack rounded up to a readable axis value) times the plot's height; stacks grow
// from the bottom in series order.
StackedBarLayout LayoutStackedBars(std::span<const float> values, int series, ImVec2 plot_min,
                                   ImVec2 plot_max);

// The bar whose slot contains `point`, or -1.
int StackedBarAt(const StackedBarLayout& layout, int bars, ImVec2 point);

// A "nice" axis maximum ≥ value: 1, 2, 2.5 or 5 times a power of ten (0 stays 0 → 1).
float NiceCeiling(float value);

struct Series {
    const char* name;
    ImU32 color;
};

// `label(bar)` names a bar in the tooltip and on the x axis (first, middle, last); the tooltip
// lists each non-zero series' value and the total. `size.x <= 0` fills the available width.
int DrawStackedBars(std::span<const float> values, std::span<const Series> series,
                    const std::function<std::string(int)>& label, ImVec2 size);

// One series of bars; with `cumulative_line` a line of the running total is drawn over them on its
// own scale (labelled on the right), as in a forecast of the reviews that will pile up.
int DrawBarChart(std::span<const float> values, ImU32 color,
                 const std::function<std::string(int)>& label, ImVec2 size,
                 bool cumulative_line = false, const char* unit = "");

// A line through (xs[i], ys[i]) (xs ascending) with a marker at `marker_x` on the interpolated
// line; the tooltip shows the point nearest the mouse formatted by `format(x, y)`. The x axis's
// ends are printed with `x_format`; `marker_label`, if any, is written beside the marker.
int DrawLineChart(std::span<const double> xs, std::span<const double> ys, double marker_x,
                  const std::function<std::string(double, double)>& format, ImVec2 size,
                  const char* x_format = "%.2f", const char* marker_label = nullptr);

// A progress bar with the percentage drawn on it, coloured from `low` to `high` by `fraction`
// (clamped to 0..1). Returns whether it is hovered.
bool MasteryBar(float fraction, ImVec2 size, ImU32 low, ImU32 high, const char* overlay = nullptr);

}  // namespace mondo::app::plots
