// Hostile and odd input (issue: reliability): each case gets a clear message naming the file,
// nothing written to it, and every other file still processed.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {
std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }
const char* kXml = "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n"
                   "    return ET.fromstring(event[\"body\"]).tag\n";
const char* kFixed = "import defusedxml.ElementTree as ET\n\n\ndef handler(event, context):\n"
                     "    return ET.fromstring(event[\"body\"]).tag\n";

std::map<std::string, std::string> tree_files(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().string().find(".wafix_cache") == std::string::npos)
            out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
    return out;
}
}  // namespace

TEST_CASE("size and depth limits, Python 2, empty files, FIFOs", "[hostile]") {
    TempDir tmp;
    fs::path d = tmp.path() / "p";
    std::string big = "import xml.etree.ElementTree as ET\n" + std::string(50u << 20, '#') + "\n";
    write_file(d / "big.py", big);
    write_file(d / "deep.py", "import xml.etree.ElementTree as ET\nx = " + std::string(10000, '(') + "1" +
                                  std::string(10000, ')') + "\n");
    write_file(d / "py2.py", "import xml.etree.ElementTree as ET\nprint \"hello\"\nET.parse(f)\n");
    write_file(d / "empty.py", "");
    write_file(d / "good.py", kXml);
    REQUIRE(::mkfifo((tmp.path() / "pipe.py").c_str(), 0644) == 0);
    auto r = run("timeout 60 " + wafix_cmd() + " fix p pipe.py", tmp.path());
    CHECK(r.status == 2);
    CHECK(r.err.find("p/big.py: file is " + std::to_string(big.size()) + " bytes, over the 10485760 byte limit") !=
          std::string::npos);
    CHECK(r.err.find("p/deep.py: syntax nested more than 500 levels deep") != std::string::npos);
    CHECK(r.err.find("p/py2.py: Python 2 syntax (print statement) at 2:1; wafix handles Python 3 only") !=
          std::string::npos);
    CHECK(read_file(d / "py2.py").find("import xml.etree.ElementTree as ET") == 0);
    CHECK(r.err.find("pipe.py: not a regular file") != std::string::npos);
    CHECK(r.err.find("empty.py") == std::string::npos);
    CHECK(read_file(d / "big.py") == big);
    CHECK(read_file(d / "empty.py").empty());
    CHECK(read_file(d / "good.py") == kFixed);
}

TEST_CASE("mixed line endings, spaces and non-ASCII names", "[hostile]") {
    TempDir tmp;
    fs::path dir = tmp.path() / "my project" / "naïve ünïcode";
    // Mostly CRLF with one LF line: inserted lines follow the dominant ending, others keep theirs.
    std::string mixed = "import xml.etree.ElementTree as ET\r\nimport os\n\r\ndef h(e):\r\n    return ET.fromstring(e), ET.Element(\"a\")\r\n";
    write_file(dir / "h é.py", mixed);
    auto diff = run(wafix_cmd() + " diff .", tmp.path());
    REQUIRE(diff.status == 1);
    write_file(tmp.path() / "fix.patch", diff.out);
    CHECK(run("git apply --check fix.patch", tmp.path()).status == 0);
    auto fix = run(wafix_cmd() + " fix .", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status <= 1);
    CHECK(read_file(dir / "h é.py") ==
          "import xml.etree.ElementTree as ET\r\nimport defusedxml.ElementTree\r\nimport os\n\r\ndef h(e):\r\n"
          "    return defusedxml.ElementTree.fromstring(e), ET.Element(\"a\")\r\n");
}

TEST_CASE("an interrupted fix leaves every file old or new and no temp files", "[hostile][signals]") {
    TempDir tmp;
    const int kFiles = 400;
    for (int i = 0; i < kFiles; ++i) write_file(tmp.path() / "t" / ("f" + std::to_string(i) + ".py"), kXml);
    for (int attempt = 0; attempt < 3; ++attempt) {
        // Restore, start a fix, and stop it at some point during the writes.
        for (int i = 0; i < kFiles; ++i) write_file(tmp.path() / "t" / ("f" + std::to_string(i) + ".py"), kXml);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            if (::chdir(tmp.path().c_str()) != 0) _exit(99);
            int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            ::execl(WAFIX_BINARY, "wafix", "fix", "--no-cache", "-j", "1", "t", static_cast<char*>(nullptr));
            _exit(98);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + attempt * 40));
        ::kill(pid, attempt == 1 ? SIGINT : SIGTERM);
        int status = 0;
        ::waitpid(pid, &status, 0);
        int old_files = 0, new_files = 0;
        for (const auto& [name, bytes] : tree_files(tmp.path() / "t")) {
            CHECK(name.find(".wafix-") == std::string::npos);  // no temp file left behind
            if (bytes == kXml) ++old_files;
            else if (bytes == kFixed) ++new_files;
            else FAIL("partial file " << name);
        }
        CHECK(old_files + new_files == kFiles);
    }
}

TEST_CASE("two fixes at once leave valid files and a usable cache", "[hostile][concurrency]") {
    TempDir tmp;
    for (int i = 0; i < 200; ++i) write_file(tmp.path() / "t" / ("f" + std::to_string(i) + ".py"), kXml);
    std::string cmd = wafix_cmd() + " fix t >/dev/null 2>&1";
    auto both = run("( " + cmd + " & " + cmd + " & wait )", tmp.path());
    (void)both;
    for (const auto& [name, bytes] : tree_files(tmp.path() / "t")) {
        CHECK(name.find(".wafix-") == std::string::npos);
        CHECK((bytes == kXml || bytes == kFixed));
    }
    // Whatever happened, a further run finishes the job and the cache agrees with a fresh run.
    run(wafix_cmd() + " fix t", tmp.path());
    auto cached = run(wafix_cmd() + " diff t", tmp.path());
    auto fresh = run(wafix_cmd() + " diff --no-cache t", tmp.path());
    CHECK(cached.status == 0);
    CHECK(cached.out == fresh.out);
    for (const auto& [name, bytes] : tree_files(tmp.path() / "t")) CHECK(bytes == kFixed);
}
