// Errors, credentials and the transport session of the libgit2 code.
#include <regex>

#include "git_internal.hpp"

namespace wafix::pr::git {

void ensure_libgit2() {
    static const int initialised = git_libgit2_init();
    (void)initialised;
}

std::string scrub(std::string text, const std::string& token) {
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

void fail(const std::string& operation, const std::string& token) {
    throw GitError(scrub(operation + ": " + last_error_message(), token));
}

void check(int rc, const std::string& operation, const std::string& token) {
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

namespace {

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

}  // namespace

git_remote_callbacks make_callbacks(RemoteSession& session) {
    // libgit2's *_INIT macros leave fields out, which clang -Wextra reports: the init functions.
    git_remote_callbacks cb{};
    git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
    cb.credentials = credentials_cb;
    cb.push_update_reference = push_update_reference_cb;
    cb.payload = &session;
    return cb;
}

git_proxy_options make_proxy() {
    git_proxy_options proxy{};
    git_proxy_options_init(&proxy, GIT_PROXY_OPTIONS_VERSION);
    proxy.type = GIT_PROXY_AUTO;  // as git does: http.proxy / remote.<name>.proxy / environment
    return proxy;
}

void connect(git_remote* remote, git_direction direction, RemoteSession& session, const std::string& operation) {
    git_remote_connect_options opts{};
    git_remote_connect_options_init(&opts, GIT_REMOTE_CONNECT_OPTIONS_VERSION);
    opts.callbacks = make_callbacks(session);
    opts.proxy_opts = make_proxy();
    check(git_remote_connect_ext(remote, direction, &opts), operation, session.auth->token);
}

bool advertises(git_remote* remote, const std::string& ref, const std::string& operation, const std::string& token) {
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    check(git_remote_ls(&heads, &count, remote), operation, token);
    for (size_t i = 0; i < count; ++i)
        if (ref == heads[i]->name) return true;
    return false;
}

}  // namespace wafix::pr::git
