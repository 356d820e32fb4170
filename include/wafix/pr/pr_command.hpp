// `wafix pr`: turns pending fixes into one pull request per rule family (or one for all) and
// keeps them current. Three parts: the plan (what to commit, computed on an exported copy of the
// base commit), the PR text (title and body from the rules' docs), and the orchestration (git and
// GitHub). Documented in docs/pr.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/app/run.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/pr/git_repo.hpp"

namespace wafix::pr {

// ---- Families ---------------------------------------------------------------------------------

// A rule's family as it declares it (RuleInfo::family: its transforms/ directory, "xml", "http",
// "secrets", "cdk", "report"); "wa<N>xx" for an id no rule has.
std::string family_of(std::string_view rule_id);
// Whether `wafix pr` commits this rule's fixes: the rules that have fixes.
bool commits_rule(std::string_view rule_id);
// The families that can produce commits, in id order ("xml", "http", "secrets", "cdk").
std::vector<std::string> committing_families();
// The family name of the single branch `--combined` uses.
inline constexpr std::string_view kCombinedFamily = "all";

// ---- Plan -------------------------------------------------------------------------------------

struct LeftFinding {  // a finding the rule could not fix, for the PR body
    std::string file;
    uint32_t line = 0;
    std::string message;
};

struct DependencyAdded {
    std::string manifest;  // repository-relative
    std::vector<std::string> requirements;
};

// A secret a fix moved out of the code. `value` and `spellings` go only to the secrets manifest
// and to the guard that keeps them out of every text wafix produces.
struct MovedSecret {
    std::string id;
    std::string kind;
    std::string file;
    uint32_t line = 0;
    std::string value;
    std::vector<std::string> spellings;
    std::string access = {};  // the grant the functions running it still need (never the value)
};

// One rule's commit: computed on the tree the previous rule's commit left.
struct RuleCommit {
    std::string rule;  // the rule's id
    int found = 0;     // this rule's findings on that tree
    int fixed = 0;
    bool unsafe = false;                        // an applied fix is marked unsafe
    std::map<std::string, int> fixes_per_file;  // repository-relative path -> fixes
    std::vector<LeftFinding> left;              // for a human
    std::vector<DependencyAdded> dependencies;
    std::vector<std::string> notes;  // manifest notes, repository-relative
    std::vector<MovedSecret> secrets;
    // Application-model function id -> {fixed, left for a human}: the body groups by function.
    std::map<std::string, std::pair<int, int>> per_function;
    CommitSpec spec;  // message and file contents
};

struct FamilyPlan {
    std::string family;               // "xml", ... or "all"
    std::string branch;               // "<prefix><family>"
    std::vector<RuleCommit> commits;  // rules with at least one fix, in id order
    // The tree after every commit (files only), kept for comparing with a remote branch.
    std::shared_ptr<const std::filesystem::path> result_dir;
};

struct PlanOptions {
    std::string branch_prefix = "wafix/";
    bool combined = false;
    std::string subdir;      // repository-relative directory to analyse; empty: the whole tree
    AnalyseOptions analyse;  // settings; paths, cache and `only` are set by the planner
    EngineOptions engine;    // unsafe_fixes, peer suppressions
};

struct Plan {
    std::vector<FamilyPlan> families;  // families with commits
    std::vector<std::string> idle;     // branches of families without any fix
    std::vector<std::string> errors;   // analysis errors, repository-relative
};

// Plans on a copy of `snapshot` (a directory holding the base commit's files; never modified):
// one analysis with every rule to learn which rules fix something, then per family a fresh copy
// on which those rules run one at a time (`only` = the rule), each writing its result for the next.
Plan plan_directory(const std::filesystem::path& snapshot, const PlanOptions& options);
// The same on `commit`'s tree, exported with GitRepo::export_tree into a temporary directory.
Plan plan_commit(const GitRepo& repo, const std::string& commit, const PlanOptions& options);

// "wafix: <ID> xml-external-entities: 3 fixes in 2 files" plus a body listing the files.
std::string commit_message(const RuleCommit& commit);

// Every secret spelling (and value) of the plan: no text wafix sends or prints may hold one.
std::vector<std::string> secret_texts(const FamilyPlan& plan);
// True when `text` holds one of `secrets` (pieces shorter than 4 bytes are not considered).
bool holds_secret(std::string_view text, const std::vector<std::string>& secrets);

// ---- Pull request text ------------------------------------------------------------------------

std::string family_marker(std::string_view family);  // "<!-- wafix:family=xml -->"
// The family named by a body's marker; nullopt for a pull request wafix did not write.
std::optional<std::string> marker_family(std::string_view body);
std::string pr_title(const FamilyPlan& plan);
std::string pr_body(const FamilyPlan& plan, const std::string& base);
// The comment posted when a family's findings are gone from the base branch.
std::string stale_comment(const std::string& family, const std::string& base);

// ---- Orchestration ----------------------------------------------------------------------------

struct PrOptions {
    std::string path = ".";  // inside the repository's work tree
    bool dry_run = false;
    bool combined = false;
    std::string base;  // empty: the remote's default branch
    std::string remote = "origin";
    std::string branch_prefix = "wafix/";
    std::vector<std::string> labels = {"wafix"};
    Identity author;
    std::string repository;                  // "owner/name"; empty: from the remote's URL
    std::string api_url;                     // empty: https://api.github.com
    std::string token;                       // the value; never printed
    std::string token_env = "GITHUB_TOKEN";  // where it came from, for messages
    std::string secrets_manifest;            // where to write the moved secret values (outside the repo)
    int api_timeout_seconds = 30;            // the most one GitHub API call may take, retries included
    AnalyseOptions analyse;
    EngineOptions engine;
};

// Exit codes: 0 every family handled (whatever changed), 2 anything failed or was refused.
int run_pr(const PrOptions& options, std::ostream& out, std::ostream& err);

// The commit a local reference ("refs/remotes/origin/main") points to, read from the repository
// holding `inside`, without writing anything; nullopt when there is no such reference.
std::optional<std::string> local_ref_commit(const std::filesystem::path& inside, const std::string& ref);
// The short name of the branch HEAD points to ("main"); nullopt when HEAD is detached.
std::optional<std::string> local_head_branch(const std::filesystem::path& inside);

}  // namespace wafix::pr
