// `mondo simulate --days N [--seed S] [--db PATH] [--json] [--retention R]`: a simulated learner
// studies N days through the real study session and storage code (one transaction per review)
// and the command prints, per day, the reviews, new questions, true retention and minutes, then a
// summary. By default the learner studies a private in-memory collection holding the built-in
// interview — the user's collection is never touched unless --db names it (then its questions,
// cards and settings are used and the simulated reviews are written to it).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mondo::app {

// `args` are the words after `mondo simulate`. Returns the exit status: 0 success, 1 user error
// (bad option), 2 a database that cannot be used (corrupt, too new, locked).
int RunSimulateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
