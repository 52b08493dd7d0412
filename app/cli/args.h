// Command-line parsing for `mondo` and every sub-command, on CLI11: each command declares its
// options and positional arguments on a CLI::App (numbers and ranges are CLI11's checks), and
// ParseCommandLine gives them all the same --help, the same one-line error and the same status.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mondo::app {

// A parser named after the command ("mondo simulate"), with `--help` as its only help flag.
void SetUpCommand(CLI::App& app);

// Parses `args` (the words after the command) into `app`. Returns nullopt when the command should
// run; otherwise the exit status, after printing: --help prints `usage` to `out` (0); an unknown
// option, a missing value, a number that is not one or out of range, or an unexpected argument is
// one line on `err`, "<command>: <what is wrong> (see <command> --help)" (1).
std::optional<int> ParseCommandLine(CLI::App& app, std::string_view usage,
                                    const std::vector<std::string>& args, std::ostream& out,
                                    std::ostream& err);

// `text` as a number (CLI11's conversion, the one every option uses), or nullopt.
std::optional<long long> ParseInteger(const std::string& text);

// Reads a file a user named on the command line, at most `limit` bytes: it reads up to limit + 1
// and refuses the file then, so an endless input (/dev/zero, a pipe that never ends) costs at most
// `limit` bytes of memory and stops at once. On failure `problem` completes the sentence
// "<file> …" ("is a directory, not a text file", "cannot be opened (No such file…)", "is larger
// than 10 MB").
bool ReadInputFile(const std::string& path, std::string& bytes, std::string& problem,
                   std::size_t limit);

}  // namespace mondo::app
