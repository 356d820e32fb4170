// How `wafix fix` and `wafix diff` treat the files themselves (issue 19): names git must quote,
// symbolic and hard links, owner and mode, temp files a killed run left, CR-only line endings.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {
std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }
const char* kXml =
    "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n"
    "    return ET.fromstring(event[\"body\"]).tag\n";
const char* kFixed =
    "import defusedxml.ElementTree as ET\n\n\ndef handler(event, context):\n"
    "    return ET.fromstring(event[\"body\"]).tag\n";

struct stat stat_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st;
}

// The diff header lines (diff --git, ---, +++) of a patch.
std::string headers_of(const std::string& patch) {
    std::string out;
    size_t pos = 0;
    while (pos < patch.size()) {
        size_t nl = patch.find('\n', pos);
        std::string line = patch.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (line.rfind("diff --git ", 0) == 0 || line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0)
            out += line + "\n";
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return out;
}
}  // namespace

TEST_CASE("a file name git must quote is quoted as git quotes it, and git apply takes the patch", "[files][quoting]") {
    TempDir tmp;
    const std::string name = "we\"ird\nna\\me\t\xC3\xA4 x.py";  // quote, newline, backslash, tab, UTF-8, space
    write_file(tmp.path() / name, kXml);
    REQUIRE(
        run("git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base", tmp.path()).status ==
        0);

    auto diff = run(wafix_cmd() + " diff " + shell_quote(name), tmp.path());
    INFO(diff.err);
    REQUIRE(diff.status == 1);
    // git's own headers for the same change.
    write_file(tmp.path() / name, kFixed);
    auto git = run("git diff", tmp.path());
    write_file(tmp.path() / name, kXml);
    CHECK(headers_of(diff.out) == headers_of(git.out));
    CHECK(headers_of(diff.out).find("\"a/we\\\"ird\\nna\\\\me\\t\\303\\244 x.py\"") != std::string::npos);

    write_file(tmp.path() / "fix.patch", diff.out);
    auto applied = run("git apply fix.patch", tmp.path());
    INFO(applied.err);
    CHECK(applied.status == 0);
    CHECK(read_file(tmp.path() / name) == kFixed);
}

TEST_CASE("fix on a symbolic link fixes the file it names and keeps the link", "[files][links]") {
    TempDir tmp;
    write_file(tmp.path() / "real" / "target.py", kXml);
    fs::create_directories(tmp.path() / "proj");
    fs::create_symlink("../real/target.py", tmp.path() / "proj" / "link.py");
    auto fix = run(wafix_cmd() + " fix proj/link.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    CHECK(fs::is_symlink(tmp.path() / "proj" / "link.py"));
    CHECK(fs::read_symlink(tmp.path() / "proj" / "link.py") == "../real/target.py");
    CHECK(read_file(tmp.path() / "real" / "target.py") == kFixed);
    for (const auto& dir : {tmp.path() / "proj", tmp.path() / "real"})
        for (const auto& e : fs::directory_iterator(dir))
            CHECK(e.path().filename().string().find(".wafix-") == std::string::npos);
}

TEST_CASE("fix keeps hard links, the mode and the owner", "[files][links][owner]") {
    TempDir tmp;
    fs::path a = tmp.path() / "a.py", b = tmp.path() / "b.py";
    write_file(a, kXml);
    fs::create_hard_link(a, b);
    ::chmod(a.c_str(), 0751);
    ino_t inode = stat_of(a).st_ino;
    auto fix = run(wafix_cmd() + " fix a.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    CHECK(read_file(a) == kFixed);
    CHECK(read_file(b) == kFixed);  // the other name sees the fix: same inode
    CHECK(stat_of(a).st_ino == inode);
    CHECK(stat_of(a).st_nlink == 2);
    CHECK((stat_of(a).st_mode & 07777) == 0751);

    if (::geteuid() != 0) {
        WARN("not root: the owner of another user's file cannot be set up here");
        return;
    }
    // Root fixes a file another user owns (one link): the new file gets that owner back.
    fs::path c = tmp.path() / "c.py";
    write_file(c, kXml);
    REQUIRE(::chown(c.c_str(), 4242, 4343) == 0);
    ::chmod(c.c_str(), 0640);
    auto owned = run(wafix_cmd() + " fix c.py", tmp.path());
    INFO(owned.out << owned.err);
    CHECK(read_file(c) == kFixed);
    CHECK(stat_of(c).st_uid == 4242);
    CHECK(stat_of(c).st_gid == 4343);
    CHECK((stat_of(c).st_mode & 07777) == 0640);
}

TEST_CASE("temp files a killed run left are removed by the next fix, and only those", "[files][temp]") {
    TempDir tmp;
    write_file(tmp.path() / "h.py", kXml);
    const fs::path stale = tmp.path() / ".h.py.wafix-Ab12Cd", fresh = tmp.path() / ".h.py.wafix-Zz98Yy",
                   other = tmp.path() / ".notes.wafix-bak", plain = tmp.path() / "h.py.wafix-Qq11Ww";
    for (const auto& p : {stale, fresh, other, plain}) write_file(p, "partial");
    // An hour old: no live run writes a temp file that long.
    struct timespec old[2] = {{::time(nullptr) - 3600, 0}, {::time(nullptr) - 3600, 0}};
    for (const auto& p : {stale, other, plain}) REQUIRE(::utimensat(AT_FDCWD, p.c_str(), old, 0) == 0);

    auto fix = run(wafix_cmd() + " fix h.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    CHECK(read_file(tmp.path() / "h.py") == kFixed);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(fresh));  // a concurrent run may still be writing it
    CHECK(fs::exists(other));  // not mkstemp's pattern
    CHECK(fs::exists(plain));  // not hidden: not ours
}

TEST_CASE("CR-only line endings parse, are fixed and keep their CRs", "[files][line-endings]") {
    TempDir tmp;
    auto cr = [](std::string s) {
        for (char& c : s)
            if (c == '\n') c = '\r';
        return s;
    };
    write_file(tmp.path() / "mac.py", cr(kXml));
    REQUIRE(
        run("git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base", tmp.path()).status ==
        0);
    auto diff = run(wafix_cmd() + " diff mac.py", tmp.path());
    INFO(diff.err);
    CHECK(diff.status == 1);
    CHECK(diff.err.find("syntax error") == std::string::npos);
    write_file(tmp.path() / "fix.patch", diff.out);
    CHECK(run("git apply --check fix.patch", tmp.path()).status == 0);

    auto fix = run(wafix_cmd() + " fix mac.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    CHECK(read_file(tmp.path() / "mac.py") == cr(kFixed));
}
