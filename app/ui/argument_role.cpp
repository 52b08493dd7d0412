#include "app/ui/argument_role.h"

#include <string_view>

#include "app/ui/theme.h"

namespace mondo::app {

ImU32 ArgumentRoleColor(content::ArgumentRole role) {
    const Palette& palette = CurrentPalette();
    switch (role) {
        case content::ArgumentRole::kClaim:
            return palette.accent;
        case content::ArgumentRole::kReason:
            return palette.good;
        case content::ArgumentRole::kContrast:
            return palette.hard;
        case content::ArgumentRole::kExample:
            return MixColor(palette.good, palette.accent, 0.5f);
        case content::ArgumentRole::kConclusion:
            return MixColor(palette.accent, palette.again, 0.55f);
        case content::ArgumentRole::kConcession:
        case content::ArgumentRole::kContext:
            return palette.muted;
    }
    return palette.muted;
}

bool IsMarkedRole(content::ArgumentRole role) { return role != content::ArgumentRole::kContext; }

void ArgumentRoleTag(content::ArgumentRole role) {
    const std::string_view name = content::RoleName(role);
    const ImU32 color = ArgumentRoleColor(role);
    const ImVec2 text_size = ImGui::CalcTextSize(name.data(), name.data() + name.size());
    const ImVec2 pad(6.0f, 1.0f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 end(start.x + text_size.x + 2 * pad.x, start.y + text_size.y + 2 * pad.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(start, end, color, 4.0f, 0, 1.0f);
    draw->AddText(ImVec2(start.x + pad.x, start.y + pad.y), color, name.data(),
                  name.data() + name.size());
    ImGui::Dummy(ImVec2(end.x - start.x, end.y - start.y));
}

}  // namespace mondo::app
