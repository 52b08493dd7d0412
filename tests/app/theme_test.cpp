// Contrast: every text colour of both themes reaches WCAG AA (4.5:1) on every background text
// is drawn on, computed from the theme itself (issue 12).
#include "app/ui/theme.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/app/imgui_harness.h"

using namespace mondo::app;

TEST_CASE("the contrast ratio follows WCAG 2") {
    CHECK(ContrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) ==
          doctest::Approx(21.0));
    CHECK(ContrastRatio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)) ==
          doctest::Approx(4.48).epsilon(0.01));
    CHECK(ContrastRatio(IM_COL32(40, 90, 200, 255), IM_COL32(40, 90, 200, 255)) == 1.0);
}

TEST_CASE("every text colour reaches 4.5:1 on its backgrounds in both themes") {
    mondo::test::ImGuiHarness harness;
    for (Theme theme : {Theme::kLight, Theme::kDark}) {
        ApplyTheme(theme, 1.0f);
        const auto pairs = TextColorPairs();
        CHECK(pairs.size() > 50);
        for (const TextColorPair& pair : pairs) {
            CAPTURE(std::string(theme == Theme::kDark ? "dark" : "light"));
            CAPTURE(std::string(pair.text));
            CAPTURE(std::string(pair.background));
            CHECK(ContrastRatio(pair.text_color, pair.background_color) >= 4.5);
        }
    }
    ApplyTheme(Theme::kLight, 1.0f);
}
