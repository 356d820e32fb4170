#include "wafix/app/run.hpp"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "wafix/app/cache.hpp"
#include "wafix/app/config.hpp"
#include "wafix/app/discover.hpp"
#include "wafix/app/doc_references.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/app/manifest.hpp"
#include "wafix/app/model_links.hpp"
#include "wafix/app/progress.hpp"
#include "wafix/app/style_config.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/model/build.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

std::string where(const fs::path& p) { return display_path(p).generic_string(); }

// Manifests are searched up to the git work tree's root, else up to the path given; each root's
// work tree is looked up once.
class SearchStops {
public:
    fs::path operator()(const fs::path& root) {
        auto it = work_trees_.find(root);
        if (it == work_trees_.end()) it = work_trees_.emplace(root, git_work_tree_of(root)).first;
        return it->second.empty() ? root : it->second;
    }

private:
    std::map<fs::path, fs::path> work_trees_;
};

struct Job {
    const DiscoveredFile* file;
    const Config* config;
    EngineOptions options;
};

// Resolved in order before the files run in parallel (the configuration cache and these memos
// are not shared between threads).
struct Planner {
    const AnalyseOptions& o;
    const EngineOptions& engine;
    const AppModel* model;
    SearchStops& stops;
    ConfigResolver configs;
    std::set<std::string> config_errors;
    // (directory, search stop, package) -> whether the manifests nearest the directory declare it.
    std::map<std::tuple<fs::path, fs::path, std::string>, bool> declared;
    std::map<std::pair<fs::path, fs::path>, ProjectStyle> styles;  // (folder, stop) -> what the project configures
    std::map<const VendoredTree*, int> vendored_skipped;
    std::optional<Config> explicit_config;  // --config FILE: that file governs every file, as ruff's does
    std::map<fs::path, LinePin> pins;       // absolute path -> lines documentation shows by number

    // The file's configuration, then the command line on top of it.
    EngineOptions options_for(const DiscoveredFile& f, const Config& cfg) {
        EngineOptions options;
        cfg.apply(f.path, options);
        if (!engine.select.empty()) {
            options.select = engine.select;
            for (const auto& id : engine.select) options.ignore.erase(id);  // the command line wins
        }
        options.ignore.insert(engine.ignore.begin(), engine.ignore.end());
        if (engine.unsafe_fixes) options.unsafe_fixes = true;
        if (!engine.peer_suppressions) options.peer_suppressions = false;
        options.report_unused_suppressions = engine.report_unused_suppressions;
        for (const auto& [name, value] : o.settings) options.settings.set(name, value);
        if (!o.only.empty())
            for (const auto& t : all_transforms())
                if (!o.only.count(t->info().id)) options.ignore.insert(t->info().id);
        resolve_project_facts(f, options);
        if (!pins.empty()) {  // fs::absolute costs a getcwd per file: only when a page pins lines
            std::error_code ec;
            if (auto pin = pins.find(fs::absolute(f.path, ec).lexically_normal()); pin != pins.end())
                options.pinned = pin->second;
        }
        options.app_model = model;
        if (model) options.app_model_digest = model->digest_for(f.path);
        if (const AppModel::Parsed* parsed = model ? model->parsed(f.path) : nullptr) {
            options.parsed_tree = parsed->tree.get();
            options.parsed_semantic = parsed->semantic.get();
        }
        return options;
    }

    // The project facts the file's enabled rules ask for (RuleInfo::project_packages), resolved once
    // per directory: rules never read the file system themselves.
    void resolve_project_facts(const DiscoveredFile& f, EngineOptions& options) {
        std::pair<fs::path, fs::path> folder{f.path.parent_path(), stops(f.root)};
        auto style = styles.find(folder);
        if (style == styles.end()) style = styles.emplace(folder, project_style(f.path, folder.second)).first;
        options.settings.line_length = style->second.line_length.value_or(0);
        options.settings.quote = style->second.quote.value_or('\0');
        for (const auto& t : all_transforms()) {
            if (!options.enabled(t->info().id)) continue;
            for (const std::string& package : t->info().project_packages) {
                std::tuple<fs::path, fs::path, std::string> key{f.path.parent_path(), stops(f.root), package};
                auto it = declared.find(key);
                if (it == declared.end())
                    it = declared.emplace(key, nearest_manifests_declare(f.path, std::get<1>(key), package)).first;
                if (it->second) options.settings.declared_packages.insert(package);
            }
        }
    }

    std::vector<Job> plan(const Discovery& found, RunReport& run) {
        std::vector<Job> jobs;
        pins = pinned_lines(found.doc_files);
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
            // Vendored copies of third-party code are never rewritten unless asked (a note says so).
            if (model && !f.named && !o.include_vendored)
                if (const VendoredTree* v = model->vendored_tree_of(f.path)) {
                    ++vendored_skipped[v];
                    continue;
                }
            jobs.push_back({&f, cfg, options_for(f, *cfg)});
        }
        for (const auto& [tree, n] : vendored_skipped)
            run.skipped.push_back(
                fmt::format("{}: vendored third-party code ({}); {} file{} left alone "
                            "(--include-vendored to analyse them)",
                            where(tree->dir), tree->reason, n, n == 1 ? "" : "s"));
        return jobs;
    }
};

std::vector<FileResult> run_jobs(const std::vector<Job>& jobs, const AnalyseOptions& o) {
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
    return results;
}

// Results in discovery order, with their functions, and the dependency-manifest plan.
void collect(RunReport& run, const std::vector<Job>& jobs, std::vector<FileResult>& results, SearchStops& stops) {
    std::map<fs::path, std::vector<std::string>> needs;
    std::map<fs::path, fs::path> stop_at;
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
            stop_at[f.path] = stops(f.root);
        }
        if (run.model) attach_functions(*run.model, r);
        run.results.push_back(std::move(r));
    }
    std::map<fs::path, ManifestTargets> targets;
    if (run.model) targets = shipping_manifests(*run.model, needs);
    ManifestPlan plan = plan_manifest_updates(needs, stop_at, targets);
    plan.notes.insert(plan.notes.begin(), run.manifests.notes.begin(), run.manifests.notes.end());
    run.manifests = std::move(plan);
}

}  // namespace

std::shared_ptr<const AppModel> build_model(const Discovery& found) {
    ModelInputs in;
    for (const DiscoveredFile& f : found.files) in.python_files.push_back(f.path);
    in.config_files = found.model_files;
    return std::make_shared<const AppModel>(build_app_model(in));
}

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
    // The model comes first: rules read it, and it says which trees are vendored.
    if (o.build_model) run.model = build_model(found);
    SearchStops stops;
    Planner planner{o, engine, run.model.get(), stops, {}, {}, {}, {}, {}, {}, {}};
    if (!o.config_file.empty()) {
        try {
            fs::path file = o.config_file;
            planner.explicit_config = parse_config(file, file.filename() == "pyproject.toml");
            if (!planner.explicit_config) throw ConfigError(file.string() + ": has no [tool.wafix] table");
        } catch (const ConfigError& e) {
            run.errors.push_back({"", std::string("configuration: ") + e.what()});
            return run;
        }
    }
    std::vector<Job> jobs = planner.plan(found, run);
    std::vector<FileResult> results = run_jobs(jobs, o);
    collect(run, jobs, results, stops);
    return run;
}

}  // namespace wafix
