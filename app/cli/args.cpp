#include "app/cli/args.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
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

bool ReadInputFile(const std::string& path, std::string& bytes, std::string& problem,
                   std::size_t limit) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        problem = "is a directory, not a text file";
        return false;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        problem =
            "cannot be opened (" + std::error_code(error, std::generic_category()).message() + ")";
        return false;
    }
    std::string content;
    // Reserved once (pages are only touched as they are filled), so growing never holds two
    // copies: memory stays at what was read.
    struct stat info {};
    const bool sized = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    content.reserve(sized ? std::min<std::size_t>(static_cast<std::size_t>(info.st_size), limit) + 1
                          : limit + 1);
    char buffer[1 << 16];
    bool ok = true;
    for (;;) {
        const std::size_t want = std::min(sizeof buffer, limit + 1 - content.size());
        const ssize_t got = ::read(fd, buffer, want);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            const int error = errno;
            problem = "cannot be read (" +
                      std::error_code(error, std::generic_category()).message() + ")";
            ok = false;
            break;
        }
        if (got == 0) break;
        content.append(buffer, static_cast<std::size_t>(got));
        if (content.size() > limit) {
            char size[32];
            std::snprintf(size, sizeof size, "%.0f MB",
                          static_cast<double>(limit) / (1024.0 * 1024.0));
            problem = std::string("is larger than ") + size + ", the most this command reads";
            ok = false;
            break;
        }
    }
    ::close(fd);
    if (!ok) return false;
    bytes = std::move(content);
    return true;
}

}  // namespace mondo::app
