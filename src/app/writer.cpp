#include "wafix/app/writer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <functional>
#include <mutex>
#include <set>
#include <string>

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

bool is_wafix_temp_name(std::string_view name) {
    constexpr std::string_view tag = ".wafix-";
    constexpr size_t kRandom = 6;  // mkstemp's XXXXXX
    if (name.size() < 2 + tag.size() + kRandom || name[0] != '.') return false;
    for (char c : name.substr(name.size() - kRandom))
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    return name.substr(name.size() - kRandom - tag.size(), tag.size()) == tag;
}

int remove_stale_temp_files(const std::filesystem::path& dir, std::chrono::seconds min_age) {
    DIR* d = ::opendir(dir.empty() ? "." : dir.c_str());
    if (!d) return 0;
    int removed = 0;
    const time_t now = std::time(nullptr);
    while (dirent* e = ::readdir(d)) {
        if (!is_wafix_temp_name(e->d_name)) continue;
        struct stat st {};
        // Only a regular file of ours (not a link, not another user's), old enough that no live
        // run can still be writing it: a temp file lives from mkstemp to rename, seconds at most.
        if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid() || st.st_nlink != 1) continue;
        if (now - st.st_mtime < min_age.count()) continue;
        if (::unlinkat(::dirfd(d), e->d_name, 0) == 0) ++removed;
    }
    ::closedir(d);
    return removed;
}

namespace {

// Each directory written to is swept once per run.
void sweep_once(const std::string& dir) {
    static std::mutex mutex;
    static std::set<std::string> swept;
    std::lock_guard lock(mutex);
    if (swept.insert(dir).second) remove_stale_temp_files(dir, kStaleTempAge);
}

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

bool read_all(int fd, std::string& out) {
    char buf[65536];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) return true;
        out.append(buf, static_cast<size_t>(n));
    }
}

bool still_as_read(const std::filesystem::path& path, std::string_view expected) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::string now;
    bool ok = read_all(fd, now);
    ::close(fd);
    return ok && now == expected;
}

constexpr const char* kChanged = "file changed on disk while wafix ran; not modified";

// The new bytes written over the old ones in the same inode: the only way to keep its other hard
// links and an owner this user cannot give a new file. Not atomic (a crash mid-write leaves a
// partly written file), so the space is reserved first: a full disk fails before any byte changes.
std::optional<std::string> write_in_place(const std::filesystem::path& path, std::string_view expected,
                                          std::string_view bytes) {
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return "cannot open for writing: " + errno_text();
    auto fail = [&](std::string why) {
        ::close(fd);
        return std::optional<std::string>(std::move(why));
    };
    std::string now;
    if (!read_all(fd, now)) return fail("read failed: " + errno_text());
    if (now != expected) return fail(kChanged);
    if (bytes.size() > now.size()) {
        int err = ::posix_fallocate(fd, 0, static_cast<off_t>(bytes.size()));
        if (err != 0 && err != EOPNOTSUPP && err != EINVAL)
            return fail(std::string("cannot reserve space: ") + std::strerror(err) + "; not modified");
    }
    if (::lseek(fd, 0, SEEK_SET) != 0 || !write_all(fd, bytes)) return fail("write failed: " + errno_text());
    if (::ftruncate(fd, static_cast<off_t>(bytes.size())) != 0) return fail("truncate failed: " + errno_text());
    if (::fsync(fd) != 0) return fail("fsync failed: " + errno_text());
    if (::close(fd) != 0) return "close failed: " + errno_text();
    return std::nullopt;
}

// The file a path names: a symbolic link is followed (to the end of a chain), so that the link
// stays a link and its target gets the fix.
std::optional<std::string> resolve(const std::filesystem::path& path, std::filesystem::path& target) {
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) != 0) return "cannot stat: " + errno_text();
    target = path;
    if (!S_ISLNK(lst.st_mode)) return std::nullopt;
    std::error_code ec;
    target = std::filesystem::canonical(path, ec);
    if (ec) return "cannot follow the symbolic link: " + ec.message();
    return std::nullopt;
}

}  // namespace

namespace {

// A temp file beside the file it will replace, registered for the signal handlers from mkstemp on
// (signals blocked in between), removed unless commit() renames it over the target.
class TempFile {
public:
    explicit TempFile(const std::filesystem::path& target) {
        std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
        path_ = dir + "/." + target.filename().string() + ".wafix-XXXXXX";
        sigset_t block, previous;
        sigemptyset(&block);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
        pthread_sigmask(SIG_BLOCK, &block, &previous);
        fd_ = ::mkstemp(path_.data());
        if (fd_ >= 0 && path_.size() < sizeof g_temp_path) {
            std::memcpy(g_temp_path, path_.c_str(), path_.size() + 1);
            g_temp_active = 1;
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        if (fd_ < 0) error_ = "cannot create a temporary file in " + dir + ": " + errno_text();
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_ && error_.empty()) ::unlink(path_.c_str());
        g_temp_active = 0;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& error() const { return error_; }  // non-empty: no temp file was made
    int fd() const { return fd_; }

    // Closes the file and renames it over `target`: the single step that replaces the file (before
    // it the old file is intact, after it the new one is complete).
    std::optional<std::string> commit(const std::filesystem::path& target) {
        int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) return "close failed: " + errno_text();
        if (::rename(path_.c_str(), target.c_str()) != 0) return "rename failed: " + errno_text();
        committed_ = true;
        return std::nullopt;
    }

private:
    std::string path_;
    int fd_ = -1;
    std::string error_;
    bool committed_ = false;
};

}  // namespace

std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes) {
    std::filesystem::path target;
    if (auto err = resolve(path, target)) return err;
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) return "cannot stat: " + errno_text();
    if (!S_ISREG(st.st_mode)) return "not a regular file; not modified";
    // Root may write anywhere: honour the file's own read-only bits rather than access(2).
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return "file is read-only; not modified";

    sweep_once(target.parent_path().empty() ? "." : target.parent_path().string());
    // A rename would split the hard links: the other names would keep the old bytes.
    if (st.st_nlink > 1) return write_in_place(target, expected, bytes);
    {
        TempFile temp(target);
        if (!temp.error().empty()) return temp.error();
        // The new file gets the old one's owner and group; when this user cannot give them (another
        // user's file, group-writable), the file is written in place instead, which keeps them.
        bool foreign = st.st_uid != ::geteuid() || st.st_gid != ::getegid();
        if (!foreign || ::fchown(temp.fd(), st.st_uid, st.st_gid) == 0) {
            if (!write_all(temp.fd(), bytes)) return "write failed: " + errno_text();
            // After fchown, which clears set-user-ID and set-group-ID bits.
            if (::fchmod(temp.fd(), st.st_mode & 07777) != 0) return "cannot keep the file mode: " + errno_text();
            if (::fsync(temp.fd()) != 0) return "fsync failed: " + errno_text();
            // Another program may have changed the file since we read it: never overwrite that.
            if (!still_as_read(target, expected)) return kChanged;
            return temp.commit(target);
        }
    }
    return write_in_place(target, expected, bytes);
}

std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode,
                                                 const std::function<std::optional<std::string>()>& may_rename) {
    TempFile temp(path);
    if (!temp.error().empty()) return temp.error();
    if (!write_all(temp.fd(), bytes)) return "write failed: " + errno_text();
    if (::fchmod(temp.fd(), mode) != 0) return "cannot set the file mode: " + errno_text();
    if (::fsync(temp.fd()) != 0) return "fsync failed: " + errno_text();
    if (may_rename)
        if (auto refused = may_rename()) return refused;
    return temp.commit(path);
}

}  // namespace wafix
