// One analysis run over files and directories, as `wafix diff/fix/check/report` do it:
// discovery, configuration per file, the command line on top, the engine in parallel, and the
// dependency-manifest plan. Nothing is written; `wafix pr` runs it on an exported tree.
#pragma once

#include <filesystem>
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
    std::string http_timeout;                // empty: the configuration's, else RuleSettings' default
    std::string secret_prefix;               // empty: the configuration's, else the default
    int reserved_concurrency = 0;            // 0: the configuration's, else the default
    std::string config_file;                 // non-empty: this configuration for every file (--config)
    // Non-empty: only these rules run, on top of what the configuration enables (unlike
    // EngineOptions::select, which overrides the configuration's ignores).
    std::set<std::string> only;
};

RunReport analyse(const AnalyseOptions& options, const EngineOptions& engine, const std::string& command);

}  // namespace wafix
