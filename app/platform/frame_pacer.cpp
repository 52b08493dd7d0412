#include "app/platform/frame_pacer.h"

#include <utility>

namespace mondo::app {

namespace {
int requested_frames = 0;
}  // namespace

void RequestFrames(int count) {
    if (count > requested_frames) requested_frames = count;
}

int TakeRequestedFrames() { return std::exchange(requested_frames, 0); }

}  // namespace mondo::app
