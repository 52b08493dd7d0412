#include "app/ui/theme.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace mondo::app {

namespace {

// Every colour used for text reaches 4.5:1 (WCAG AA) on the backgrounds text sits on; the theme
// test (tests/app/theme_test.cpp) checks it through TextColorPairs().
constexpr Palette kLightPalette{
    IM_COL32(176, 38, 34, 255),  IM_COL32(148, 82, 0, 255),  IM_COL32(24, 112, 54, 255),
    IM_COL32(30, 94, 168, 255),  IM_COL32(30, 94, 168, 255), IM_COL32(96, 94, 88, 255),
    IM_COL32(24, 112, 54, 255),  IM_COL32(176, 38, 34, 255), IM_COL32(236, 234, 228, 255),
    IM_COL32(88, 170, 110, 255),
};
constexpr Palette kDarkPalette{
    IM_COL32(250, 142, 134, 255), IM_COL32(236, 166, 70, 255),  IM_COL32(104, 198, 128, 255),
    IM_COL32(134, 182, 240, 255), IM_COL32(134, 182, 240, 255), IM_COL32(168, 168, 176, 255),
    IM_COL32(104, 198, 128, 255), IM_COL32(250, 142, 134, 255), IM_COL32(44, 46, 52, 255),
    IM_COL32(70, 150, 96, 255),
};
const Palette* g_palette = &kLightPalette;
ImFont* g_heading_font = nullptr;

ImVec4 Rgb(int r, int g, int b, float a = 1.0f) {
    return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                  static_cast<float>(b) / 255.0f, a);
}

void SetLightColors(ImGuiStyle& style) {
    ImGui::StyleColorsLight(&style);
    g_palette = &kLightPalette;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = Rgb(250, 249, 246);
    c[ImGuiCol_ChildBg] = Rgb(250, 249, 246);
    c[ImGuiCol_PopupBg] = Rgb(255, 255, 255);
    c[ImGuiCol_Text] = Rgb(34, 34, 38);
    c[ImGuiCol_TextDisabled] = Rgb(96, 94, 88);
    c[ImGuiCol_Border] = Rgb(0, 0, 0, 0.12f);
    c[ImGuiCol_FrameBg] = Rgb(236, 234, 228);
    c[ImGuiCol_FrameBgHovered] = Rgb(226, 223, 214);
    c[ImGuiCol_FrameBgActive] = Rgb(214, 210, 200);
    c[ImGuiCol_Button] = Rgb(232, 229, 221);
    c[ImGuiCol_ButtonHovered] = Rgb(210, 224, 240);
    c[ImGuiCol_ButtonActive] = Rgb(180, 204, 232);
    c[ImGuiCol_Header] = Rgb(222, 232, 244);
    c[ImGuiCol_HeaderHovered] = Rgb(206, 222, 240);
    c[ImGuiCol_HeaderActive] = Rgb(186, 208, 234);
    c[ImGuiCol_MenuBarBg] = Rgb(240, 238, 232);
    c[ImGuiCol_PlotHistogram] = Rgb(52, 120, 196);
    c[ImGuiCol_CheckMark] = Rgb(52, 120, 196);
    c[ImGuiCol_SliderGrab] = Rgb(52, 120, 196);
    c[ImGuiCol_NavHighlight] = Rgb(52, 120, 196);
    c[ImGuiCol_TableHeaderBg] = Rgb(236, 234, 228);
    c[ImGuiCol_TableRowBgAlt] = Rgb(0, 0, 0, 0.025f);
}

void SetDarkColors(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    g_palette = &kDarkPalette;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = Rgb(28, 29, 33);
    c[ImGuiCol_ChildBg] = Rgb(28, 29, 33);
    c[ImGuiCol_PopupBg] = Rgb(36, 37, 42);
    c[ImGuiCol_Text] = Rgb(228, 226, 220);
    c[ImGuiCol_TextDisabled] = Rgb(168, 168, 176);
    c[ImGuiCol_Border] = Rgb(255, 255, 255, 0.10f);
    c[ImGuiCol_FrameBg] = Rgb(44, 46, 52);
    c[ImGuiCol_FrameBgHovered] = Rgb(54, 57, 64);
    c[ImGuiCol_FrameBgActive] = Rgb(64, 68, 76);
    c[ImGuiCol_Button] = Rgb(48, 50, 57);
    c[ImGuiCol_ButtonHovered] = Rgb(52, 78, 112);
    c[ImGuiCol_ButtonActive] = Rgb(62, 96, 140);
    c[ImGuiCol_Header] = Rgb(46, 62, 86);
    c[ImGuiCol_HeaderHovered] = Rgb(54, 76, 106);
    c[ImGuiCol_HeaderActive] = Rgb(62, 88, 124);
    c[ImGuiCol_MenuBarBg] = Rgb(34, 35, 40);
    c[ImGuiCol_PlotHistogram] = Rgb(96, 156, 224);
    c[ImGuiCol_CheckMark] = Rgb(96, 156, 224);
    c[ImGuiCol_SliderGrab] = Rgb(96, 156, 224);
    c[ImGuiCol_NavHighlight] = Rgb(96, 156, 224);
    c[ImGuiCol_TableHeaderBg] = Rgb(40, 42, 48);
    c[ImGuiCol_TableRowBgAlt] = Rgb(255, 255, 255, 0.03f);
}

}  // namespace

void ApplyTheme(Theme theme, float scale) {
    ImGuiStyle style;
    if (theme == Theme::kDark) {
        SetDarkColors(style);
    } else {
        SetLightColors(style);
    }
    style.WindowPadding = ImVec2(24, 18);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.FrameRounding = 5.0f;
    style.GrabRounding = 5.0f;
    style.PopupRounding = 5.0f;
    style.ChildRounding = 6.0f;
    style.TabRounding = 5.0f;
    style.WindowBorderSize = 0.0f;
    style.ScrollbarSize = 14.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

const Palette& CurrentPalette() { return *g_palette; }

void SetHeadingFont(ImFont* font) { g_heading_font = font; }

void PushHeadingFont() {
    if (g_heading_font) ImGui::PushFont(g_heading_font);
}

void PopHeadingFont() {
    if (g_heading_font) ImGui::PopFont();
}

ImU32 MixColor(ImU32 a, ImU32 b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    const ImVec4 ca = ImGui::ColorConvertU32ToFloat4(a);
    const ImVec4 cb = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(ca.x + (cb.x - ca.x) * t, ca.y + (cb.y - ca.y) * t,
                                                 ca.z + (cb.z - ca.z) * t,
                                                 ca.w + (cb.w - ca.w) * t));
}

namespace {

double Linear(double channel) {
    return channel <= 0.03928 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double RelativeLuminance(ImU32 color) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    return 0.2126 * Linear(c.x) + 0.7152 * Linear(c.y) + 0.0722 * Linear(c.z);
}

// `color` drawn over the opaque `background` (its alpha applied).
ImU32 Over(ImU32 color, ImU32 background) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    return MixColor(background, (color | IM_COL32_A_MASK), c.w);
}

}  // namespace

double ContrastRatio(ImU32 a, ImU32 b) {
    const double la = RelativeLuminance(a);
    const double lb = RelativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<TextColorPair> TextColorPairs() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto col = [&](ImGuiCol c) { return ImGui::ColorConvertFloat4ToU32(style.Colors[c]); };
    const ImU32 window = col(ImGuiCol_WindowBg);
    const Palette& p = CurrentPalette();
    const std::pair<const char*, ImU32> texts[] = {{"Text", col(ImGuiCol_Text)},
                                                   {"TextDisabled", col(ImGuiCol_TextDisabled)},
                                                   {"again", p.again},
                                                   {"hard", p.hard},
                                                   {"good", p.good},
                                                   {"easy", p.easy},
                                                   {"accent", p.accent},
                                                   {"muted", p.muted},
                                                   {"correct", p.correct},
                                                   {"wrong", p.wrong}};
    // Where text of any colour sits: windows, popups, the menu bar, text boxes, buttons, selected
    // rows and table headers, striped rows.
    const std::pair<const char*, ImU32> backgrounds[] = {
        {"WindowBg", window},
        {"ChildBg", Over(col(ImGuiCol_ChildBg), window)},
        {"PopupBg", col(ImGuiCol_PopupBg)},
        {"MenuBarBg", col(ImGuiCol_MenuBarBg)},
        {"FrameBg", Over(col(ImGuiCol_FrameBg), window)},
        {"Button", Over(col(ImGuiCol_Button), window)},
        {"Header", Over(col(ImGuiCol_Header), window)},
        {"TableHeaderBg", Over(col(ImGuiCol_TableHeaderBg), window)},
        {"TableRowBgAlt", Over(col(ImGuiCol_TableRowBgAlt), window)}};
    std::vector<TextColorPair> pairs;
    for (const auto& [text_name, text] : texts) {
        for (const auto& [background_name, background] : backgrounds) {
            pairs.push_back({text_name, background_name, text, background});
        }
    }
    // Read's exchanges (text, grey notes, the accent Q label) sit on a mastery tint, at most
    // this strong, mixed from `again` to `mastery_high`.
    const auto tint = [&](ImU32 color) {
        return Over((color & ~IM_COL32_A_MASK) |
                        (static_cast<ImU32>(kMasteryTintMaxAlpha * 255.0f) << IM_COL32_A_SHIFT),
                    window);
    };
    for (const auto& [text_name, text] :
         {texts[0], texts[1], std::pair<const char*, ImU32>{"accent", p.accent}}) {
        pairs.push_back({text_name, "mastery tint (low)", text, tint(p.again)});
        pairs.push_back({text_name, "mastery tint (high)", text, tint(p.mastery_high)});
    }
    // Plain text also sits on hovered and pressed widgets.
    for (ImGuiCol c : {ImGuiCol_FrameBgHovered, ImGuiCol_FrameBgActive, ImGuiCol_ButtonHovered,
                       ImGuiCol_ButtonActive, ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive}) {
        pairs.push_back(
            {"Text", ImGui::GetStyleColorName(c), col(ImGuiCol_Text), Over(col(c), window)});
    }
    return pairs;
}

}  // namespace mondo::app
