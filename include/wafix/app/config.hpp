// Configuration: `[tool.wafix]` in pyproject.toml or the top level of wafix.toml, found as the
// nearest one up from each file (wafix.toml wins over pyproject.toml in the same directory).
// Documented in docs/configuration.md; CLI flags win over the file.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "wafix/core/engine.hpp"
#include "wafix/core/error.hpp"

namespace wafix {

// "path:line:column: message" for an unknown key, a wrong type, a value out of range or
// unreadable TOML.
class ConfigError : public Error {
public:
    using Error::Error;
};

struct Config {
    std::filesystem::path file;  // empty: no configuration file applies
    std::filesystem::path dir;   // globs are relative to this directory
    std::optional<std::vector<std::string>> select, ignore;
    std::vector<std::string> exclude;
    std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
    std::optional<bool> unsafe_fixes, peer_suppressions;
    // `exclude-docs = true`: documentation trees (a docs, doc, docs_src, examples or example
    // folder below dir) are left alone wholesale, as if listed in exclude.
    bool exclude_docs = false;
    // The rules' settings it sets (their declared names), as canonical text already checked.
    std::map<std::string, std::string> settings;
    std::string dependency_manifest = "nearest";  // or "none": never edit manifests

    // True when `file` (below dir) matches an exclude glob, or lies in a documentation tree and
    // exclude_docs is set.
    bool excludes(const std::filesystem::path& target) const;
    // Applies this file's configuration to `options` (per-file ignores included).
    void apply(const std::filesystem::path& target, EngineOptions& options) const;
};

// Parses one file. `pyproject` selects the [tool.wafix] table; nullopt when it has none.
std::optional<Config> parse_config(const std::filesystem::path& file, bool pyproject);

// Finds and caches the configuration that governs each file.
class ConfigResolver {
public:
    // Throws ConfigError for a broken configuration file.
    const Config& for_file(const std::filesystem::path& file);

private:
    const Config& for_directory(const std::filesystem::path& dir);
    std::map<std::filesystem::path, std::shared_ptr<Config>> cache_;
};

// Glob match on '/'-separated relative paths: `*` and `?` stay within one segment, `**` spans
// any number of segments, `[abc]` classes; a pattern without '/' matches the file name anywhere.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace wafix
