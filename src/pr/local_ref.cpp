// Reads a reference of the user's repository without writing anything: `wafix pr --dry-run`
// works from the remote-tracking refs the last fetch left.
#include <git2.h>

#include "wafix/pr/pr_command.hpp"

namespace wafix::pr {

std::optional<std::string> local_ref_commit(const std::filesystem::path& inside, const std::string& ref) {
    git_libgit2_init();
    std::optional<std::string> out;
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, inside.c_str(), 0, nullptr) == 0) {
        git_object* obj = nullptr;
        git_object* commit = nullptr;
        if (git_revparse_single(&obj, repo, ref.c_str()) == 0 &&
            git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
            char hex[GIT_OID_HEXSZ + 1] = {};
            git_oid_tostr(hex, sizeof hex, git_object_id(commit));
            out = hex;
        }
        git_object_free(commit);
        git_object_free(obj);
        git_repository_free(repo);
    }
    git_libgit2_shutdown();
    return out;
}

std::optional<std::string> local_head_branch(const std::filesystem::path& inside) {
    git_libgit2_init();
    std::optional<std::string> out;
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, inside.c_str(), 0, nullptr) == 0) {
        git_reference* head = nullptr;
        // An unborn branch (no commit yet) has no commit to plan against either; the caller says so.
        if (git_repository_head(&head, repo) == 0 && git_reference_is_branch(head)) out = git_reference_shorthand(head);
        git_reference_free(head);
        git_repository_free(repo);
    }
    git_libgit2_shutdown();
    return out;
}

}  // namespace wafix::pr
