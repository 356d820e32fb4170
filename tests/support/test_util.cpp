#include "test_util.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace wafix::test {

fs::path source_dir() { return WAFIX_SOURCE_DIR; }

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
    if (p.has_parent_path()) fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

TempDir::TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "wafix-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    // Undo permission changes a test made so the tree can be removed.
    for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

CommandResult run(const std::string& command, const fs::path& cwd) {
    TempDir tmp;
    fs::path out = tmp.path() / "out", err = tmp.path() / "err";
    std::string full = (cwd.empty() ? std::string() : "cd " + shell_quote(cwd.string()) + " && ") + "( " + command +
                       " ) >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
    int status = std::system(full.c_str());
    CommandResult r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

fs::path venv_python_or_skip(const std::vector<std::string>& modules) {
    fs::path python = source_dir() / ".venv" / "bin" / "python";
    std::string reason;
    if (!fs::exists(python)) {
        reason = python.string() + " does not exist (make build creates it from tests/requirements.lock)";
    } else {
        std::string imports;
        for (const auto& m : modules) imports += (imports.empty() ? "import " : ", ") + m;
        auto r = run(shell_quote(python.string()) + " -c " + shell_quote(imports));
        if (r.status != 0) reason = python.string() + " cannot `" + imports + "`";
    }
    if (reason.empty()) return python;
    std::printf("SKIPPED: %s\n", reason.c_str());
    std::fflush(stdout);
    std::exit(kSkipExitCode);
}

}  // namespace wafix::test
