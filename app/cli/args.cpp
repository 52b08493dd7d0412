#include "app/cli/args.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mondo::app {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
           const std::set<std::string>& flag_options) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.size() < 2 || arg.rfind("--", 0) != 0) {
            positional_.push_back(arg);
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inline_value;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            inline_value = arg.substr(eq + 1);
        }
        if (value_options.count(name)) {
            if (inline_value) {
                values_[name] = *inline_value;
            } else if (i + 1 < argv.size()) {
                values_[name] = argv[++i];
            } else {
                error_ = "option " + name + " needs a value";
                return;
            }
        } else if (flag_options.count(name) && !inline_value) {
            flags_.insert(name);
        } else {
            error_ = "unknown option " + name;
            return;
        }
    }
}

bool Args::Has(const std::string& name) const { return flags_.count(name) || values_.count(name); }

std::optional<std::string> Args::Value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
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
