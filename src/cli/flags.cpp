// The flags the commands share, the rule settings' among them made from the registry.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix::cli {

void add_rule_filter_flags(CLI::App* sub, Options& o) {
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
                  "Ignore bandit/ruff/checkov/detect-secrets/gitleaks comments (# nosec, # noqa: S113, ...)");
}

void add_rule_settings(CLI::App* sub, Options& o) {
    for (const DeclaredSetting& d : declared_settings()) {
        const SettingSpec& spec = *d.spec;
        std::string names = "--" + spec.name;
        for (const auto& alias : spec.aliases) names += ",--" + alias;
        std::string range = spec.type == SettingType::Text ? "" : setting_range(spec) + "; ";
        std::string help = fmt::format("{}: {} ({}default: {})", d.rule->id, spec.help, range, spec.default_value);
        sub->add_option_function<std::string>(
               names, [&o, &spec](const std::string& v) { o.settings[spec.name] = v; }, help)
            ->type_name(spec.value_name)
            ->check(CLI::Validator([&spec](std::string& v) { return setting_error(spec, v); }, ""));
    }
}

void add_common_flags(CLI::App* sub, Options& o) {
    sub->add_option("paths", o.paths, "Files or directories (default: .)");
    add_rule_filter_flags(sub, o);
    sub->add_flag("--report-unused-suppressions", o.report_unused_suppressions,
                  "Note `# wafix: ignore` comments that silence nothing");
    sub->add_option("-j,--jobs", o.jobs, "Files processed in parallel (default: one per core)")
        ->check(CLI::NonNegativeNumber);
    sub->add_flag("--no-cache", o.no_cache, "Neither read nor write the result cache");
    sub->add_flag("--include-vendored", o.include_vendored,
                  "Also analyse vendored third-party trees (layer python/ installs, vendor/; skipped by default)");
    sub->add_flag("--no-app-model", o.no_model,
                  "Do not build the application model (docs/app-model.md): rules see none, nothing is skipped as "
                  "vendored");
    sub->add_flag("--no-progress", o.no_progress, "No progress line on stderr (shown on a terminal after 1 s)");
    sub->add_option("--cache-dir", o.cache_dir, "Where the result cache lives (default: .wafix_cache)");
    sub->add_option("--config", o.config_file,
                    "Use this pyproject.toml or wafix.toml for every file instead of the nearest one")
        ->check(CLI::ExistingFile);
    sub->add_flag("--exit-zero", o.exit_zero, "Exit 0 even when there are findings or fixes pending (errors: 2)");
    add_rule_settings(sub, o);
}

void add_format_flags(CLI::App* sub, Options& o, const std::vector<std::string>& formats) {
    sub->add_option("--format,--output-format", o.format, "Output format")->check(CLI::IsMember(formats));
    sub->add_flag("--statistics", o.statistics, "Counts per rule and pillar");
}

}  // namespace wafix::cli
