// Unified diffs with git-style headers, as `git apply` and `patch -p1` accept them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wafix {

struct DiffOptions {
    int context = 3;
    bool color = false;
    // Shown as "****" in coloured output (a terminal): secret values on screen. Plain output
    // stays exact so that the patch applies.
    std::vector<std::string> redact;
};

// The diff of one file ("" when old and new are equal). `path` is relative to where the patch
// is applied; old and new are the exact bytes (line endings, BOM and final newline included).
std::string render_file_diff(std::string_view path, std::string_view old_bytes, std::string_view new_bytes,
                             const DiffOptions& options = {});

}  // namespace wafix
