// Small helpers shared by the test files: temp directories, files, running commands.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wafix::test {

std::filesystem::path source_dir();
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int status = -1;  // exit code
    std::string out;  // stdout
    std::string err;  // stderr
};
// Runs `command` with /bin/sh in `cwd`, capturing stdout and stderr.
CommandResult run(const std::string& command, const std::filesystem::path& cwd = {});
std::string shell_quote(const std::string& s);

// ctest reports a test that exits with this code as skipped (SKIP_RETURN_CODE in tests/CMakeLists).
inline constexpr int kSkipExitCode = 77;
// The project's optional virtualenv (.venv, from tests/requirements.lock): its python when it can
// import every one of `modules`. Otherwise the test is skipped: the reason goes to stdout and the
// process exits with kSkipExitCode, which ctest shows as "Skipped" rather than failed.
std::filesystem::path venv_python_or_skip(const std::vector<std::string>& modules);

}  // namespace wafix::test
