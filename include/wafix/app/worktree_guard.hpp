// Before `wafix fix` writes, files with uncommitted changes in a git work tree are refused
// (as `cargo fix` does): a fix mixed into someone's unsaved work cannot be reviewed or undone.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wafix {

// The files among `paths` that are modified, staged or untracked in their git work tree.
// Files outside any work tree are not dirty (there is nothing to lose track of).
std::vector<std::string> dirty_files(const std::vector<std::filesystem::path>& paths);

}  // namespace wafix
