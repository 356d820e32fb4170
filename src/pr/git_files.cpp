// Files in and out of git objects: safe path components, exporting a tree to disk without
// following links, the modes of changed paths, and keeping FETCH_HEAD as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "git_internal.hpp"

namespace wafix::pr {

namespace git {

bool valid_component(std::string_view name) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos)
        return false;
    // ".git" in any case would write into (or commit over) repository metadata.
    if (name.size() == 4) {
        std::string lower(name);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == ".git") return false;
    }
    return true;
}

void validate_change_path(const std::string& path) {
    if (path.empty()) throw GitError("commit: empty file path");
    std::size_t start = 0;
    while (true) {
        std::size_t slash = path.find('/', start);
        const std::size_t len = slash == std::string::npos ? std::string::npos : slash - start;
        std::string_view part = std::string_view(path).substr(start, len);
        if (!valid_component(part)) throw GitError("commit: invalid file path " + quoted(path));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
}

void write_file(const fs::path& path, const char* data, size_t size, bool executable) {
    const mode_t mode = executable ? 0755 : 0644;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno == ELOOP) {
        ::unlink(path.c_str());
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    }
    if (fd < 0) throw GitError("export: cannot write " + path.string() + ": " + std::strerror(errno));
    bool ok = ::fchmod(fd, mode) == 0;  // the file may have existed with another mode
    while (ok && size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    int saved = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) throw GitError("export: cannot write " + path.string() + ": " + std::strerror(saved));
}

void make_directory(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(dir, ec))) fs::remove(dir, ec);  // never write through one
    fs::create_directory(dir, ec);
    if (ec || !fs::is_directory(fs::symlink_status(dir, ec)))
        throw GitError("export: cannot create directory " + dir.string());
}

KeepFile::KeepFile(fs::path path) : path_(std::move(path)) {
    std::ifstream in(path_, std::ios::binary);
    if (in) {
        std::ostringstream bytes;
        bytes << in.rdbuf();
        saved_ = bytes.str();
    }
}

KeepFile::~KeepFile() {
    std::error_code ec;
    if (!saved_) {
        fs::remove(path_, ec);
        return;
    }
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream now;
    if (in) now << in.rdbuf();
    if (in && now.str() == *saved_) return;
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << *saved_;
}

}  // namespace git

void GitRepo::Impl::export_tree(git_tree* tree, const fs::path& dir) const {
    for (size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
        const std::string name = git_tree_entry_name(entry);
        if (!valid_component(name)) throw GitError("export: unsafe path " + quoted(name) + " in tree");
        const fs::path target = dir / name;
        switch (git_tree_entry_filemode(entry)) {
            case GIT_FILEMODE_TREE: {
                git_tree* raw = nullptr;
                check(git_tree_lookup(&raw, repo.get(), git_tree_entry_id(entry)), "export: read tree");
                TreePtr sub(raw);
                make_directory(target);
                export_tree(sub.get(), target);
                break;
            }
            case GIT_FILEMODE_BLOB:
            case GIT_FILEMODE_BLOB_EXECUTABLE: {
                git_blob* raw = nullptr;
                check(git_blob_lookup(&raw, repo.get(), git_tree_entry_id(entry)), "export: read blob");
                BlobPtr blob(raw);
                write_file(target, static_cast<const char*>(git_blob_rawcontent(blob.get())),
                           static_cast<size_t>(git_blob_rawsize(blob.get())),
                           git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE);
                break;
            }
            default:
                // Symlinks are skipped: their target may lie outside the export, and reading
                // through one could put files from elsewhere into a commit. Submodules
                // (gitlinks) have no content here.
                break;
        }
    }
}

git_filemode_t GitRepo::Impl::mode_for(git_tree* tree, const std::string& path) const {
    std::size_t slash = 0;
    while ((slash = path.find('/', slash)) != std::string::npos) {
        const std::string prefix = path.substr(0, slash++);
        git_tree_entry* raw = nullptr;
        int rc = git_tree_entry_bypath(&raw, tree, prefix.c_str());
        if (rc == GIT_ENOTFOUND) return GIT_FILEMODE_BLOB;
        check(rc, "commit: read tree");
        TreeEntryPtr entry(raw);
        if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
            throw GitError("commit: " + quoted(prefix) + " is not a directory");
    }
    git_tree_entry* raw = nullptr;
    int rc = git_tree_entry_bypath(&raw, tree, path.c_str());
    if (rc == GIT_ENOTFOUND) return GIT_FILEMODE_BLOB;
    check(rc, "commit: read tree");
    TreeEntryPtr entry(raw);
    git_filemode_t mode = git_tree_entry_filemode(entry.get());
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
        throw GitError("commit: " + quoted(path) + " is not a regular file");
    return mode;
}

}  // namespace wafix::pr
