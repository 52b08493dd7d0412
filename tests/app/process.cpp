#include "tests/app/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace mondo::test {

namespace {

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::pair<std::string, std::string>>& env) {
    TempDir io;
    const std::string out_path = io.File("stdout");
    const std::string err_path = io.File("stderr");

    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    for (const auto& entry : env) {
        const std::string& key = entry.first;  // clang 14 cannot capture a structured binding
        const std::string& value = entry.second;
        std::erase_if(env_strings,
                      [&](const std::string& s) { return s.rfind(key + "=", 0) == 0; });
        env_strings.push_back(key + "=" + value);
    }
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> argp;
    for (auto& s : args) argp.push_back(s.data());
    argp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    pid_t pid = 0;
    ProcessResult result;
    const int spawned = posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        result.err = "cannot start " + argv[0];
        return result;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = Slurp(out_path);
    result.err = Slurp(err_path);
    return result;
}

ProcessResult RunWithDisplay(const std::vector<std::string>& argv,
                             const std::vector<std::pair<std::string, std::string>>& env) {
    // -noreset: the scripts' xdotool polls come and go while the app starts, and each time the
    // last client leaves, Xvfb resets; an app connecting during a reset is refused (SDL then
    // fell back to drawing offscreen, the window never showing).
    std::vector<std::string> wrapped = {"xvfb-run", "-a", "-s",
                                        "-screen 0 1920x1080x24 -nolisten tcp -noreset"};
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    return RunProcess(wrapped, env);
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mondo-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string ReadFile(const std::string& path) { return Slurp(path); }

void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

}  // namespace mondo::test
