// One analysis run over files and directories, as `wafix diff/fix/check/report` do it:
// discovery, configuration per file, the command line on top, the engine in parallel, and the
// dependency-manifest plan. Nothing is written; `wafix pr` runs it on an exported tree.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "wafix/app/report.hpp"
#include "wafix/core/engine.hpp"

namespace wafix {

struct AnalyseOptions {
    std::vector<std::string> paths;  // empty: "."
    int jobs = 0;                    // 0: one per core
    bool no_cache = false;
    bool progress = false;                   // a progress line on stderr for long runs (see progress.hpp)
    std::string cache_dir = ".wafix_cache";  // empty: no cache
    // Rule settings from the command line (declared name -> checked value): they win over the
    // configuration's, which win over the rules' defaults.
    std::map<std::string, std::string> settings;
    // Non-empty: only these rules run, on top of what the configuration enables (unlike
    // EngineOptions::select, which overrides the configuration's ignores).
    std::set<std::string> only;
    bool include_vendored = false;  // also analyse files under vendored trees (they are skipped, with a note)
    bool build_model = true;        // false: no application model (rules see none; nothing is skipped as vendored)
};

struct Discovery;
// The application model of the discovered files (SAM/serverless files included).
std::shared_ptr<const AppModel> build_model(const Discovery& found);

RunReport analyse(const AnalyseOptions& options, const EngineOptions& engine, const std::string& command);

}  // namespace wafix
