// GitHubEmulator: runs tests/github_emulator.py (a loopback emulator of the GitHub REST endpoints
// `wafix pr` uses) for the lifetime of the object. Tests only.
//
//   wafix::test::GitHubEmulator gh;                 // octo/widgets, default branch main, token below
//   wafix::pr::GitHubClient client(gh.config());    // api_url + token + owner/repo of the emulator
//   ... client.create_pull(...) ...
//   CHECK(gh.state()["pulls"].size() == 1);
//
// API endpoints (GitHub REST 2022-11-28; every one needs "Authorization: Bearer <token>", else 401
// {"message":"Bad credentials"}; another repository gives 404 {"message":"Not Found"}):
//   GET   /repos/{o}/{r}                        -> {default_branch, full_name, ...}
//   GET   /repos/{o}/{r}/pulls                  state=open|closed|all, head=owner[:branch], base,
//                                               per_page (default 30, max 100), page; newest first;
//                                               Link header (absolute URLs, rel next/last/first/prev)
//   POST  /repos/{o}/{r}/pulls                  {title, head, base, body} -> 201; 422 when a field is
//                                               missing, when an open PR for that head exists, or (with
//                                               git_dir) when head/base is not a branch there
//   GET   /repos/{o}/{r}/pulls/{n}
//   PATCH /repos/{o}/{r}/pulls/{n}              {title?, body?, state? open|closed, base?}
//   GET   /repos/{o}/{r}/issues/{n}/comments
//   POST  /repos/{o}/{r}/issues/{n}/comments    {body} -> 201
//   POST  /repos/{o}/{r}/issues/{n}/labels      {labels:[...]} (or a bare array) -> 200, all labels
// Issue numbers are pull request numbers (only pull requests exist); others give 404.
//
// Control endpoints (no authentication; not recorded in the request log):
//   GET  /_emulator/state  -> {"repository": {full_name, default_branch},
//                              "pulls": [full pull request objects, by number],
//                              "comments": {"<n>": [{id, body, user, html_url}]},
//                              "requests": [{method, path (with query), host, headers: {accept,
//                                  content-type, user-agent, x-github-api-version} (those present),
//                                  authorization: "matched"|"mismatched"|"missing", body (JSON or
//                                  null), status (0 when dropped)}],
//                              "failures": [injected rules, with the times left]}
//   POST /_emulator/fail   {"method": "GET"|null (any), "path_regex": "..." (re.search on the path
//                           with query), "status": 500, "times": 1 (-1: forever), "headers": {..},
//                           "body": {..} (default {"message": <reason phrase>}), "drop": false (true:
//                           close the connection without a response), "delay": 0 (seconds to wait
//                           before answering or dropping, e.g. to trip a client timeout)} -> 201 with
//                           the rule. Checked after the authentication check, first added first;
//                           matching requests are logged like any other.
//   POST /_emulator/seed   {"pulls": [{"head": "branch", "title"?, "base"? (default branch), "body"?,
//                           "state"? "open"|"closed", "head_repo"? "fork/repo", "labels"? [..]}]}
//                           -> 201 {"numbers": [...]}; no validation, for setting up many PRs.
//   POST /_emulator/reset  -> forgets pulls, comments, the request log and failures; numbers restart at 1.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.hpp"
#include "wafix/pr/github_client.hpp"

namespace wafix::test {

struct GitHubEmulatorOptions {
    std::string token = "ghp_emulatorTestToken0123456789";  // the token the emulator accepts
    std::string repo = "octo/widgets";                      // owner/repo it serves
    std::string default_branch = "main";
    std::filesystem::path git_dir;  // optional bare repo: POST /pulls checks branches, head.sha is real
    std::chrono::seconds start_timeout{20};
    std::filesystem::path script = source_dir() / "tests" / "support" / "github_emulator.py";
};

class GitHubEmulator {
public:
    // Starts python3 on a free loopback port; throws std::runtime_error (with the emulator's
    // stderr) if it does not come up within start_timeout.
    explicit GitHubEmulator(GitHubEmulatorOptions options = {});
    ~GitHubEmulator();  // SIGTERM, then SIGKILL after 2 s
    GitHubEmulator(const GitHubEmulator&) = delete;
    GitHubEmulator& operator=(const GitHubEmulator&) = delete;

    int port() const { return port_; }
    std::string api_url() const;  // http://127.0.0.1:<port>
    const GitHubEmulatorOptions& options() const { return options_; }
    std::string owner() const;
    std::string repo() const;
    // api_url, token, owner and repo of this emulator, for GitHubClient or a GITHUB_* environment.
    wafix::pr::GitHubConfig config() const;

    nlohmann::json state();  // GET /_emulator/state
    nlohmann::json requests() { return state().at("requests"); }
    void fail(const nlohmann::json& rule);           // POST /_emulator/fail
    nlohmann::json seed(const nlohmann::json& doc);  // POST /_emulator/seed; returns {"numbers": [...]}
    void reset();                                    // POST /_emulator/reset

private:
    nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json* body);

    GitHubEmulatorOptions options_;
    TempDir dir_;  // port file and the emulator's stderr
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace wafix::test
