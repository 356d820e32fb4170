// The secrets manifest `wafix fix --secrets-manifest FILE` writes: the values the fixes moved out of
// the code, so that an operator can create them in AWS Secrets Manager. The only place wafix
// ever writes a secret value; the file is created with mode 0600 and replaced atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wafix {

struct SecretsManifestEntry {
    std::string secret_id;
    std::string file;  // as wafix displays it
    uint32_t line = 0;
    std::string kind;
    std::string value;
};

// A JSON list of {secret_id, file, line, kind, value}, in the given order.
std::string secrets_manifest_json(const std::vector<SecretsManifestEntry>& entries);

// The manifest a rerun writes: every entry of the existing file kept as it is, then the new ones.
// An id already in the file keeps its entry; a different value under it is a conflict, named in
// `warnings` (by id, never by value) and not written. `error` when the existing bytes are not a
// manifest: nothing may overwrite them then.
struct ManifestMerge {
    std::vector<SecretsManifestEntry> entries;
    std::vector<std::string> warnings;
    std::optional<std::string> error;
    size_t added = 0;  // entries new to the file
};
ManifestMerge merge_secrets_manifest(std::string_view existing, const std::vector<SecretsManifestEntry>& moved);
ManifestMerge merge_manifest_entries(std::vector<SecretsManifestEntry> existing,
                                     const std::vector<SecretsManifestEntry>& moved);

// Reads the manifest at `path` (a missing file is an empty one) and merges `moved` into it.
ManifestMerge merge_with_manifest_file(const std::filesystem::path& path,
                                       const std::vector<SecretsManifestEntry>& moved);

// Why the manifest may not be written at `path`: inside a git work tree and not ignored there
// (the values would be one `git add .` away from history). nullopt when the place is fine.
std::optional<std::string> manifest_place_error(const std::filesystem::path& path);

// Writes `bytes` to `path` readable by its owner only (0600): a temporary file created 0600 in
// the same directory, then renamed over `path`. Returns the error.
std::optional<std::string> write_private_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace wafix
