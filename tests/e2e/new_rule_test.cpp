// scripts/new-rule.sh as a developer runs it, in a copy of the files it touches: what it writes,
// that the result builds and links into a wafix whose `rules` command lists the new rule, and
// that it refuses a taken id or name or a malformed one without writing anything.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

// The files the scaffolder reads and writes, copied into `root`.
void copy_tree(const fs::path& root) {
    const fs::path src = source_dir();
    fs::create_directories(root / "scripts");
    fs::create_directories(root / "testdata");
    fs::copy(src / "transforms", root / "transforms", fs::copy_options::recursive);
    for (const char* file : {"CHANGELOG.md", ".clang-format"}) fs::copy_file(src / file, root / file);
    fs::copy_file(src / "scripts" / "new-rule.sh", root / "scripts" / "new-rule.sh");
}

std::map<std::string, std::string> files_under(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
    return out;
}

CommandResult new_rule(const fs::path& root, const std::string& args) {
    return run(shell_quote((root / "scripts" / "new-rule.sh").string()) + " " + args + " 2>&1", root);
}

// The compile command of `source` in the build's compile_commands.json, up to its `-o`.
std::string compile_prefix(const fs::path& build, const std::string& source) {
    std::ifstream in(build / "compile_commands.json");
    if (!in) return {};
    for (const auto& entry : nlohmann::json::parse(in)) {
        std::string command = entry.value("command", "");
        if (entry.value("file", "") == (source_dir() / source).string()) return command.substr(0, command.find(" -o "));
    }
    return {};
}

// The wafix executable's link flags and libraries, as the Ninja build links it: the flags carry
// -fsanitize=... in a sanitizer build, without which the instrumented objects do not link.
std::string wafix_link_arguments(const fs::path& build) {
    std::ifstream in(build / "build.ninja");
    std::string line, flags, libraries;
    bool in_wafix = false;
    while (std::getline(in, line)) {
        if (line.rfind("build wafix:", 0) == 0) in_wafix = true;
        else if (in_wafix && line.rfind("  LINK_FLAGS = ", 0) == 0) flags = line.substr(15);
        else if (in_wafix && line.rfind("  LINK_LIBRARIES = ", 0) == 0) libraries = line.substr(19);
        else if (in_wafix && line.rfind("  ", 0) != 0) in_wafix = false;
    }
    return libraries.empty() ? std::string() : flags + " " + libraries;
}

}  // namespace

TEST_CASE("new-rule.sh writes the rule's four places and a CHANGELOG line, and the result builds", "[e2e][new-rule]") {
    const fs::path build = fs::path(WAFIX_BINARY).parent_path();
    std::string rule_cc = compile_prefix(build, "transforms/cdk/wa402_lambda_unbounded_concurrency.cpp");
    std::string link = wafix_link_arguments(build);
    if (rule_cc.empty() || link.empty() || !fs::exists(build / "CMakeFiles/wafix.dir/src/cli/main.cpp.o")) {
        std::cout << "skipped: needs the Ninja build's compile_commands.json, build.ninja and main.cpp.o\n";
        std::exit(kSkipExitCode);
    }
    TempDir tmp;
    const fs::path root = tmp.path() / "tree";
    copy_tree(root);
    auto before = files_under(root);

    auto made = new_rule(root, "WA404 lambda-without-tracing cdk");
    INFO(made.out);
    REQUIRE(made.status == 0);

    // Exactly the rule file, its doc, a first case with its snapshot, and two edited files.
    auto after = files_under(root);
    std::vector<std::string> added, changed;
    for (const auto& [path, bytes] : after) {
        auto it = before.find(path);
        if (it == before.end()) added.push_back(path);
        else if (it->second != bytes) changed.push_back(path);
    }
    CHECK(added == std::vector<std::string>{"testdata/WA404/neg_unrelated_module.py",
                                            "testdata/WA404/neg_unrelated_module.py.snap",
                                            "transforms/cdk/wa404_lambda_without_tracing.cpp",
                                            "transforms/cdk/wa404_lambda_without_tracing.md"});
    CHECK(changed == std::vector<std::string>{"CHANGELOG.md", "transforms/registry.def"});
    CHECK(after.size() == before.size() + 4);

    // One registry line more, in id order.
    std::string registry = after["transforms/registry.def"];
    std::vector<std::string> ids;
    static const std::regex rule_line(R"(WAFIX_RULE\((WA\d+), \w+, \w+\)\n)");
    for (std::sregex_iterator m(registry.begin(), registry.end(), rule_line), end; m != end; ++m)
        ids.push_back((*m)[1]);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::count(ids.begin(), ids.end(), "WA404") == 1);
    const std::string line = "WAFIX_RULE(WA404, lambda_without_tracing, cdk)\n";
    size_t at = registry.find(line);
    REQUIRE(at != std::string::npos);
    CHECK(registry.substr(0, at) + registry.substr(at + line.size()) == before["transforms/registry.def"]);

    std::string changelog = after["CHANGELOG.md"];
    size_t unreleased = changelog.find("## [Unreleased]"), entry = changelog.find("- WA404 lambda-without-tracing");
    CHECK(entry != std::string::npos);
    CHECK(entry > unreleased);
    CHECK(entry < changelog.find("\n## [", unreleased + 1));
    CHECK(after["transforms/cdk/wa404_lambda_without_tracing.md"].find("## What it does") != std::string::npos);
    CHECK(
        after["testdata/WA404/neg_unrelated_module.py.snap"] ==
        "# WA404 on neg_unrelated_module.py (WAFIX_UPDATE_GOLDEN=1 rewrites this file)\nno findings\n--- no change\n");

    // It builds: the new rule file and the copy's registry compile with the project's flags, and
    // link with the build's libraries into a wafix that lists WA404.
    const fs::path out = tmp.path() / "out";
    fs::create_directories(out);
    std::string registry_cc = compile_prefix(build, "transforms/registry.cpp");
    REQUIRE_FALSE(registry_cc.empty());
    auto compile = [&](const std::string& prefix, const fs::path& source, const std::string& object) {
        auto r = run(prefix + " -Werror -o " + shell_quote((out / object).string()) + " -c " +
                         shell_quote(source.string()) + " 2>&1",
                     build);
        INFO(r.out);
        CHECK(r.status == 0);
    };
    compile(rule_cc, root / "transforms/cdk/wa404_lambda_without_tracing.cpp", "rule.o");
    compile(registry_cc, root / "transforms/registry.cpp", "registry.o");
    const std::string compiler = rule_cc.substr(0, rule_cc.find(' '));
    auto linked = run(compiler + " -pthread CMakeFiles/wafix.dir/src/cli/main.cpp.o " +
                          shell_quote((out / "rule.o").string()) + " " + shell_quote((out / "registry.o").string()) +
                          " " + link + " -o " + shell_quote((out / "wafix").string()) + " 2>&1",
                      build);
    INFO(linked.out);
    REQUIRE(linked.status == 0);
    auto rules = run(shell_quote((out / "wafix").string()) + " rules");
    CHECK(rules.status == 0);
    CHECK(rules.out.find("WA404") != std::string::npos);
    CHECK(rules.out.find("WA402") != std::string::npos);
}

TEST_CASE("new-rule.sh refuses a taken id or name and malformed arguments, writing nothing", "[e2e][new-rule]") {
    TempDir tmp;
    const fs::path root = tmp.path() / "tree";
    copy_tree(root);
    auto before = files_under(root);
    for (const char* args : {"WA401 some-new-rule cdk",          // the id is taken
                             "WA404 lambda-without-dlq cdk",     // the name is taken
                             "WA44 lambda-without-tracing cdk",  // not three digits
                             "wa404 lambda-without-tracing cdk", "WA404 Lambda_Tracing cdk", "WA404 tracing cdk",
                             "WA404 lambda-without-tracing Cdk/x", "WA404 lambda-without-tracing"}) {
        auto r = new_rule(root, args);
        INFO(args << "\n" << r.out);
        CHECK(r.status != 0);
        CHECK_FALSE(r.out.empty());
        CHECK(files_under(root) == before);
    }
}
