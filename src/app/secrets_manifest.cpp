#include "wafix/app/secrets_manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace wafix {

std::string secrets_manifest_json(const std::vector<SecretsManifestEntry>& entries) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : entries)
        list.push_back(
            {{"secret_id", e.secret_id}, {"file", e.file}, {"line", e.line}, {"kind", e.kind}, {"value", e.value}});
    return list.dump(2) + "\n";
}

std::optional<std::string> write_private_file(const std::filesystem::path& path, const std::string& bytes) {
    std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
    std::string tmpl = dir + "/." + path.filename().string() + ".wafix-XXXXXX";
    // mkstemp creates the file 0600 whatever the umask: the value is never readable by others,
    // not even for a moment.
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return "cannot create a file in " + dir + ": " + std::strerror(errno);
    auto fail = [&](const char* what) {
        std::string why = std::string(what) + ": " + std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        return std::optional<std::string>(why);
    };
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed");
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (::fchmod(fd, 0600) != 0) return fail("chmod failed");
    if (::fsync(fd) != 0) return fail("fsync failed");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return std::string("close failed: ") + std::strerror(errno);
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        std::string why = std::string("rename failed: ") + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return why;
    }
    return std::nullopt;
}

}  // namespace wafix
