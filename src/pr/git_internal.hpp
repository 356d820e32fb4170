// What the libgit2 code of `wafix pr` shares (src/pr only): RAII for libgit2 objects, errors that
// never carry a credential, the transport session, and the repository's private state.
#pragma once

#include <git2.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wafix/pr/git_repo.hpp"

namespace wafix::pr {

namespace fs = std::filesystem;

namespace git {

// libgit2 keeps global state; initialised once for the process and deliberately never shut
// down: other code (worktree_guard) pairs its own init/shutdown and the count must not hit zero
// while a GitRepo is alive.
void ensure_libgit2();

// RAII for libgit2 objects.
template <typename T, void (*Free)(T*)>
struct Freer {
    void operator()(T* p) const {
        if (p) Free(p);
    }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;

using RepoPtr = Owned<git_repository, git_repository_free>;
using RemotePtr = Owned<git_remote, git_remote_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using RefPtr = Owned<git_reference, git_reference_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;

struct Buf {
    git_buf b = GIT_BUF_INIT;
    ~Buf() { git_buf_dispose(&b); }
};

// Removes the userinfo of every URL ("https://user:secret@host" -> "https://host") and any
// literal occurrence of the token, so no message can carry a credential.
std::string scrub(std::string text, const std::string& token = {});
std::string last_error_message();
[[noreturn]] void fail(const std::string& operation, const std::string& token = {});
// Raises a GitError for a negative libgit2 return code.
void check(int rc, const std::string& operation, const std::string& token = {});
std::string oid_hex(const git_oid& oid);
std::string quoted(const std::string& s);
// refs/heads/<branch>, or a GitError for a name git would refuse.
std::string branch_ref(const std::string& branch);

// State shared with the transport callbacks. Callbacks run inside libgit2's C frames, so they
// never throw; they record what happened and the caller turns it into a GitError.
struct RemoteSession {
    explicit RemoteSession(const GitAuth& a) : auth(&a) {}
    const GitAuth* auth;
    int credential_calls = 0;
    bool gave_userpass = false;
    bool gave_ssh_key = false;
    bool gave_username = false;
    std::vector<std::pair<std::string, std::string>> rejected;  // refname, remote's status
};

git_remote_callbacks make_callbacks(RemoteSession& session);
git_proxy_options make_proxy();
void connect(git_remote* remote, git_direction direction, RemoteSession& session, const std::string& operation);
// Whether the connected remote advertises `ref`.
bool advertises(git_remote* remote, const std::string& ref, const std::string& operation, const std::string& token);

// Paths in trees and commits (git_files.cpp).
bool valid_component(std::string_view name);
void validate_change_path(const std::string& path);
// Writes `bytes` to `path` with the given mode, replacing a symlink there instead of following it.
void write_file(const fs::path& path, const char* data, size_t size, bool executable);
void make_directory(const fs::path& dir);

// Puts a file back as it was (or removes it if it did not exist) when the scope ends. libgit2 1.5
// truncates FETCH_HEAD on every fetch even with update_fetchhead = 0, and FETCH_HEAD is the user's.
class KeepFile {
public:
    explicit KeepFile(fs::path path);
    ~KeepFile();
    KeepFile(const KeepFile&) = delete;
    KeepFile& operator=(const KeepFile&) = delete;

private:
    fs::path path_;
    std::optional<std::string> saved_;
};

}  // namespace git

using namespace git;  // this header is src/pr's own

struct GitRepo::Impl {
    RepoPtr repo;

    git_oid resolve_commit(const std::string& rev, const std::string& operation) const {
        git_object* raw = nullptr;
        check(git_revparse_single(&raw, repo.get(), rev.c_str()), operation + ": cannot resolve " + quoted(rev));
        ObjectPtr obj(raw);
        git_object* peeled = nullptr;
        check(git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT),
              operation + ": " + quoted(rev) + " is not a commit");
        ObjectPtr commit(peeled);
        return *git_object_id(commit.get());
    }

    CommitPtr lookup_commit(const git_oid& id, const std::string& operation) const {
        git_commit* raw = nullptr;
        check(git_commit_lookup(&raw, repo.get(), &id), operation);
        return CommitPtr(raw);
    }

    TreePtr commit_tree(const git_oid& id, const std::string& operation) const {
        CommitPtr commit = lookup_commit(id, operation);
        git_tree* raw = nullptr;
        check(git_commit_tree(&raw, commit.get()), operation);
        return TreePtr(raw);
    }

    RemotePtr lookup_remote(const std::string& name, const std::string& operation) const {
        git_remote* raw = nullptr;
        check(git_remote_lookup(&raw, repo.get(), name.c_str()), operation);
        return RemotePtr(raw);
    }

    // Writes the files of `tree` into `dir` (git_files.cpp).
    void export_tree(git_tree* tree, const fs::path& dir) const;
    // The mode to give a changed path in `tree`: an existing blob keeps its mode, a new file gets
    // 0100644; anything that is not a regular file along the way is refused (git_files.cpp).
    git_filemode_t mode_for(git_tree* tree, const std::string& path) const;
};

}  // namespace wafix::pr
