// What the command-line front end shares between its commands (src/cli only): the parsed
// options, the run, and the output helpers every command prints with.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "wafix/app/report.hpp"
#include "wafix/app/run.hpp"
#include "wafix/cli/cli.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/pr/pr_command.hpp"

namespace CLI {
class App;
}

namespace wafix::cli {

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
    bool show_secrets = false;     // diff: do not mask secret values on a terminal
    std::string secrets_manifest;  // fix: where to write the moved secret values (0600)
    std::string config_file;       // --config: this file instead of the nearest configuration
    bool exit_zero = false;        // exit 0 even when findings or fixes are pending (errors stay 2)
    bool check_fix = false, check_diff = false, show_fixes = false, add_noqa = false;  // ruff's check flags
    bool include_vendored = false;  // also rewrite vendored trees (skipped with a note by default)
    bool no_model = false;          // no application model (for measuring its cost)
    // The rules' settings given on the command line (declared name -> value), made from the
    // registry by add_rule_settings(); a flag not given leaves the configuration's value.
    std::map<std::string, std::string> settings;
};

// Flags (flags.cpp).
void add_common_flags(CLI::App* sub, Options& o);
void add_format_flags(CLI::App* sub, Options& o, const std::vector<std::string>& formats);
void add_rule_filter_flags(CLI::App* sub, Options& o);
// One flag per rule setting the registry declares (`--reserved-concurrency N`), with its check.
void add_rule_settings(CLI::App* sub, Options& o);

// The run and the output (common.cpp).
std::set<std::string> split_ids(const std::vector<std::string>& values);
bool use_color(const std::string& mode);
std::string where(const std::filesystem::path& p);
AnalyseOptions analyse_options(const Options& o);
RunReport analyse(const Options& o, const EngineOptions& engine, const std::string& command);
std::string error_line(const RunError& e);
// Machine-readable formats replace the command's own output on stdout; false for other formats.
bool print_format(const RunReport& run, const std::string& format);
void print_unfixed(std::ostream& os, const RunReport& run);
size_t count_unfixed(const RunReport& run);
// Prints the run's errors; kExitError when there are any, else `otherwise`.
int finish(const RunReport& run, int otherwise);

// The commands, one file each.
int command_diff(const Options& o, const EngineOptions& engine);
int command_check(const Options& o, const EngineOptions& engine);
// `check --add-noqa`: a `# wafix: ignore[RULE]` comment on every line with a finding.
int command_add_noqa(const Options& o, const EngineOptions& engine);
int command_report(const Options& o, const EngineOptions& engine);
int command_fix(const Options& o, const EngineOptions& engine);
int command_rules(const std::vector<std::string>& ids);
int command_pr(pr::PrOptions p, const std::vector<std::string>& labels, const std::string& path, const Options& o,
               const EngineOptions& engine);

}  // namespace wafix::cli
