// Unified diffs with git-style headers, as `git apply` and `patch -p1` accept them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wafix {

struct DiffOptions {
    int context = 3;
    bool color = false;
    // Shown as "****": secret values the caller masks because a person reads the diff (a
    // terminal, coloured or not, or coloured output). Empty for a patch to apply, which must
    // stay exact.
    std::vector<std::string> redact;
};

// `prefix` + `path` as git writes a name in a patch header: unchanged when plain, else quoted and
// escaped exactly as git does (so that `git apply` reads the name back).
std::string git_quoted_path(std::string_view prefix, std::string_view path);

// The diff of one file ("" when old and new are equal). `path` is relative to where the patch
// is applied; old and new are the exact bytes (line endings, BOM and final newline included).
std::string render_file_diff(std::string_view path, std::string_view old_bytes, std::string_view new_bytes,
                             const DiffOptions& options = {});

}  // namespace wafix
