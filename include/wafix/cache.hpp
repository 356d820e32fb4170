// On-disk result cache (.wafix_cache/ by default): a file whose bytes, options and wafix version
// are unchanged is not analysed again. Entries are written atomically (temp file + rename), so
// concurrent runs never read a partial entry. An entry stores findings and the changed lines of
// the fixed text only: text a fix leaves alone (a suppressed secret, say) is never copied here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/engine.hpp"

namespace wafix {

class ResultCache {
public:
    explicit ResultCache(std::filesystem::path dir);
    const std::filesystem::path& dir() const { return dir_; }

    std::string key(const SourceFile& source, const EngineOptions& options) const;
    std::optional<FileResult> load(const std::string& key, const SourceFile& source) const;
    void store(const std::string& key, const FileResult& result) const;  // failures are silent: it is a cache

private:
    std::filesystem::path dir_;
};

// Line hunks: enough to rebuild `new` from `old` without storing unchanged lines.
struct LineHunk {
    size_t old_start = 0;  // 0-based line index in old
    size_t old_count = 0;
    std::vector<std::string> new_lines;  // with their terminators
};
std::vector<LineHunk> line_hunks(std::string_view old_text, std::string_view new_text);
std::string apply_line_hunks(std::string_view old_text, const std::vector<LineHunk>& hunks);

}  // namespace wafix
