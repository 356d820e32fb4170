// render_file_diff: exact unified-diff text, and patches that `git apply` and `patch -p1` accept.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string>

#include "test_util.hpp"
#include "wafix/core/diff.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using wafix::DiffOptions;
using wafix::render_file_diff;

namespace {

// "l<first>\n" ... "l<last>\n", with the lines named in `upper` capitalised ("L5").
std::string numbered(int first, int last, std::initializer_list<int> upper = {}, const std::string& eol = "\n") {
    std::string out;
    for (int i = first; i <= last; ++i) {
        bool up = std::find(upper.begin(), upper.end(), i) != upper.end();
        out += (up ? "L" : "l") + std::to_string(i) + eol;
    }
    return out;
}

const std::string kHeader = "diff --git a/pkg/mod.py b/pkg/mod.py\n--- a/pkg/mod.py\n+++ b/pkg/mod.py\n";

// Writes the old bytes and the patch into a fresh directory, applies the patch with `tool`, and
// checks that the file then holds exactly the new bytes.
void check_applies_with(const std::string& tool, const std::string& path, const std::string& old_bytes,
                        const std::string& new_bytes) {
    std::string patch = render_file_diff(path, old_bytes, new_bytes);
    REQUIRE_FALSE(patch.empty());
    TempDir dir;
    write_file(dir.path() / path, old_bytes);
    write_file(dir.path() / "fix.patch", patch);
    auto r = run(tool, dir.path());
    INFO("tool: " << tool << "\npatch:\n" << patch << "\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.status == 0);
    REQUIRE(fs::exists(dir.path() / path));
    CHECK(read_file(dir.path() / path) == new_bytes);
}

void check_applies(const std::string& path, const std::string& old_bytes, const std::string& new_bytes) {
    check_applies_with("git apply fix.patch", path, old_bytes, new_bytes);
    check_applies_with("patch -p1 --batch < fix.patch", path, old_bytes, new_bytes);
}

}  // namespace

TEST_CASE("identical input gives no diff", "[unit][diff]") {
    CHECK(render_file_diff("a.py", "", "") == "");
    CHECK(render_file_diff("a.py", "x = 1\n", "x = 1\n") == "");
    CHECK(render_file_diff("a.py", "x\r\ny", "x\r\ny") == "");
}

TEST_CASE("a one-line change in the middle: header, 3 lines of context", "[unit][diff]") {
    std::string old_bytes = numbered(1, 10), new_bytes = numbered(1, 10, {5});
    std::string expected = kHeader +
                           "@@ -2,7 +2,7 @@\n"
                           " l2\n l3\n l4\n"
                           "-l5\n"
                           "+L5\n"
                           " l6\n l7\n l8\n";
    CHECK(render_file_diff("pkg/mod.py", old_bytes, new_bytes) == expected);
    check_applies("pkg/mod.py", old_bytes, new_bytes);
}

TEST_CASE("pure insertion and pure deletion in the middle", "[unit][diff]") {
    std::string old_bytes = numbered(1, 10);
    std::string inserted = numbered(1, 5) + "new\n" + numbered(6, 10);
    CHECK(render_file_diff("pkg/mod.py", old_bytes, inserted) ==
          kHeader + "@@ -3,6 +3,7 @@\n l3\n l4\n l5\n+new\n l6\n l7\n l8\n");
    check_applies("pkg/mod.py", old_bytes, inserted);

    std::string deleted = numbered(1, 4) + numbered(6, 10);
    CHECK(render_file_diff("pkg/mod.py", old_bytes, deleted) ==
          kHeader + "@@ -2,7 +2,6 @@\n l2\n l3\n l4\n-l5\n l6\n l7\n l8\n");
    check_applies("pkg/mod.py", old_bytes, deleted);
}

TEST_CASE("missing final newlines are marked where they are", "[unit][diff]") {
    SECTION("old only") {
        std::string o = "a\nb\nc", n = "a\nb\nc\n";
        CHECK(render_file_diff("f.py", o, n) ==
              "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n"
              "@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+c\n");
        check_applies("f.py", o, n);
    }
    SECTION("new only") {
        std::string o = "a\nb\nc\n", n = "a\nb\nc";
        CHECK(render_file_diff("f.py", o, n) ==
              "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n"
              "@@ -1,3 +1,3 @@\n a\n b\n-c\n+c\n\\ No newline at end of file\n");
        check_applies("f.py", o, n);
    }
    SECTION("both, last line changed") {
        std::string o = "a\nb\nc", n = "a\nb\nC";
        CHECK(render_file_diff("f.py", o, n) ==
              "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n"
              "@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+C\n\\ No newline at end of file\n");
        check_applies("f.py", o, n);
    }
    SECTION("both, unterminated last line is context") {
        std::string o = "a\nb\nc", n = "a\nB\nc";
        CHECK(render_file_diff("f.py", o, n) ==
              "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n"
              "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n");
        check_applies("f.py", o, n);
    }
    SECTION("a line added after an unterminated last line") {
        std::string o = "a\nb", n = "a\nb\nc\n";
        CHECK(render_file_diff("f.py", o, n) ==
              "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n"
              "@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
        check_applies("f.py", o, n);
    }
}

TEST_CASE("CRLF lines are kept byte-exact", "[unit][diff]") {
    std::string o = numbered(1, 5, {}, "\r\n"), n = numbered(1, 5, {3}, "\r\n");
    CHECK(render_file_diff("w.py", o, n) ==
          "diff --git a/w.py b/w.py\n--- a/w.py\n+++ b/w.py\n"
          "@@ -1,5 +1,5 @@\n l1\r\n l2\r\n-l3\r\n+L3\r\n l4\r\n l5\r\n");
    check_applies("w.py", o, n);

    // Only the line ending changes: the lines differ, and the CR is visible in the diff.
    std::string mixed = "a\r\nb\n";
    CHECK(render_file_diff("w.py", mixed, "a\r\nb\r\n") ==
          "diff --git a/w.py b/w.py\n--- a/w.py\n+++ b/w.py\n@@ -1,2 +1,2 @@\n a\r\n-b\n+b\r\n");
    check_applies("w.py", mixed, "a\r\nb\r\n");
}

TEST_CASE("empty old file: all additions", "[unit][diff]") {
    std::string n = "import os\nx = 1\n";
    CHECK(render_file_diff("e.py", "", n) ==
          "diff --git a/e.py b/e.py\n--- a/e.py\n+++ b/e.py\n@@ -0,0 +1,2 @@\n+import os\n+x = 1\n");
    check_applies("e.py", "", n);
}

TEST_CASE("empty new file: all deletions", "[unit][diff]") {
    std::string o = "import os\nx = 1\n";
    CHECK(render_file_diff("e.py", o, "") ==
          "diff --git a/e.py b/e.py\n--- a/e.py\n+++ b/e.py\n@@ -1,2 +0,0 @@\n-import os\n-x = 1\n");
    check_applies_with("git apply fix.patch", "e.py", o, "");
}

TEST_CASE("changes at the first and at the last line", "[unit][diff]") {
    std::string o = numbered(1, 10);
    std::string first = numbered(1, 10, {1});
    CHECK(render_file_diff("pkg/mod.py", o, first) == kHeader + "@@ -1,4 +1,4 @@\n-l1\n+L1\n l2\n l3\n l4\n");
    check_applies("pkg/mod.py", o, first);

    std::string last = numbered(1, 10, {10});
    CHECK(render_file_diff("pkg/mod.py", o, last) == kHeader + "@@ -7,4 +7,4 @@\n l7\n l8\n l9\n-l10\n+L10\n");
    check_applies("pkg/mod.py", o, last);

    std::string prepended = "# header\n" + o;
    CHECK(render_file_diff("pkg/mod.py", o, prepended) == kHeader + "@@ -1,3 +1,4 @@\n+# header\n l1\n l2\n l3\n");
    check_applies("pkg/mod.py", o, prepended);

    std::string appended = o + "tail\n";
    CHECK(render_file_diff("pkg/mod.py", o, appended) == kHeader + "@@ -8,3 +8,4 @@\n l8\n l9\n l10\n+tail\n");
    check_applies("pkg/mod.py", o, appended);
}

TEST_CASE("changes far apart make two hunks, close ones one hunk", "[unit][diff]") {
    std::string o = numbered(1, 20);
    SECTION("far apart") {
        std::string n = numbered(1, 20, {2, 18});
        CHECK(render_file_diff("pkg/mod.py", o, n) ==
              kHeader +
                  "@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n"
                  "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n");
        check_applies("pkg/mod.py", o, n);
    }
    SECTION("close together") {
        std::string n = numbered(1, 20, {5, 11});
        CHECK(
            render_file_diff("pkg/mod.py", o, n) ==
            kHeader +
                "@@ -2,13 +2,13 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n l9\n l10\n-l11\n+L11\n l12\n l13\n l14\n");
        check_applies("pkg/mod.py", o, n);
    }
    SECTION("exactly 2*context common lines between: one hunk") {
        std::string n = numbered(1, 20, {5, 12});
        CHECK(render_file_diff("pkg/mod.py", o, n) ==
              kHeader +
                  "@@ -2,14 +2,14 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n l9\n l10\n l11\n-l12\n+L12\n"
                  " l13\n l14\n l15\n");
        check_applies("pkg/mod.py", o, n);
    }
    SECTION("2*context+1 common lines between: two hunks") {
        std::string n = numbered(1, 20, {5, 13});
        CHECK(render_file_diff("pkg/mod.py", o, n) ==
              kHeader +
                  "@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n"
                  "@@ -10,7 +10,7 @@\n l10\n l11\n l12\n-l13\n+L13\n l14\n l15\n l16\n");
        check_applies("pkg/mod.py", o, n);
    }
}

TEST_CASE("context 0 names the line before an insertion", "[unit][diff]") {
    DiffOptions opts;
    opts.context = 0;
    std::string o = numbered(1, 10), n = numbered(1, 5) + "new\n" + numbered(6, 10);
    CHECK(render_file_diff("f.py", o, n, opts) ==
          "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -5,0 +6,1 @@\n+new\n");
    std::string d = numbered(1, 4) + numbered(6, 10);
    CHECK(render_file_diff("f.py", o, d, opts) ==
          "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -5,1 +4,0 @@\n-l5\n");
}

TEST_CASE("colour wraps the same diff in escape codes", "[unit][diff]") {
    std::string o = numbered(1, 10), n = numbered(1, 10, {5});
    DiffOptions opts;
    opts.color = true;
    std::string coloured = render_file_diff("pkg/mod.py", o, n, opts);
    CHECK(coloured.find("\x1b[31m-l5\x1b[0m\n") != std::string::npos);
    CHECK(coloured.find("\x1b[32m+L5\x1b[0m\n") != std::string::npos);
    // Without the escape codes it is the plain diff.
    std::string stripped;
    for (size_t i = 0; i < coloured.size(); ++i) {
        if (coloured[i] == '\x1b') {
            i = coloured.find('m', i);
            continue;
        }
        stripped += coloured[i];
    }
    CHECK(stripped == render_file_diff("pkg/mod.py", o, n));
}

TEST_CASE("an absolute path gives git's a/... headers, without a double slash", "[unit][diff]") {
    std::string patch = render_file_diff("/tmp/proj/mod.py", "x = 1\n", "x = 2\n");
    CHECK(patch.rfind("diff --git a/tmp/proj/mod.py b/tmp/proj/mod.py\n--- a/tmp/proj/mod.py\n+++ b/tmp/proj/mod.py\n",
                      0) == 0);
    CHECK(patch.find("//") == std::string::npos);
    // As git does for such a patch: applied from the root with one component stripped.
    TempDir dir;
    write_file(dir.path() / "mod.py", "x = 1\n");
    std::string abs = (dir.path() / "mod.py").string();
    write_file(dir.path() / "fix.patch", render_file_diff(abs, "x = 1\n", "x = 2\n"));
    auto r = run("patch -p1 -d / --batch < " + shell_quote((dir.path() / "fix.patch").string()));
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(read_file(dir.path() / "mod.py") == "x = 2\n");
}

TEST_CASE("names are quoted in the headers as git quotes them", "[unit][diff][quoting]") {
    using wafix::git_quoted_path;
    CHECK(git_quoted_path("a/", "src/app.py") == "a/src/app.py");
    CHECK(git_quoted_path("a/", "with space.py") == "a/with space.py");  // git leaves spaces alone
    CHECK(git_quoted_path("b/", "x\ny.py") == "\"b/x\\ny.py\"");
    CHECK(git_quoted_path("a/", "q\"b\\t\tc\r\a\b\f\v.py") == "\"a/q\\\"b\\\\t\\tc\\r\\a\\b\\f\\v.py\"");
    CHECK(git_quoted_path("a/", "\x01\x7f\xC3\xA4.py") == "\"a/\\001\\177\\303\\244.py\"");
    std::string patch = render_file_diff("x\ny.py", "a\n", "b\n");
    CHECK(patch.rfind("diff --git \"a/x\\ny.py\" \"b/x\\ny.py\"\n--- \"a/x\\ny.py\"\n+++ \"b/x\\ny.py\"\n", 0) == 0);
}

TEST_CASE("secret values are masked whenever the caller asks, coloured or not", "[unit][diff][redaction]") {
    DiffOptions plain;
    plain.redact = {"hunter2secret"};
    std::string out = render_file_diff("s.py", "PASSWORD = \"hunter2secret\"\n", "PASSWORD = get()\n", plain);
    CHECK(out.find("hunter2secret") == std::string::npos);
    CHECK(out.find("-PASSWORD = \"****\"\n") != std::string::npos);
    CHECK(out.find("\x1b[") == std::string::npos);
}
