#include "wafix/cli/app_command.hpp"

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "wafix/app/app_view.hpp"
#include "wafix/app/run.hpp"
#include "wafix/cli/cli.hpp"

namespace wafix {

CLI::App* add_app_command(CLI::App& app, AppCommandOptions& o) {
    CLI::App* sub = app.add_subcommand(
        "app", "Show the application model: stacks, functions, handler files, triggers, manifests (docs/app-model.md)");
    sub->add_option("paths", o.paths, "Files or directories (default: .)");
    sub->add_option("--format", o.format, "tree (default) or json")->check(CLI::IsMember({"tree", "json"}));
    sub->add_flag("--include-vendored", o.include_vendored, "Also analyse files under vendored trees");
    sub->add_option("-j,--jobs", o.jobs, "Files processed in parallel (default: one per core)")
        ->check(CLI::NonNegativeNumber);
    return sub;
}

int run_app_command(const AppCommandOptions& o) {
    AnalyseOptions a;
    a.paths = o.paths;
    a.jobs = o.jobs;
    a.include_vendored = o.include_vendored;
    a.no_cache = true;  // the findings count per function is all it needs of the rules
    a.cache_dir.clear();
    RunReport run = analyse(a, EngineOptions{}, "app");
    for (const auto& n : run.skipped) std::cerr << "wafix: note: " << n << "\n";
    std::map<std::string, int> findings = findings_per_function(run);
    std::string out =
        o.format == "json" ? render_app_json(*run.model, findings, true) : render_app_tree(*run.model, findings);
    std::fwrite(out.data(), 1, out.size(), stdout);
    for (const RunError& e : run.errors)
        std::cerr << "wafix: error: " << (e.file.empty() ? e.message : e.file + ": " + e.message) << "\n";
    // Model notes (a missing asset, a YAML file that does not parse) are in the output: they do
    // not change the exit code.
    return run.errors.empty() ? kExitClean : kExitError;
}

}  // namespace wafix
