#include "wafix/app/discover.hpp"

#include "wafix/app/doc_references.hpp"

#include "wafix/model/build.hpp"

#include <git2.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace wafix {

namespace {

struct Libgit2 {
    Libgit2() { git_libgit2_init(); }
    ~Libgit2() { git_libgit2_shutdown(); }
};

struct RepoDeleter {
    void operator()(git_repository* r) const { git_repository_free(r); }
};
using Repo = std::unique_ptr<git_repository, RepoDeleter>;

Repo open_repo(const fs::path& dir) {
    static Libgit2 init;
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return Repo();
    if (git_repository_is_bare(repo)) {
        git_repository_free(repo);
        return Repo();
    }
    return Repo(repo);
}

std::string special_kind(const fs::file_status& s) {
    switch (s.type()) {
        case fs::file_type::fifo:
            return "FIFO";
        case fs::file_type::socket:
            return "socket";
        case fs::file_type::character:
            return "character device";
        case fs::file_type::block:
            return "block device";
        default:
            return "special file";
    }
}

class Walker {
public:
    explicit Walker(Discovery& out) : out_(out) {}

    void walk_root(const fs::path& root) {
        std::error_code ec;
        // Canonical, so paths compare with the work tree libgit2 reports even through symlinks.
        fs::path abs = fs::weakly_canonical(fs::absolute(root, ec), ec);
        repo_ = open_repo(abs);
        if (repo_) workdir_ = fs::path(git_repository_workdir(repo_.get())).lexically_normal();
        walk(root, abs);
    }

private:
    Discovery& out_;
    Repo repo_;
    fs::path workdir_;
    fs::path root_;

    bool ignored(const fs::path& abs, bool is_dir) {
        if (!repo_) return false;
        fs::path rel = abs.lexically_normal().lexically_relative(workdir_);
        if (rel.empty() || *rel.begin() == "..") return false;
        std::string p = rel.generic_string();
        if (is_dir) p += '/';
        int ignored = 0;
        if (git_ignore_path_is_ignored(&ignored, repo_.get(), p.c_str()) != 0) return false;
        return ignored != 0;
    }

    void walk(const fs::path& dir, const fs::path& abs_dir) {
        std::error_code ec;
        std::vector<fs::directory_entry> entries;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
        if (ec) {
            out_.errors.push_back(dir.generic_string() + ": cannot list directory: " + ec.message());
            return;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
        for (const auto& e : entries) {
            std::string name = e.path().filename().string();
            fs::path abs = abs_dir / name;
            auto status = e.symlink_status(ec);
            if (ec) continue;
            if (fs::is_symlink(status)) {
                // Never followed: it may loop or lead out of the tree. Named only when it could
                // have been input (a .py name, or a directory), so library links stay quiet.
                std::error_code target_ec;
                auto target = fs::status(e.path(), target_ec);
                bool loops = target_ec.value() == ELOOP;
                if ((e.path().extension() == ".py" || fs::is_directory(target) || loops) &&
                    !is_skipped_directory_name(name) && !ignored(abs, false) && !ignored(abs, true))
                    out_.notes.push_back(e.path().generic_string() +
                                         (loops ? ": symbolic link loop; not followed"
                                                : ": symbolic link not followed (name it explicitly to process it)"));
                continue;
            }
            if (fs::is_directory(status)) {
                if (is_skipped_directory_name(name) || fs::exists(e.path() / "pyvenv.cfg", ec) || ignored(abs, true))
                    continue;
                walk(e.path(), abs);
            } else if (fs::is_regular_file(status)) {
                if (e.path().extension() != ".py") {
                    if (is_model_config_name(name) && !ignored(abs, false)) out_.model_files.push_back(e.path());
                    else if (is_documentation_name(e.path()) && !ignored(abs, false))
                        out_.doc_files.push_back(e.path());
                    continue;
                }
                if (ignored(abs, false)) continue;
                out_.files.push_back({e.path(), root_});
            } else if (e.path().extension() == ".py" && !ignored(abs, false)) {
                // Reading a FIFO could block forever and a device is not source: skipped, named.
                out_.notes.push_back(e.path().generic_string() + ": not a regular file (" + special_kind(status) +
                                     "); skipped");
            }
        }
    }

    friend Discovery wafix::discover(const std::vector<fs::path>&);
};

}  // namespace

bool is_skipped_directory_name(const std::string& name) {
    static const std::set<std::string> skipped = {
        ".git",        ".hg",      ".svn",        "node_modules",  "cdk.out",     "__pycache__",
        ".venv",       "venv",     ".tox",        ".nox",          ".mypy_cache", ".pytest_cache",
        ".ruff_cache", ".aws-sam", ".serverless", "site-packages", ".eggs",
    };
    return skipped.count(name) > 0;
}

fs::path display_path(const fs::path& p) {
    std::error_code ec;
    if (p.is_relative()) return p.lexically_normal();
    fs::path rel = p.lexically_normal().lexically_relative(fs::current_path(ec));
    if (ec || rel.empty() || *rel.begin() == "..") return p.lexically_normal();
    return rel;
}

fs::path git_work_tree_of(const fs::path& path) {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec);
    Repo repo = open_repo(fs::is_directory(abs, ec) ? abs : abs.parent_path());
    if (!repo) return {};
    return fs::path(git_repository_workdir(repo.get())).lexically_normal();
}

Discovery discover(const std::vector<fs::path>& paths) {
    Discovery out;
    std::set<fs::path> seen;
    for (const fs::path& given : paths) {
        fs::path p = given.lexically_normal();
        std::error_code ec;
        auto status = fs::status(p, ec);  // follows a symlink named explicitly
        if (ec || !fs::exists(status)) {
            auto link = fs::symlink_status(p, ec);
            if (fs::is_symlink(link)) out.errors.push_back(p.generic_string() + ": broken symbolic link");
            else out.errors.push_back(p.generic_string() + ": no such file or directory");
            continue;
        }
        if (fs::is_directory(status)) {
            Walker w(out);
            w.root_ = p;
            w.walk_root(p);
        } else if (fs::is_regular_file(status)) {
            if (is_model_config_name(p.filename().string())) out.model_files.push_back(p);
            else out.files.push_back({p, p.parent_path(), true});  // named explicitly: always processed
        } else {
            out.errors.push_back(p.generic_string() + ": not a regular file (" + special_kind(status) + "); skipped");
        }
    }
    // Deterministic and without duplicates when paths overlap.
    std::vector<DiscoveredFile> unique;
    for (auto& f : out.files) {
        std::error_code ec;
        fs::path key = fs::weakly_canonical(f.path, ec);
        if (seen.insert(ec ? f.path : key).second) unique.push_back(std::move(f));
    }
    std::stable_sort(unique.begin(), unique.end(),
                     [](const auto& a, const auto& b) { return a.path.generic_string() < b.path.generic_string(); });
    out.files = std::move(unique);
    std::sort(out.model_files.begin(), out.model_files.end());
    out.model_files.erase(std::unique(out.model_files.begin(), out.model_files.end()), out.model_files.end());
    return out;
}

}  // namespace wafix
