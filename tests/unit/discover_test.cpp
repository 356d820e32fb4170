// discover(): which files a run processes, in which order, and what it reports.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "wafix/app/discover.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using wafix::discover;
using wafix::Discovery;

namespace {

using Strings = std::vector<std::string>;

// The discovered paths relative to `base`, in the order discover() returned them.
Strings relative_files(const Discovery& d, const fs::path& base) {
    Strings out;
    for (const auto& f : d.files) out.push_back(f.path.lexically_relative(base).generic_string());
    return out;
}

void touch(const fs::path& p, const std::string& bytes = "x = 1\n") { write_file(p, bytes); }

bool git_available() { return run("git --version").status == 0; }

}  // namespace

TEST_CASE("directories are walked recursively, in sorted order, .py files only", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "b.py");
    touch(root / "a.py");
    touch(root / "pkg" / "z.py");
    touch(root / "pkg" / "__init__.py");
    touch(root / "pkg" / "sub" / "deep.py");
    touch(root / "pkg-extra" / "m.py");
    touch(root / "README.md");
    touch(root / "script.pyw");
    touch(root / "stub.pyi");
    touch(root / "noext");
    touch(root / "pkg" / "data.py.txt");

    auto d = discover({root});
    CHECK(d.errors.empty());
    Strings files = relative_files(d, root);
    CHECK(files == Strings{"a.py", "b.py", "pkg-extra/m.py", "pkg/__init__.py", "pkg/sub/deep.py", "pkg/z.py"});
    // Sorted by path, whatever the order on disk.
    Strings paths;
    for (const auto& f : d.files) paths.push_back(f.path.generic_string());
    CHECK(std::is_sorted(paths.begin(), paths.end()));
    for (const auto& f : d.files) CHECK(f.root == root);
}

TEST_CASE("tool, cache and environment directories are skipped", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "keep.py");
    for (const char* dir : {".git", "node_modules", "cdk.out", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache"})
        touch(root / dir / "skipped.py");
    touch(root / "nested" / "node_modules" / "pkg" / "index.py");
    touch(root / "nested" / "ok.py");
    // Any directory holding pyvenv.cfg is a virtual environment, whatever its name.
    touch(root / "myenv" / "pyvenv.cfg", "home = /usr/bin\n");
    touch(root / "myenv" / "lib" / "python3.12" / "site.py");
    // A name that merely contains a skipped name is not skipped.
    touch(root / "my_node_modules" / "kept.py");

    auto d = discover({root});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"keep.py", "my_node_modules/kept.py", "nested/ok.py"});

    CHECK(wafix::is_skipped_directory_name("node_modules"));
    CHECK(wafix::is_skipped_directory_name("__pycache__"));
    CHECK_FALSE(wafix::is_skipped_directory_name("src"));
}

TEST_CASE("a path named explicitly is always processed", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "node_modules" / "tool.py");
    touch(root / ".venv" / "lib" / "x.py");
    touch(root / "scripts" / "run");  // no extension
    touch(root / "scripts" / "handler.txt");

    auto d = discover({root / "node_modules" / "tool.py", root / "scripts" / "run", root / "scripts" / "handler.txt"});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"node_modules/tool.py", "scripts/handler.txt", "scripts/run"});
    for (const auto& f : d.files) CHECK(f.root == f.path.parent_path());

    // A skipped directory named explicitly is walked.
    auto venv = discover({root / ".venv"});
    CHECK(relative_files(venv, root) == Strings{".venv/lib/x.py"});
}

TEST_CASE("inside a git work tree, .gitignore'd files and directories are skipped", "[unit][discover]") {
    if (!git_available()) {
        WARN("git not available; skipped");
        return;
    }
    TempDir tmp;
    const fs::path& root = tmp.path();
    REQUIRE(run("git init -q", root).status == 0);
    touch(root / ".gitignore", "generated.py\nbuild/\n*.gen.py\n");
    touch(root / "app.py");
    touch(root / "generated.py");
    touch(root / "x.gen.py");
    touch(root / "build" / "out.py");
    touch(root / "src" / "generated.py");  // the pattern has no slash: matches at any depth
    touch(root / "src" / "ok.py");
    touch(root / "src" / ".gitignore", "local_only.py\n");
    touch(root / "src" / "local_only.py");
    touch(root / "other" / "local_only.py");  // not covered by src/.gitignore

    auto d = discover({root});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"app.py", "other/local_only.py", "src/ok.py"});

    // Walking a subdirectory still applies the work tree's ignore rules.
    auto sub = discover({root / "src"});
    CHECK(relative_files(sub, root) == Strings{"src/ok.py"});

    // An ignored file named explicitly is processed.
    auto named = discover({root / "generated.py"});
    CHECK(relative_files(named, root) == Strings{"generated.py"});

    CHECK(fs::equivalent(wafix::git_work_tree_of(root / "src"), root));
    CHECK(fs::equivalent(wafix::git_work_tree_of(root / "app.py"), root));
}

TEST_CASE("ignore rules hold when the work tree is reached through a symlink", "[unit][discover]") {
    if (!git_available()) {
        WARN("git not available; skipped");
        return;
    }
    TempDir tmp;
    const fs::path& root = tmp.path();
    fs::path repo = root / "repo";
    fs::create_directories(repo);
    REQUIRE(run("git init -q", repo).status == 0);
    touch(repo / ".gitignore", "generated.py\n");
    touch(repo / "app.py");
    touch(repo / "generated.py");
    fs::create_directory_symlink(repo, root / "link");

    auto d = discover({root / "link"});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"link/app.py"});
}

TEST_CASE("without git, ignore files are not consulted", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / ".gitignore", "ignored.py\n");
    touch(root / "ignored.py");
    auto d = discover({root});
    if (!wafix::git_work_tree_of(root).empty()) {
        WARN("the temp directory is inside a git work tree; skipped");
        return;
    }
    CHECK(relative_files(d, root) == Strings{"ignored.py"});
}

TEST_CASE("symlinks are not followed during the walk", "[unit][discover]") {
    TempDir tmp, outside;
    const fs::path& root = tmp.path();
    touch(root / "real" / "a.py");
    touch(outside.path() / "secret.py");
    touch(outside.path() / "dir" / "far.py");
    fs::create_directory_symlink(root / "real", root / "alias");                 // inside the tree
    fs::create_directory_symlink(root, root / "real" / "loop");                  // a loop
    fs::create_symlink(outside.path() / "secret.py", root / "linked.py");        // a file outside
    fs::create_directory_symlink(outside.path() / "dir", root / "outside_dir");  // a directory outside
    fs::create_symlink(root / "missing.py", root / "dangling.py");               // broken
    fs::create_symlink(root / "self.py", root / "self.py");                      // loops on itself
    // Links that could not have been input, or that name a skipped directory, stay quiet.
    fs::create_symlink(outside.path() / "secret.py", root / "libfoo.so");
    fs::create_directory_symlink(outside.path() / "dir", root / "node_modules");

    auto d = discover({root});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"real/a.py"});
    // Each skipped link that could have been input is named once, in walk order.
    std::string r = root.generic_string();
    CHECK(d.notes == Strings{r + "/alias: symbolic link not followed (name it explicitly to process it)",
                             r + "/dangling.py: symbolic link not followed (name it explicitly to process it)",
                             r + "/linked.py: symbolic link not followed (name it explicitly to process it)",
                             r + "/outside_dir: symbolic link not followed (name it explicitly to process it)",
                             r + "/real/loop: symbolic link not followed (name it explicitly to process it)",
                             r + "/self.py: symbolic link loop; not followed"});
}

TEST_CASE("links and special files inside ignored or skipped directories stay silent", "[unit][discover]") {
    if (!git_available()) {
        WARN("git not available; skipped");
        return;
    }
    TempDir tmp, outside;
    const fs::path& root = tmp.path();
    REQUIRE(run("git init -q", root).status == 0);
    touch(root / ".gitignore", "build/\nignored_link.py\n");
    touch(root / "app.py");
    touch(outside.path() / "x.py");
    fs::create_symlink(outside.path() / "x.py", root / "ignored_link.py");
    fs::create_directories(root / "build");
    fs::create_symlink(outside.path() / "x.py", root / "build" / "l.py");
    REQUIRE(::mkfifo((root / "build" / "pipe.py").c_str(), 0600) == 0);
    fs::create_directories(root / "node_modules");
    fs::create_symlink(outside.path() / "x.py", root / "node_modules" / "l.py");
    fs::create_symlink(outside.path() / "x.py", root / "kept_link.py");

    auto d = discover({root});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"app.py"});
    CHECK(d.notes == Strings{(root / "kept_link.py").generic_string() +
                             ": symbolic link not followed (name it explicitly to process it)"});
}

TEST_CASE("a symlinked directory named explicitly is walked", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "real" / "a.py");
    fs::create_directory_symlink(root / "real", root / "alias");
    auto d = discover({root / "alias"});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"alias/a.py"});
}

TEST_CASE("a FIFO is skipped without blocking", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "a.py");
    REQUIRE(::mkfifo((root / "pipe.py").c_str(), 0600) == 0);

    // A blocking open would hang forever: run discover on another thread and time it out.
    auto fut = std::async(std::launch::async, [&] { return discover({root}); });
    REQUIRE(fut.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    auto d = fut.get();
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"a.py"});
    CHECK(d.notes == Strings{(root / "pipe.py").generic_string() + ": not a regular file (FIFO); skipped"});

    // Named explicitly, it is reported, not read.
    auto fut2 = std::async(std::launch::async, [&] { return discover({root / "pipe.py"}); });
    REQUIRE(fut2.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    auto named = fut2.get();
    CHECK(named.files.empty());
    REQUIRE(named.errors.size() == 1);
    CHECK(named.errors[0] == (root / "pipe.py").generic_string() + ": not a regular file (FIFO); skipped");
}

TEST_CASE("a nonexistent path gives an error naming it", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "a.py");
    fs::path missing = root / "does-not-exist.py";
    auto d = discover({missing, root});
    REQUIRE(d.errors.size() == 1);
    CHECK(d.errors[0].find(missing.generic_string()) != std::string::npos);
    CHECK(d.errors[0].find("no such file") != std::string::npos);
    // The other paths are still processed.
    CHECK(relative_files(d, root) == Strings{"a.py"});

    fs::create_symlink(root / "gone.py", root / "broken.py");
    auto broken = discover({root / "broken.py"});
    REQUIRE(broken.errors.size() == 1);
    CHECK(broken.errors[0].find("broken.py") != std::string::npos);
    CHECK(broken.files.empty());
}

TEST_CASE("files reached through overlapping paths appear once", "[unit][discover]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    touch(root / "a.py");
    touch(root / "pkg" / "b.py");
    touch(root / "pkg" / "c.py");

    auto d = discover({root / "pkg", root, root / "pkg" / "b.py", root / "pkg" / ".." / "a.py", root / "pkg"});
    CHECK(d.errors.empty());
    CHECK(relative_files(d, root) == Strings{"a.py", "pkg/b.py", "pkg/c.py"});
}

TEST_CASE("relative paths stay relative", "[unit][discover]") {
    TempDir tmp;
    touch(tmp.path() / "proj" / "m.py");
    touch(tmp.path() / "proj" / "sub" / "n.py");
    fs::path saved = fs::current_path();
    fs::current_path(tmp.path());
    auto d = discover({"proj"});
    auto dotted = discover({"./proj/"});
    auto shown = wafix::display_path(tmp.path() / "proj" / "m.py");
    fs::current_path(saved);
    Strings files;
    for (const auto& f : d.files) files.push_back(f.path.generic_string());
    CHECK(files == Strings{"proj/m.py", "proj/sub/n.py"});
    Strings dotted_files;
    for (const auto& f : dotted.files) dotted_files.push_back(f.path.generic_string());
    CHECK(dotted_files == Strings{"proj/m.py", "proj/sub/n.py"});
    CHECK(shown.generic_string() == "proj/m.py");
}
