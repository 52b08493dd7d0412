// How the screens show an answer sentence's role in the argument (content/arguments.h): a short
// name and a colour from the current theme's palette, readable on both the light and the dark
// background. The Study screen tags the source sentence of a question with it; the Read screen
// marks every sentence of an answer.
#pragma once

#include <imgui.h>

#include "content/arguments.h"

namespace mondo::app {

// The palette colour of a role (claim, reason, contrast, example, conclusion in distinct hues;
// concession and context muted).
ImU32 ArgumentRoleColor(content::ArgumentRole role);

// Whether the Read screen marks sentences of this role (context sentences carry no point).
bool IsMarkedRole(content::ArgumentRole role);

// A small coloured tag "reason" on the current line, as one item.
void ArgumentRoleTag(content::ArgumentRole role);

}  // namespace mondo::app
