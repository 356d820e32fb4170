#include "wafix/app/writer.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

namespace wafix {

namespace {
std::string errno_text() { return std::strerror(errno); }

// The temp file being written, for the signal handler: async-signal-safe storage only.
char g_temp_path[4096];
volatile sig_atomic_t g_temp_active = 0;

void on_fatal_signal(int sig) {
    if (g_temp_active) ::unlink(g_temp_path);
    ::signal(sig, SIG_DFL);  // then die of the same signal, so the exit status says why
    ::raise(sig);
}
}  // namespace

void install_write_signal_handlers() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, on_fatal_signal);
}

namespace {

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

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode,
                                                 const std::function<std::optional<std::string>()>& may_rename) {
    std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
    std::string tmpl = dir + "/." + path.filename().string() + ".wafix-XXXXXX";
    // Signals stay blocked while the temp file exists without being registered.
    sigset_t block, previous;
    sigemptyset(&block);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
    pthread_sigmask(SIG_BLOCK, &block, &previous);
    int fd = ::mkstemp(tmpl.data());
    if (fd >= 0 && tmpl.size() < sizeof g_temp_path) {
        std::memcpy(g_temp_path, tmpl.c_str(), tmpl.size() + 1);
        g_temp_active = 1;
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (fd < 0) return "cannot create a temporary file in " + dir + ": " + errno_text();
    struct Unregister {
        ~Unregister() { g_temp_active = 0; }
    } unregister;
    auto fail = [&](std::string why) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        return std::optional<std::string>(std::move(why));
    };
    if (!write_all(fd, bytes)) return fail("write failed: " + errno_text());
    if (::fchmod(fd, mode) != 0) return fail("cannot set the file mode: " + errno_text());
    if (::fsync(fd) != 0) return fail("fsync failed: " + errno_text());
    if (may_rename)
        if (auto refused = may_rename()) return fail(std::move(*refused));

    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return "close failed: " + errno_text();
    }
    // The rename is the single step that replaces the file: before it the old file is intact,
    // after it the new one is complete.
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        std::string why = "rename failed: " + errno_text();
        ::unlink(tmpl.c_str());
        return why;
    }
    return std::nullopt;
}

std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "cannot stat: " + errno_text();
    // Root may write anywhere: honour the file's own read-only bits rather than access(2).
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return "file is read-only; not modified";
    return write_file_atomically(path, bytes, st.st_mode & 07777, [&]() -> std::optional<std::string> {
        // Another program may have changed the file since we read it: never overwrite that.
        std::ifstream in(path, std::ios::binary);
        std::ostringstream now;
        now << in.rdbuf();
        if (!in || now.str() != expected) return "file changed on disk while wafix ran; not modified";
        return std::nullopt;
    });
}

}  // namespace wafix
