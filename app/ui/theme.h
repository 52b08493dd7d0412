// Light and dark themes for the whole app, and the few semantic colours screens share.
#pragma once

#include <imgui.h>

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

// Mixes two colours (t = 0 → a, 1 → b); used for mastery tints.
ImU32 MixColor(ImU32 a, ImU32 b, float t);

}  // namespace mondo::app
