// Internal to the model layer: what ships beside the code (manifests, layers) and which trees
// are vendored copies of third-party code.
#pragma once

#include <vector>

#include "wafix/model/app_model.hpp"

namespace wafix::model_detail {

// Vendored trees among the folders holding `files`: *.dist-info holders (pip install -t),
// vendor/, _vendor/, vendored/ and dependencies/python/ folders.
std::vector<VendoredTree> find_vendored_trees(const std::vector<std::filesystem::path>& files);
// Each function's and layer's manifest, and whether a layer ships installed packages.
void resolve_packaging(AppModel& m);

}  // namespace wafix::model_detail
