// On-disk result cache (.wafix_cache/ by default): a file whose bytes, options and wafix version
// are unchanged is not analysed again. Entries are written atomically (temp file + rename), so
// concurrent runs never read a partial entry. An entry stores findings and the changed lines of
// the fixed text only: text a fix leaves alone (a suppressed secret, say) is never copied here.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/engine.hpp"

namespace wafix {

class ResultCache {
public:
    explicit ResultCache(std::filesystem::path dir);
    const std::filesystem::path& dir() const { return dir_; }

    std::string key(const SourceFile& source, const EngineOptions& options) const;
    std::optional<FileResult> load(const std::string& key, const SourceFile& source) const;
    void store(const std::string& key, const FileResult& result) const;  // failures are silent: it is a cache

    // The stat index: one file per cache directory and wafix build, naming the files whose last
    // result was empty (no rule applies, no finding, no note, no change) by path, options and
    // stat (size, mtime, ctime, inode, device). A file whose stat still matches is not even read.
    // A stamp within 2 s of the run's start is never recorded ("racily clean", as in git): a
    // same-size rewrite in the same timestamp tick would look unchanged. ctime cannot be set by
    // utimensat, so a rewrite with a forced old mtime still misses.
    struct Stamp {
        uint64_t size = 0, mtime_ns = 0, ctime_ns = 0, ino = 0, dev = 0;
        bool operator==(const Stamp&) const = default;
    };
    static std::optional<Stamp> stamp_of(const std::filesystem::path& path);
    void load_index();  // once, before the workers start
    bool known_empty(const std::filesystem::path& path, const EngineOptions& options, const Stamp& stamp) const;
    void note_result(const std::filesystem::path& path, const EngineOptions& options, const Stamp& stamp,
                     const FileResult& result) const;  // thread-safe
    void save_index() const;                           // once, after the workers: temp file + rename, last writer wins

private:
    std::string index_key(const std::filesystem::path& path, const EngineOptions& options) const;
    std::filesystem::path index_path() const;

    std::filesystem::path dir_;
    int64_t run_start_ns_ = 0;
    std::map<std::string, Stamp> index_;  // read-only while workers run
    mutable std::mutex index_mutex_;
    mutable std::map<std::string, std::optional<Stamp>> index_updates_;  // nullopt: drop the entry
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
