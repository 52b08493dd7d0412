// The exit status of every `mondo` command, one table for all (README "Exit status and
// messages"): the same cause gives the same status, and the same one-line message, whichever
// command met it.
#pragma once

#include <ostream>
#include <string_view>

#include "storage/collection.h"

namespace mondo::app {

inline constexpr int kExitOk = 0;
// The command cannot do what was asked: a bad option or argument, an input file that is missing,
// unreadable, too large or not what it should be, an export target that is not a regular file, a
// collection that does not exist or cannot be read or written (permissions, a read-only folder, a
// full disk), no Japanese font.
inline constexpr int kExitCannot = 1;
// The collection cannot be used as it is: damaged, from a newer mondo, not a mondo collection,
// locked by another mondo process; or `mondo check` found integrity or consistency problems.
inline constexpr int kExitCollectionUnusable = 2;

int ExitStatusFor(const storage::StorageError& error);

// Prints "mondo <command>: <message>" on `err` and returns ExitStatusFor(error).
int ReportStorageError(std::ostream& err, std::string_view command,
                       const storage::StorageError& error);

}  // namespace mondo::app
