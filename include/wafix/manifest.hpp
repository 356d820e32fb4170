// Adds the dependencies that applied fixes need to the manifest that ships with the code: the
// nearest requirements.txt, else a pyproject.toml with [project] or Poetry dependencies.
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
    std::vector<ManifestUpdate> updates;   // sorted by path
    std::vector<std::string> notes;        // e.g. no manifest found for a file
};

// `needs` maps a Python file to the requirements its fixes need ("defusedxml>=0.7.1").
// Manifests are searched from the file's directory up to `stop_at(file)` inclusive.
ManifestPlan plan_manifest_updates(const std::map<std::filesystem::path, std::vector<std::string>>& needs,
                                   const std::map<std::filesystem::path, std::filesystem::path>& stop_at);

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
