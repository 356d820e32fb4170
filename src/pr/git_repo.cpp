// wafix::pr::GitRepo over the libgit2 1.5 C API. Everything here reads objects, writes new objects,
// and touches only refs/remotes/* (fetch, push bookkeeping) and a temporary refs/wafix/push/* ref
// that is deleted again; the user's HEAD, index, work tree and branches are never written.
#include "wafix/pr/git_repo.hpp"

#include <cstring>
#include <regex>

#include "git_internal.hpp"

namespace wafix::pr {

GitRepo::GitRepo(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GitRepo::GitRepo(GitRepo&&) noexcept = default;
GitRepo& GitRepo::operator=(GitRepo&&) noexcept = default;
GitRepo::~GitRepo() = default;

GitRepo GitRepo::open(const fs::path& inside) {
    ensure_libgit2();
    git_repository* raw = nullptr;
    check(git_repository_open_ext(&raw, inside.c_str(), 0, nullptr), "open repository at " + inside.string());
    auto impl = std::make_unique<Impl>();
    impl->repo.reset(raw);
    return GitRepo(std::move(impl));
}

fs::path GitRepo::workdir() const {
    const char* dir = git_repository_workdir(impl_->repo.get());
    return dir ? fs::path(dir) : fs::path();  // empty for a bare repository
}

std::string GitRepo::remote_url(const std::string& remote) const {
    RemotePtr r = impl_->lookup_remote(remote, "remote " + quoted(remote));
    const char* url = git_remote_url(r.get());
    if (!url) throw GitError("remote " + quoted(remote) + " has no URL");
    // A password in the URL is dropped (the user name is kept): callers only need where the
    // remote is, and GitAuth carries credentials.
    static const std::regex password(R"(^([A-Za-z][A-Za-z0-9+.\-]*://[^/@:]*):[^/@]*@)");
    return std::regex_replace(std::string(url), password, "$1@");
}

std::string GitRepo::default_branch(const std::string& remote, const GitAuth& auth) {
    const std::string operation = "default branch of remote " + quoted(remote);
    RemotePtr r = impl_->lookup_remote(remote, operation);
    std::string network_problem;
    RemoteSession session(auth);
    try {
        connect(r.get(), GIT_DIRECTION_FETCH, session, "connect");
        Buf head;
        int rc = git_remote_default_branch(&head.b, r.get());
        if (rc == 0) {
            std::string name(head.b.ptr, head.b.size);
            if (name.rfind("refs/heads/", 0) == 0) return name.substr(std::strlen("refs/heads/"));
            network_problem = "the remote's HEAD is not a branch";
        } else if (rc == GIT_ENOTFOUND) {
            network_problem = "the remote advertises no HEAD";
        } else {
            fail("read the remote's HEAD", auth.token);
        }
    } catch (const GitError& e) {
        network_problem = e.what();
    }
    // Fallback: what the last clone/`git remote set-head` recorded.
    const std::string prefix = "refs/remotes/" + remote + "/";
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, impl_->repo.get(), (prefix + "HEAD").c_str()) == 0) {
        RefPtr ref(raw);
        if (git_reference_type(ref.get()) == GIT_REFERENCE_SYMBOLIC) {
            std::string target = git_reference_symbolic_target(ref.get());
            if (target.rfind(prefix, 0) == 0 && target.size() > prefix.size()) return target.substr(prefix.size());
        }
    }
    throw GitError(scrub(operation + ": " + network_problem + "; and " + prefix + "HEAD is not set", auth.token));
}

std::optional<std::string> GitRepo::fetch_branch(const std::string& remote, const std::string& branch,
                                                 const GitAuth& auth) {
    const std::string ref = branch_ref(branch);
    const std::string operation = "fetch " + quoted(branch) + " from remote " + quoted(remote);
    RemotePtr r = impl_->lookup_remote(remote, operation);
    RemoteSession session(auth);
    connect(r.get(), GIT_DIRECTION_FETCH, session, operation);
    if (!advertises(r.get(), ref, operation, auth.token)) return std::nullopt;

    const std::string tracking = "refs/remotes/" + remote + "/" + branch;
    std::string refspec = "+" + ref + ":" + tracking;
    char* specs[] = {refspec.data()};
    git_strarray refspecs{specs, 1};
    git_fetch_options opts{};
    git_fetch_options_init(&opts,
                           GIT_FETCH_OPTIONS_VERSION);  // the macro leaves fields to -Wmissing-field-initializers
    opts.callbacks = make_callbacks(session);
    opts.proxy_opts = make_proxy();
    opts.prune = GIT_FETCH_NO_PRUNE;
    opts.update_fetchhead = 0;                           // FETCH_HEAD is the user's
    opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;  // only refs/remotes/* may change
    const std::string reflog = "wafix: fetch " + branch;
    {
        KeepFile keep(fs::path(git_repository_path(impl_->repo.get())) / "FETCH_HEAD");
        check(git_remote_fetch(r.get(), &refspecs, &opts, reflog.c_str()), operation, auth.token);
    }

    git_oid id;
    check(git_reference_name_to_id(&id, impl_->repo.get(), tracking.c_str()), operation, auth.token);
    return oid_hex(id);
}

void GitRepo::export_tree(const std::string& commit, const fs::path& dir) const {
    const std::string operation = "export " + quoted(commit);
    TreePtr tree = impl_->commit_tree(impl_->resolve_commit(commit, operation), operation);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) throw GitError(operation + ": cannot create " + dir.string());
    impl_->export_tree(tree.get(), dir);
}

std::string GitRepo::tree_id(const std::string& commit) const {
    const std::string operation = "tree of " + quoted(commit);
    CommitPtr c = impl_->lookup_commit(impl_->resolve_commit(commit, operation), operation);
    return oid_hex(*git_commit_tree_id(c.get()));
}

std::vector<CommitInfo> GitRepo::commits_between(const std::string& base, const std::string& tip) const {
    const std::string operation = "commits between " + quoted(base) + " and " + quoted(tip);
    git_oid base_id = impl_->resolve_commit(base, operation);
    git_oid tip_id = impl_->resolve_commit(tip, operation);
    git_revwalk* raw = nullptr;
    check(git_revwalk_new(&raw, impl_->repo.get()), operation);
    RevwalkPtr walk(raw);
    check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), operation);
    check(git_revwalk_push(walk.get(), &tip_id), operation);
    check(git_revwalk_hide(walk.get(), &base_id), operation);
    std::vector<CommitInfo> out;
    git_oid id;
    int rc;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
        CommitPtr c = impl_->lookup_commit(id, operation);
        const git_signature* a = git_commit_author(c.get());
        const char* message = git_commit_message(c.get());
        out.push_back({oid_hex(id), a->name ? a->name : "", a->email ? a->email : "", message ? message : ""});
    }
    if (rc != GIT_ITEROVER) fail(operation);
    return out;
}

bool GitRepo::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
    const std::string operation = "is " + quoted(ancestor) + " an ancestor of " + quoted(descendant);
    git_oid a = impl_->resolve_commit(ancestor, operation);
    git_oid d = impl_->resolve_commit(descendant, operation);
    if (git_oid_equal(&a, &d)) return true;
    int rc = git_graph_descendant_of(impl_->repo.get(), &d, &a);
    check(rc, operation);
    return rc == 1;
}

}  // namespace wafix::pr

// LeakSanitizer (only consulted in sanitizer builds): libgit2 1.5's pcre2 regex backend leaks its
// match data whenever a pattern does not match, which happens inside every git_remote_lookup
// (url.*.insteadOf scan). Suppressed by module so leaks of our own libgit2 objects still show.
// Weak, so a program that brings its own suppression list keeps it. The runtime looks the function
// up by this reserved name.
// NOLINTNEXTLINE(bugprone-reserved-identifier)
extern "C" __attribute__((weak, visibility("default"))) const char* __lsan_default_suppressions() {
    return "leak:libpcre2-8.so\n";
}
