// Running the mondo binary from tests: arguments, environment additions, captured output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mondo::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when the process did not exit normally (signal)
    std::string out;
    std::string err;
};

// Runs `argv[0]` with `argv`, adding `env` to the current environment; waits for it.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::pair<std::string, std::string>>& env = {});

// Runs the command under `xvfb-run -a` so it has its own X display (one that does not reset).
ProcessResult RunWithDisplay(const std::vector<std::string>& argv,
                             const std::vector<std::pair<std::string, std::string>>& env = {});

// A fresh directory under the system temp dir, removed with its contents by the destructor.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string File(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);

}  // namespace mondo::test
