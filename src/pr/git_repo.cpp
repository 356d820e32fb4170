// wafix::pr::GitRepo over the libgit2 1.5 C API. Everything here reads objects, writes new objects,
// and touches only refs/remotes/* (fetch, push bookkeeping) and a temporary refs/wafix/push/* ref
// that is deleted again; the user's HEAD, index, work tree and branches are never written.
#include "wafix/pr/git_repo.hpp"

#include <fcntl.h>
#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string_view>

namespace fs = std::filesystem;

namespace wafix::pr {

namespace {

// libgit2 keeps global state; initialise it once for the process. It is deliberately never shut
// down: other code (worktree_guard) pairs its own init/shutdown and the count must not hit zero
// while a GitRepo is alive.
void ensure_libgit2() {
    static const int initialised = git_libgit2_init();
    (void)initialised;
}

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
std::string scrub(std::string text, const std::string& token = {}) {
    static const std::regex userinfo(R"(([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@]*@)");
    text = std::regex_replace(text, userinfo, "$1");
    if (!token.empty()) {
        for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at))
            text.replace(at, token.size(), "***");
    }
    return text;
}

std::string last_error_message() {
    const git_error* e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

[[noreturn]] void fail(const std::string& operation, const std::string& token = {}) {
    throw GitError(scrub(operation + ": " + last_error_message(), token));
}

void check(int rc, const std::string& operation, const std::string& token = {}) {
    if (rc < 0) fail(operation, token);
}

std::string oid_hex(const git_oid& oid) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string branch_ref(const std::string& branch) {
    std::string ref = "refs/heads/" + branch;
    int valid = 0;
    if (branch.empty() || git_reference_name_is_valid(&valid, ref.c_str()) < 0 || !valid)
        throw GitError("invalid branch name " + quoted(scrub(branch)));
    return ref;
}

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

int credentials_cb(git_credential** out, const char* /*url: may hold credentials, never logged*/,
                   const char* username_from_url, unsigned int allowed_types, void* payload) {
    auto* session = static_cast<RemoteSession*>(payload);
    // Asked again for a kind we already gave means the remote rejected it; a bounded count keeps
    // a wrong token from looping forever.
    if (++session->credential_calls > 4) {
        git_error_set_str(GIT_ERROR_NET, "authentication failed: too many credential requests");
        return GIT_EAUTH;
    }
    const std::string user = username_from_url && *username_from_url ? username_from_url : "git";
    if (allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
        if (session->auth->token.empty()) {
            git_error_set_str(GIT_ERROR_NET,
                              "authentication required: the remote asks for credentials and no token was given");
            return GIT_EAUTH;
        }
        if (session->gave_userpass) {
            git_error_set_str(GIT_ERROR_NET, "authentication failed: the remote rejected the token");
            return GIT_EAUTH;
        }
        session->gave_userpass = true;
        return git_credential_userpass_plaintext_new(out, "x-access-token", session->auth->token.c_str());
    }
    if (allowed_types & GIT_CREDENTIAL_SSH_KEY) {
        if (session->gave_ssh_key) {
            git_error_set_str(GIT_ERROR_NET, "authentication failed: the ssh-agent's keys were rejected");
            return GIT_EAUTH;
        }
        session->gave_ssh_key = true;
        return git_credential_ssh_key_from_agent(out, user.c_str());
    }
    if ((allowed_types & GIT_CREDENTIAL_USERNAME) && !session->gave_username) {
        session->gave_username = true;
        return git_credential_username_new(out, user.c_str());
    }
    git_error_set_str(GIT_ERROR_NET, "authentication failed: the remote asks for an unsupported kind of credentials");
    return GIT_EAUTH;
}

int push_update_reference_cb(const char* refname, const char* status, void* payload) {
    if (status) {
        try {
            static_cast<RemoteSession*>(payload)->rejected.emplace_back(refname ? refname : "", status);
        } catch (...) {
            return -1;
        }
    }
    return 0;
}

git_remote_callbacks make_callbacks(RemoteSession& session) {
    git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
    cb.credentials = credentials_cb;
    cb.push_update_reference = push_update_reference_cb;
    cb.payload = &session;
    return cb;
}

git_proxy_options make_proxy() {
    git_proxy_options proxy = GIT_PROXY_OPTIONS_INIT;
    proxy.type = GIT_PROXY_AUTO;  // as git does: http.proxy / remote.<name>.proxy / environment
    return proxy;
}

void connect(git_remote* remote, git_direction direction, RemoteSession& session, const std::string& operation) {
    git_remote_connect_options opts = GIT_REMOTE_CONNECT_OPTIONS_INIT;
    opts.callbacks = make_callbacks(session);
    opts.proxy_opts = make_proxy();
    check(git_remote_connect_ext(remote, direction, &opts), operation, session.auth->token);
}

// Whether the connected remote advertises `ref`.
bool advertises(git_remote* remote, const std::string& ref, const std::string& operation, const std::string& token) {
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    check(git_remote_ls(&heads, &count, remote), operation, token);
    for (size_t i = 0; i < count; ++i)
        if (ref == heads[i]->name) return true;
    return false;
}

bool valid_component(std::string_view name) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos)
        return false;
    // ".git" in any case would write into (or commit over) repository metadata.
    if (name.size() == 4) {
        std::string lower(name);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == ".git") return false;
    }
    return true;
}

void validate_change_path(const std::string& path) {
    if (path.empty()) throw GitError("commit: empty file path");
    std::size_t start = 0;
    while (true) {
        std::size_t slash = path.find('/', start);
        const std::size_t len = slash == std::string::npos ? std::string::npos : slash - start;
        std::string_view part = std::string_view(path).substr(start, len);
        if (!valid_component(part)) throw GitError("commit: invalid file path " + quoted(path));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
}

// Writes `bytes` to `path` with the given mode, replacing a symlink there instead of following it.
void write_file(const fs::path& path, const char* data, size_t size, bool executable) {
    const mode_t mode = executable ? 0755 : 0644;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno == ELOOP) {
        ::unlink(path.c_str());
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    }
    if (fd < 0) throw GitError("export: cannot write " + path.string() + ": " + std::strerror(errno));
    bool ok = ::fchmod(fd, mode) == 0;  // the file may have existed with another mode
    while (ok && size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    int saved = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) throw GitError("export: cannot write " + path.string() + ": " + std::strerror(saved));
}

void make_directory(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(dir, ec))) fs::remove(dir, ec);  // never write through one
    fs::create_directory(dir, ec);
    if (ec || !fs::is_directory(fs::symlink_status(dir, ec)))
        throw GitError("export: cannot create directory " + dir.string());
}

// Puts a file back as it was (or removes it if it did not exist) when the scope ends. libgit2 1.5
// truncates FETCH_HEAD on every fetch even with update_fetchhead = 0, and FETCH_HEAD is the user's.
class KeepFile {
public:
    explicit KeepFile(fs::path path) : path_(std::move(path)) {
        std::ifstream in(path_, std::ios::binary);
        if (in) {
            std::ostringstream bytes;
            bytes << in.rdbuf();
            saved_ = bytes.str();
        }
    }
    ~KeepFile() {
        std::error_code ec;
        if (!saved_) {
            fs::remove(path_, ec);
            return;
        }
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream now;
        if (in) now << in.rdbuf();
        if (in && now.str() == *saved_) return;
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out << *saved_;
    }
    KeepFile(const KeepFile&) = delete;
    KeepFile& operator=(const KeepFile&) = delete;

private:
    fs::path path_;
    std::optional<std::string> saved_;
};

}  // namespace

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

    void export_tree(git_tree* tree, const fs::path& dir) const {
        for (size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
            const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
            const std::string name = git_tree_entry_name(entry);
            if (!valid_component(name)) throw GitError("export: unsafe path " + quoted(name) + " in tree");
            const fs::path target = dir / name;
            switch (git_tree_entry_filemode(entry)) {
                case GIT_FILEMODE_TREE: {
                    git_tree* raw = nullptr;
                    check(git_tree_lookup(&raw, repo.get(), git_tree_entry_id(entry)), "export: read tree");
                    TreePtr sub(raw);
                    make_directory(target);
                    export_tree(sub.get(), target);
                    break;
                }
                case GIT_FILEMODE_BLOB:
                case GIT_FILEMODE_BLOB_EXECUTABLE: {
                    git_blob* raw = nullptr;
                    check(git_blob_lookup(&raw, repo.get(), git_tree_entry_id(entry)), "export: read blob");
                    BlobPtr blob(raw);
                    write_file(target, static_cast<const char*>(git_blob_rawcontent(blob.get())),
                               static_cast<size_t>(git_blob_rawsize(blob.get())),
                               git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE);
                    break;
                }
                default:
                    // Symlinks are skipped: their target may lie outside the export, and reading
                    // through one could put files from elsewhere into a commit. Submodules
                    // (gitlinks) have no content here.
                    break;
            }
        }
    }

    // The mode to give a changed path in `tree`: an existing blob keeps its mode, a new file gets
    // 0100644; anything that is not a regular file along the way is refused.
    git_filemode_t mode_for(git_tree* tree, const std::string& path) const {
        std::size_t slash = 0;
        while ((slash = path.find('/', slash)) != std::string::npos) {
            const std::string prefix = path.substr(0, slash++);
            git_tree_entry* raw = nullptr;
            int rc = git_tree_entry_bypath(&raw, tree, prefix.c_str());
            if (rc == GIT_ENOTFOUND) return GIT_FILEMODE_BLOB;
            check(rc, "commit: read tree");
            TreeEntryPtr entry(raw);
            if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
                throw GitError("commit: " + quoted(prefix) + " is not a directory");
        }
        git_tree_entry* raw = nullptr;
        int rc = git_tree_entry_bypath(&raw, tree, path.c_str());
        if (rc == GIT_ENOTFOUND) return GIT_FILEMODE_BLOB;
        check(rc, "commit: read tree");
        TreeEntryPtr entry(raw);
        git_filemode_t mode = git_tree_entry_filemode(entry.get());
        if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
            throw GitError("commit: " + quoted(path) + " is not a regular file");
        return mode;
    }
};

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
    git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
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

namespace {

// Pushes `refspec` and raises a GitError for a failed push or a ref the remote refused.
void push_refspec(git_remote* remote, RemoteSession& session, std::string refspec, const std::string& operation) {
    char* specs[] = {refspec.data()};
    git_strarray refspecs{specs, 1};
    git_push_options opts = GIT_PUSH_OPTIONS_INIT;
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

// LeakSanitizer (only consulted in sanitizer builds): libgit2 1.5's pcre2 regex backend leaks its
// match data whenever a pattern does not match, which happens inside every git_remote_lookup
// (url.*.insteadOf scan). Suppressed by module so leaks of our own libgit2 objects still show.
// Weak, so a program that brings its own suppression list keeps it.
extern "C" __attribute__((weak, visibility("default"))) const char* __lsan_default_suppressions() {
    return "leak:libpcre2-8.so\n";
}
