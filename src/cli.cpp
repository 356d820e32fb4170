#include "wafix/cli.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "wafix/diff.hpp"
#include "wafix/discover.hpp"
#include "wafix/engine.hpp"
#include "wafix/manifest.hpp"
#include "wafix/secrets_manifest.hpp"
#include "wafix/transform.hpp"
#include "wafix/writer.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

struct Options {
    std::vector<std::string> paths;
    std::vector<std::string> select, ignore;
    std::string color = "auto";
    bool unsafe_fixes = false;
    std::string secret_prefix;     // WA301 id prefix (RuleSettings' default when empty)
    bool show_secrets = false;     // diff: do not mask secret values on a terminal
    std::string secrets_manifest;  // fix: where to write the moved secret values (0600)
};

std::set<std::string> split_ids(const std::vector<std::string>& values) {
    std::set<std::string> out;
    for (const auto& v : values) {
        size_t pos = 0;
        while (pos <= v.size()) {
            size_t comma = v.find(',', pos);
            std::string id = v.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            if (!id.empty()) out.insert(id);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
    }
    return out;
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) != 0;
}

std::string where(const fs::path& p) { return display_path(p).generic_string(); }

struct Run {
    std::vector<FileResult> results;
    ManifestPlan manifests;
    std::vector<std::string> errors;
};

Run analyse(const Options& o, const EngineOptions& engine) {
    Run run;
    std::vector<fs::path> paths;
    for (const auto& p : o.paths) paths.emplace_back(p);
    if (paths.empty()) paths.emplace_back(".");
    Discovery found = discover(paths);
    run.errors = found.errors;
    std::map<fs::path, std::vector<std::string>> needs;
    std::map<fs::path, fs::path> stop_at;
    std::map<fs::path, fs::path> work_trees;  // per root, looked up once
    for (const DiscoveredFile& f : found.files) {
        FileResult r = process_file(f.path, engine);
        if (r.error) run.errors.push_back(where(f.path) + ": " + *r.error);
        if (!r.requirements.empty()) {
            needs[f.path] = r.requirements;
            auto it = work_trees.find(f.root);
            if (it == work_trees.end()) it = work_trees.emplace(f.root, git_work_tree_of(f.root)).first;
            stop_at[f.path] = it->second.empty() ? f.root : it->second;
        }
        run.results.push_back(std::move(r));
    }
    run.manifests = plan_manifest_updates(needs, stop_at);
    return run;
}

void print_unfixed(std::ostream& os, const Run& run) {
    for (const FileResult& r : run.results)
        for (const Finding& f : r.unfixed)
            os << fmt::format("{}:{}:{}: {} {}\n", where(r.path), f.location.line, f.location.column, f.rule, f.message);
    for (const FileResult& r : run.results)
        for (const auto& note : r.notes) os << fmt::format("{}:{}\n", where(r.path), note);
}

size_t count_unfixed(const Run& run) {
    size_t n = 0;
    for (const auto& r : run.results) n += r.unfixed.size();
    return n;
}

int command_diff(const Options& o, const EngineOptions& engine) {
    Run run = analyse(o, engine);
    DiffOptions dopt;
    dopt.color = use_color(o.color);
    if (dopt.color && !o.show_secrets)
        for (const FileResult& r : run.results)
            for (const SecretRecord& s : r.secrets)
                for (const auto& spelling : s.spellings)
                    if (spelling.size() >= 4) dopt.redact.push_back(spelling);
    // One patch, ordered by path, Python files and manifests together.
    std::map<std::string, std::string> patches;
    int fixes = 0, files = 0;
    for (const FileResult& r : run.results) {
        if (!r.changed()) continue;
        std::string p = where(r.path);
        patches[p] = render_file_diff(p, r.source->bytes_for(r.source->text), r.source->bytes_for(r.fixed_text), dopt);
        fixes += r.fixed_total();
        ++files;
    }
    for (const ManifestUpdate& m : run.manifests.updates) {
        std::string p = where(m.path);
        patches[p] = render_file_diff(p, m.original, m.updated, dopt);
    }
    for (const auto& [path, patch] : patches) std::fwrite(patch.data(), 1, patch.size(), stdout);
    std::fflush(stdout);

    print_unfixed(std::cerr, run);
    for (const auto& n : run.manifests.notes) std::cerr << "wafix: " << n << "\n";
    for (const auto& e : run.errors) std::cerr << "wafix: error: " << e << "\n";
    if (fixes > 0)
        std::cerr << fmt::format("wafix: {} fix{} pending in {} file{}; run `wafix fix` to apply\n", fixes,
                                 fixes == 1 ? "" : "es", files, files == 1 ? "" : "s");
    if (!run.errors.empty()) return kExitError;
    return patches.empty() ? kExitClean : kExitPending;
}

std::vector<SecretsManifestEntry> secret_entries(const Run& run, const std::set<const FileResult*>& skip) {
    std::vector<SecretsManifestEntry> out;
    for (const FileResult& r : run.results) {
        if (!r.changed() || skip.count(&r)) continue;
        for (const SecretRecord& s : r.secrets) out.push_back({s.id, where(r.path), s.line, s.kind, s.value});
    }
    return out;
}

int command_fix(const Options& o, const EngineOptions& engine) {
    Run run = analyse(o, engine);
    // The manifest is written before any source file changes, so that no value is ever only in
    // git history because the manifest could not be written.
    bool manifest = !o.secrets_manifest.empty();
    if (manifest) {
        if (auto err = write_private_file(o.secrets_manifest, secrets_manifest_json(secret_entries(run, {})))) {
            std::cerr << "wafix: error: " << o.secrets_manifest << ": " << *err << "; nothing was changed\n";
            return kExitError;
        }
    }
    std::map<std::string, int> per_rule;
    std::set<const FileResult*> failed;
    int files = 0;
    for (const FileResult& r : run.results) {
        if (!r.changed()) continue;
        std::string original = r.source->bytes_for(r.source->text);
        if (auto err = replace_file(r.path, original, r.source->bytes_for(r.fixed_text))) {
            run.errors.push_back(where(r.path) + ": " + *err);
            failed.insert(&r);
            continue;
        }
        ++files;
        for (const auto& [rule, n] : r.fixed) per_rule[rule] += n;
    }
    std::vector<SecretsManifestEntry> moved = secret_entries(run, failed);
    if (manifest && !failed.empty()) {
        // Only the secrets whose files did change.
        if (auto err = write_private_file(o.secrets_manifest, secrets_manifest_json(moved)))
            run.errors.push_back(o.secrets_manifest + ": " + *err);
    }
    int total = 0;
    for (const auto& [rule, n] : per_rule) total += n;
    std::cout << fmt::format("wafix: fixed {} finding{} in {} file{}\n", total, total == 1 ? "" : "s", files,
                             files == 1 ? "" : "s");
    for (const auto& [rule, n] : per_rule) {
        const Transform* t = find_transform(rule);
        std::cout << fmt::format("  {} {:<32} {}\n", rule, t ? t->info().name : "", n);
    }
    for (const ManifestUpdate& m : run.manifests.updates) {
        if (auto err = replace_file(m.path, m.original, m.updated)) {
            run.errors.push_back(where(m.path) + ": " + *err);
            continue;
        }
        std::string added;
        for (const auto& a : m.added) added += (added.empty() ? "" : ", ") + a;
        std::cout << fmt::format("wafix: added {} to {}\n", added, where(m.path));
    }
    for (const auto& n : run.manifests.notes) std::cout << "wafix: " << n << "\n";
    if (!moved.empty()) {
        std::cout << fmt::format("wafix: {} hard-coded secret{} now read from AWS Secrets Manager; the old value{} "
                                 "stay{} in git history: rotate {}\n",
                                 moved.size(), moved.size() == 1 ? " is" : "s are", moved.size() == 1 ? "" : "s",
                                 moved.size() == 1 ? "s" : "", moved.size() == 1 ? "it" : "them");
        std::cout << "wafix: before deploying, create the secrets and allow the functions "
                     "secretsmanager:GetSecretValue on them\n";
        if (manifest)
            std::cout << fmt::format("wafix: wrote the secret ids and values to {} (mode 0600): create the secrets "
                                     "from it, then delete it\n",
                                     o.secrets_manifest);
        else
            std::cout << "wafix: the values were not written anywhere; use --secrets-manifest FILE to get them "
                         "for creating the secrets\n";
    } else if (manifest) {
        std::cout << fmt::format("wafix: no secrets moved; wrote an empty list to {}\n", o.secrets_manifest);
    }
    size_t unfixed = count_unfixed(run);
    if (unfixed > 0) {
        std::cout << fmt::format("wafix: {} finding{} need{} a human:\n", unfixed, unfixed == 1 ? "" : "s",
                                 unfixed == 1 ? "s" : "");
        print_unfixed(std::cout, run);
    }
    for (const auto& e : run.errors) std::cerr << "wafix: error: " << e << "\n";
    if (!run.errors.empty()) return kExitError;
    return unfixed > 0 ? kExitPending : kExitClean;
}

const char* fix_text(FixAvailability f) {
    switch (f) {
    case FixAvailability::Always: return "yes";
    case FixAvailability::Sometimes: return "sometimes";
    default: return "no";
    }
}

int command_rules(const std::vector<std::string>& ids) {
    if (ids.empty()) {
        std::cout << fmt::format("{:<7} {:<30} {:<10} {}\n", "ID", "NAME", "PILLARS", "FIX");
        for (const auto& t : all_transforms()) {
            const RuleInfo& i = t->info();
            std::cout << fmt::format("{:<7} {:<30} {:<10} {}\n", i.id, i.name, pillars_text(i), fix_text(i.fix));
        }
        return kExitClean;
    }
    int rc = kExitClean;
    for (const auto& id : ids) {
        const Transform* t = find_transform(id);
        if (!t) {
            std::cerr << "wafix: unknown rule " << id << " (see `wafix rules`)\n";
            rc = kExitError;
            continue;
        }
        const RuleInfo& i = t->info();
        std::cout << fmt::format("{} {} [{}] fix: {}\n\n", i.id, i.name, pillars_text(i), fix_text(i.fix));
        std::cout << rule_doc(i.id) << "\n";
    }
    return rc;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"wafix: rewrites Python serverless code toward the AWS Well-Architected recommendations and "
                 "shows every change as a unified diff.\n\nExit codes: 0 nothing to change, 1 changes pending "
                 "(diff) or findings left for a human (fix), 2 error.",
                 "wafix"};
    app.set_version_flag("--version", std::string("wafix ") + WAFIX_VERSION);
    app.require_subcommand(0, 1);
    Options o;
    std::vector<std::string> rule_ids;

    auto add_common = [&](CLI::App* sub) {
        sub->add_option("paths", o.paths, "Files or directories (default: .)");
        sub->add_option("--select", o.select, "Only these rule IDs (comma-separated or repeated)")->delimiter(',')->allow_extra_args(false)->take_all();
        sub->add_option("--ignore", o.ignore, "Skip these rule IDs (comma-separated or repeated)")->delimiter(',')->allow_extra_args(false)->take_all();
        sub->add_flag("--unsafe-fixes", o.unsafe_fixes, "Also apply fixes marked unsafe");
        sub->add_option("--secret-prefix", o.secret_prefix,
                        "WA301: prefix of generated Secrets Manager ids; {module} is the module's name "
                        "(default: {module}/)");
    };
    CLI::App* diff = app.add_subcommand("diff", "Print a unified diff of every fix (dry run; the default)");
    add_common(diff);
    diff->add_option("--color", o.color, "Colour the diff: auto (terminal only, NO_COLOR respected), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    diff->add_flag("--show-secrets", o.show_secrets, "Show secret values in a coloured diff (masked by default)");
    CLI::App* fix = app.add_subcommand("fix", "Apply the fixes in place and print a summary");
    add_common(fix);
    fix->add_option("--secrets-manifest", o.secrets_manifest,
                    "Write the moved secret values, with their ids, to FILE (JSON, mode 0600) for creating them in "
                    "AWS Secrets Manager; without it the values are written nowhere");
    CLI::App* rules = app.add_subcommand("rules", "List the rules, or print one rule's documentation");
    rules->add_option("ids", rule_ids, "Rule IDs");

    // Plain `wafix [PATH...]` means `wafix diff [PATH...]`.
    std::vector<std::string> args(argv + 1, argv + argc);
    bool has_sub = false;
    for (const auto& a : args) {
        if (a == "diff" || a == "fix" || a == "rules") {
            has_sub = true;
            break;
        }
        if (a == "--help" || a == "-h" || a == "--version") {
            has_sub = true;
            break;
        }
    }
    if (!has_sub) args.insert(args.begin(), "diff");
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? kExitClean : kExitError;
    }

    EngineOptions engine;
    engine.select = split_ids(o.select);
    engine.ignore = split_ids(o.ignore);
    engine.unsafe_fixes = o.unsafe_fixes;
    if (!o.secret_prefix.empty()) {
        std::string rest = o.secret_prefix;
        for (size_t at; (at = rest.find("{module}")) != std::string::npos;) rest.erase(at, 8);
        for (char c : rest)
            if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("/_+=.@-").find(c) == std::string_view::npos) {
                std::cerr << "wafix: --secret-prefix may hold letters, digits, /_+=.@- and {module}\n";
                return kExitError;
            }
        engine.settings.secret_id_prefix = o.secret_prefix;
    }
    for (const auto& id : engine.select)
        if (!find_transform(id)) {
            std::cerr << "wafix: unknown rule " << id << " in --select (see `wafix rules`)\n";
            return kExitError;
        }
    for (const auto& id : engine.ignore)
        if (!find_transform(id)) {
            std::cerr << "wafix: unknown rule " << id << " in --ignore (see `wafix rules`)\n";
            return kExitError;
        }
    try {
        if (fix->parsed()) return command_fix(o, engine);
        if (rules->parsed()) return command_rules(rule_ids);
        return command_diff(o, engine);
    } catch (const std::exception& e) {
        std::cerr << "wafix: error: " << e.what() << "\n";
        return kExitError;
    }
}

}  // namespace wafix
