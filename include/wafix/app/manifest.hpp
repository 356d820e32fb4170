// Adds the dependencies that applied fixes need to the manifest that ships with the code: the
// nearest requirements.txt, else a pyproject.toml with [project] or Poetry dependencies. Also
// answers whether the manifests nearest a file already declare a project (a rule's project facts, e.g. Powertools).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wafix {

struct ManifestUpdate {
    std::filesystem::path path;
    std::string original;  // bytes as read
    std::string updated;
    std::vector<std::string> added;  // requirement lines added
};

struct ManifestPlan {
    std::vector<ManifestUpdate> updates;  // sorted by path
    std::vector<std::string> notes;       // e.g. no manifest found for a file
};

// Where a file's dependencies go when the application model knows what ships it: the manifests
// of the functions (or layer) that package it, and a note for each package without one.
struct ManifestTargets {
    std::vector<std::filesystem::path> manifests;
    std::vector<std::string> notes;  // already worded; the requirement is appended
};

// `needs` maps a Python file to the requirements its fixes need ("defusedxml>=0.7.1").
// Manifests are searched from the file's directory up to `stop_at(file)` inclusive, unless
// `targets` names the file's manifests (see ManifestTargets).
ManifestPlan plan_manifest_updates(const std::map<std::filesystem::path, std::vector<std::string>>& needs,
                                   const std::map<std::filesystem::path, std::filesystem::path>& stop_at,
                                   const std::map<std::filesystem::path, ManifestTargets>& targets = {});

// The directories a file's manifest is looked for in, nearest first: the file's own, then each
// parent up to `stop` inclusive; the file's own alone when `stop` is empty or not an ancestor.
std::vector<std::filesystem::path> manifest_search_dirs(const std::filesystem::path& file,
                                                        const std::filesystem::path& stop);

// Whether the dependency manifests nearest `file` declare the project `name` (PEP 503 names, any
// extras or version). The first directory of manifest_search_dirs that holds a requirements*.txt
// or a pyproject.toml declaring dependencies decides: every requirements*.txt there (following
// `-r` includes) and the pyproject's dependency lists (see pyproject_dependency_names).
bool nearest_manifests_declare(const std::filesystem::path& file, const std::filesystem::path& stop,
                               const std::string& name);

// Normalised names a pyproject.toml declares in [project] dependencies and optional-dependencies,
// [dependency-groups], and Poetry's dependencies, dev-dependencies and groups. Empty when the
// text is not valid TOML.
std::vector<std::string> pyproject_dependency_names(const std::string& text);

// Pure text edits, exposed for tests. nullopt when the requirement is already there.
std::optional<std::string> add_to_requirements_txt(const std::string& text, const std::string& requirement);
// The line add_to_requirements_txt writes for `requirement` in this file's style.
std::string requirements_txt_line(const std::string& text, const std::string& requirement);
std::optional<std::string> add_to_pyproject(const std::string& text, const std::string& requirement);
// Whether a pyproject.toml declares dependencies wafix can extend.
bool pyproject_has_dependencies(const std::string& text);
// PEP 503 normalised project name of a requirement line ("" for comments and options).
std::string requirement_name(const std::string& line);

}  // namespace wafix
