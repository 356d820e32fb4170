#include "wafix/app/run.hpp"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "wafix/app/cache.hpp"
#include "wafix/app/config.hpp"
#include "wafix/app/discover.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/app/manifest.hpp"
#include "wafix/app/progress.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {
std::string where(const fs::path& p) { return display_path(p).generic_string(); }
}  // namespace

RunReport analyse(const AnalyseOptions& o, const EngineOptions& engine, const std::string& command) {
    RunReport run;
    run.command = command;
    std::vector<fs::path> paths;
    for (const auto& p : o.paths) paths.emplace_back(p);
    if (paths.empty()) paths.emplace_back(".");
    Discovery found = discover(paths);
    for (const auto& e : found.errors) {
        size_t colon = e.find(": ");
        run.errors.push_back(colon == std::string::npos ? RunError{"", e}
                                                        : RunError{e.substr(0, colon), e.substr(colon + 2)});
    }
    run.skipped = std::move(found.notes);
    std::map<fs::path, std::vector<std::string>> needs;
    std::map<fs::path, fs::path> stop_at;
    std::map<fs::path, fs::path> work_trees;  // per root, looked up once
    // Manifests are searched up to the git work tree's root, else up to the path given.
    auto search_stop = [&](const fs::path& root) {
        auto it = work_trees.find(root);
        if (it == work_trees.end()) it = work_trees.emplace(root, git_work_tree_of(root)).first;
        return it->second.empty() ? root : it->second;
    };
    std::map<std::pair<fs::path, fs::path>, bool> powertools_dirs;  // (directory, stop) -> declared
    // Configuration is resolved in order (its cache is not shared between threads); the files
    // are then processed in parallel and their results kept in discovery order.
    ConfigResolver configs;
    std::set<std::string> config_errors;
    // --config FILE: that file governs every file, as ruff's --config does.
    std::optional<Config> explicit_config;
    if (!o.config_file.empty()) {
        try {
            fs::path file = o.config_file;
            explicit_config = parse_config(file, file.filename() == "pyproject.toml");
            if (!explicit_config) throw ConfigError(file.string() + ": has no [tool.wafix] table");
        } catch (const ConfigError& e) {
            run.errors.push_back({"", std::string("configuration: ") + e.what()});
            return run;
        }
    }
    struct Job {
        const DiscoveredFile* file;
        const Config* config;
        EngineOptions options;
    };
    std::vector<Job> jobs;
    for (const DiscoveredFile& f : found.files) {
        const Config* cfg = nullptr;
        try {
            cfg = explicit_config ? &*explicit_config : &configs.for_file(f.path);
        } catch (const ConfigError& e) {
            if (config_errors.insert(e.what()).second)
                run.errors.push_back({"", std::string("configuration: ") + e.what()});
            continue;  // never analyse with a configuration the user did not mean
        }
        if (!f.named && cfg->excludes(f.path)) continue;
        // The file's configuration, then the command line on top of it.
        EngineOptions options;
        cfg->apply(f.path, options);
        if (!engine.select.empty()) {
            options.select = engine.select;
            for (const auto& id : engine.select) options.ignore.erase(id);  // the command line wins
        }
        options.ignore.insert(engine.ignore.begin(), engine.ignore.end());
        if (engine.unsafe_fixes) options.unsafe_fixes = true;
        if (!engine.peer_suppressions) options.peer_suppressions = false;
        options.report_unused_suppressions = engine.report_unused_suppressions;
        if (!o.http_timeout.empty()) options.settings.http_timeout = o.http_timeout;
        if (!o.secret_prefix.empty()) options.settings.secret_id_prefix = o.secret_prefix;
        if (o.reserved_concurrency > 0) options.settings.reserved_concurrency = o.reserved_concurrency;
        if (!o.only.empty())
            for (const auto& t : all_transforms())
                if (!o.only.count(t->info().id)) options.ignore.insert(t->info().id);
        if (options.enabled("WA301")) {
            std::pair<fs::path, fs::path> key{f.path.parent_path(), search_stop(f.root)};
            auto it = powertools_dirs.find(key);
            if (it == powertools_dirs.end())
                it =
                    powertools_dirs.emplace(key, nearest_manifests_declare(f.path, key.second, "aws-lambda-powertools"))
                        .first;
            options.settings.project_uses_powertools = it->second;
        }
        jobs.push_back({&f, cfg, std::move(options)});
    }
    std::optional<ResultCache> cache;
    if (!o.no_cache && !o.cache_dir.empty()) {
        cache.emplace(o.cache_dir);
        cache->load_index();
    }
    std::vector<FileResult> results(jobs.size());
    std::atomic<size_t> next{0};
    std::optional<ProgressLine> progress;
    progress.emplace(jobs.size(), o.progress, std::cerr);
    auto worker = [&] {
        for (size_t i = next++; i < jobs.size(); i = next++) {
            results[i] = process_file(jobs[i].file->path, jobs[i].options, cache ? &*cache : nullptr);
            progress->advance();
        }
    };
    size_t threads =
        std::min<size_t>(o.jobs > 0 ? static_cast<size_t>(o.jobs) : std::max(1u, std::thread::hardware_concurrency()),
                         std::max<size_t>(1, jobs.size()));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (cache) cache->save_index();
    progress.reset();  // the line is erased before anything else is printed

    for (size_t i = 0; i < jobs.size(); ++i) {
        const DiscoveredFile& f = *jobs[i].file;
        FileResult& r = results[i];
        if (!r.requirements.empty() && jobs[i].config->dependency_manifest == "none") {
            for (const auto& req : r.requirements)
                run.manifests.notes.push_back(
                    fmt::format("{}: needs `{}` (dependency-manifest = \"none\": not added)", where(f.path), req));
            r.requirements.clear();
        }
        if (r.error) run.errors.push_back({where(f.path), *r.error});
        if (!r.requirements.empty()) {
            needs[f.path] = r.requirements;
            stop_at[f.path] = search_stop(f.root);
        }
        run.results.push_back(std::move(r));
    }
    ManifestPlan plan = plan_manifest_updates(needs, stop_at);
    plan.notes.insert(plan.notes.begin(), run.manifests.notes.begin(), run.manifests.notes.end());
    run.manifests = std::move(plan);
    return run;
}

}  // namespace wafix
