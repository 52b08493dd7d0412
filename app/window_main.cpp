// mondo-window — the window: the interactive app and `mondo screenshot`. `mondo` (main.cpp) runs
// the commands and hands these two over to this program by exec, so a command never loads the
// window's libraries (SDL2, OpenGL, FreeType, fontconfig, HarfBuzz: 69 shared objects in all).
// Its command line is mondo's, unchanged: `mondo-window [--db PATH]` or
// `mondo-window screenshot ...`.
#include <iostream>
#include <string>
#include <vector>

#include "app/app_runner.h"
#include "app/cli/args.h"
#include "app/cli/terminal_text.h"
#include "app/ui/screens.h"
#include "storage/collection.h"

namespace {

constexpr const char* kWindowUsage =
    R"(usage: mondo [--db PATH]    open the app (see mondo --help for the commands)
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
    const mondo::app::TerminalGuard terminal;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "screenshot") {
        return RunScreenshotCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    }
    CLI::App app{"", "mondo"};
    mondo::app::SetUpCommand(app);
    std::string db = mondo::storage::DefaultCollectionPath().string();
    app.add_option("--db", db);
    if (const auto status =
            mondo::app::ParseCommandLine(app, kWindowUsage, args, std::cout, std::cerr)) {
        return *status;
    }
    mondo::app::RunOptions run;
    run.db_path = db;
    return mondo::app::RunApp(run, std::cout, std::cerr);
}
