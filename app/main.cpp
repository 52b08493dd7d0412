// mondo — study an interview's questions and answers. Entry point: sub-command dispatch.
// The commands run here; the window (no command, or `screenshot`) is the program mondo-window
// beside this one, started by exec with the same arguments: the same process, pid and streams, but
// a command such as `mondo fsrs optimize` no longer loads the window's 69 shared libraries.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/fsrs_command.h"
#include "app/cli/questions_command.h"
#include "app/cli/simulate_command.h"
#include "app/cli/stats_command.h"
#include "app/cli/storage_commands.h"
#include "app/cli/terminal_text.h"
#include "storage/collection.h"

#ifdef MONDO_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

// Which allocator serves malloc in this process: mimalloc only when it is linked in
// (CMakeLists.txt, MONDO_MIMALLOC) and a block from malloc really lies in its heap, so a build
// whose linker lost the override says so (`mondo --version`, checked by tests/app/cli_test.cpp).
std::string AllocatorName() {
#ifdef MONDO_MIMALLOC
    void* probe = std::malloc(64);
    const bool mimalloc = mi_is_in_heap_region(probe);
    std::free(probe);
    if (mimalloc) {
        const int version = mi_version();  // 209 for 2.0.9
        return "mimalloc " + std::to_string(version / 100) + "." +
               std::to_string(version / 10 % 10) + "." + std::to_string(version % 10);
    }
#endif
    return "the C library's malloc";
}

constexpr const char* kUsage = R"(mondo — study the questions and answers of an interview (問答)

usage: mondo [--db PATH]            open the app (default: the built-in interview)
       mondo COMMAND [OPTIONS]      run a command without a window

commands:
  questions [--source FILE] [--json]
                  parse a source (default: the built-in interview), print the questions made
  import FILE [--db PATH]
                  add or update an interview in the collection (added / kept / retired)
  check [--db PATH]
                  integrity and consistency of the collection; never writes
  restore BACKUP [--db PATH]
                  put a backup back, keeping the current file aside
  export --format anki-tsv|revlog-csv [--db PATH] [--out FILE]
                  Anki-importable notes, or the review log in the FSRS tools' CSV
  stats [--db PATH] [--source ID] [--json]
                  today, streak, reviews per day, retention, mastery per section
  simulate --days N [--seed S] [--db PATH] [--json]
                  a simulated learner studies N days through the real session code
  fsrs replay FILE [--json]
                  replay an FSRS review log (card_id,review_rating,review_time,review_duration)
  fsrs optimize FILE|--db PATH [--json]
                  fit the FSRS parameters to a review log as fsrs-rs (Anki) does
  screenshot --screen NAME --out FILE.png [--size WxH] [--db PATH] [--theme light|dark] [--timings]
                  render one screen in a real window, save it as PNG, exit

options:
  --db PATH       the collection to use (default: $XDG_DATA_HOME/mondo/collection.sqlite3)
  --help          show this help (also: mondo COMMAND --help)
  --version       show the version and the memory allocator in use
)";

// Replaces this process with mondo-window (beside this program) and the same arguments. Returns
// only when that fails, with the exit status after saying why.
int ExecWindow(char** argv) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path window =
        (error ? std::filesystem::path(argv[0]) : self).parent_path() / "mondo-window";
    std::cout.flush();
    std::cerr.flush();
    argv[0] = const_cast<char*>(window.c_str());
    ::execv(window.c_str(), argv);
    std::cerr << "mondo: cannot start the window program " << window.string() << " ("
              << std::strerror(errno) << ")\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    // Titles, answers and file names are printed as text: on a terminal, escapes in them are
    // shown, never obeyed.
    const mondo::app::TerminalGuard terminal;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0].rfind("--", 0) != 0) {
        const std::string command = args[0];
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "screenshot") return ExecWindow(argv);
        if (command == "questions")
            return mondo::app::RunQuestionsCommand(rest, std::cout, std::cerr);
        if (command == "fsrs") return mondo::app::RunFsrsCommand(rest, std::cout, std::cerr);
        if (command == "stats") return mondo::app::RunStatsCommand(rest, std::cout, std::cerr);
        if (command == "import") return mondo::app::RunImportCommand(rest, std::cout, std::cerr);
        if (command == "check") return mondo::app::RunCheckCommand(rest, std::cout, std::cerr);
        if (command == "restore") return mondo::app::RunRestoreCommand(rest, std::cout, std::cerr);
        if (command == "export") return mondo::app::RunExportCommand(rest, std::cout, std::cerr);
        if (command == "simulate")
            return mondo::app::RunSimulateCommand(rest, std::cout, std::cerr);
        std::cerr << "mondo: unknown command '" << command << "' (see mondo --help)\n";
        return 1;
    }
    CLI::App app{"", "mondo"};
    mondo::app::SetUpCommand(app);
    bool version = false;
    std::string db = mondo::storage::DefaultCollectionPath().string();
    app.add_option("--db", db);
    app.add_flag("--version", version);
    if (const auto status = mondo::app::ParseCommandLine(app, kUsage, args, std::cout, std::cerr)) {
        return *status;
    }
    if (version) {
        std::cout << "mondo " << MONDO_VERSION << "\n"
                  << "allocator: " << AllocatorName() << "\n";
        return 0;
    }
    return ExecWindow(argv);
}
