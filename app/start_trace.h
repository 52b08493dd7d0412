// Where the wall time of a start goes: MONDO_TRACE_START=1 in the environment makes the window
// print, once the first frame is presented, one line per phase of the start on stderr: when the
// phase ended (ms since the process was started; the kernel's start time is only 10 ms exact, so
// the time before main is coarse), which thread ran it and how much processor time that thread had
// used by then. Without the variable every call is a cheap no-op.
//
// Thread-safe: the start-up threads (collection, fonts) mark their own phases.
#pragma once

#include <ostream>
#include <string_view>

namespace mondo::app {

// Records that `phase` ended now on the calling thread (`thread` names it in the report).
void TraceStart(std::string_view thread, std::string_view phase);

// Prints the recorded phases (in order of time) to `out` once; later calls print nothing.
void PrintStartTrace(std::ostream& out);

}  // namespace mondo::app
