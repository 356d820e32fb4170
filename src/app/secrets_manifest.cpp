#include "wafix/app/secrets_manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
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

namespace {

// The entries of a manifest's bytes; an error when they are not a list of entries with a string
// secret_id and value (the bytes are never quoted: they hold values).
std::optional<std::string> parse_manifest(std::string_view bytes, std::vector<SecretsManifestEntry>& out) {
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::nullopt;
    nlohmann::json doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_array()) return "is not a JSON list of secrets";
    for (const auto& e : doc) {
        if (!e.is_object() || !e.contains("secret_id") || !e["secret_id"].is_string() || !e.contains("value") ||
            !e["value"].is_string())
            return "holds an entry without a string secret_id and value";
        SecretsManifestEntry m;
        m.secret_id = e["secret_id"].get<std::string>();
        m.value = e["value"].get<std::string>();
        if (e.contains("file") && e["file"].is_string()) m.file = e["file"].get<std::string>();
        if (e.contains("line") && e["line"].is_number_unsigned()) m.line = e["line"].get<uint32_t>();
        if (e.contains("kind") && e["kind"].is_string()) m.kind = e["kind"].get<std::string>();
        out.push_back(std::move(m));
    }
    return std::nullopt;
}

}  // namespace

ManifestMerge merge_secrets_manifest(std::string_view existing, const std::vector<SecretsManifestEntry>& moved) {
    std::vector<SecretsManifestEntry> entries;
    if (auto err = parse_manifest(existing, entries)) {
        ManifestMerge failed;
        failed.error = *err;
        return failed;
    }
    return merge_manifest_entries(std::move(entries), moved);
}

ManifestMerge merge_manifest_entries(std::vector<SecretsManifestEntry> existing,
                                     const std::vector<SecretsManifestEntry>& moved) {
    ManifestMerge merge;
    merge.entries = std::move(existing);
    std::map<std::string, size_t> at;
    for (size_t i = 0; i < merge.entries.size(); ++i) at.emplace(merge.entries[i].secret_id, i);
    for (const SecretsManifestEntry& e : moved) {
        auto it = at.find(e.secret_id);
        if (it == at.end()) {
            at.emplace(e.secret_id, merge.entries.size());
            merge.entries.push_back(e);
            ++merge.added;
        } else if (merge.entries[it->second].value != e.value) {
            merge.warnings.push_back(fmt::format(
                "secret id {} is already in the manifest with a different value; kept that entry: the value "
                "from {} line {} is not in the manifest (it is still in git history), so choose another "
                "--secret-prefix or resolve it by hand",
                e.secret_id, e.file, e.line));
        }
    }
    return merge;
}

ManifestMerge merge_with_manifest_file(const std::filesystem::path& path,
                                       const std::vector<SecretsManifestEntry>& moved) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return merge_secrets_manifest({}, moved);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ManifestMerge m;
        m.error = std::string("cannot be read: ") + std::strerror(errno);
        return m;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return merge_secrets_manifest(bytes.str(), moved);
}

std::optional<std::string> manifest_place_error(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    git_libgit2_init();
    std::optional<std::string> error;
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, abs.parent_path().c_str(), 0, nullptr) == 0) {
        if (!git_repository_is_bare(repo)) {
            std::filesystem::path top = std::filesystem::path(git_repository_workdir(repo)).lexically_normal();
            std::string rel = abs.lexically_relative(top).generic_string();
            int ignored = 0;
            if (!rel.empty() && rel.rfind("..", 0) != 0 &&
                (git_ignore_path_is_ignored(&ignored, repo, rel.c_str()) != 0 || !ignored))
                error = fmt::format(
                    "is inside the git work tree {} and not ignored there: the values must never be committed; "
                    "choose a path outside it (or git-ignore it)",
                    top.string());
        }
        git_repository_free(repo);
    }
    git_libgit2_shutdown();
    return error;
}

std::optional<std::string> write_private_file(const std::filesystem::path& path, const std::string& bytes) {
    // mkstemp creates the temp file 0600 whatever the umask: the values are never readable by
    // others, not even for a moment.
    return write_file_atomically(path, bytes, 0600, nullptr);
}

}  // namespace wafix
