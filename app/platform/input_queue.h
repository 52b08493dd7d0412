// Keyboard and text input as a queue of SDL events, fed to Dear ImGui a frame at a time.
//
// ImGui 1.86 polls key state once a frame (io.KeysDown): a key pressed and released between two
// frames never looks pressed, and the press is lost. This queue keeps every SDL key and text
// event and hands ImGui, per frame, only events that do not undo a change the same frame already
// made (what ImGui 1.87+ calls input trickling): the release of a key waits for the next frame,
// and a second key press waits too, so every press is seen by exactly one frame, at any frame
// rate. The loop keeps drawing frames while the queue is not empty.
//
// Screens read the presses of the current frame from here (KeyPressed), not from ImGui's state.
//
// One owner per shortcut: Ctrl+Z and Ctrl+Y are the app's (session undo), so ImGui never sees
// them and its own text undo cannot act on a buffer the app changed. Ctrl+Q is the app's too.
//
//   each SDL event:        if (!FrameInput().Push(event)) ImGui_ImplSDL2_ProcessEvent(&event);
//   before ImGui::NewFrame: FrameInput().FeedFrame(ImGui::GetIO());
//   while !Empty():         draw another frame
//
// Main thread only.
#pragma once

#include <SDL.h>

#include <deque>
#include <string>
#include <vector>

struct ImGuiIO;

namespace mondo::app {

// A key press (or an auto-repeat of a held key) taken by the current frame.
struct KeyPress {
    SDL_Scancode scancode = SDL_SCANCODE_UNKNOWN;
    SDL_Keycode key = SDLK_UNKNOWN;
    Uint16 modifiers = 0;  // KMOD_* at the time of the press
    bool repeat = false;
};

class InputQueue {
  public:
    // Queues key, text and IME composition events; returns false for any other event (the
    // caller passes those to the ImGui backend directly).
    bool Push(const SDL_Event& event);

    bool Empty() const { return pending_.empty(); }

    // Takes one frame's events from the queue and applies them to `io` (keys, modifiers from the
    // event itself, typed characters), then records the frame's presses. Call before
    // ImGui::NewFrame(). Events an input method owns (see ime.h) are dropped here.
    void FeedFrame(ImGuiIO& io);

    // Between frames: takes only the key releases at the front of the queue (a key let go before
    // the next frame), leaving the frame's presses as they were.
    void FeedReleases(ImGuiIO& io);

    // The presses of the current frame, oldest first.
    const std::vector<KeyPress>& presses() const { return presses_; }
    // The text typed in the current frame (UTF-8), as ImGui received it.
    const std::string& typed() const { return typed_; }

    // True when the current frame took a press of `code` (with `repeat`, auto-repeats count).
    bool Pressed(SDL_Scancode code, bool repeat = false) const;
    // True when the current frame took a press of `code` with Ctrl held.
    bool PressedWithCtrl(SDL_Scancode code) const;
    // True when the current frame typed `c` (an ASCII character) as text, or, with text input off,
    // pressed the key that makes it: its own key (Japanese layouts have an @ key) or Shift+digit
    // on a layout without such a key (US layouts: Shift+2 for @).
    bool CharacterPressed(char c) const;

    // Forgets everything queued and taken (a new window, a test).
    void Clear();

  private:
    std::deque<SDL_Event> pending_;
    std::vector<KeyPress> presses_;
    std::string typed_;
};

// The process's queue: the window loop feeds it, screens read it.
InputQueue& FrameInput();

// Shorthand for screens: FrameInput().Pressed(code, repeat).
bool KeyPressed(SDL_Scancode code, bool repeat = false);

}  // namespace mondo::app
