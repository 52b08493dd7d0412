// Typing Japanese through the platform's input method (IME) with SDL2 and Dear ImGui 1.86.
//
// ImGui 1.86 neither moves the IME candidate window (its io.ImeSetInputScreenPosFn is a no-op
// outside Windows) nor shows the composition (pre-edit) string. This module does both:
//
//   ConfigureImeHints();                 // before SDL_CreateWindow (SDL reads the hints then)
//   ... create the window and the ImGui context ...
//   InstallImeHandlers(sdl_window);      // after ImGui::CreateContext
//   each event:  HandleImeEvent(event);  // done by the input queue as it feeds a frame
//   each frame:  FollowTextInput(text_box_active);  // text input (and the IME) only there
//   each frame, right after an InputText of the answer field:
//                DrawImePreedit();       // the composition, underlined, at the caret
//   when deciding whether Enter submits:
//                if (enter_pressed && !ImeComposing()) Submit();
//
// Enter that confirms a conversion: while composing, SDL delivers the Enter key to the IME, which
// answers with SDL_TEXTEDITING (empty) + SDL_TEXTINPUT (the converted text); depending on the IME
// and SDL version the SDL_KEYDOWN of that Enter may still reach the app in the same event batch.
// Two guards: HandleImeEvent() returns true for that key event (drop it: do not pass it to ImGui),
// and ImeComposing() stays true for the whole ImGui frame that follows the end of a composition,
// so an app that checks `!ImeComposing()` before submitting never submits on the confirming Enter.
//
// Main thread only. State is per process (there is one window).
#pragma once

#include <string>

struct SDL_Window;
typedef union SDL_Event SDL_Event;

namespace mondo::app {

// Sets SDL_HINT_IME_INTERNAL_EDITING=0 (the composition comes to mondo), SDL_HINT_IME_SHOW_UI=1 and
// SDL_HINT_IME_SUPPORT_EXTENDED_TEXT=1 (else the pre-edit is cut at 32 bytes). Call before the
// window is created.
void ConfigureImeHints();

// Points io.ImeSetInputScreenPosFn at SDL_SetTextInputRect for `window` so the candidate window
// follows ImGui's caret. Needs a current ImGui context. `window` must outlive the ImGui context.
void InstallImeHandlers(SDL_Window* window);

// Tracks SDL_TEXTEDITING / SDL_TEXTEDITING_EXT (composition) and SDL_TEXTINPUT (commit).
// Returns true when the event was an IME composition event (the app may skip passing it on; the
// SDL2 backend ignores those events anyway). Also returns true for the Enter/Escape/Backspace
// SDL_KEYDOWN that belongs to the IME while a composition is active: the app must not pass those
// to ImGui (or act on them).
bool HandleImeEvent(const SDL_Event& event);

// True while a composition is in progress, and for the rest of the frame in which it ended.
bool ImeComposing();

// The current composition string (UTF-8) and the caret inside it (in code points).
const std::string& ImePreedit();
int ImePreeditCursor();

// Draws the composition string at ImGui's last input caret (the position ImGui reported through
// io.ImeSetInputScreenPosFn), underlined, over an opaque background, in the current font. Call
// after the InputText that has focus, inside the frame. Does nothing when not composing.
void DrawImePreedit();

// Starts SDL text input (and with it the input method) when a text box is active and stops it
// when none is, so that with an IME on, keys outside text boxes reach mondo as shortcuts
// (Space, 1–4) instead of opening a composition. Stopping also forgets the composition.
void FollowTextInput(bool text_box_active);

// Forgets any composition (e.g. the answer field lost focus); only the local state is cleared.
void ResetIme();

}  // namespace mondo::app
