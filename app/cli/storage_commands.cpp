#include "app/cli/storage_commands.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/cli/source_import.h"
#include "app/local_time.h"
#include "app/study/collection_store.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kImportUsage = R"(usage: mondo import FILE [--db PATH]

Add an interview (UTF-8 text) to the collection, or update it when it was imported before:
questions that are unchanged keep their reviews, new ones are added, vanished ones are retired
(hidden, with their history kept). Prints the added / kept / retired counts. On failure the
collection is unchanged.
  --db PATH   the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3)
  --help      show this help
)";

constexpr const char* kCheckUsage = R"(usage: mondo check [--db PATH]

Check the collection's integrity (SQLite integrity_check) and consistency (every card against its
review log). Never writes; works while mondo is open. Exit 0 when all is well, 2 otherwise.
  --db PATH   the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3)
  --help      show this help
)";

constexpr const char* kRestoreUsage = R"(usage: mondo restore BACKUP [--db PATH]

Put a backup (from the backups folder beside the collection) in place of the collection. The
backup is verified first; the current file is kept aside as <collection>.before-restore-<time>.
Close mondo first.
  --db PATH   the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3)
  --help      show this help
)";

constexpr const char* kExportUsage =
    R"(usage: mondo export --format anki-tsv|revlog-csv [--db PATH] [--out FILE]

  --format anki-tsv     the active questions as notes for Anki's File > Import (tab-separated,
                        with #separator/#html/#columns headers; note type Basic)
  --format revlog-csv   the review log as card_id,review_rating,review_time,review_duration
                        (milliseconds), the CSV of the FSRS tools
  --db PATH             the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3)
  --out FILE            write to FILE instead of standard output
  --help                show this help
)";

int Fail(std::ostream& err, const char* command, const storage::StorageError& error) {
    return ReportStorageError(err, command, error);
}

// The parser of `mondo COMMAND` with the option every collection command takes: --db PATH.
struct CollectionCommand {
    explicit CollectionCommand(const char* command) : app("", std::string("mondo ") + command) {
        SetUpCommand(app);
        app.add_option("--db", db)->check([](const std::string& value) {
            return value.empty() ? std::string("needs a file path") : std::string();
        });
    }
    // Parses; nullopt when the command should run, else the exit status (ParseCommandLine).
    std::optional<int> Parse(std::string_view usage, const std::vector<std::string>& argv,
                             std::ostream& out, std::ostream& err) {
        return ParseCommandLine(app, usage, argv, out, err);
    }
    fs::path path() const { return db.empty() ? storage::DefaultCollectionPath() : fs::path(db); }

    CLI::App app;
    std::string db;
};

}  // namespace

int RunImportCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CollectionCommand command("import");
    std::string file_name;
    command.app.add_option("FILE", file_name)->required();
    if (const auto status = command.Parse(kImportUsage, argv, out, err)) return *status;
    const fs::path db = command.path();
    const fs::path file = file_name;
    std::string bytes;
    std::string problem;
    if (!ReadSourceFile(file.string(), bytes, problem)) {
        err << "mondo import: " << file.string() << " " << problem << "\n";
        return 1;
    }
    auto interview = content::ParseInterview(bytes);
    if (!interview) {
        err << "mondo import: " << file.string() << ": " << interview.error().message << "\n";
        return 1;
    }
    std::string().swap(bytes);  // the text lives on in `interview`; 10 MB less at the peak
    auto collection = storage::Collection::Open(db);
    if (!collection) return Fail(err, "import", collection.error());
    // Each range of exchanges is written while the next ranges are generated (one transaction),
    // and no range is held once written.
    auto report = collection->ImportSource(*interview, [&](const content::QuestionSink& store) {
        content::GenerateQuestionParts(*interview, store);
    });
    if (!report) return Fail(err, "import", report.error());
    out << "Imported \"" << interview->title << "\" into " << db.string() << ": " << report->added
        << " added, " << report->kept << " kept, " << report->retired << " retired";
    if (report->restored > 0) out << ", " << report->restored << " restored";
    out << "\n";
    return 0;
}

int RunCheckCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CollectionCommand command("check");
    if (const auto status = command.Parse(kCheckUsage, argv, out, err)) return *status;
    const fs::path db = command.path();
    // The replay reads the study settings (parameters, day start) from the collection in the same
    // read transaction as the cards and log: nothing here opens the collection for writing.
    auto report = storage::CheckCollection(db, study::MakeReplayCheck(LocalUtcOffset));
    if (!report) return Fail(err, "check", report.error());
    for (const storage::CheckProblem& problem : report->problems) {
        out << (problem.question_id.empty() ? std::string("collection") : problem.question_id)
            << ": " << problem.message << "\n";
    }
    if (!report->ok()) {
        err << "mondo check: " << db.string() << " has " << report->problems.size()
            << (report->integrity_ok ? " consistency problem(s)" : " integrity problem(s)")
            << "; see above, and `mondo restore` for the backups\n";
        return kExitCollectionUnusable;
    }
    out << db.string() << ": ok (" << report->questions << " questions, " << report->reviews
        << " reviews)\n";
    return 0;
}

int RunRestoreCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CollectionCommand command("restore");
    std::string backup;
    command.app.add_option("BACKUP", backup);
    if (const auto status = command.Parse(kRestoreUsage, argv, out, err)) return *status;
    const fs::path db = command.path();
    if (backup.empty()) {
        err << "mondo restore: give one BACKUP file (backups are in "
            << storage::BackupDirectoryFor(db).string() << ")\n";
        return 1;
    }
    auto aside = storage::Restore(backup, db);
    if (!aside) return Fail(err, "restore", aside.error());
    out << "Restored " << backup << " to " << db.string();
    if (!aside->empty()) out << "; the previous file is kept as " << aside->string();
    out << "\n";
    return 0;
}

int RunExportCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CollectionCommand command("export");
    std::string format;
    std::string out_file;
    command.app.add_option("--format", format);
    const CLI::Option* out_given = command.app.add_option("--out", out_file);
    if (const auto status = command.Parse(kExportUsage, argv, out, err)) return *status;
    const fs::path db = command.path();
    storage::ExportFormat chosen;
    if (format == "anki-tsv") {
        chosen = storage::ExportFormat::kAnkiTsv;
    } else if (format == "revlog-csv") {
        chosen = storage::ExportFormat::kRevlogCsv;
    } else {
        err << "mondo export: --format must be anki-tsv or revlog-csv"
            << (format.empty() ? std::string() : ", not " + format) << "\n";
        return 1;
    }
    auto collection =
        storage::Collection::Open(db, storage::OpenOptions{.create_if_missing = false});
    if (!collection) return Fail(err, "export", collection.error());
    if (!*out_given) {
        auto written = collection->Export(chosen, out);
        if (!written) return Fail(err, "export", written.error());
        return 0;
    }
    // Written beside the target and renamed, so a failed export never leaves half a file.
    auto written = collection->ExportToFile(chosen, out_file);
    if (!written) return Fail(err, "export", written.error());
    return 0;
}

}  // namespace mondo::app
