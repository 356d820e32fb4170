#include "wafix/cli/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "add_noqa.hpp"
#include "cli_docs.hpp"
#include "http/http_transforms.hpp"
#include "wafix/app/discover.hpp"
#include "wafix/app/manifest.hpp"
#include "wafix/app/progress.hpp"
#include "wafix/app/report.hpp"
#include "wafix/app/run.hpp"
#include "wafix/app/secrets_manifest.hpp"
#include "wafix/app/worktree_guard.hpp"
#include "wafix/app/writer.hpp"
#include "wafix/core/diff.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/pr/pr_command.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

struct Options {
    std::vector<std::string> paths;
    std::vector<std::string> select, ignore;
    std::string color = "auto";
    std::string format;  // empty: the command's default
    bool unsafe_fixes = false;
    bool statistics = false;
    bool no_peer_suppressions = false;
    bool report_unused_suppressions = false;
    bool html = false;
    std::string output;  // report: file to write
    int jobs = 0;        // 0: one per core
    bool no_cache = false;
    bool no_progress = false;
    bool allow_dirty = false;
    std::string cache_dir = ".wafix_cache";
    std::string http_timeout;      // empty: the configuration's, else RuleSettings' default
    std::string secret_prefix;     // WA301 id prefix; empty: the configuration's, else the default
    bool show_secrets = false;     // diff: do not mask secret values on a terminal
    std::string secrets_manifest;  // fix: where to write the moved secret values (0600)
    int reserved_concurrency = 0;  // 0: the configuration's, else RuleSettings' default
    std::string config_file;       // --config: this file instead of the nearest configuration
    bool exit_zero = false;        // exit 0 even when findings or fixes are pending (errors stay 2)
    bool check_fix = false, check_diff = false, show_fixes = false, add_noqa = false;  // ruff's check flags
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

AnalyseOptions analyse_options(const Options& o) {
    AnalyseOptions a;
    a.paths = o.paths;
    a.jobs = o.jobs;
    a.no_cache = o.no_cache;
    a.progress = progress_wanted(o.no_progress);
    a.cache_dir = o.cache_dir;
    a.http_timeout = o.http_timeout;
    a.secret_prefix = o.secret_prefix;
    a.reserved_concurrency = o.reserved_concurrency;
    a.config_file = o.config_file;
    return a;
}

RunReport analyse(const Options& o, const EngineOptions& engine, const std::string& command) {
    RunReport run = wafix::analyse(analyse_options(o), engine, command);
    // On stderr whatever the format, so stdout stays a patch or a document.
    for (const auto& n : run.skipped) std::cerr << "wafix: note: " << n << "\n";
    return run;
}

std::string error_line(const RunError& e) {
    return "wafix: error: " + (e.file.empty() ? e.message : e.file + ": " + e.message) + "\n";
}

// Machine-readable formats replace the command's own output on stdout.
bool print_format(const RunReport& run, const std::string& format) {
    std::string out;
    if (format == "json") out = render_json(run);
    else if (format == "sarif") out = render_sarif(run);
    else if (format == "github") out = render_github(run);
    else if (format == "text") out = render_text(run);
    else return false;
    std::fwrite(out.data(), 1, out.size(), stdout);
    return true;
}

void print_unfixed(std::ostream& os, const RunReport& run) {
    for (const FileResult& r : run.results)
        for (const Finding& f : r.unfixed)
            os << fmt::format("{}:{}:{}: {} {}\n", where(r.path), f.location.line, f.location.column, f.rule,
                              f.message);
    for (const FileResult& r : run.results)
        for (const auto& note : r.notes) os << fmt::format("{}:{}\n", where(r.path), note);
}

size_t count_unfixed(const RunReport& run) {
    size_t n = 0;
    for (const auto& r : run.results) n += r.unfixed.size();
    return n;
}

// `check --show-fixes`: what `wafix fix` (or `check --fix`) would fix, per rule.
void print_available_fixes(std::ostream& os, const RunReport& run) {
    RunCounts c = count(run);
    os << fmt::format("wafix: {} finding{} fixable with `wafix check --fix`{}\n", c.fixable, c.fixable == 1 ? "" : "s",
                      c.fixable ? ":" : "");
    for (const auto& [rule, n] : c.fixable_by_rule) {
        const Transform* t = find_transform(rule);
        if (n > 0) os << fmt::format("  {} {:<32} {}\n", rule, t ? t->info().name : "", n);
    }
}

int command_add_noqa(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "check");
    int comments = 0, files = 0;
    for (const FileResult& r : run.results) {
        if (r.error || !r.source || r.findings.empty()) continue;
        std::map<uint32_t, std::set<std::string>> by_line;
        for (const Finding& f : r.findings) by_line[f.location.line].insert(f.rule);
        cli::NoqaEdit edit = cli::add_noqa_comments(r.source->text, by_line);
        for (uint32_t line : edit.not_comment)
            std::cerr << fmt::format(
                "wafix: note: {}:{}: no comment added (the line ends inside a string or continues)\n", where(r.path),
                line);
        if (edit.added == 0) continue;
        if (auto err = replace_file(r.path, r.source->bytes_for(r.source->text), r.source->bytes_for(edit.text))) {
            run.errors.push_back({where(r.path), *err});
            continue;
        }
        comments += edit.added;
        ++files;
    }
    std::cout << fmt::format("wafix: added {} `# wafix: ignore` comment{} in {} file{}\n", comments,
                             comments == 1 ? "" : "s", files, files == 1 ? "" : "s");
    for (const auto& e : run.errors) std::cerr << error_line(e);
    return run.errors.empty() ? kExitClean : kExitError;
}

int command_diff(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "diff");
    DiffOptions dopt;
    dopt.color = use_color(o.color);
    if (dopt.color && !o.show_secrets)
        for (const FileResult& r : run.results)
            for (const SecretRecord& s : r.secrets)
                for (const auto& spelling : s.spellings) {
                    // The diff is masked line by line: a multi-line value (a PEM key) piece by piece.
                    size_t pos = 0;
                    while (pos <= spelling.size()) {
                        size_t nl = spelling.find_first_of("\r\n", pos);
                        std::string piece =
                            spelling.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
                        if (piece.size() >= 4) dopt.redact.push_back(piece);
                        if (nl == std::string::npos) break;
                        pos = nl + 1;
                    }
                }
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
    std::string format = o.format.empty() ? "diff" : o.format;
    if (!print_format(run, format)) {
        for (const auto& [path, patch] : patches) std::fwrite(patch.data(), 1, patch.size(), stdout);
        print_unfixed(std::cerr, run);
        for (const auto& n : run.manifests.notes) std::cerr << "wafix: " << n << "\n";
    }
    std::fflush(stdout);
    if (o.statistics) std::cerr << render_statistics(run);
    for (const auto& e : run.errors) std::cerr << error_line(e);
    if (fixes > 0 && format == "diff")
        std::cerr << fmt::format("wafix: {} fix{} pending in {} file{}; run `wafix fix` to apply\n", fixes,
                                 fixes == 1 ? "" : "es", files, files == 1 ? "" : "s");
    if (!run.errors.empty()) return kExitError;
    return patches.empty() ? kExitClean : kExitPending;
}

int command_check(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "check");
    print_format(run, o.format.empty() ? "text" : o.format);
    if (o.show_fixes) print_available_fixes(std::cout, run);
    if (o.statistics) std::cout << render_statistics(run);
    for (const auto& e : run.errors) std::cerr << error_line(e);
    if (!run.errors.empty()) return kExitError;
    return count(run).findings > 0 ? kExitPending : kExitClean;
}

std::vector<SecretsManifestEntry> secret_entries(const RunReport& run, const std::set<const FileResult*>& skip) {
    std::vector<SecretsManifestEntry> out;
    for (const FileResult& r : run.results) {
        if (!r.changed() || skip.count(&r)) continue;
        for (const SecretRecord& s : r.secrets) out.push_back({s.id, where(r.path), s.line, s.kind, s.value});
    }
    return out;
}

int command_fix(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "fix");
    run.applied = true;
    if (!o.allow_dirty) {
        std::vector<fs::path> touched;
        for (const FileResult& r : run.results)
            if (r.changed()) touched.push_back(r.path);
        for (const ManifestUpdate& m : run.manifests.updates) touched.push_back(m.path);
        auto dirty = dirty_files(touched);
        if (!dirty.empty()) {
            std::cerr << "wafix: error: these files have uncommitted changes, and fixing them would mix wafix's edits "
                         "into yours:\n";
            for (const auto& d : dirty) std::cerr << "  " << d << "\n";
            std::cerr << "wafix: commit or stash them first, or pass --allow-dirty; nothing was written\n";
            return kExitError;
        }
    }
    // The secrets manifest is written before any source file changes, so that no value is ever
    // only in git history because the manifest could not be written.
    bool manifest = !o.secrets_manifest.empty();
    if (manifest) {
        if (auto err = write_private_file(o.secrets_manifest, secrets_manifest_json(secret_entries(run, {})))) {
            std::cerr << "wafix: error: " << o.secrets_manifest << ": " << *err << "; nothing was changed\n";
            return kExitError;
        }
    }
    install_write_signal_handlers();
    std::map<std::string, int> per_rule;
    std::set<const FileResult*> failed;
    int files = 0;
    for (FileResult& r : run.results) {
        if (!r.changed()) continue;
        std::string original = r.source->bytes_for(r.source->text);
        if (auto err = replace_file(r.path, original, r.source->bytes_for(r.fixed_text))) {
            run.errors.push_back({where(r.path), *err});
            std::fill(r.fixed_flags.begin(), r.fixed_flags.end(), false);  // nothing landed
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
            run.errors.push_back({o.secrets_manifest, *err});
    }
    std::vector<ManifestUpdate> written;
    for (const ManifestUpdate& m : run.manifests.updates) {
        if (auto err = replace_file(m.path, m.original, m.updated)) run.errors.push_back({where(m.path), *err});
        else written.push_back(m);
    }
    run.manifests.updates = written;
    size_t unfixed = count_unfixed(run);
    if (!o.format.empty() && o.format != "summary") {
        print_format(run, o.format);
    } else {
        int total = 0;
        for (const auto& [rule, n] : per_rule) total += n;
        std::cout << fmt::format("wafix: fixed {} finding{} in {} file{}\n", total, total == 1 ? "" : "s", files,
                                 files == 1 ? "" : "s");
        for (const auto& [rule, n] : per_rule) {
            const Transform* t = find_transform(rule);
            std::cout << fmt::format("  {} {:<32} {}\n", rule, t ? t->info().name : "", n);
        }
        for (const ManifestUpdate& m : written) {
            std::string added;
            for (const auto& a : m.added) added += (added.empty() ? "" : ", ") + a;
            std::cout << fmt::format("wafix: added {} to {}\n", added, where(m.path));
        }
        for (const auto& n : run.manifests.notes) std::cout << "wafix: " << n << "\n";
        if (!moved.empty()) {
            std::cout << fmt::format(
                "wafix: {} hard-coded secret{} now read from AWS Secrets Manager; the old "
                "value{} stay{} in git history: rotate {}\n",
                moved.size(), moved.size() == 1 ? " is" : "s are", moved.size() == 1 ? "" : "s",
                moved.size() == 1 ? "s" : "", moved.size() == 1 ? "it" : "them");
            std::cout << "wafix: before deploying, create the secrets and allow the functions "
                         "secretsmanager:GetSecretValue on them\n";
            if (manifest)
                std::cout << fmt::format(
                    "wafix: wrote the secret ids and values to {} (mode 0600): create the "
                    "secrets from it, then delete it\n",
                    o.secrets_manifest);
            else
                std::cout << "wafix: the values were not written anywhere; use --secrets-manifest FILE to get them "
                             "for creating the secrets\n";
        } else if (manifest) {
            std::cout << fmt::format("wafix: no secrets moved; wrote an empty list to {}\n", o.secrets_manifest);
        }
        if (unfixed > 0) {
            std::cout << fmt::format("wafix: {} finding{} need{} a human:\n", unfixed, unfixed == 1 ? "" : "s",
                                     unfixed == 1 ? "s" : "");
            print_unfixed(std::cout, run);
        }
    }
    if (o.statistics) std::cout << render_statistics(run);
    for (const auto& e : run.errors) std::cerr << error_line(e);
    if (!run.errors.empty()) return kExitError;
    return unfixed > 0 ? kExitPending : kExitClean;
}

int command_report(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "report");
    std::string out = o.html ? render_html_report(run) : render_markdown_report(run);
    if (o.output.empty() || o.output == "-") {
        std::fwrite(out.data(), 1, out.size(), stdout);
    } else {
        std::ofstream file(o.output, std::ios::binary | std::ios::trunc);
        file << out;
        if (!file) {
            std::cerr << "wafix: error: cannot write " << o.output << "\n";
            return kExitError;
        }
    }
    for (const auto& e : run.errors) std::cerr << error_line(e);
    return run.errors.empty() ? kExitClean : kExitError;
}

const char* fix_text(FixAvailability f) {
    switch (f) {
        case FixAvailability::Always:
            return "yes";
        case FixAvailability::Sometimes:
            return "sometimes";
        default:
            return "no";
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

int command_pr(pr::PrOptions p, const std::vector<std::string>& labels, const std::string& path, const Options& o,
               const EngineOptions& engine) {
    p.path = path;
    if (!labels.empty()) p.labels = labels;
    // As GitHub Actions sets them; flags win.
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    p.token = env(p.token_env.c_str());
    if (p.repository.empty()) p.repository = env("GITHUB_REPOSITORY");
    if (p.api_url.empty()) p.api_url = env("GITHUB_API_URL");
    p.analyse = analyse_options(o);
    p.engine = engine;
    return pr::run_pr(p, std::cout, std::cerr);
}

std::string check_http_timeout(const std::string& v) {
    return http::parse_timeout_setting(v) ? std::string() : "expected SECONDS or CONNECT,READ, e.g. 10 or 3.05,27";
}

std::string check_secret_prefix(const std::string& v) {
    std::string rest = v;
    for (size_t at; (at = rest.find("{module}")) != std::string::npos;) rest.erase(at, 8);
    for (char c : rest)
        if (!std::isalnum(static_cast<unsigned char>(c)) &&
            std::string_view("/_+=.@-").find(c) == std::string_view::npos)
            return std::string("letters, digits, /_+=.@- and {module} only");
    return std::string();
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{
        "wafix: rewrites Python serverless code toward the AWS Well-Architected recommendations and "
        "shows every change as a unified diff.\n\nExit codes: 0 nothing to change, 1 changes pending "
        "(diff) or findings left for a human (fix), 2 error; `wafix pr`: 0 done, 2 failed or refused.",
        "wafix"};
    app.set_version_flag("--version", std::string("wafix ") + WAFIX_VERSION);
    app.require_subcommand(0, 1);
    Options o;
    std::vector<std::string> rule_ids;

    auto add_common = [&](CLI::App* sub) {
        sub->add_option("paths", o.paths, "Files or directories (default: .)");
        sub->add_option("--select", o.select, "Only these rule IDs (comma-separated or repeated)")
            ->delimiter(',')
            ->allow_extra_args(false)
            ->take_all();
        sub->add_option("--ignore", o.ignore, "Skip these rule IDs (comma-separated or repeated)")
            ->delimiter(',')
            ->allow_extra_args(false)
            ->take_all();
        sub->add_flag("--unsafe-fixes", o.unsafe_fixes, "Also apply fixes marked unsafe");
        sub->add_flag("--no-peer-suppressions", o.no_peer_suppressions,
                      "Ignore bandit/ruff/detect-secrets/gitleaks comments (# nosec, # noqa: S113, ...)");
        sub->add_flag("--report-unused-suppressions", o.report_unused_suppressions,
                      "Note `# wafix: ignore` comments that silence nothing");
        sub->add_option("-j,--jobs", o.jobs, "Files processed in parallel (default: one per core)")
            ->check(CLI::NonNegativeNumber);
        sub->add_flag("--no-cache", o.no_cache, "Neither read nor write the result cache");
        sub->add_flag("--no-progress", o.no_progress, "No progress line on stderr (shown on a terminal after 1 s)");
        sub->add_option("--cache-dir", o.cache_dir, "Where the result cache lives (default: .wafix_cache)");
        sub->add_option("--http-timeout", o.http_timeout,
                        "WA201: timeout written into HTTP calls, SECONDS or CONNECT,READ (default: 10)")
            ->check(check_http_timeout);
        sub->add_option("--secret-prefix", o.secret_prefix,
                        "WA301: prefix of generated Secrets Manager ids; {module} is the module's name "
                        "(default: {module}/)")
            ->check(check_secret_prefix);
        sub->add_option("--reserved-concurrency", o.reserved_concurrency,
                        "WA402: reserved_concurrent_executions written into Lambda constructs (caps their scaling)")
            ->check(CLI::Range(1, 1000000));
        sub->add_option("--config", o.config_file,
                        "Use this pyproject.toml or wafix.toml for every file instead of the nearest one")
            ->check(CLI::ExistingFile);
        sub->add_flag("--exit-zero", o.exit_zero, "Exit 0 even when there are findings or fixes pending (errors: 2)");
    };
    auto add_format = [&](CLI::App* sub, std::vector<std::string> formats) {
        sub->add_option("--format,--output-format", o.format, "Output format")->check(CLI::IsMember(formats));
        sub->add_flag("--statistics", o.statistics, "Counts per rule and pillar");
    };
    CLI::App* diff = app.add_subcommand("diff", "Print a unified diff of every fix (dry run; the default)");
    add_common(diff);
    add_format(diff, {"diff", "text", "json", "sarif", "github"});
    diff->add_option("--color", o.color, "Colour the diff: auto (terminal only, NO_COLOR respected), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    diff->add_flag("--show-secrets", o.show_secrets, "Show secret values in a coloured diff (masked by default)");
    CLI::App* fix = app.add_subcommand("fix", "Apply the fixes in place and print a summary");
    add_common(fix);
    fix->add_flag("--allow-dirty", o.allow_dirty, "Write even to files with uncommitted changes in git");
    fix->add_option("--secrets-manifest", o.secrets_manifest,
                    "Write the moved secret values, with their ids, to FILE (JSON, mode 0600) for creating them in "
                    "AWS Secrets Manager; without it the values are written nowhere");
    add_format(fix, {"summary", "text", "json", "sarif", "github"});
    CLI::App* check = app.add_subcommand("check", "List the findings (nothing is changed)");
    add_common(check);
    add_format(check, {"text", "json", "sarif", "github"});
    check->add_flag("--fix", o.check_fix, "Apply the fixes, as `wafix fix` does");
    check->add_flag("--diff", o.check_diff, "Print the fixes as a diff and change nothing, as `wafix diff` does");
    check->add_flag("--show-fixes", o.show_fixes, "Also list the fixable findings per rule");
    check->add_flag("--add-noqa", o.add_noqa, "Add `# wafix: ignore[RULE]` to every line with a finding");
    check->add_flag("--allow-dirty", o.allow_dirty, "With --fix: write even to files with uncommitted changes");
    check->add_option("--color", o.color, "With --diff: colour auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    CLI::App* report = app.add_subcommand("report", "Write a Well-Architected report grouped by pillar (Markdown)");
    add_common(report);
    report->add_flag("--html", o.html, "A self-contained HTML page instead of Markdown");
    report->add_option("-o,--output", o.output, "Write the report to this file (default: standard output)");
    CLI::App* rules = app.add_subcommand("rules", "List the rules, or print one rule's documentation");
    rules->add_option("ids", rule_ids, "Rule IDs");
    pr::PrOptions pr_opts;
    std::vector<std::string> pr_labels;
    std::string pr_path = ".";
    CLI::App* prc = app.add_subcommand(
        "pr",
        "Open and maintain pull requests with the fixes, one per rule family (docs/pr.md). Exit codes: 0 "
        "every branch and pull request handled, 2 anything failed or was refused");
    prc->add_option("path", pr_path, "A directory in the repository's work tree (default: .)");
    prc->add_flag("--dry-run", pr_opts.dry_run,
                  "Print the branches, commits and pull request texts; push, write and send nothing");
    prc->add_flag("--combined", pr_opts.combined, "One branch (<prefix>all) and one pull request for every rule");
    prc->add_option("--base", pr_opts.base, "Base branch (default: the remote's default branch)");
    prc->add_option("--remote", pr_opts.remote, "The git remote to fetch from and push to (default: origin)");
    prc->add_option("--branch-prefix", pr_opts.branch_prefix, "Prefix of the branches (default: wafix/)")
        ->check([](const std::string& v) {
            return v.empty() || v.find_first_of(" ~^:?*[\\") != std::string::npos ? "not usable in a branch name" : "";
        });
    prc->add_option("--label", pr_labels, "Label for the pull requests (repeatable; default: wafix)")
        ->allow_extra_args(false);
    prc->add_option("--author-name", pr_opts.author.name, "Commit author name (default: wafix[bot])");
    prc->add_option("--author-email", pr_opts.author.email,
                    "Commit author email (default: wafix-bot@users.noreply.github.com); commits by anyone else on "
                    "a wafix branch stop wafix from pushing to it");
    prc->add_option("--repo", pr_opts.repository,
                    "GitHub repository OWNER/NAME (default: GITHUB_REPOSITORY, else "
                    "the remote's URL)");
    prc->add_option("--api-url", pr_opts.api_url,
                    "GitHub API URL (default: GITHUB_API_URL, else https://api.github.com)");
    prc->add_option("--token-env", pr_opts.token_env, "Environment variable holding the token (default: GITHUB_TOKEN)");
    prc->add_option("--secrets-manifest", pr_opts.secrets_manifest,
                    "Write the secret values WA301 moves, with their ids, to FILE (JSON, mode 0600); FILE must be "
                    "outside the repository");
    prc->add_option("--select", o.select, "Only these rule IDs (comma-separated or repeated)")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->take_all();
    prc->add_option("--ignore", o.ignore, "Skip these rule IDs (comma-separated or repeated)")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->take_all();
    prc->add_flag("--unsafe-fixes", o.unsafe_fixes, "Also apply fixes marked unsafe");
    prc->add_flag("--no-peer-suppressions", o.no_peer_suppressions,
                  "Ignore bandit/ruff/detect-secrets/gitleaks comments");
    prc->add_option("-j,--jobs", o.jobs, "Files processed in parallel (default: one per core)")
        ->check(CLI::NonNegativeNumber);
    prc->add_option("--http-timeout", o.http_timeout, "WA201: timeout written into HTTP calls")
        ->check(check_http_timeout);
    prc->add_option("--secret-prefix", o.secret_prefix, "WA301: prefix of generated Secrets Manager ids")
        ->check(check_secret_prefix);
    prc->add_option("--reserved-concurrency", o.reserved_concurrency, "WA402: reserved_concurrent_executions written")
        ->check(CLI::Range(1, 1000000));

    std::string shell;
    CLI::App* completion = app.add_subcommand("generate-shell-completion", "Print a completion script for a shell");
    completion->add_option("shell", shell, "bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    CLI::App* man = app.add_subcommand("generate-man-page", "Print the man page (roff) of wafix(1)");

    std::vector<std::string> args(argv + 1, argv + argc);
    if (cli::unknown_command(app, args)) return kExitError;
    // Plain `wafix [PATH...]` means `wafix diff [PATH...]`.
    std::vector<std::string> names = cli::command_names(app);
    bool has_sub = false;
    for (const auto& a : args)
        if (std::count(names.begin(), names.end(), a) || a == "--help" || a == "-h" || a == "--version") {
            has_sub = true;
            break;
        }
    if (!has_sub) args.insert(args.begin(), "diff");
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ExtrasError& e) {
        cli::report_extras(app, e);
        return kExitError;
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? kExitClean : kExitError;
    }
    if (completion->parsed()) {
        std::cout << *cli::shell_completion(app, shell);
        return kExitClean;
    }
    if (man->parsed()) {
        std::cout << cli::man_page(app, WAFIX_VERSION);
        return kExitClean;
    }

    EngineOptions engine;
    engine.select = split_ids(o.select);
    engine.ignore = split_ids(o.ignore);
    engine.unsafe_fixes = o.unsafe_fixes;
    engine.peer_suppressions = !o.no_peer_suppressions;
    engine.report_unused_suppressions = o.report_unused_suppressions;
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
        int rc = kExitClean;
        if (report->parsed()) return command_report(o, engine);
        if (rules->parsed()) return command_rules(rule_ids);
        if (prc->parsed()) return command_pr(pr_opts, pr_labels, pr_path, o, engine);
        if (fix->parsed() || (check->parsed() && o.check_fix)) rc = command_fix(o, engine);
        else if (check->parsed() && o.add_noqa) rc = command_add_noqa(o, engine);
        else if (check->parsed() && !o.check_diff) rc = command_check(o, engine);
        else rc = command_diff(o, engine);
        return o.exit_zero && rc == kExitPending ? kExitClean : rc;
    } catch (const std::exception& e) {
        std::cerr << "wafix: error: " << e.what() << "\n";
        return kExitError;
    }
}

}  // namespace wafix
