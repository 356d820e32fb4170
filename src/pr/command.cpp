// `wafix pr`: per family, from the plan to a pushed branch and an open, current pull request;
// closes wafix's own pull requests whose findings are gone. Every line printed passes through one
// filter that masks the token and the plan's secret values.
#include <stdlib.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "wafix/app/secrets_manifest.hpp"
#include "wafix/pr/github_client.hpp"
#include "wafix/pr/pr_command.hpp"

namespace fs = std::filesystem;

namespace wafix::pr {

namespace {

class Output {
public:
    Output(std::ostream& out, std::ostream& err, std::string token) : out_(out), err_(err), token_(std::move(token)) {}
    void add_secrets(const std::vector<std::string>& s) { secrets_.insert(secrets_.end(), s.begin(), s.end()); }
    void say(const std::string& text) { out_ << clean(text) << "\n"; }
    void error(const std::string& text) { err_ << "wafix: error: " << clean(text) << "\n"; }
    void warn(const std::string& text) { err_ << "wafix: warning: " << clean(text) << "\n"; }
    // For texts sent to GitHub or put into commits: true when one holds a secret value.
    bool leaks(const std::string& text) const { return holds_secret(text, secrets_); }

private:
    std::string clean(std::string text) const {
        if (token_.size() >= 4)
            for (size_t at; (at = text.find(token_)) != std::string::npos;) text.replace(at, token_.size(), "***");
        if (holds_secret(text, secrets_)) return "(a message that would show a secret value was withheld)";
        return text;
    }
    std::ostream& out_;
    std::ostream& err_;
    std::string token_;
    std::vector<std::string> secrets_;
};

std::string short_id(const std::string& id) { return id.substr(0, 10); }

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        out += (line.empty() ? "" : prefix + line) + "\n";
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    if (!out.empty()) out.pop_back();
    return out;
}

std::string describe(const ApiError& e) {
    std::string what = e.what();
    if (e.status == 401) return "GitHub refused the token (401 Unauthorized): " + what;
    if (e.rate_reset) {
        char when[64] = {};
        std::tm tm{};
        gmtime_r(&*e.rate_reset, &tm);
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
        return fmt::format("GitHub's rate limit is exhausted until {} ({}): {}", when, e.status, what);
    }
    if (e.status == 403)
        return "GitHub refused the request (403 Forbidden; the token may lack the "
               "contents: write and pull-requests: write permissions): " +
               what;
    if (e.status == 404) return "GitHub answered 404 Not Found (a wrong --repo, or a token without access): " + what;
    if (e.status == 422) return "GitHub rejected the request (422 Validation Failed): " + what;
    if (e.status == 0) return "cannot reach GitHub: " + what;
    return fmt::format("GitHub answered {}: {}", e.status, what);
}

// The files of two trees (directories), ignoring a top-level .git: equal contents and links.
bool same_files(const fs::path& a, const fs::path& b) {
    auto list = [](const fs::path& root) {
        std::map<std::string, std::string> files;
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
            fs::path rel = it->path().lexically_relative(root);
            if (*rel.begin() == ".git") {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_symlink()) files[rel.generic_string()] = "link:" + fs::read_symlink(it->path()).string();
            else if (it->is_regular_file()) {
                std::ifstream f(it->path(), std::ios::binary);
                std::ostringstream s;
                s << f.rdbuf();
                files[rel.generic_string()] = s.str();
            }
        }
        return files;
    };
    return list(a) == list(b);
}

bool all_by(const std::vector<CommitInfo>& commits, const Identity& bot) {
    return std::all_of(commits.begin(), commits.end(),
                       [&](const CommitInfo& c) { return c.author_email == bot.email; });
}

std::string strangers(const std::vector<CommitInfo>& commits, const Identity& bot) {
    std::set<std::string> who;
    for (const CommitInfo& c : commits)
        if (c.author_email != bot.email) who.insert(c.author_name + " <" + c.author_email + ">");
    std::string out;
    for (const auto& w : who) out += (out.empty() ? "" : ", ") + w;
    return out;
}

class PrRun {
public:
    PrRun(const PrOptions& o, Output& io) : o_(o), io_(io), auth_{o.token} {}

    int run() {
        if (!setup()) return kFail;
        PlanOptions po;
        po.branch_prefix = o_.branch_prefix;
        po.combined = o_.combined;
        po.subdir = subdir_;
        po.analyse = o_.analyse;
        po.engine = o_.engine;
        Plan plan = plan_commit(*repo_, base_commit_, po);
        for (const FamilyPlan& fp : plan.families) io_.add_secrets(secret_texts(fp));
        for (const auto& e : plan.errors) {
            io_.error(e);
            failed_ = true;
        }
        if (!o_.dry_run && !write_secrets_manifest(plan)) return kFail;
        for (const FamilyPlan& fp : plan.families) {
            try {
                if (o_.dry_run) preview(fp);
                else publish(fp);
            } catch (const std::exception& e) {
                io_.error(fp.branch + ": " + e.what());
                failed_ = true;
            }
        }
        for (const std::string& branch : plan.idle) {
            try {
                retire(branch, !plan.errors.empty());
            } catch (const std::exception& e) {
                io_.error(branch + ": " + e.what());
                failed_ = true;
            }
        }
        if (plan.families.empty() && plan.errors.empty()) io_.say(fmt::format("wafix: nothing to fix on {}", base_));
        return failed_ ? kFail : 0;
    }

private:
    static constexpr int kFail = 2;

    bool setup() {
        try {
            repo_.emplace(GitRepo::open(o_.path));
        } catch (const GitError& e) {
            io_.error(fmt::format("{} is not in a git repository: {}", o_.path, e.what()));
            return false;
        }
        std::error_code ec;
        fs::path top = fs::weakly_canonical(repo_->workdir(), ec);
        fs::path here = fs::weakly_canonical(fs::absolute(o_.path, ec), ec);
        std::string rel = here.lexically_relative(top).generic_string();
        if (rel.rfind("..", 0) == 0) {
            io_.error(fmt::format("{} is outside the repository's work tree", o_.path));
            return false;
        }
        subdir_ = rel == "." ? "" : rel;
        if (!o_.secrets_manifest.empty()) {
            fs::path m = fs::weakly_canonical(fs::absolute(o_.secrets_manifest, ec), ec);
            std::string mrel = m.lexically_relative(top).generic_string();
            if (mrel.empty() || mrel.rfind("..", 0) != 0) {
                io_.error(
                    fmt::format("--secrets-manifest {} is inside the repository; the values must never be "
                                "committed: choose a path outside {}",
                                o_.secrets_manifest, top.string()));
                return false;
            }
        }
        if (!o_.dry_run && o_.token.empty()) {
            io_.error(
                fmt::format("no GitHub token: set {} (a token with contents: write and pull-requests: write), "
                            "or run with --dry-run",
                            o_.token_env));
            return false;
        }
        std::string url;
        try {
            url = repo_->remote_url(o_.remote);
        } catch (const GitError& e) {
            if (o_.dry_run) return plan_without_remote();
            io_.error(fmt::format("no remote named {}: {}", o_.remote, e.what()));
            return false;
        }
        std::string slug = o_.repository;
        if (slug.empty())
            if (auto parsed = parse_repository(url)) slug = parsed->first + "/" + parsed->second;
        if (!o_.token.empty()) {
            auto parsed = parse_repository(slug);
            if (!parsed) {
                io_.error(
                    "cannot tell the GitHub repository from the remote's URL: pass --repo OWNER/NAME or set "
                    "GITHUB_REPOSITORY");
                return false;
            }
            GitHubConfig cfg;
            if (!o_.api_url.empty()) cfg.api_url = o_.api_url;
            cfg.token = o_.token;
            cfg.owner = parsed->first;
            cfg.repo = parsed->second;
            RetryPolicy retry;
            retry.budget = std::chrono::seconds(o_.api_timeout_seconds);
            github_ = std::make_unique<GitHubClient>(
                cfg, make_curl_transport(std::chrono::seconds(o_.api_timeout_seconds)), std::move(retry));
        }
        try {
            base_ = o_.base;
            if (base_.empty()) base_ = github_ ? github_->default_branch() : repo_->default_branch(o_.remote, auth_);
            if (o_.dry_run) {
                std::string tracking = fmt::format("refs/remotes/{}/{}", o_.remote, base_);
                auto id = local_ref_commit(repo_->workdir(), tracking);
                if (!id) {
                    io_.error(
                        fmt::format("{} is not known locally: run `git fetch {}` first (--dry-run does not fetch)",
                                    tracking, o_.remote));
                    return false;
                }
                base_commit_ = *id;
                io_.say(
                    fmt::format("wafix: dry run: base {} from {} at {} (local ref; run `git fetch` for a current "
                                "view); nothing is pushed, written or sent",
                                base_, tracking, short_id(base_commit_)));
            } else {
                auto id = repo_->fetch_branch(o_.remote, base_, auth_);
                if (!id) {
                    io_.error(fmt::format("the base branch {} does not exist on {}", base_, o_.remote));
                    return false;
                }
                base_commit_ = *id;
            }
        } catch (const ApiError& e) {
            io_.error(describe(e));
            return false;
        } catch (const GitError& e) {
            io_.error(e.what());
            return false;
        }
        return true;
    }

    // A repository with no remote yet (a fresh `git init`): a dry run still shows the plan, made
    // against the current branch (or --base) instead of the remote's default branch.
    bool plan_without_remote() {
        std::string ref = o_.base.empty() ? "HEAD" : o_.base;
        auto id = local_ref_commit(repo_->workdir(), ref);
        if (!id) {
            io_.error(fmt::format("no remote named {}, and {} has no commit to plan against", o_.remote, ref));
            return false;
        }
        base_ = o_.base.empty() ? local_head_branch(repo_->workdir()).value_or("HEAD") : o_.base;
        base_commit_ = *id;
        io_.say(
            fmt::format("wafix: dry run: no remote named {}; planning against the {} {} at {} instead; nothing is "
                        "pushed, written or sent",
                        o_.remote, o_.base.empty() ? "current branch" : "branch", base_, short_id(base_commit_)));
        return true;
    }

    bool write_secrets_manifest(const Plan& plan) {
        if (o_.secrets_manifest.empty()) return true;
        std::vector<SecretsManifestEntry> entries;
        for (const FamilyPlan& fp : plan.families)
            for (const RuleCommit& c : fp.commits)
                for (const MovedSecret& s : c.secrets) entries.push_back({s.id, s.file, s.line, s.kind, s.value});
        // Merged with what the file already holds: a rerun must not lose the values of the last one.
        ManifestMerge merged = merge_with_manifest_file(o_.secrets_manifest, entries);
        std::optional<std::string> err = merged.error;
        if (!err) err = write_private_file(o_.secrets_manifest, secrets_manifest_json(merged.entries));
        if (err) {
            io_.error(fmt::format("{}: {}; nothing was pushed", o_.secrets_manifest, *err));
            return false;
        }
        for (const auto& warning : merged.warnings) io_.say("wafix: warning: " + warning);
        io_.say(fmt::format(
            "wafix: wrote {} secret id{} and value{} to {} (mode 0600): create the secrets from it, "
            "then delete it",
            entries.size(), entries.size() == 1 ? "" : "s", entries.size() == 1 ? "" : "s", o_.secrets_manifest));
        return true;
    }

    // Everything the family would send or commit, checked once against the secret values.
    bool texts_clean(const FamilyPlan& fp, const std::string& title, const std::string& body) {
        bool leak = io_.leaks(title) || io_.leaks(body);
        for (const RuleCommit& c : fp.commits) leak = leak || io_.leaks(c.spec.message);
        if (leak) {
            io_.error(fp.branch +
                      ": a pull request text or commit message would contain a secret value; nothing was "
                      "sent for this family (please report this as a bug)");
            failed_ = true;
        }
        return !leak;
    }

    std::vector<CommitSpec> specs(const FamilyPlan& fp) const {
        std::vector<CommitSpec> out;
        for (const RuleCommit& c : fp.commits) out.push_back(c.spec);
        return out;
    }

    void preview(const FamilyPlan& fp) {
        std::string title = pr_title(fp), body = pr_body(fp, base_);
        if (!texts_clean(fp, title, body)) return;
        io_.say(fmt::format("\n== {} (base {} at {}) ==", fp.branch, base_, short_id(base_commit_)));
        auto remote_tip = local_ref_commit(repo_->workdir(), fmt::format("refs/remotes/{}/{}", o_.remote, fp.branch));
        std::string action = "would create the branch and push";
        if (remote_tip) {
            auto commits = repo_->commits_between(base_commit_, *remote_tip);
            if (!all_by(commits, o_.author)) {
                action = fmt::format("would refuse: {} on {} has commits by {} (never force-pushed)", fp.branch,
                                     o_.remote, strangers(commits, o_.author));
            } else if (repo_->is_ancestor(base_commit_, *remote_tip) && fp.result_dir) {
                TempTree remote_files(*repo_, *remote_tip);
                action = same_files(remote_files.dir, *fp.result_dir)
                             ? "branch is current: nothing would be pushed"
                             : "would replace wafix's own commits on the branch (force-push)";
            } else {
                action = "would rebuild the branch on the new base (force-push of wafix's own commits)";
            }
        }
        io_.say(fmt::format("{} commit{}; {}", fp.commits.size(), fp.commits.size() == 1 ? "" : "s", action));
        for (size_t i = 0; i < fp.commits.size(); ++i) {
            const RuleCommit& c = fp.commits[i];
            io_.say(fmt::format("\ncommit {}/{}:", i + 1, fp.commits.size()));
            io_.say(indent(c.spec.message, "    "));
            std::string files;
            for (const FileChange& ch : c.spec.changes) files += (files.empty() ? "" : ", ") + ch.path;
            io_.say("  files: " + files);
        }
        std::string pr_action = "would open a pull request (no token: GitHub was not asked about an open one)";
        if (github_) {
            auto existing = github_->find_open_pull(fp.branch);
            pr_action = !existing ? "would open a pull request"
                        : (existing->title == title && existing->body == body)
                            ? fmt::format("pull request #{} is current", existing->number)
                            : fmt::format("would update pull request #{}", existing->number);
        }
        io_.say("\n" + pr_action + fmt::format(" ({} into {})", fp.branch, base_));
        io_.say("title: " + title);
        io_.say("body:\n" + indent(body, "    "));
    }

    void publish(const FamilyPlan& fp) {
        std::string title = pr_title(fp), body = pr_body(fp, base_);
        if (!texts_clean(fp, title, body)) return;
        auto remote_tip = repo_->fetch_branch(o_.remote, fp.branch, auth_);
        if (remote_tip) {
            auto commits = repo_->commits_between(base_commit_, *remote_tip);
            if (!all_by(commits, o_.author)) {
                io_.error(
                    fmt::format("{} on {} has commits wafix did not make (by {}): not pushing, and leaving its "
                                "pull request alone. Merge or delete that branch by hand; wafix takes it over "
                                "again once it is gone.",
                                fp.branch, o_.remote, strangers(commits, o_.author)));
                failed_ = true;
                return;
            }
        }
        std::string tip = repo_->commit_chain(base_commit_, specs(fp), o_.author);
        bool pushed = false;
        if (remote_tip && repo_->is_ancestor(base_commit_, *remote_tip) &&
            repo_->tree_id(*remote_tip) == repo_->tree_id(tip)) {
            io_.say(fmt::format("wafix: {}: current on {} (nothing pushed)", fp.branch, o_.remote));
        } else {
            repo_->push(o_.remote, tip, fp.branch, remote_tip.has_value(), auth_);
            pushed = true;
            io_.say(fmt::format("wafix: {}: pushed {} commit{} on {} to {}{}", fp.branch, fp.commits.size(),
                                fp.commits.size() == 1 ? "" : "s", base_, o_.remote,
                                remote_tip ? " (replacing wafix's earlier commits)" : ""));
        }
        try {
            auto pull = github_->find_open_pull(fp.branch);
            if (!pull) {
                pull = github_->create_pull(title, fp.branch, base_, body);
                io_.say(fmt::format("wafix: {}: opened pull request #{} {}", fp.branch, pull->number, pull->html_url));
            } else if (pull->title != title || pull->body != body) {
                pull = github_->update_pull(pull->number, title, body);
                io_.say(fmt::format("wafix: {}: updated pull request #{} {}", fp.branch, pull->number, pull->html_url));
            } else {
                io_.say(
                    fmt::format("wafix: {}: pull request #{} is current {}", fp.branch, pull->number, pull->html_url));
            }
            std::vector<std::string> missing;
            for (const auto& l : o_.labels)
                if (std::find(pull->labels.begin(), pull->labels.end(), l) == pull->labels.end()) missing.push_back(l);
            if (!missing.empty()) github_->add_labels(pull->number, missing);
        } catch (const ApiError& e) {
            io_.error(fmt::format("{}: {}", fp.branch, describe(e)));
            if (pushed)
                io_.error(
                    fmt::format("{}: the branch was pushed to {}, but its pull request was not opened or "
                                "updated; fix the cause and rerun `wafix pr` (it reuses the pushed branch)",
                                fp.branch, o_.remote));
            failed_ = true;
        }
    }

    // A family without fixes: wafix's own open pull request from its branch is stale.
    void retire(const std::string& branch, bool analysis_failed) {
        if (!github_) {
            io_.say(fmt::format("wafix: {}: nothing to fix (no token: open pull requests not checked)", branch));
            return;
        }
        auto pull = github_->find_open_pull(branch);
        if (!pull) return;
        std::string family = branch.substr(std::min(branch.size(), o_.branch_prefix.size()));
        auto marked = marker_family(pull->body);
        if (!marked || *marked != family) {
            io_.say(fmt::format("wafix: {}: pull request #{} was not opened by wafix (no marker): left alone", branch,
                                pull->number));
            return;
        }
        if (analysis_failed) {
            io_.warn(
                fmt::format("{}: pull request #{} not closed: some files could not be analysed, so its findings "
                            "may only look gone",
                            branch, pull->number));
            return;
        }
        if (o_.dry_run) {
            io_.say(fmt::format("\n== {} ==\nnothing to fix on {}: would close pull request #{} with the comment:\n{}",
                                branch, base_, pull->number, indent(stale_comment(family, base_), "    ")));
            return;
        }
        github_->comment(pull->number, stale_comment(family, base_));
        github_->close_pull(pull->number);
        io_.say(fmt::format("wafix: {}: findings gone from {}; closed pull request #{}", branch, base_, pull->number));
        if (auto tip = repo_->fetch_branch(o_.remote, branch, auth_)) {
            auto commits = repo_->commits_between(base_commit_, *tip);
            if (all_by(commits, o_.author)) {
                repo_->delete_remote_branch(o_.remote, branch, auth_);
                io_.say(fmt::format("wafix: {}: deleted the branch from {}", branch, o_.remote));
            } else {
                io_.say(fmt::format("wafix: {}: kept the branch: it has commits by {}", branch,
                                    strangers(commits, o_.author)));
            }
        }
    }

    // A commit's files in a temporary directory, for comparing without writing to the repository.
    struct TempTree {
        fs::path dir;
        TempTree(const GitRepo& repo, const std::string& commit) {
            std::string tmpl = (fs::temp_directory_path() / "wafix-pr-remote-XXXXXX").string();
            if (!::mkdtemp(tmpl.data())) throw Error("cannot create a temporary directory");
            dir = tmpl;
            repo.export_tree(commit, dir / "tree");
            dir /= "tree";
        }
        ~TempTree() {
            std::error_code ec;
            fs::remove_all(dir.parent_path(), ec);
        }
    };

    const PrOptions& o_;
    Output& io_;
    GitAuth auth_;
    std::optional<GitRepo> repo_;
    std::unique_ptr<GitHubClient> github_;
    std::string subdir_, base_, base_commit_;
    bool failed_ = false;
};

}  // namespace

int run_pr(const PrOptions& options, std::ostream& out, std::ostream& err) {
    Output io(out, err, options.token);
    try {
        return PrRun(options, io).run();
    } catch (const std::exception& e) {
        io.error(e.what());
        return 2;
    }
}

}  // namespace wafix::pr
