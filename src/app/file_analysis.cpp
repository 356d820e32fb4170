#include "wafix/app/file_analysis.hpp"

#include "wafix/app/cache.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix {

namespace {

FileResult analyse_loaded(SourceFile source, const EngineOptions& options, const ResultCache* cache) {
    const auto& transforms = registered_transforms();
    // Only files a rule may apply to are worth a cache entry: the others cost a memmem scan.
    bool worth_caching = cache && source.text.size() <= options.max_file_bytes &&
                         !applicable_transforms(source.text, options, transforms).empty();
    std::string key;
    if (worth_caching) {
        key = cache->key(source, options);
        if (auto hit = cache->load(key, source)) return std::move(*hit);
    }
    FileResult r = process_source(std::move(source), options, transforms);
    // A result that moved secrets is never cached: the cache would have to hold the values (for
    // the secrets manifest) on disk, and a hit without them would lose them.
    if (worth_caching && !r.error && r.secrets.empty()) cache->store(key, r);
    return r;
}

}  // namespace

FileResult process_file(const std::filesystem::path& path, const EngineOptions& options, const ResultCache* cache) {
    // Stat before reading: a rewrite after this point changes the stamp the index would record.
    std::optional<ResultCache::Stamp> stamp;
    if (cache) stamp = ResultCache::stamp_of(path);
    if (stamp && cache->known_empty(path, options, *stamp)) {
        // Its last result was empty and the file is unchanged: nothing downstream reads the text
        // of a file with no finding and no change, so it is not read. The empty source still
        // counts it as analysed.
        FileResult r;
        r.path = path;
        r.source = SourceFile{path, "", false, "\n"};
        r.from_index = true;
        return r;
    }
    LoadResult loaded = load_source(path);
    if (!loaded.file) {
        FileResult r;
        r.path = path;
        r.error = loaded.error->message;
        return r;
    }
    FileResult r = analyse_loaded(std::move(*loaded.file), options, cache);
    if (stamp) cache->note_result(path, options, *stamp, r);
    release_if_empty(r);
    return r;
}

}  // namespace wafix
