// `wafix pr` end to end: the real binary against a real git remote (a bare repository on disk
// whose main branch holds testdata/sample) and tests/github_emulator.py, a loopback server that
// emulates GitHub's documented REST API (version 2022-11-28) for the endpoints wafix uses.
// Branches and commits are checked with git itself; pull requests through /_emulator/state.
#include <catch2/catch.hpp>

#include <chrono>

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "github_emulator.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using nlohmann::json;

namespace {

const std::string kBotEmail = "wafix-bot@users.noreply.github.com";
const std::vector<std::string> kFamilies = {"xml", "http", "secrets", "cdk"};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

CommandResult must(const std::string& command, const fs::path& cwd) {
    auto r = run(command, cwd);
    INFO(command << "\n" << r.out << r.err);
    REQUIRE(r.status == 0);
    return r;
}

const char* kGitEnv =
    "GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Dev GIT_AUTHOR_EMAIL=dev@example.com "
    "GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.com ";

// A bare "origin" whose main holds the sample project, a user's clone of it, and the emulator.
struct World {
    TempDir tmp;
    fs::path origin = tmp.path() / "origin.git";
    fs::path work = tmp.path() / "work";
    std::unique_ptr<GitHubEmulator> gh;

    World() {
        must("git init -q --bare -b main origin.git", tmp.path());
        must(std::string(kGitEnv) + "git clone -q origin.git seed", tmp.path());
        fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "seed", fs::copy_options::recursive);
        must(std::string(kGitEnv) + "git add -A && " + kGitEnv +
                 "git commit -q -m sample && git push -q origin HEAD:main",
             tmp.path() / "seed");
        must(std::string(kGitEnv) + "git clone -q origin.git work", tmp.path());
        work_head = run("git rev-parse HEAD", work).out;
        GitHubEmulatorOptions o;
        o.git_dir = origin;
        gh = std::make_unique<GitHubEmulator>(o);
    }

    std::string token() const { return gh->options().token; }

    // `wafix pr` in the user's clone with the environment GitHub Actions would set.
    CommandResult pr(const std::string& args = "", const std::string& token_override = "\x01") {
        std::string token_value = token_override == "\x01" ? token() : token_override;
        std::string env = "env -u GITHUB_TOKEN -u GITHUB_REPOSITORY -u GITHUB_API_URL ";
        if (!token_value.empty()) env += "GITHUB_TOKEN=" + shell_quote(token_value) + " ";
        env += "GITHUB_REPOSITORY=octo/widgets GITHUB_API_URL=" + shell_quote(gh->api_url()) + " ";
        auto r = run(env + shell_quote(WAFIX_BINARY) + " pr " + args, work);
        // Whatever happened: the token never shows, and the user's clone is as it was.
        CHECK_FALSE(has(r.out + r.err, token()));
        CHECK(run("git status --porcelain", work).out.empty());
        CHECK(run("git symbolic-ref HEAD", work).out == "refs/heads/main\n");
        CHECK(run("git rev-parse HEAD", work).out == work_head);
        return r;
    }

    std::string refs() const { return run("git --git-dir=origin.git for-each-ref", tmp.path()).out; }
    std::string git(const std::string& args) const { return run("git --git-dir=origin.git " + args, tmp.path()).out; }
    json pulls() { return gh->state().at("pulls"); }
    json pull(const std::string& branch) {
        for (const auto& p : pulls())
            if (p["head"]["ref"] == branch) return p;
        return json();
    }

    std::string work_head;  // the user's HEAD, which no run may move
};

// The rule ids of a branch's commits (subjects "wafix: WA101 name: ..."), oldest first.
std::vector<std::string> branch_rules(World& w, const std::string& branch) {
    std::vector<std::string> out;
    for (const auto& l : lines(w.git("log --reverse --format=%s main.." + branch))) out.push_back(l.substr(7, 5));
    return out;
}

// `wafix fix` on a fresh checkout of main: per rule its fix count, the resulting tree, and the
// moved secret values (from the secrets manifest).
struct FixResult {
    std::map<std::string, int> per_rule;
    std::string tree;
};
FixResult fix_checkout(World& w, const std::string& select, std::vector<std::string>* secrets = nullptr) {
    TempDir t;
    must(std::string(kGitEnv) + "git clone -q " + shell_quote(w.origin.string()) + " c", t.path());
    std::string manifest = (t.path() / "m.json").string();
    auto r = run(shell_quote(WAFIX_BINARY) + " fix --no-cache " + (select.empty() ? "" : "--select " + select) +
                     " --secrets-manifest " + shell_quote(manifest) + " .",
                 t.path() / "c");
    INFO(r.out << r.err);
    REQUIRE(r.status <= 1);  // 1: findings left for a human
    FixResult out;
    for (const auto& l : lines(r.out))
        if (l.rfind("  WA", 0) == 0) out.per_rule[l.substr(2, 5)] = std::stoi(l.substr(l.find_last_of(' ') + 1));
    out.tree = lines(must("git add -A && git write-tree", t.path() / "c").out).at(0);
    if (secrets)
        for (const auto& e : json::parse(read_file(manifest))) secrets->push_back(e["value"]);
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
}

}  // namespace

TEST_CASE("wafix pr opens one PR per family, is idempotent, and closes a PR whose fix was merged", "[pr-e2e]") {
    World w;
    std::vector<std::string> secret_values;
    FixResult all = fix_checkout(w, "", &secret_values);
    REQUIRE_FALSE(secret_values.empty());  // the sample has secrets: the checks below mean something

    // First run: a branch and a pull request per family.
    auto first = w.pr();
    INFO(first.out << first.err);
    REQUIRE(first.status == 0);
    json pulls = w.pulls();
    REQUIRE(pulls.size() == kFamilies.size());
    std::map<std::string, int> numbers;
    std::map<std::string, int> fixes_on_branches;
    for (const auto& fam : kFamilies) {
        std::string branch = "wafix/" + fam;
        json p = w.pull(branch);
        REQUIRE(p.is_object());
        numbers[fam] = p["number"];
        CHECK(p["state"] == "open");
        CHECK(p["base"]["ref"] == "main");
        std::string body = p["body"];
        CHECK(body.rfind("<!-- wafix:family=" + fam + " -->", 0) == 0);
        CHECK(has(body, "**Well-Architected pillar:**"));
        CHECK(has(body, "**Why it matters:**"));
        CHECK(has(body, "**Safety:**"));
        CHECK(has(body, "### Before merging"));
        CHECK(p["labels"].size() == 1);
        CHECK(p["labels"][0]["name"] == "wafix");
        CHECK(p["head"]["sha"] == lines(w.git("rev-parse " + branch)).at(0));
        // One commit per rule, by the bot, on top of main.
        auto rules = branch_rules(w, branch);
        REQUIRE_FALSE(rules.empty());
        CHECK(std::set<std::string>(rules.begin(), rules.end()).size() == rules.size());
        for (const auto& rule : rules) CHECK(has(body, "### " + rule));
        for (const auto& l : lines(w.git("log --format=%an%x09%ae%x09%cn%x09%ce main.." + branch)))
            CHECK(l == "wafix[bot]\t" + kBotEmail + "\twafix[bot]\t" + kBotEmail);
        CHECK(run("git --git-dir=origin.git merge-base --is-ancestor main " + branch, w.tmp.path()).status == 0);
        // Each commit's message names the files it changes and its count.
        for (const auto& c : lines(w.git("rev-list main.." + branch))) {
            std::string message = w.git("log -1 --format=%B " + c);
            for (const auto& f : lines(w.git("diff-tree --no-commit-id --name-only -r " + c)))
                CHECK(has(message, "- " + f + ":"));
            std::string rule = message.substr(7, 5);
            size_t colon = message.find(": ", 12);
            int n = std::stoi(message.substr(colon + 2));
            fixes_on_branches[rule] += n;
            CHECK(n == all.per_rule[rule]);
        }
        // The branch holds what `wafix fix --select <its rules>` makes of a checkout of main.
        CHECK(w.git("rev-parse " + branch + "^{tree}") == fix_checkout(w, join(rules)).tree + "\n");
        // No secret value anywhere it could leak.
        for (const auto& v : secret_values) {
            CHECK_FALSE(has(body, v));
            CHECK_FALSE(has(p["title"].get<std::string>(), v));
            CHECK_FALSE(has(w.git("log --format=%B main.." + branch), v));
        }
    }
    // Every rule `wafix fix` fixes is on some branch, with the same count.
    CHECK(fixes_on_branches == all.per_rule);
    for (const auto& v : secret_values) CHECK_FALSE(has(first.out + first.err, v));
    CHECK(has(w.pull("wafix/cdk")["body"].get<std::string>(), "Reserved concurrency caps scaling"));
    CHECK(has(w.pull("wafix/secrets")["body"].get<std::string>(), "git history"));
    CHECK(has(w.pull("wafix/xml")["body"].get<std::string>(), "added to `"));

    // Second run, nothing changed: no push, no new commit, no duplicate or edited pull request.
    std::string refs = w.refs();
    size_t requests = w.gh->requests().size();
    auto second = w.pr();
    INFO(second.out << second.err);
    REQUIRE(second.status == 0);
    CHECK(w.refs() == refs);
    CHECK(w.pulls().size() == kFamilies.size());
    json log = w.gh->requests();
    for (size_t i = requests; i < log.size(); ++i) CHECK(log[i]["method"] == "GET");
    CHECK(has(second.out, "current"));

    // The cdk fix lands on main by hand (its tree, squashed): its pull request is stale.
    TempDir t;
    must(std::string(kGitEnv) + "git clone -q " + shell_quote(w.origin.string()) + " c", t.path());
    must(std::string(kGitEnv) + "git fetch -q origin wafix/cdk && " + kGitEnv + "git merge -q --squash FETCH_HEAD && " +
             kGitEnv + "git commit -q -m 'Apply the CDK fixes' && git push -q origin HEAD:main",
         t.path() / "c");
    auto third = w.pr();
    INFO(third.out << third.err);
    REQUIRE(third.status == 0);
    json cdk = w.pull("wafix/cdk");
    CHECK(cdk["state"] == "closed");
    json comments = w.gh->state()["comments"][std::to_string(numbers["cdk"])];
    REQUIRE(comments.size() == 1);
    CHECK(has(comments[0]["body"], "the findings are gone from `main` (fixed by hand or merged)"));
    CHECK_FALSE(has(w.refs(), "refs/heads/wafix/cdk"));  // only the bot's commits were on it
    for (const auto& fam : {"xml", "http", "secrets"}) {
        json p = w.pull(std::string("wafix/") + fam);
        CHECK(p["state"] == "open");
        CHECK(p["number"] == numbers[fam]);  // the same pull request, its branch rebuilt on the new main
        CHECK(run(std::string("git --git-dir=origin.git merge-base --is-ancestor main wafix/") + fam, w.tmp.path())
                  .status == 0);
    }
    CHECK(w.pulls().size() == kFamilies.size());
}

TEST_CASE("wafix pr --dry-run prints the plan and touches nothing", "[pr-e2e]") {
    World w;
    auto snapshot = [&] {
        json s = w.gh->state();
        return std::make_tuple(w.refs(), s["pulls"].dump(), s["comments"].dump(), run("git for-each-ref", w.work).out,
                               run("git count-objects -v", w.work).out);
    };
    auto before = snapshot();
    auto r = w.pr("--dry-run");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(snapshot() == before);
    for (const auto& l : w.gh->requests()) CHECK(l["method"] == "GET");
    for (const auto& fam : kFamilies) {
        CHECK(has(r.out, "== wafix/" + fam + " (base main at "));
        CHECK(has(r.out, "title: wafix(" + fam + "): fix "));
        CHECK(has(r.out, "<!-- wafix:family=" + fam + " -->"));
    }
    CHECK(has(r.out, "commit 1/"));
    CHECK(has(r.out, "  files: "));
    CHECK(has(r.out, "would open a pull request"));

    // Without a token: from local refs only, GitHub not asked.
    size_t requests = w.gh->requests().size();
    auto offline = w.pr("--dry-run --combined", "");
    INFO(offline.out << offline.err);
    REQUIRE(offline.status == 0);
    CHECK(has(offline.out, "== wafix/all "));
    CHECK(has(offline.out, "no token"));
    CHECK(w.gh->requests().size() == requests);
    CHECK(snapshot() == before);

    // After a real run, a dry run sees the branches as current and the pull requests as existing.
    REQUIRE(w.pr().status == 0);
    must("git fetch -q origin '+refs/heads/*:refs/remotes/origin/*'", w.work);
    auto after = snapshot();
    auto again = w.pr("--dry-run");
    INFO(again.out << again.err);
    CHECK(again.status == 0);
    CHECK(has(again.out, "branch is current: nothing would be pushed"));
    CHECK(has(again.out, "is current"));
    CHECK(snapshot() == after);
}

TEST_CASE("wafix pr --dry-run in a repository without a remote plans against the current branch", "[pr-e2e]") {
    TempDir tmp;
    fs::path repo = tmp.path() / "fresh";
    fs::copy(source_dir() / "testdata" / "sample", repo, fs::copy_options::recursive);
    must(std::string(kGitEnv) + "git init -q -b trunk && git add -A && " + kGitEnv + "git commit -q -m sample", repo);
    std::string head = run("git rev-parse HEAD", repo).out;
    auto r = run("env -u GITHUB_TOKEN " + shell_quote(WAFIX_BINARY) + " pr --dry-run", repo);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(has(r.out, "no remote named origin; planning against the current branch trunk at " + head.substr(0, 7)));
    CHECK(has(r.out, "== wafix/xml (base trunk at " + head.substr(0, 7)));
    CHECK(has(r.out, "would create the branch and push"));
    CHECK(run("git status --porcelain", repo).out.empty());
    CHECK(run("git for-each-ref --format='%(refname)'", repo).out == "refs/heads/trunk\n");

    // Without --dry-run the missing remote is still an error, and --base names another branch.
    auto real = run("GITHUB_TOKEN=t " + shell_quote(WAFIX_BINARY) + " pr", repo);
    CHECK(real.status == 2);
    CHECK(has(real.err, "no remote named origin"));
    auto missing = run("env -u GITHUB_TOKEN " + shell_quote(WAFIX_BINARY) + " pr --dry-run --base nosuch", repo);
    CHECK(missing.status == 2);
    CHECK(has(missing.err, "no remote named origin, and nosuch has no commit to plan against"));
}

TEST_CASE("wafix pr without a token, or with one GitHub refuses, stops before pushing", "[pr-e2e]") {
    World w;
    std::string refs = w.refs();
    auto none = w.pr("", "");
    CHECK(none.status == 2);
    CHECK(has(none.err, "no GitHub token: set GITHUB_TOKEN"));
    CHECK(w.refs() == refs);

    auto bad = w.pr("", "ghp_notTheRightToken000000000000000");
    CHECK(bad.status == 2);
    CHECK(has(bad.err, "401"));
    CHECK_FALSE(has(bad.out + bad.err, "ghp_notTheRightToken000000000000000"));
    CHECK(w.refs() == refs);
    CHECK(w.pulls().empty());
}

TEST_CASE("wafix pr against an API that hangs gives up within --api-timeout", "[pr-e2e][timeout]") {
    World w;
    std::string refs = w.refs();
    // Every API request is answered only after a minute.
    w.gh->fail({{"path_regex", "^/repos/"}, {"status", 200}, {"times", -1}, {"delay", 60}});
    auto started = std::chrono::steady_clock::now();
    auto r = w.pr("--api-timeout 3");
    auto took = std::chrono::steady_clock::now() - started;
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK(has(r.err, "in 3 s, the API time limit"));
    CHECK(took < std::chrono::seconds(20));  // 3 s of API time, the rest is git and the analysis
    CHECK(w.refs() == refs);
    CHECK(w.pr("--api-timeout 0").status != 0);  // out of range: refused
}

TEST_CASE("wafix pr reports API failures after a push and recovers on the next run", "[pr-e2e]") {
    World w;
    std::time_t reset = std::time(nullptr) + 3600;
    w.gh->fail({{"method", "POST"},
                {"path_regex", "/pulls$"},
                {"status", 403},
                {"times", -1},
                {"headers", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(reset)}}},
                {"body", {{"message", "API rate limit exceeded"}}}});
    auto limited = w.pr();
    INFO(limited.out << limited.err);
    CHECK(limited.status == 2);
    CHECK(has(limited.err, "rate limit"));
    char when[32];
    std::tm tm{};
    gmtime_r(&reset, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    CHECK(has(limited.err, when));
    CHECK(has(limited.err, "the branch was pushed to origin, but its pull request was not opened"));
    CHECK(has(w.refs(), "refs/heads/wafix/xml"));
    CHECK(w.pulls().empty());

    w.gh->reset();
    w.gh->fail({{"method", "POST"},
                {"path_regex", "/pulls$"},
                {"status", 422},
                {"times", 1},
                {"body", {{"message", "Validation Failed"}, {"errors", {{{"message", "injected"}}}}}}});
    std::string refs = w.refs();
    auto invalid = w.pr();
    INFO(invalid.out << invalid.err);
    CHECK(invalid.status == 2);
    CHECK(has(invalid.err, "422"));
    CHECK(w.refs() == refs);  // the branches were current: nothing pushed again
    CHECK(w.pulls().size() == kFamilies.size() - 1);

    auto recovered = w.pr();
    INFO(recovered.out << recovered.err);
    CHECK(recovered.status == 0);
    CHECK(w.refs() == refs);
    CHECK(w.pulls().size() == kFamilies.size());
}

TEST_CASE("wafix pr never force-pushes a branch with a human's commit", "[pr-e2e]") {
    World w;
    REQUIRE(w.pr().status == 0);
    json before = w.pull("wafix/http");
    TempDir t;
    must(std::string(kGitEnv) + "git clone -q " + shell_quote(w.origin.string()) + " c", t.path());
    must(std::string(kGitEnv) +
             "git fetch -q origin wafix/http && git checkout -q -b h FETCH_HEAD && echo '# tuned' >> "
             "README.md && git add README.md && " +
             kGitEnv +
             "git commit -q -m 'Tune timeouts' && git push -q origin "
             "h:wafix/http",
         t.path() / "c");
    std::string human_tip = w.git("rev-parse wafix/http");
    // main moves on, so wafix would want to rebuild every branch.
    must(std::string("git checkout -q main && echo x > extra.txt && git add extra.txt && ") + kGitEnv +
             "git commit -q -m extra && git push -q origin HEAD:main",
         t.path() / "c");
    auto r = w.pr();
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK(has(r.err, "wafix/http on origin has commits wafix did not make (by Dev <dev@example.com>)"));
    CHECK(w.git("rev-parse wafix/http") == human_tip);
    CHECK(w.pull("wafix/http")["body"] == before["body"]);
    // The other families were still brought up to date.
    CHECK(run("git --git-dir=origin.git merge-base --is-ancestor main wafix/xml", w.tmp.path()).status == 0);
}

TEST_CASE("wafix pr writes the secrets manifest only outside the repository", "[pr-e2e][secrets]") {
    World w;
    std::string refs = w.refs();
    auto inside = w.pr("--secrets-manifest secrets.json");
    CHECK(inside.status == 2);
    CHECK(has(inside.err, "inside the repository"));
    CHECK_FALSE(fs::exists(w.work / "secrets.json"));
    CHECK(w.refs() == refs);

    fs::path outside = w.tmp.path() / "secrets.json";
    auto r = w.pr("--label security --label wafix --secrets-manifest " + shell_quote(outside.string()) + " .");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    for (const auto& p : w.pulls()) CHECK(p["labels"] == json::parse(R"([{"name":"security"},{"name":"wafix"}])"));
    REQUIRE(fs::exists(outside));
    struct stat st {};
    REQUIRE(::stat(outside.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    json entries = json::parse(read_file(outside));
    REQUIRE_FALSE(entries.empty());
    for (const auto& e : entries) {
        std::string v = e["value"];
        CHECK_FALSE(has(r.out + r.err, v));
        for (const auto& p : w.pulls()) CHECK_FALSE(has(p["body"].get<std::string>(), v));
        CHECK(has(w.pull("wafix/secrets")["body"].get<std::string>(), e["secret_id"].get<std::string>()));
    }
}

TEST_CASE("wafix pr outside a repository or without the remote fails clearly", "[pr-e2e]") {
    TempDir t;
    std::string cmd = "env GITHUB_TOKEN=ghp_someToken0000000000000000000000 GITHUB_REPOSITORY=octo/widgets " +
                      shell_quote(WAFIX_BINARY) + " pr";
    fs::create_directories(t.path() / "plain");
    auto outside = run(cmd, t.path() / "plain");
    CHECK(outside.status == 2);
    CHECK(has(outside.err, "is not in a git repository"));
    must(std::string(kGitEnv) + "git init -q -b main repo", t.path());
    auto no_remote = run(cmd, t.path() / "repo");
    CHECK(no_remote.status == 2);
    CHECK(has(no_remote.err, "no remote named origin"));
    CHECK_FALSE(has(outside.out + outside.err + no_remote.out + no_remote.err, "ghp_someToken"));
}
