// The CLI11 front end: the commands and their flags, `wafix [PATH...]` as `wafix diff`, and the
// dispatch. Each command lives in its own file (command_*.cpp).
#include "wafix/cli/cli.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_docs.hpp"
#include "commands.hpp"
#include "wafix/cli/app_command.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix {

namespace {

using cli::Options;

constexpr const char* kDescription =
    "wafix: rewrites Python serverless code toward the AWS Well-Architected recommendations and "
    "shows every change as a unified diff.\n\nExit codes: 0 nothing to change, 1 changes pending "
    "(diff) or findings left for a human (fix), 2 error; `wafix pr`: 0 done, 2 failed or refused.";

// What the command line said, beyond Options.
struct Parsed {
    Options o;
    std::vector<std::string> rule_ids;
    pr::PrOptions pr;
    std::vector<std::string> pr_labels;
    std::string pr_path = ".";
    AppCommandOptions app;
    std::string shell;  // generate-shell-completion
};

void add_analysis_commands(CLI::App& app, Parsed& p) {
    Options& o = p.o;
    CLI::App* diff = app.add_subcommand("diff", "Print a unified diff of every fix (dry run; the default)");
    cli::add_common_flags(diff, o);
    cli::add_format_flags(diff, o, {"diff", "text", "json", "sarif", "github"});
    diff->add_option("--color", o.color, "Colour the diff: auto (terminal only, NO_COLOR respected), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    diff->add_flag("--show-secrets", o.show_secrets, "Show secret values in a coloured diff (masked by default)");
    CLI::App* fix = app.add_subcommand("fix", "Apply the fixes in place and print a summary");
    cli::add_common_flags(fix, o);
    fix->add_flag("--allow-dirty", o.allow_dirty, "Write even to files with uncommitted changes in git");
    fix->add_option("--secrets-manifest", o.secrets_manifest,
                    "Write the moved secret values, with their ids, to FILE (JSON, mode 0600) for creating them in "
                    "AWS Secrets Manager; without it the values are written nowhere");
    cli::add_format_flags(fix, o, {"summary", "text", "json", "sarif", "github"});
    CLI::App* check = app.add_subcommand("check", "List the findings (nothing is changed)");
    cli::add_common_flags(check, o);
    cli::add_format_flags(check, o, {"text", "json", "sarif", "github"});
    check->add_flag("--fix", o.check_fix, "Apply the fixes, as `wafix fix` does");
    check->add_flag("--diff", o.check_diff, "Print the fixes as a diff and change nothing, as `wafix diff` does");
    check->add_flag("--show-fixes", o.show_fixes, "Also list the fixable findings per rule");
    check->add_flag("--add-noqa", o.add_noqa, "Add `# wafix: ignore[RULE]` to every line with a finding");
    check->add_flag("--allow-dirty", o.allow_dirty, "With --fix: write even to files with uncommitted changes");
    check->add_option("--color", o.color, "With --diff: colour auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    CLI::App* report = app.add_subcommand("report", "Write a Well-Architected report grouped by pillar (Markdown)");
    cli::add_common_flags(report, o);
    report->add_flag("--html", o.html, "A self-contained HTML page instead of Markdown");
    report->add_option("-o,--output", o.output, "Write the report to this file (default: standard output)");
    CLI::App* rules = app.add_subcommand("rules", "List the rules, or print one rule's documentation");
    rules->add_option("ids", p.rule_ids, "Rule IDs");
}

void add_pr_command(CLI::App& app, Parsed& p) {
    pr::PrOptions& pr_opts = p.pr;
    CLI::App* prc = app.add_subcommand(
        "pr",
        "Open and maintain pull requests with the fixes, one per rule family (docs/pr.md). Exit codes: 0 "
        "every branch and pull request handled, 2 anything failed or was refused");
    prc->add_option("path", p.pr_path, "A directory in the repository's work tree (default: .)");
    prc->add_flag("--dry-run", pr_opts.dry_run,
                  "Print the branches, commits and pull request texts; push, write and send nothing");
    prc->add_flag("--combined", pr_opts.combined, "One branch (<prefix>all) and one pull request for every rule");
    prc->add_option("--base", pr_opts.base, "Base branch (default: the remote's default branch)");
    prc->add_option("--remote", pr_opts.remote, "The git remote to fetch from and push to (default: origin)");
    prc->add_option("--branch-prefix", pr_opts.branch_prefix, "Prefix of the branches (default: wafix/)")
        ->check([](const std::string& v) {
            return v.empty() || v.find_first_of(" ~^:?*[\\") != std::string::npos ? "not usable in a branch name" : "";
        });
    prc->add_option("--label", p.pr_labels, "Label for the pull requests (repeatable; default: wafix)")
        ->allow_extra_args(false);
    prc->add_option("--author-name", pr_opts.author.name, "Commit author name (default: wafix[bot])");
    prc->add_option("--author-email", pr_opts.author.email,
                    "Commit author email (default: wafix-bot@users.noreply.github.com); commits by anyone else on "
                    "a wafix branch stop wafix from pushing to it");
    prc->add_option("--repo", pr_opts.repository,
                    "GitHub repository OWNER/NAME (default: GITHUB_REPOSITORY, else the remote's URL)");
    prc->add_option("--api-url", pr_opts.api_url,
                    "GitHub API URL (default: GITHUB_API_URL, else https://api.github.com)");
    prc->add_option("--api-timeout", pr_opts.api_timeout_seconds,
                    "Seconds one GitHub API call may take, retries included, before wafix gives up (default: 30)")
        ->check(CLI::Range(1, 3600));
    prc->add_option("--token-env", pr_opts.token_env, "Environment variable holding the token (default: GITHUB_TOKEN)");
    prc->add_option("--secrets-manifest", pr_opts.secrets_manifest,
                    "Write the secret values the fixes move, with their ids, to FILE (JSON, mode 0600); FILE must be "
                    "outside the repository");
    cli::add_rule_filter_flags(prc, p.o);
    prc->add_flag("--include-vendored", p.o.include_vendored, "Also rewrite vendored third-party trees");
    prc->add_option("-j,--jobs", p.o.jobs, "Files processed in parallel (default: one per core)")
        ->check(CLI::NonNegativeNumber);
    cli::add_rule_settings(prc, p.o);
}

// Plain `wafix [PATH...]` means `wafix diff [PATH...]`; CLI11 takes the arguments reversed.
std::vector<std::string> arguments(const CLI::App& app, std::vector<std::string> args) {
    std::vector<std::string> names = cli::command_names(app);
    bool has_sub = false;
    for (const auto& a : args)
        if (std::count(names.begin(), names.end(), a) || a == "--help" || a == "-h" || a == "--version") {
            has_sub = true;
            break;
        }
    if (!has_sub) args.insert(args.begin(), "diff");
    return {args.rbegin(), args.rend()};
}

// The engine options the flags give; nullopt (after a message) for an unknown rule id.
std::optional<EngineOptions> engine_options(const Options& o) {
    EngineOptions engine;
    engine.select = cli::split_ids(o.select);
    engine.ignore = cli::split_ids(o.ignore);
    engine.unsafe_fixes = o.unsafe_fixes;
    engine.peer_suppressions = !o.no_peer_suppressions;
    engine.report_unused_suppressions = o.report_unused_suppressions;
    for (const auto& [flag, ids] : {std::pair{"--select", &engine.select}, std::pair{"--ignore", &engine.ignore}})
        for (const auto& id : *ids)
            if (!find_transform(id)) {
                std::cerr << "wafix: unknown rule " << id << " in " << flag << " (see `wafix rules`)\n";
                return std::nullopt;
            }
    return engine;
}

int dispatch(const CLI::App& app, const Parsed& p, const EngineOptions& engine) {
    auto parsed = [&](const char* name) { return app.get_subcommand(name)->parsed(); };
    const Options& o = p.o;
    if (parsed("generate-shell-completion")) {
        std::cout << *cli::shell_completion(app, p.shell);
        return kExitClean;
    }
    if (parsed("generate-man-page")) {
        std::cout << cli::man_page(app, WAFIX_VERSION);
        return kExitClean;
    }
    if (parsed("fix") || (parsed("check") && o.check_fix)) return cli::command_fix(o, engine);
    if (parsed("check") && o.add_noqa) return cli::command_add_noqa(o, engine);
    if (parsed("check") && !o.check_diff) return cli::command_check(o, engine);
    if (parsed("report")) return cli::command_report(p.o, engine);
    if (parsed("rules")) return cli::command_rules(p.rule_ids);
    if (parsed("app")) return run_app_command(p.app);
    if (parsed("pr")) return cli::command_pr(p.pr, p.pr_labels, p.pr_path, p.o, engine);
    return cli::command_diff(p.o, engine);
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{kDescription, "wafix"};
    app.set_version_flag("--version", std::string("wafix ") + WAFIX_VERSION);
    app.require_subcommand(0, 1);
    Parsed p;
    add_analysis_commands(app, p);
    add_pr_command(app, p);
    add_app_command(app, p.app);
    CLI::App* completion = app.add_subcommand("generate-shell-completion", "Print a completion script for a shell");
    completion->add_option("shell", p.shell, "bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    app.add_subcommand("generate-man-page", "Print the man page (roff) of wafix(1)");
    std::vector<std::string> args(argv + 1, argv + argc);
    if (cli::unknown_command(app, args)) return kExitError;
    std::vector<std::string> reversed = arguments(app, std::move(args));
    try {
        app.parse(reversed);
    } catch (const CLI::ExtrasError& e) {
        cli::report_extras(app, e);
        return kExitError;
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? kExitClean : kExitError;
    }
    auto engine = engine_options(p.o);
    if (!engine) return kExitError;
    try {
        int rc = dispatch(app, p, *engine);
        return p.o.exit_zero && rc == kExitPending ? kExitClean : rc;
    } catch (const std::exception& e) {
        std::cerr << "wafix: error: " << e.what() << "\n";
        return kExitError;
    }
}

}  // namespace wafix
