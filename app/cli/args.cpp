#include "app/cli/args.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mondo::app {

void SetUpCommand(CLI::App& app) { app.set_help_flag("--help", "show this help"); }

std::optional<int> ParseCommandLine(CLI::App& app, std::string_view usage,
                                    const std::vector<std::string>& args, std::ostream& out,
                                    std::ostream& err) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << usage;
        return 0;
    } catch (const CLI::ParseError& error) {
        std::string message = error.what();
        std::replace(message.begin(), message.end(), '\n', ' ');
        const std::string& name = app.get_name();
        err << name << ": " << message << " (see " << name << " --help)\n";
        return 1;
    }
    return std::nullopt;
}

std::optional<long long> ParseInteger(const std::string& text) {
    long long value = 0;
    if (!CLI::detail::lexical_cast(text, value)) return std::nullopt;
    return value;
}

bool ReadInputFile(const std::string& path, std::string& bytes, std::string& problem) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        problem = "is a directory, not a text file";
        return false;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        problem =
            "cannot be opened (" + std::error_code(errno, std::generic_category()).message() + ")";
        return false;
    }
    std::ostringstream buffer;
    buffer << file.rdbuf();
    if (file.bad()) {
        problem = "cannot be read";
        return false;
    }
    bytes = std::move(buffer).str();
    return true;
}

}  // namespace mondo::app
