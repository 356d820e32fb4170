#include "wafix/writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace wafix {

namespace {
std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}
}  // namespace

std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return "cannot stat: " + errno_text();
    // Root may write anywhere: honour the file's own read-only bits rather than access(2).
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return "file is read-only; not modified";

    std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
    std::string tmpl = dir + "/." + path.filename().string() + ".wafix-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return "cannot create a temporary file in " + dir + ": " + errno_text();
    auto fail = [&](std::string why) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        return std::optional<std::string>(std::move(why));
    };
    if (!write_all(fd, bytes)) return fail("write failed: " + errno_text());
    if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot keep the file mode: " + errno_text());
    if (::fsync(fd) != 0) return fail("fsync failed: " + errno_text());

    // Another program may have changed the file since we read it: never overwrite that.
    std::ifstream in(path, std::ios::binary);
    std::ostringstream now;
    now << in.rdbuf();
    if (!in || now.str() != expected) return fail("file changed on disk while wafix ran; not modified");

    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return "close failed: " + errno_text();
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        std::string why = "rename failed: " + errno_text();
        ::unlink(tmpl.c_str());
        return why;
    }
    return std::nullopt;
}

}  // namespace wafix
