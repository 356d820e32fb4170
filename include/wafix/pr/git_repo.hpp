// Git for `wafix pr`, through libgit2: reads the base branch, builds commits directly as
// objects and pushes them. The user's working tree, index and current branch are never touched.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "wafix/core/error.hpp"

namespace wafix::pr {

struct GitError : Error {
    using Error::Error;  // messages never hold a token
};

struct Identity {
    std::string name = "wafix[bot]";
    std::string email = "wafix-bot@users.noreply.github.com";
};

// HTTPS remotes authenticate with `token` (as GitHub expects: user "x-access-token", the token as
// password); SSH remotes use the ssh-agent; local paths and git:// need nothing.
struct GitAuth {
    std::string token;
};

struct FileChange {
    std::string path;     // repository-relative, '/'-separated
    std::string content;  // the file's new bytes (the mode of an existing file is kept)
};

struct CommitSpec {
    std::string message;
    std::vector<FileChange> changes;
};

struct CommitInfo {
    std::string id;  // 40 hex digits
    std::string author_name;
    std::string author_email;
    std::string message;
};

class GitRepo {
public:
    // The repository whose work tree (or .git) holds `inside`. Throws GitError.
    static GitRepo open(const std::filesystem::path& inside);
    GitRepo(GitRepo&&) noexcept;
    GitRepo& operator=(GitRepo&&) noexcept;
    ~GitRepo();

    std::filesystem::path workdir() const;
    // The URL of a configured remote; throws GitError when there is none of that name.
    std::string remote_url(const std::string& remote) const;
    // The remote's default branch: its HEAD as the remote advertises it (asked over the network),
    // else refs/remotes/<remote>/HEAD. Throws GitError when neither is known.
    std::string default_branch(const std::string& remote, const GitAuth& auth);
    // Fetches refs/heads/<branch> from the remote into refs/remotes/<remote>/<branch> and returns
    // its commit id, or nullopt when the remote has no such branch.
    std::optional<std::string> fetch_branch(const std::string& remote, const std::string& branch, const GitAuth& auth);
    // Writes the files of `commit`'s tree into `dir` (created if missing); nothing else changes.
    void export_tree(const std::string& commit, const std::filesystem::path& dir) const;
    // One commit per spec on top of `parent`, as objects only (no ref, index or work tree is
    // updated); a spec that changes nothing is skipped. Returns the last commit's id (`parent`
    // when every spec was empty). Author and committer are `author`.
    std::string commit_chain(const std::string& parent, const std::vector<CommitSpec>& specs, const Identity& author);
    std::string tree_id(const std::string& commit) const;
    // Commits reachable from `tip` and not from `base`, newest first.
    std::vector<CommitInfo> commits_between(const std::string& base, const std::string& tip) const;
    bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;
    // Sets refs/heads/<branch> on the remote to `commit`. Without `force` a non-fast-forward
    // update is refused by the remote and reported as a GitError.
    void push(const std::string& remote, const std::string& commit, const std::string& branch, bool force,
              const GitAuth& auth);
    void delete_remote_branch(const std::string& remote, const std::string& branch, const GitAuth& auth);

private:
    struct Impl;
    explicit GitRepo(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace wafix::pr
