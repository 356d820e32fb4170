// What `wafix pr` commits: per family, one commit per rule, each computed on the tree the
// previous one left, on a private copy of the base commit's files.
#include <git2.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "wafix/core/transform.hpp"
#include "wafix/pr/pr_command.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix::pr {

namespace {

// A directory under the system temp dir, removed with its last owner.
std::shared_ptr<const fs::path> make_temp_dir(const char* stem) {
    std::string tmpl = (fs::temp_directory_path() / (std::string(stem) + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw Error("cannot create a temporary directory");
    return std::shared_ptr<const fs::path>(new fs::path(tmpl), [](const fs::path* p) {
        std::error_code ec;
        fs::remove_all(*p, ec);
        delete p;
    });
}

// Copies the snapshot and makes the copy a git work tree of its own, so that discovery honours
// its .gitignore files and configuration and manifest searches stop at its top, exactly as
// `wafix fix` behaves in a checkout.
void prepare_copy(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from)) {
        if (entry.path().filename() == ".git") continue;
        fs::copy(entry.path(), to / entry.path().filename(),
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    git_libgit2_init();
    git_repository* repo = nullptr;
    int rc = git_repository_init(&repo, to.c_str(), 0);
    git_repository_free(repo);
    git_libgit2_shutdown();
    if (rc != 0) throw Error("cannot initialise a scratch repository for the analysis");
}

std::string repo_relative(const fs::path& p, const fs::path& root) {
    return p.lexically_normal().lexically_relative(root.lexically_normal()).generic_string();
}

// Messages name files by their display path; inside the scratch copy that is absolute.
std::string strip_root(std::string text, const fs::path& root) {
    std::string prefix = root.lexically_normal().string();
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
    return text;
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << bytes;
    if (!f) throw Error("cannot write " + p.filename().string() + " in the scratch copy");
}

RunReport run_rules(const fs::path& dir, const PlanOptions& options, std::set<std::string> only) {
    AnalyseOptions a = options.analyse;
    a.paths = {(options.subdir.empty() ? dir : dir / options.subdir).string()};
    a.no_cache = true;  // the cache lives in the current directory: the user's work tree
    a.cache_dir.clear();
    a.only = std::move(only);
    return analyse(a, options.engine, "pr");
}

// Runs one rule on `dir`, writes its result there and describes it as a commit.
RuleCommit apply_rule(const fs::path& dir, const std::string& rule, const PlanOptions& options) {
    RunReport run = run_rules(dir, options, {rule});
    RuleCommit c;
    c.rule = rule;
    for (FileResult& r : run.results) {
        std::string rel = repo_relative(r.path, dir);
        for (size_t i = 0; i < r.findings.size(); ++i) {
            const Finding& f = r.findings[i];
            if (f.rule != rule) continue;
            ++c.found;
            bool landed = i < r.fixed_flags.size() && r.fixed_flags[i];
            if (landed && f.fix && f.fix->safety == Safety::Unsafe) c.unsafe = true;
            for (const std::string& fn : f.functions) ++(landed ? c.per_function[fn].first : c.per_function[fn].second);
        }
        for (const Finding& f : r.unfixed)
            if (f.rule == rule) c.left.push_back({rel, f.location.line, strip_root(f.message, dir)});
        if (!r.changed()) continue;
        auto it = r.fixed.find(rule);
        int n = it == r.fixed.end() ? 0 : it->second;
        if (n > 0) c.fixes_per_file[rel] += n;
        c.fixed += n;
        std::string bytes = r.source->bytes_for(r.fixed_text);
        write_bytes(r.path, bytes);
        c.spec.changes.push_back({rel, bytes});
        for (const SecretRecord& s : r.secrets) c.secrets.push_back({s.id, s.kind, rel, s.line, s.value, s.spellings});
    }
    for (const ManifestUpdate& m : run.manifests.updates) {
        std::string rel = repo_relative(m.path, dir);
        write_bytes(m.path, m.updated);
        c.spec.changes.push_back({rel, m.updated});
        c.dependencies.push_back({rel, m.added});
    }
    for (const auto& n : run.manifests.notes) c.notes.push_back(strip_root(n, dir));
    std::sort(c.spec.changes.begin(), c.spec.changes.end(),
              [](const FileChange& x, const FileChange& y) { return x.path < y.path; });
    c.spec.message = commit_message(c);
    return c;
}

}  // namespace

std::string family_of(std::string_view rule_id) {
    if (const Transform* t = find_transform(rule_id)) return t->info().family;
    // An id no rule has (a stale branch's): its hundred, so that it still groups with its kin.
    int number = 0;
    size_t i = 0;
    while (i < rule_id.size() && !std::isdigit(static_cast<unsigned char>(rule_id[i]))) ++i;
    for (; i < rule_id.size() && std::isdigit(static_cast<unsigned char>(rule_id[i])); ++i)
        number = number * 10 + (rule_id[i] - '0');
    return fmt::format("wa{}xx", number / 100);
}

bool commits_rule(std::string_view rule_id) {
    const Transform* t = find_transform(rule_id);
    return t && t->info().fix != FixAvailability::None;
}

std::vector<std::string> committing_families() {
    std::vector<std::string> out;
    for (const auto& t : all_transforms()) {
        const std::string& id = t->info().id;
        std::string fam = family_of(id);
        if (commits_rule(id) && std::find(out.begin(), out.end(), fam) == out.end()) out.push_back(fam);
    }
    return out;
}

std::string commit_message(const RuleCommit& c) {
    const Transform* t = find_transform(c.rule);
    std::string name = t ? t->info().name : "";
    size_t files = c.spec.changes.size();
    std::string out = fmt::format("wafix: {} {}: {} fix{} in {} file{}\n\n", c.rule, name, c.fixed,
                                  c.fixed == 1 ? "" : "es", files, files == 1 ? "" : "s");
    if (t) out += t->info().summary + "\n\n";
    for (const FileChange& ch : c.spec.changes) {
        auto it = c.fixes_per_file.find(ch.path);
        if (it != c.fixes_per_file.end()) {
            out += fmt::format("- {}: {} fix{}\n", ch.path, it->second, it->second == 1 ? "" : "es");
            continue;
        }
        std::string added;
        for (const DependencyAdded& d : c.dependencies)
            if (d.manifest == ch.path)
                for (const auto& r : d.requirements) added += (added.empty() ? "" : ", ") + r;
        out += fmt::format("- {}: {}\n", ch.path, added.empty() ? "updated" : "adds " + added);
    }
    if (!c.secrets.empty()) {
        out += "\nNow read from AWS Secrets Manager (create and rotate before deploying):";
        for (const MovedSecret& s : c.secrets) out += fmt::format("\n- {} ({}, {}:{})", s.id, s.kind, s.file, s.line);
        out += "\n";
    }
    if (!c.left.empty())
        out += fmt::format("\n{} finding{} of {} left for a human.\n", c.left.size(), c.left.size() == 1 ? "" : "s",
                           c.rule);
    out += "\nGenerated by wafix pr.\n";
    return out;
}

std::vector<std::string> secret_texts(const FamilyPlan& plan) {
    std::vector<std::string> out;
    for (const RuleCommit& c : plan.commits)
        for (const MovedSecret& s : c.secrets) {
            out.push_back(s.value);
            out.insert(out.end(), s.spellings.begin(), s.spellings.end());
        }
    return out;
}

bool holds_secret(std::string_view text, const std::vector<std::string>& secrets) {
    for (const auto& s : secrets) {
        // A multi-line value (a PEM key) is looked for line by line.
        size_t pos = 0;
        while (pos <= s.size()) {
            size_t nl = s.find_first_of("\r\n", pos);
            std::string_view piece =
                std::string_view(s).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
            if (piece.size() >= 4 && piece.find_first_not_of("-= ") != std::string_view::npos &&
                text.find(piece) != std::string_view::npos && piece.find("-----") == std::string_view::npos)
                return true;
            if (nl == std::string::npos) break;
            pos = nl + 1;
        }
    }
    return false;
}

Plan plan_directory(const fs::path& snapshot, const PlanOptions& options) {
    Plan plan;
    auto scratch = make_temp_dir("wafix-pr");
    fs::path scan = *scratch / "scan";
    prepare_copy(snapshot, scan);
    RunReport all = run_rules(scan, options, {});
    for (const RunError& e : all.errors)
        plan.errors.push_back(strip_root(e.file.empty() ? e.message : e.file + ": " + e.message, scan));
    std::set<std::string> fixing;
    for (const FileResult& r : all.results)
        for (const auto& [rule, n] : r.fixed)
            if (n > 0 && commits_rule(rule)) fixing.insert(rule);

    std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // family -> rules, id order
    if (options.combined) groups.push_back({std::string(kCombinedFamily), {}});
    else
        for (const auto& fam : committing_families()) groups.push_back({fam, {}});
    for (const auto& t : all_transforms()) {
        const std::string& id = t->info().id;
        if (!fixing.count(id)) continue;
        for (auto& [fam, rules] : groups)
            if (options.combined || fam == family_of(id)) rules.push_back(id);
    }
    for (const auto& [fam, rules] : groups) {
        std::string branch = options.branch_prefix + fam;
        FamilyPlan fp;
        fp.family = fam;
        fp.branch = branch;
        if (!rules.empty()) {
            auto dir = make_temp_dir("wafix-pr-tree");
            prepare_copy(scan, *dir);
            for (const auto& rule : rules) {
                RuleCommit c = apply_rule(*dir, rule, options);
                if (c.fixed > 0 && !c.spec.changes.empty()) fp.commits.push_back(std::move(c));
            }
            fs::remove_all(*dir / ".git");  // the result holds the files only
            fp.result_dir = dir;
        }
        if (fp.commits.empty()) plan.idle.push_back(branch);
        else plan.families.push_back(std::move(fp));
    }
    return plan;
}

Plan plan_commit(const GitRepo& repo, const std::string& commit, const PlanOptions& options) {
    auto base = make_temp_dir("wafix-pr-base");
    repo.export_tree(commit, *base / "tree");
    return plan_directory(*base / "tree", options);
}

}  // namespace wafix::pr
