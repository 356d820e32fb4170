// The secrets manifest `wafix fix --secrets-manifest FILE` writes: the values the fixes moved out of
// the code, so that an operator can create them in AWS Secrets Manager. The only place wafix
// ever writes a secret value; the file is created with mode 0600 and replaced atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
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

// Writes `bytes` to `path` readable by its owner only (0600): a temporary file created 0600 in
// the same directory, then renamed over `path`. Returns the error.
std::optional<std::string> write_private_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace wafix
