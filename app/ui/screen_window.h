// The one window a screen draws in: it fills the main viewport's work area (below the navigation
// bar), has no title bar, cannot be moved, resized or collapsed, and is not saved to imgui.ini.
// Every screen begins with BeginScreenWindow and ends with ImGui::End().
#pragma once

#include <imgui.h>

#include <string>

namespace mondo::app {

// `name` is the ImGui window name ("Home###home"). `extra_flags` adds to the common flags: screens
// that scroll their own child regions pass ImGuiWindowFlags_NoScrollbar.
void BeginScreenWindow(const char* name, ImGuiWindowFlags extra_flags = 0);

// PageUp/PageDown (held: repeated) scroll the current window by a page, when no text box or
// other widget has the keys. Call between Begin and End.
void ScrollByPageKeys();

// ImGui::InputTextWithHint, except that the hint is not drawn while an input method composes in
// this box (`ime_composing`, from the app's IME state, and the box active): the composition is
// drawn over the box at the caret (DrawImePreedit) and the hint beside it would read as typed.
bool InputTextWithHintUnlessComposing(const char* label, const char* hint, std::string* text,
                                      bool ime_composing);

}  // namespace mondo::app
