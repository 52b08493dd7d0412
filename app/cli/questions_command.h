// `mondo questions [--source FILE] [--json]`: parse a source (default: the built-in interview) and
// print what it holds and the questions generated from it; touches no database
// (README "Command line").
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mondo::app {

// `args` are the words after `mondo questions`. Writes the listing (or JSON with --json) to `out`
// and problems to `err` as one line naming the file and what is wrong (with the byte offset for
// invalid UTF-8). Returns the exit status: 0 success, 1 user error (bad option, unreadable or
// malformed file).
int RunQuestionsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
