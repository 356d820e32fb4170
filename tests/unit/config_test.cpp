// Configuration files: discovery, precedence, every key, and errors that name file, line and key.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_util.hpp"
#include "wafix/app/config.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {
std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }
const char* kXml = "import xml.etree.ElementTree as ET\nET.parse(p)\n";

std::vector<std::string> finding_files(const fs::path& cwd, const std::string& args) {
    auto r = run(wafix_cmd() + " check --format json " + args, cwd);
    CHECK(r.status <= 1);
    std::vector<std::string> files;
    nlohmann::json doc = nlohmann::json::parse(r.out);  // kept alive: the loop reads into it
    for (const auto& f : doc["findings"]) files.push_back(f["file"].get<std::string>());
    return files;
}
}  // namespace

TEST_CASE("glob matching", "[unit][config]") {
    CHECK(glob_match("gen", "gen/a.py"));
    CHECK(glob_match("gen", "sub/gen/a.py") == false);  // a bare directory name is anchored
    CHECK(glob_match("*.py", "deep/down/x.py"));        // no slash: any directory
    CHECK(glob_match("sub/*.py", "sub/a.py"));
    CHECK_FALSE(glob_match("sub/*.py", "sub/deeper/a.py"));
    CHECK(glob_match("sub/**/*.py", "sub/a.py"));
    CHECK(glob_match("sub/**/*.py", "sub/x/y/a.py"));
    CHECK(glob_match("**/tests/**", "a/b/tests/c/d.py"));
    CHECK(glob_match("test_[a-c].py", "test_b.py"));
    CHECK_FALSE(glob_match("test_[!a-c].py", "test_b.py"));
    CHECK(glob_match("?.py", "a.py"));
    CHECK_FALSE(glob_match("?.py", "ab.py"));
}

TEST_CASE("errors name the file, the line and the key", "[unit][config]") {
    TempDir tmp;
    auto error_for = [&](const std::string& body, bool pyproject) {
        fs::path p = tmp.path() / (pyproject ? "pyproject.toml" : "wafix.toml");
        write_file(p, body);
        try {
            parse_config(p, pyproject);
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error_for("[tool.wafix]\nselect = [\"WA101\"]\nbogus = 1\n", true)
              .find("pyproject.toml:3:1: unknown key `bogus`") != std::string::npos);
    CHECK(error_for("select = \"WA101\"\n", false).find("wafix.toml:1:10: `select` must be an array of strings") !=
          std::string::npos);
    CHECK(error_for("ignore = [\"WA999\"]\n", false).find("unknown rule `WA999` in `ignore`") != std::string::npos);
    CHECK(error_for("unsafe-fixes = \"yes\"\n", false).find("`unsafe-fixes` must be true or false") !=
          std::string::npos);
    CHECK(error_for("reserved-concurrency = 0\n", false).find("positive integer") != std::string::npos);
    CHECK(error_for("http-timeout = [1]\n", false).find("[connect, read]") != std::string::npos);
    CHECK(error_for("select = [\n", false).find("wafix.toml:") != std::string::npos);  // broken TOML
    // A pyproject without [tool.wafix] is simply not a wafix configuration.
    write_file(tmp.path() / "pyproject.toml", "[project]\nname = \"x\"\n");
    CHECK_FALSE(parse_config(tmp.path() / "pyproject.toml", true).has_value());
}

TEST_CASE("every key reaches the engine options", "[unit][config]") {
    TempDir tmp;
    write_file(tmp.path() / "wafix.toml",
               "select = [\"WA101\", \"WA103\"]\nignore = [\"WA103\"]\nunsafe-fixes = true\npeer-suppressions = false\n"
               "http-timeout = [3.05, 27]\nsecret-id-prefix = \"prod/\"\nreserved-concurrency = 25\n"
               "per-file-ignores = { \"legacy/**\" = [\"WA101\"] }\nexclude = [\"build\"]\n");
    auto cfg = parse_config(tmp.path() / "wafix.toml", false);
    REQUIRE(cfg);
    EngineOptions o;
    cfg->apply(tmp.path() / "app" / "h.py", o);
    CHECK(o.select == std::set<std::string>{"WA101", "WA103"});
    CHECK(o.ignore == std::set<std::string>{"WA103"});
    CHECK(o.unsafe_fixes);
    CHECK_FALSE(o.peer_suppressions);
    CHECK(*o.settings.find("http-timeout") == "3.05,27");
    CHECK(*o.settings.find("secret-id-prefix") == "prod/");
    CHECK(*o.settings.find("reserved-concurrency") == "25");
    EngineOptions legacy;
    cfg->apply(tmp.path() / "legacy" / "old" / "h.py", legacy);
    CHECK(legacy.ignore.count("WA101"));
    CHECK(cfg->excludes(tmp.path() / "build" / "x.py"));
    CHECK_FALSE(cfg->excludes(tmp.path() / "app" / "x.py"));
}

TEST_CASE("nearest configuration wins, wafix.toml over pyproject.toml, CLI over both", "[config][cli]") {
    TempDir tmp;
    fs::path root = tmp.path() / "repo";
    write_file(root / ".git" / "HEAD", "ref: refs/heads/main\n");  // marks the project's top
    write_file(root / "pyproject.toml", "[tool.wafix]\nignore = [\"WA101\"]\n");
    write_file(root / "a.py", kXml);
    write_file(root / "svc" / "b.py", kXml);
    write_file(root / "svc" / "pyproject.toml", "[tool.wafix]\nignore = [\"WA103\"]\n");  // nearer: WA101 back on
    write_file(root / "both" / "c.py", kXml);
    write_file(root / "both" / "pyproject.toml", "[tool.wafix]\nignore = []\n");
    write_file(root / "both" / "wafix.toml", "ignore = [\"WA101\"]\n");  // same dir: wafix.toml wins
    write_file(root / "gen" / "d.py", kXml);
    write_file(tmp.path() / "pyproject.toml", "[tool.wafix]\nbogus = true\n");  // above the repo: never read

    // gen/ has no file of its own: the root's `ignore = ["WA101"]` governs it.
    CHECK(finding_files(root, ".") == std::vector<std::string>{"svc/b.py"});
    // An explicit --select on the command line re-enables what a file ignores.
    CHECK(finding_files(root, "--select WA101 .") ==
          std::vector<std::string>{"a.py", "both/c.py", "gen/d.py", "svc/b.py"});

    write_file(root / "pyproject.toml", "[tool.wafix]\nexclude = [\"gen\"]\n");
    CHECK(finding_files(root, ".") == std::vector<std::string>{"a.py", "svc/b.py"});
    CHECK(finding_files(root, "gen/d.py") == std::vector<std::string>{"gen/d.py"});  // named: processed

    write_file(root / "pyproject.toml", "[tool.wafix]\nselect = \"WA101\"\n");
    auto broken = run(wafix_cmd() + " check .", root);
    CHECK(broken.status == 2);
    CHECK(broken.err.find("configuration: pyproject.toml:2:10: `select` must be an array of strings") !=
          std::string::npos);
}

TEST_CASE("dependency-manifest = \"none\" leaves manifests alone and says so", "[config][cli]") {
    TempDir tmp;
    write_file(tmp.path() / "wafix.toml", "dependency-manifest = \"none\"\n");
    write_file(tmp.path() / "requirements.txt", "requests==2.31.0\n");
    write_file(tmp.path() / "h.py", kXml);
    auto r = run(wafix_cmd() + " diff h.py", tmp.path());
    CHECK(r.status == 1);
    CHECK(r.out.find("requirements.txt") == std::string::npos);
    CHECK(r.err.find("dependency-manifest = \"none\": not added") != std::string::npos);
}
