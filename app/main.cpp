// mondo — study an interview's questions and answers. Entry point: sub-command dispatch.
#include <iostream>
#include <string>
#include <vector>

#include "app/app_runner.h"
#include "app/cli/args.h"
#include "app/cli/fsrs_command.h"
#include "app/cli/questions_command.h"
#include "app/cli/simulate_command.h"
#include "app/cli/stats_command.h"
#include "app/cli/storage_commands.h"
#include "app/cli/terminal_text.h"
#include "app/ui/screens.h"
#include "storage/collection.h"

namespace {

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
  --version       show the version
)";

constexpr const char* kScreenshotUsage =
    R"(usage: mondo screenshot --screen NAME --out FILE.png [--size WxH] [--db PATH]
                         [--theme light|dark] [--timings] [--keys K1,K2,...]

Renders one screen in a real window (a display is needed; use xvfb-run without one),
saves it as PNG and exits. Screens: home, study, read, browse, stats, settings, library.
--timings prints the start-up phases (database, window, fonts, first frames) as JSON.
--keys plays synthetic input into the window first, one item a frame: a quick tap (press and
release together) of an SDL key name (Return, Space, 3, F2, Left, Ctrl+Z, Ctrl+V), text:STRING
for typed text, or drop:PATH for a file dropped on the window; what it does is saved (reviews,
imports) and the screens visited are printed.
)";

int RunScreenshotCommand(const std::vector<std::string>& argv) {
    CLI::App app{"", "mondo screenshot"};
    mondo::app::SetUpCommand(app);
    mondo::app::ScreenshotRequest request;
    request.screen = "study";
    std::string out;
    std::string theme;
    std::string size;
    std::vector<std::string> keys;
    std::string db = mondo::storage::DefaultCollectionPath().string();
    app.add_option("--screen", request.screen);
    app.add_option("--out", out);
    app.add_option("--theme", theme);
    app.add_option("--size", size);
    app.add_option("--keys", keys)->delimiter(',');
    app.add_option("--db", db);
    app.add_flag("--timings", request.timings);
    if (const auto status =
            mondo::app::ParseCommandLine(app, kScreenshotUsage, argv, std::cout, std::cerr)) {
        return *status;
    }
    mondo::app::Screen screen;
    if (!mondo::app::ScreenFromName(request.screen, screen)) {
        std::cerr << "mondo screenshot: unknown screen '" << request.screen
                  << "' (known: home, study, read, browse, stats, settings, library)\n";
        return 1;
    }
    if (!theme.empty()) {
        if (theme != "light" && theme != "dark") {
            std::cerr << "mondo screenshot: --theme must be light or dark\n";
            return 1;
        }
        request.theme = theme == "dark" ? mondo::app::Theme::kDark : mondo::app::Theme::kLight;
    }
    for (auto& key : keys) {
        if (!key.empty()) request.keys.push_back(std::move(key));
    }
    if (out.empty()) {
        std::cerr << "mondo screenshot: --out FILE.png is required\n";
        return 1;
    }
    request.out = out;
    if (!size.empty()) {
        const auto x = size.find('x');
        const auto width =
            x == std::string::npos ? std::nullopt : mondo::app::ParseInteger(size.substr(0, x));
        const auto height =
            x == std::string::npos ? std::nullopt : mondo::app::ParseInteger(size.substr(x + 1));
        if (!width || !height || *width < 200 || *height < 150 || *width > 8192 || *height > 8192) {
            std::cerr
                << "mondo screenshot: --size must look like 1280x800 (200x150 to 8192x8192)\n";
            return 1;
        }
        request.width = static_cast<int>(*width);
        request.height = static_cast<int>(*height);
    }
    mondo::app::RunOptions options;
    options.db_path = db;
    options.screenshot = request;
    return mondo::app::RunApp(options, std::cout, std::cerr);
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
        if (command == "screenshot") return RunScreenshotCommand(rest);
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
        std::cout << "mondo " << MONDO_VERSION << "\n";
        return 0;
    }
    mondo::app::RunOptions run;
    run.db_path = db;
    return mondo::app::RunApp(run, std::cout, std::cerr);
}
