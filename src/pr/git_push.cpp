// Writing to git: commits built as objects on top of a parent, and pushes of them (through a
// short-lived ref of wafix's own) or of a branch deletion.
#include <map>

#include "git_internal.hpp"

namespace wafix::pr {

std::string GitRepo::commit_chain(const std::string& parent, const std::vector<CommitSpec>& specs,
                                  const Identity& author) {
    git_repository* repo = impl_->repo.get();
    git_oid head = impl_->resolve_commit(parent, "commit: parent");
    git_signature* raw_sig = nullptr;
    check(git_signature_now(&raw_sig, author.name.c_str(), author.email.c_str()), "commit: author identity");
    SignaturePtr sig(raw_sig);

    for (const CommitSpec& spec : specs) {
        CommitPtr parent_commit = impl_->lookup_commit(head, "commit: read parent");
        git_tree* raw_tree = nullptr;
        check(git_commit_tree(&raw_tree, parent_commit.get()), "commit: read parent tree");
        TreePtr base(raw_tree);

        std::map<std::string, const FileChange*> latest;  // a path changed twice: the last one wins
        for (const FileChange& change : spec.changes) {
            validate_change_path(change.path);
            latest[change.path] = &change;
        }
        if (latest.empty()) continue;
        std::vector<git_tree_update> updates;
        updates.reserve(latest.size());
        for (const auto& [path, change] : latest) {
            git_tree_update u{};
            u.action = GIT_TREE_UPDATE_UPSERT;
            u.filemode = impl_->mode_for(base.get(), path);
            check(git_blob_create_from_buffer(&u.id, repo, change->content.data(), change->content.size()),
                  "commit: write blob for " + quoted(path));
            u.path = path.c_str();
            updates.push_back(u);
        }
        git_oid tree_id;
        check(git_tree_create_updated(&tree_id, repo, base.get(), updates.size(), updates.data()),
              "commit: write tree");
        if (git_oid_equal(&tree_id, git_tree_id(base.get()))) continue;  // nothing changed

        git_tree* raw_new = nullptr;
        check(git_tree_lookup(&raw_new, repo, &tree_id), "commit: read new tree");
        TreePtr tree(raw_new);
        Buf message;
        check(git_message_prettify(&message.b, spec.message.c_str(), 0, '#'), "commit: message");
        const git_commit* parents[] = {parent_commit.get()};
        git_oid id;
        check(
            git_commit_create(&id, repo, nullptr, sig.get(), sig.get(), nullptr, message.b.ptr, tree.get(), 1, parents),
            "commit: create");
        head = id;
    }
    return oid_hex(head);
}

namespace {

// Pushes `refspec` and raises a GitError for a failed push or a ref the remote refused.
void push_refspec(git_remote* remote, RemoteSession& session, std::string refspec, const std::string& operation) {
    char* specs[] = {refspec.data()};
    git_strarray refspecs{specs, 1};
    git_push_options opts{};
    git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);  // the macro leaves fields to -Wmissing-field-initializers
    opts.callbacks = make_callbacks(session);
    opts.proxy_opts = make_proxy();
    check(git_remote_push(remote, &refspecs, &opts), operation, session.auth->token);
    if (!session.rejected.empty()) {
        std::string why;
        for (const auto& [ref, status] : session.rejected) why += (why.empty() ? "" : "; ") + ref + ": " + status;
        throw GitError(scrub(operation + ": rejected by the remote (" + why + ")", session.auth->token));
    }
}

}  // namespace

void GitRepo::push(const std::string& remote, const std::string& commit, const std::string& branch, bool force,
                   const GitAuth& auth) {
    const std::string dest = branch_ref(branch);
    const std::string operation = "push to " + quoted(branch) + " on remote " + quoted(remote);
    git_repository* repo = impl_->repo.get();
    git_oid id = impl_->resolve_commit(commit, operation);
    RemotePtr r = impl_->lookup_remote(remote, operation);

    // libgit2 1.5 resolves a push source only as a reference name, so the commit gets a
    // short-lived ref of our own, deleted whatever happens.
    const std::string temp = "refs/wafix/push/" + branch;
    git_reference* raw = nullptr;
    check(git_reference_create(&raw, repo, temp.c_str(), &id, 1, "wafix: push"), operation + ": temporary ref");
    RefPtr temp_ref(raw);
    struct DeleteRef {
        git_reference* ref;
        ~DeleteRef() { git_reference_delete(ref); }
    } cleanup{temp_ref.get()};

    RemoteSession session(auth);
    push_refspec(r.get(), session, (force ? "+" : "") + temp + ":" + dest, operation);
}

void GitRepo::delete_remote_branch(const std::string& remote, const std::string& branch, const GitAuth& auth) {
    const std::string dest = branch_ref(branch);
    const std::string operation = "delete " + quoted(branch) + " on remote " + quoted(remote);
    RemotePtr r = impl_->lookup_remote(remote, operation);
    RemoteSession session(auth);
    connect(r.get(), GIT_DIRECTION_PUSH, session, operation);
    if (!advertises(r.get(), dest, operation, auth.token)) return;  // already gone: nothing to do
    push_refspec(r.get(), session, ":" + dest, operation);
}

}  // namespace wafix::pr
