// When to draw: the window waits for events and costs nothing at rest.
//
// A frame is drawn only when something may have changed: for a few frames after any input,
// resize, expose or focus change (ImGui settles layouts over two frames), while input is still
// queued, after a timer the app owns fires, or when a screen that animates asks for frames.
// Otherwise the loop sleeps in SDL_WaitEventTimeout until the next event or app timer.
//
// Main thread only.
#pragma once

namespace mondo::app {

class FramePacer {
  public:
    // Frames drawn after an event: ImGui sizes auto-fitting windows and moves focus over two.
    static constexpr int kFramesAfterEvent = 3;

    // Something happened (input, window event, a timer that changed what is shown).
    void Wake() { Request(kFramesAfterEvent); }
    // At least `count` more frames.
    void Request(int count) {
        if (count > frames_left_) frames_left_ = count;
    }
    bool WantsFrame() const { return frames_left_ > 0; }
    void FrameDrawn() {
        if (frames_left_ > 0) --frames_left_;
    }

  private:
    int frames_left_ = kFramesAfterEvent;  // the first frames, before any event
};

// For a screen that animates: asks the loop for `count` more frames (call each frame while the
// animation runs). Without it, nothing is drawn until the next event.
void RequestFrames(int count = 1);
// The frames screens asked for since the last call (the loop takes them once per frame).
int TakeRequestedFrames();

}  // namespace mondo::app
