#include "wafix/app/secrets_manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "wafix/app/writer.hpp"

namespace wafix {

std::string secrets_manifest_json(const std::vector<SecretsManifestEntry>& entries) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : entries)
        list.push_back(
            {{"secret_id", e.secret_id}, {"file", e.file}, {"line", e.line}, {"kind", e.kind}, {"value", e.value}});
    return list.dump(2) + "\n";
}

std::optional<std::string> write_private_file(const std::filesystem::path& path, const std::string& bytes) {
    // mkstemp creates the temp file 0600 whatever the umask: the values are never readable by
    // others, not even for a moment.
    return write_file_atomically(path, bytes, 0600, nullptr);
}

}  // namespace wafix
