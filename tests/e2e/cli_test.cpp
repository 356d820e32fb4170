// The wafix executable end to end: exit codes, the diff -> fix -> clean cycle on the sample
// project, byte-level facts, bad input, colour, --ignore.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }

CommandResult run_wafix(const std::string& args, const fs::path& cwd) { return run(wafix_cmd() + " " + args, cwd); }

// Every regular file under `dir` with its bytes, to prove files were left alone.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
    return out;
}

const char* kVulnerable =
    "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n"
    "    return ET.fromstring(event[\"body\"]).tag\n";

}  // namespace

TEST_CASE("help, version and rules", "[cli]") {
    TempDir tmp;
    auto help = run_wafix("--help", tmp.path());
    CHECK(help.status == 0);
    CHECK(help.out.find("Exit codes") != std::string::npos);
    auto version = run_wafix("--version", tmp.path());
    CHECK(version.status == 0);
    CHECK(version.out.rfind("wafix ", 0) == 0);

    auto rules = run_wafix("rules", tmp.path());
    CHECK(rules.status == 0);
    for (const char* id : {"WA101", "WA102", "WA103"}) CHECK(rules.out.find(id) != std::string::npos);
    CHECK(rules.out.find("xml-external-entities") != std::string::npos);

    auto doc = run_wafix("rules WA101", tmp.path());
    CHECK(doc.status == 0);
    CHECK(doc.out.find("## What it does") != std::string::npos);
    CHECK(doc.out.find("## Fix safety") != std::string::npos);

    CHECK(run_wafix("rules WA999", tmp.path()).status == 2);
    CHECK(run_wafix("diff --select WA999 .", tmp.path()).status == 2);
    CHECK(run_wafix("--bogus-flag", tmp.path()).status == 2);
}

TEST_CASE("diff, fix, then a clean diff on the sample project", "[cli][sample]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    auto before = snapshot(tmp.path() / "sample");

    auto diff = run_wafix("diff sample", tmp.path());
    INFO(diff.err);
    REQUIRE(diff.status == 1);
    CHECK(diff.out.find(
              "diff --git a/sample/functions/invoice_parser/handler.py b/sample/functions/invoice_parser/handler.py") !=
          std::string::npos);
    CHECK(diff.out.find("+        root = defusedxml.ElementTree.fromstring(xml_text)") != std::string::npos);
    CHECK(diff.out.find("+defusedxml==0.7.1") != std::string::npos);  // requirements.txt pins with ==
    CHECK(diff.out.find("+defusedxml.xmlrpc.monkey_patch()") != std::string::npos);
    CHECK(diff.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
    CHECK(snapshot(tmp.path() / "sample") == before);    // a dry run writes nothing

    // The same plain `wafix PATH` form, and the patch applies with git apply and patch -p1.
    auto plain = run_wafix("sample", tmp.path());
    CHECK(plain.out == diff.out);
    write_file(tmp.path() / "fix.patch", diff.out);
    CHECK(run("git apply --check fix.patch", tmp.path()).status == 0);
    CHECK(run("patch -p1 --dry-run --quiet < fix.patch", tmp.path()).status == 0);

    auto fix = run_wafix("fix sample", tmp.path());
    INFO(fix.out << fix.err);
    CHECK((fix.status == 0 || fix.status == 1));
    CHECK(fix.out.find("WA101") != std::string::npos);
    CHECK(fix.out.find("added defusedxml==0.7.1 to sample/functions/invoice_parser/requirements.txt") !=
          std::string::npos);
    auto after = snapshot(tmp.path() / "sample");
    CHECK(after != before);
    // No temp files left behind by the atomic writes.
    for (const auto& [path, bytes] : after) CHECK(path.find(".wafix-") == std::string::npos);

    // The fixed tree equals the original with the patch applied.
    fs::create_directories(tmp.path() / "patched");
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "patched" / "sample", fs::copy_options::recursive);
    CHECK(run("git apply ../fix.patch", tmp.path() / "patched").status == 0);
    CHECK(snapshot(tmp.path() / "patched" / "sample") == after);

    auto again = run_wafix("diff sample", tmp.path());
    CHECK(again.status == 0);
    CHECK(again.out.empty());
}

TEST_CASE("the fixed sample handler refuses hostile XML and still parses invoices", "[cli][behaviour]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    std::string script = shell_quote((source_dir() / "tests" / "behaviour" / "xml_sample_behaviour.py").string());
    std::string handler = "sample/functions/invoice_parser/handler.py";

    auto vulnerable = run("/usr/bin/python3 " + script + " --expect vulnerable " + handler, tmp.path());
    INFO(vulnerable.out << vulnerable.err);
    CHECK(vulnerable.status == 0);

    // Only the XML family: other rules (secrets -> boto3) would need packages this python lacks.
    REQUIRE(run_wafix("fix --select WA101,WA102,WA103 sample", tmp.path()).status <= 1);
    auto defused = run("/usr/bin/python3 " + script + " --expect defused " + handler, tmp.path());
    INFO(defused.out << defused.err);
    CHECK(defused.status == 0);
    CHECK(defused.out.find("3 passed, 0 failed") != std::string::npos);
}

TEST_CASE("byte-level facts survive a fix", "[cli][bytes]") {
    TempDir tmp;
    // BOM, CRLF, tabs, and no final newline.
    std::string src =
        "\xEF\xBB\xBFimport xml.etree.ElementTree as ET\r\n\r\ndef handler(event, context):\r\n"
        "\tdoc = ET.fromstring(event)\r\n\treturn ET.Element(doc.tag)";
    write_file(tmp.path() / "h.py", src);
    ::chmod((tmp.path() / "h.py").c_str(), 0750);
    auto fix = run_wafix("fix h.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    std::string out = read_file(tmp.path() / "h.py");
    CHECK(out ==
          "\xEF\xBB\xBFimport xml.etree.ElementTree as ET\r\nimport defusedxml.ElementTree\r\n\r\n"
          "def handler(event, context):\r\n\tdoc = defusedxml.ElementTree.fromstring(event)\r\n"
          "\treturn ET.Element(doc.tag)");
    struct stat st {};
    ::stat((tmp.path() / "h.py").c_str(), &st);
    CHECK((st.st_mode & 07777) == 0750);
    CHECK(run_wafix("diff h.py", tmp.path()).status == 0);
}

TEST_CASE("bad input is reported, left byte-for-byte alone, and does not stop the others", "[cli][bad-input]") {
    TempDir tmp;
    fs::path dir = tmp.path() / "proj";
    write_file(dir / "a_binary.py", std::string("import xml.etree.ElementTree as ET\0\x01\x02", 38));
    write_file(dir / "b_latin1.py", "import xml.etree.ElementTree as ET\nname = '\xE9t\xE9'\nET.fromstring(name)\n");
    write_file(dir / "c_syntax.py", "import xml.etree.ElementTree as ET\ndef broken(:\n    ET.fromstring(x)\n");
    write_file(dir / "d_utf16.py", std::string("\xFF\xFEi\0m\0", 6));
    write_file(dir / "e_readonly.py", kVulnerable);
    ::chmod((dir / "e_readonly.py").c_str(), 0444);
    write_file(dir / "z_good.py", kVulnerable);
    fs::create_symlink(dir / "missing.py", tmp.path() / "dangling.py");
    auto before = snapshot(dir);

    auto diff = run_wafix("diff proj dangling.py", tmp.path());
    CHECK(diff.status == 2);
    CHECK(diff.err.find("proj/a_binary.py: binary file") != std::string::npos);
    CHECK(diff.err.find("proj/b_latin1.py: not valid UTF-8") != std::string::npos);
    CHECK(diff.err.find("proj/c_syntax.py: syntax error at 2:") != std::string::npos);
    CHECK(diff.err.find("proj/d_utf16.py: UTF-16") != std::string::npos);
    CHECK(diff.err.find("dangling.py: broken symbolic link") != std::string::npos);
    CHECK(diff.out.find("b/proj/z_good.py") != std::string::npos);
    CHECK(diff.out.find("b/proj/e_readonly.py") != std::string::npos);  // a dry run may show it

    auto fix = run_wafix("fix proj dangling.py", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 2);
    CHECK(fix.err.find("proj/e_readonly.py: file is read-only") != std::string::npos);
    auto after = snapshot(dir);
    for (const char* name : {"a_binary.py", "b_latin1.py", "c_syntax.py", "d_utf16.py", "e_readonly.py"})
        CHECK(after[name] == before[name]);
    CHECK(after["z_good.py"] != before["z_good.py"]);
    CHECK(after["z_good.py"].find("import defusedxml.ElementTree as ET\n") != std::string::npos);
}

TEST_CASE("colour only when asked or on a terminal, NO_COLOR respected", "[cli][color]") {
    TempDir tmp;
    write_file(tmp.path() / "h.py", kVulnerable);
    CHECK(run_wafix("diff --color always h.py", tmp.path()).out.find("\x1b[32m+") != std::string::npos);
    CHECK(run_wafix("diff --color never h.py", tmp.path()).out.find("\x1b[") == std::string::npos);
    CHECK(run("NO_COLOR=1 " + wafix_cmd() + " diff h.py", tmp.path()).out.find("\x1b[") == std::string::npos);
    // Through a pseudo-terminal (script(1)) auto turns colour on, and NO_COLOR turns it off.
    if (run("command -v script").status == 0) {
        auto tty = run("script -qec " + shell_quote(wafix_cmd() + " diff h.py") + " /dev/null", tmp.path());
        CHECK(tty.out.find("\x1b[32m+") != std::string::npos);
        auto tty_no =
            run("NO_COLOR=1 script -qec " + shell_quote(wafix_cmd() + " diff h.py") + " /dev/null", tmp.path());
        CHECK(tty_no.out.find("\x1b[32m+") == std::string::npos);
    }
}

TEST_CASE("exit code 0 and no output when nothing needs fixing", "[cli]") {
    TempDir tmp;
    write_file(tmp.path() / "clean.py", "import defusedxml.ElementTree as ET\nET.fromstring('<a/>')\n");
    auto r = run_wafix("diff .", tmp.path());
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    auto f = run_wafix("fix .", tmp.path());
    CHECK(f.status == 0);
    CHECK(f.out.find("fixed 0 findings in 0 files") != std::string::npos);
}

TEST_CASE("the --ignore flag: comma-separated or repeated, wins over --select, adds to the configuration's",
          "[cli][ignore]") {
    TempDir tmp;
    // One file with a finding of three rules, in three families.
    write_file(tmp.path() / "p.py",
               "import xml.etree.ElementTree as ET\n\nimport requests\nfrom lxml import etree\n\n\n"
               "def handler(event, context):\n"
               "    doc = ET.fromstring(event[\"body\"])\n"
               "    tree = etree.parse(event[\"path\"])\n"
               "    r = requests.get(event[\"url\"])\n"
               "    r.raise_for_status()\n"
               "    return doc, tree, r\n");
    auto rules_found = [&](const std::string& args) {
        auto r = run_wafix("check --no-cache --format json " + args + " p.py", tmp.path());
        INFO(args << "\n" << r.err);
        CHECK(r.status <= 1);
        nlohmann::json doc = nlohmann::json::parse(r.out);
        std::set<std::string> rules;
        for (const auto& f : doc["findings"]) rules.insert(f["rule"].get<std::string>());
        return rules;
    };
    using Rules = std::set<std::string>;
    CHECK(rules_found("") == Rules{"WA101", "WA103", "WA201"});
    CHECK(rules_found("--ignore WA101") == Rules{"WA103", "WA201"});
    CHECK(rules_found("--ignore=WA101") == Rules{"WA103", "WA201"});
    CHECK(rules_found("--ignore WA101,WA201") == Rules{"WA103"});
    CHECK(rules_found("--ignore WA101 --ignore WA201") == Rules{"WA103"});
    // A rule both selected and ignored stays off, whatever the order of the flags.
    CHECK(rules_found("--select WA101,WA201 --ignore WA201") == Rules{"WA101"});
    CHECK(rules_found("--ignore WA201 --select WA201") == Rules{});

    auto unknown = run_wafix("check --no-cache --ignore WA101,WA999 p.py", tmp.path());
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("unknown rule WA999 in --ignore") != std::string::npos);

    // The command line's --ignore adds to the configuration's ignore list instead of replacing it.
    write_file(tmp.path() / "wafix.toml", "ignore = [\"WA103\"]\n");
    CHECK(rules_found("") == Rules{"WA101", "WA201"});
    CHECK(rules_found("--ignore WA101") == Rules{"WA201"});
    fs::remove(tmp.path() / "wafix.toml");

    // Ignored rules are not fixed either.
    auto fix = run_wafix("fix --no-cache --ignore WA101,WA103 p.py", tmp.path());
    CHECK(fix.status == 0);
    std::string fixed = read_file(tmp.path() / "p.py");
    CHECK(fixed.find("doc = ET.fromstring(event[\"body\"])") != std::string::npos);
    CHECK(fixed.find("tree = etree.parse(event[\"path\"])") != std::string::npos);
    CHECK(fixed.find("timeout=") != std::string::npos);
}
