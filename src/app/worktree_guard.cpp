#include "wafix/app/worktree_guard.hpp"

#include <git2.h>

#include <map>
#include <memory>

#include "wafix/app/discover.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {
struct RepoDeleter {
    void operator()(git_repository* r) const { git_repository_free(r); }
};
}  // namespace

std::vector<std::string> dirty_files(const std::vector<fs::path>& paths) {
    git_libgit2_init();
    std::map<fs::path, std::unique_ptr<git_repository, RepoDeleter>> repos;  // by work tree top
    std::vector<std::string> dirty;
    for (const fs::path& p : paths) {
        std::error_code ec;
        fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
        git_repository* raw = nullptr;
        if (git_repository_open_ext(&raw, abs.parent_path().c_str(), 0, nullptr) != 0) continue;
        std::unique_ptr<git_repository, RepoDeleter> repo(raw);
        if (git_repository_is_bare(raw)) continue;
        fs::path top = fs::path(git_repository_workdir(raw)).lexically_normal();
        auto it = repos.find(top);
        if (it == repos.end()) it = repos.emplace(top, std::move(repo)).first;
        fs::path rel = abs.lexically_relative(top);
        unsigned int flags = 0;
        if (git_status_file(&flags, it->second.get(), rel.generic_string().c_str()) != 0) continue;
        const unsigned int changed = GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_DELETED |
                                     GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_NEW |
                                     GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_RENAMED;
        if (flags & changed) dirty.push_back(display_path(p).generic_string());
    }
    git_libgit2_shutdown();
    return dirty;
}

}  // namespace wafix
