// A small command-line reader for mondo's sub-commands: `--flag`, `--key VALUE`, `--key=VALUE`
// and positional arguments, with a clear message for anything unknown.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mondo::app {

class Args {
  public:
    // `value_options` take a value (e.g. "--db"), `flag_options` do not (e.g. "--json").
    // On an unknown option or a missing value, error() says what is wrong.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
         const std::set<std::string>& flag_options);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    bool Has(const std::string& name) const;
    std::optional<std::string> Value(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }

  private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
    std::string error_;
};

// Reads a file a user named on the command line. On failure `problem` completes the sentence
// "<file> …" ("is a directory, not a text file", "cannot be opened (No such file…)").
bool ReadInputFile(const std::string& path, std::string& bytes, std::string& problem);

}  // namespace mondo::app
