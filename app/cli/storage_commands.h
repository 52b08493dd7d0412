// The collection's sub-commands: `mondo import`, `mondo check`, `mondo restore`, `mondo export`.
//
// `args` are the words after the command name. Each accepts `--db PATH` (default:
// storage::DefaultCollectionPath()) and `--help`. Output goes to `out`; a problem is one line on
// `err` naming what is wrong and what to do. Exit status: 0 success; 1 user error (bad option,
// unreadable or malformed file, nothing to restore); 2 a database that cannot be used (not a
// collection, corrupt, too new, locked by another mondo, or `check` finding a problem).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mondo::app {

// mondo import FILE [--db PATH]: adds or updates a source; prints added / kept / retired counts.
// On failure the database is unchanged (one transaction).
int RunImportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// mondo check [--db PATH]: integrity and consistency, read-only (works while the app is open).
int RunCheckCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// mondo restore BACKUP [--db PATH]: puts a verified backup in place, keeping the current file
// aside.
int RunRestoreCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// mondo export --format anki-tsv|revlog-csv [--db PATH] [--out FILE]: to `out` or FILE.
int RunExportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
