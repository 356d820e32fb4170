// Where the application model meets a run's results: which manifest ships with an edited file
// (a fix's new dependency goes there), and which function each finding belongs to.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "wafix/app/manifest.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {

// For each file that needs dependencies and that the model packages (a function's asset or a
// layer): the manifests that ship with it, or a note saying which file wafix would create.
// Files the model does not package keep the nearest-manifest search.
std::map<std::filesystem::path, ManifestTargets> shipping_manifests(
    const AppModel& model, const std::map<std::filesystem::path, std::vector<std::string>>& needs);

// Sets Finding::functions on every finding and unfixed finding of `r`.
void attach_functions(const AppModel& model, FileResult& r);

}  // namespace wafix
