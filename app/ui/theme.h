// Light and dark themes for the whole app, and the few semantic colours screens share.
#pragma once

#include <imgui.h>

#include <vector>

#include "app/ui/theme_choice.h"

namespace mondo::app {

// Applies the theme's colours and mondo's spacing to ImGui's style, scaled by `scale` (HiDPI).
void ApplyTheme(Theme theme, float scale);

// Semantic colours of the current theme.
struct Palette {
    ImU32 again, hard, good, easy;  // the four ratings
    ImU32 accent;                   // focus, progress
    ImU32 muted;                    // secondary text
    ImU32 correct, wrong;           // auto-graded feedback
    ImU32 mastery_low, mastery_high;
};
const Palette& CurrentPalette();

// The bold heading font (set once fonts are loaded; null in headless tests, where headings fall
// back to the default font).
void SetHeadingFont(ImFont* font);
// Pushes the heading font (or nothing when none is set); pair with PopHeadingFont().
void PushHeadingFont();
void PopHeadingFont();

// Read tints an exchange by mastery with a palette colour at up to this alpha over the window.
inline constexpr float kMasteryTintMaxAlpha = 0.18f;

// WCAG 2 contrast ratio of two opaque colours (1 to 21).
double ContrastRatio(ImU32 a, ImU32 b);

// Every (text colour, background) combination the current theme draws text with, backgrounds
// with alpha already composed over the window background. Each must reach 4.5:1.
struct TextColorPair {
    const char* text;
    const char* background;
    ImU32 text_color;
    ImU32 background_color;
};
std::vector<TextColorPair> TextColorPairs();

// Mixes two colours (t = 0 → a, 1 → b); used for mastery tints.
ImU32 MixColor(ImU32 a, ImU32 b, float t);

}  // namespace mondo::app
