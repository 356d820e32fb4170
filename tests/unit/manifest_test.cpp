// Adding dependencies to requirements.txt / pyproject.toml, and finding the manifest to edit.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "wafix/app/manifest.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using wafix::add_to_pyproject;
using wafix::add_to_requirements_txt;
using wafix::plan_manifest_updates;

namespace {
const std::string kReq = "defusedxml>=0.7.1";
// Optional strings as text, so a failed CHECK shows both sides.
const std::string kNone = "<nullopt>";
std::string show(const std::optional<std::string>& s) { return s ? *s : kNone; }
}  // namespace

// ---------------------------------------------------------------------------------------------
// requirements.txt

TEST_CASE("requirements.txt: a sorted file gets a sorted insert", "[unit][manifest]") {
    CHECK(show(add_to_requirements_txt("boto3>=1.20\nrequests>=2\n", kReq)) ==
          std::string("boto3>=1.20\ndefusedxml>=0.7.1\nrequests>=2\n"));
    // Before the first requirement, after a leading comment.
    CHECK(show(add_to_requirements_txt("# deps\nflask\nrequests\n", kReq)) ==
          std::string("# deps\ndefusedxml>=0.7.1\nflask\nrequests\n"));
    // After the last one when it sorts last, before trailing comments.
    CHECK(show(add_to_requirements_txt("boto3\nclick\n# end\n", kReq)) ==
          std::string("boto3\nclick\ndefusedxml>=0.7.1\n# end\n"));
    // Sorted case-insensitively, by normalised name.
    CHECK(show(add_to_requirements_txt("Boto3\nDjango\nPyYAML\n", kReq)) ==
          std::string("Boto3\ndefusedxml>=0.7.1\nDjango\nPyYAML\n"));
}

TEST_CASE("requirements.txt: an unsorted file gets the line after its last requirement", "[unit][manifest]") {
    CHECK(show(add_to_requirements_txt("requests\nboto3\n", kReq)) ==
          std::string("requests\nboto3\ndefusedxml>=0.7.1\n"));
    CHECK(show(add_to_requirements_txt("requests\nboto3\n\n# trailing comment\n", kReq)) ==
          std::string("requests\nboto3\ndefusedxml>=0.7.1\n\n# trailing comment\n"));
    CHECK(show(add_to_requirements_txt("", kReq)) == std::string("defusedxml>=0.7.1\n"));
    CHECK(show(add_to_requirements_txt("# only a comment\n", kReq)) ==
          std::string("# only a comment\ndefusedxml>=0.7.1\n"));
    // Options are not requirements.
    CHECK(show(add_to_requirements_txt("-r base.txt\nzope\nalembic\n", kReq)) ==
          std::string("-r base.txt\nzope\nalembic\ndefusedxml>=0.7.1\n"));
}

TEST_CASE("requirements.txt: a fully pinned file gets an exact pin", "[unit][manifest]") {
    CHECK(show(add_to_requirements_txt("boto3==1.26.0\nrequests==2.31.0\n", kReq)) ==
          std::string("boto3==1.26.0\ndefusedxml==0.7.1\nrequests==2.31.0\n"));
    CHECK(wafix::requirements_txt_line("a==1\nb==2\n", kReq) == "defusedxml==0.7.1");
    // One unpinned requirement is enough for a range.
    CHECK(show(add_to_requirements_txt("boto3==1.26.0\nrequests>=2\n", kReq)) ==
          std::string("boto3==1.26.0\ndefusedxml>=0.7.1\nrequests>=2\n"));
    CHECK(wafix::requirements_txt_line("a==1\nb\n", kReq) == "defusedxml>=0.7.1");
    // Comments do not count as requirements.
    CHECK(wafix::requirements_txt_line("# pinned\na==1\n", kReq) == "defusedxml==0.7.1");
    CHECK(wafix::requirements_txt_line("", kReq) == "defusedxml>=0.7.1");
}

TEST_CASE("requirements.txt: an existing requirement is not added again", "[unit][manifest]") {
    CHECK(show(add_to_requirements_txt("defusedxml\n", kReq)) == kNone);
    CHECK(show(add_to_requirements_txt("requests\nDefusedXML==0.6.0\n", kReq)) == kNone);
    CHECK(show(add_to_requirements_txt("  defusedxml >= 0.5  # xml\n", kReq)) == kNone);
    CHECK(show(add_to_requirements_txt("defusedxml[all]\n", kReq)) == kNone);
    CHECK(show(add_to_requirements_txt("defusedxml; python_version >= '3.8'\n", kReq)) == kNone);
    // `_`, `-` and `.` are the same in project names (PEP 503).
    CHECK(show(add_to_requirements_txt("Typing_Extensions==4.0\n", "typing-extensions>=4.5")) == kNone);
    CHECK(show(add_to_requirements_txt("zope.interface\n", "zope-interface>=5")) == kNone);
    CHECK(show(add_to_requirements_txt("ruamel-yaml\n", "ruamel.yaml>=0.17")) == kNone);
    // A comment naming it does not count.
    CHECK(show(add_to_requirements_txt("# defusedxml\nrequests\n", kReq)) ==
          std::string("# defusedxml\ndefusedxml>=0.7.1\nrequests\n"));

    CHECK(wafix::requirement_name("Foo_Bar.baz>=1") == "foo-bar-baz");
    CHECK(wafix::requirement_name("  # comment") == "");
    CHECK(wafix::requirement_name("-e .") == "");
}

TEST_CASE("requirements.txt: a missing final newline stays missing", "[unit][manifest]") {
    // Appended as the new last line.
    CHECK(show(add_to_requirements_txt("requests\nboto3", kReq)) == std::string("requests\nboto3\ndefusedxml>=0.7.1"));
    CHECK(show(add_to_requirements_txt("boto3", kReq)) == std::string("boto3\ndefusedxml>=0.7.1"));
    // Inserted before the unterminated last line.
    CHECK(show(add_to_requirements_txt("boto3\nrequests", kReq)) == std::string("boto3\ndefusedxml>=0.7.1\nrequests"));
}

TEST_CASE("requirements.txt: CRLF line endings are kept", "[unit][manifest]") {
    CHECK(show(add_to_requirements_txt("boto3\r\nrequests\r\n", kReq)) ==
          std::string("boto3\r\ndefusedxml>=0.7.1\r\nrequests\r\n"));
    CHECK(show(add_to_requirements_txt("requests\r\nboto3\r\n", kReq)) ==
          std::string("requests\r\nboto3\r\ndefusedxml>=0.7.1\r\n"));
    CHECK(show(add_to_requirements_txt("requests\r\nboto3", kReq)) ==
          std::string("requests\r\nboto3\r\ndefusedxml>=0.7.1"));
}

// ---------------------------------------------------------------------------------------------
// pyproject.toml

TEST_CASE("pyproject: [project] dependencies on one line", "[unit][manifest]") {
    std::string head = "[project]\nname = \"app\"\n";
    CHECK(show(add_to_pyproject(head + "dependencies = [\"requests>=2\"]\n", kReq)) ==
          std::string(head + "dependencies = [\"requests>=2\", \"defusedxml>=0.7.1\"]\n"));
    CHECK(show(add_to_pyproject(head + "dependencies = []\n", kReq)) ==
          std::string(head + "dependencies = [\"defusedxml>=0.7.1\"]\n"));
    CHECK(show(add_to_pyproject(head + "dependencies = [\"a\", \"b\",]\n", kReq)) ==
          std::string(head + "dependencies = [\"a\", \"b\", \"defusedxml>=0.7.1\"]\n"));
    // Single quotes are followed.
    CHECK(show(add_to_pyproject(head + "dependencies = ['requests']\n", kReq)) ==
          std::string(head + "dependencies = ['requests', 'defusedxml>=0.7.1']\n"));
    // The rest of the file is left alone.
    std::string tail = "\n[build-system]\nrequires = [\"hatchling\"]\n";
    CHECK(show(add_to_pyproject(head + "dependencies = [\"requests\"]\n" + tail, kReq)) ==
          std::string(head + "dependencies = [\"requests\", \"defusedxml>=0.7.1\"]\n" + tail));
}

TEST_CASE("pyproject: an extra's brackets do not end the dependency array", "[unit][manifest]") {
    std::string head = "[project]\nname = \"app\"\n";
    CHECK(show(add_to_pyproject(head + "dependencies = [\"uvicorn[standard]>=0.20\"]\n", kReq)) ==
          std::string(head + "dependencies = [\"uvicorn[standard]>=0.20\", \"defusedxml>=0.7.1\"]\n"));
    CHECK(show(add_to_pyproject(head + "dependencies = [\n    \"boto3[crt]\",\n    \"requests\",\n]\n", kReq)) ==
          std::string(head +
                      "dependencies = [\n    \"boto3[crt]\",\n    \"requests\",\n    \"defusedxml>=0.7.1\",\n]\n"));
    // A requirement listed after an item with extras is still found.
    CHECK(show(add_to_pyproject(head + "dependencies = [\n    \"boto3[crt]\",\n    \"defusedxml>=0.7\",\n]\n", kReq)) ==
          kNone);
}

TEST_CASE("pyproject: [project] dependencies one per line", "[unit][manifest]") {
    std::string head = "[project]\nname = \"app\"\n";
    SECTION("with a trailing comma") {
        CHECK(
            show(add_to_pyproject(head + "dependencies = [\n    \"requests\",\n    \"boto3\",\n]\n", kReq)) ==
            std::string(head + "dependencies = [\n    \"requests\",\n    \"boto3\",\n    \"defusedxml>=0.7.1\",\n]\n"));
    }
    SECTION("without a trailing comma") {
        CHECK(show(add_to_pyproject(head + "dependencies = [\n  \"requests\",\n  \"boto3\"\n]\n", kReq)) ==
              std::string(head + "dependencies = [\n  \"requests\",\n  \"boto3\",\n  \"defusedxml>=0.7.1\"\n]\n"));
    }
    SECTION("a trailing comment after the last item") {
        CHECK(show(add_to_pyproject(head + "dependencies = [\n    \"requests\",\n    \"boto3\"  # aws\n]\n", kReq)) ==
              std::string(
                  head + "dependencies = [\n    \"requests\",\n    \"boto3\",  # aws\n    \"defusedxml>=0.7.1\"\n]\n"));
    }
    SECTION("CRLF") {
        CHECK(show(add_to_pyproject("[project]\r\ndependencies = [\r\n    \"requests\",\r\n]\r\n", kReq)) ==
              std::string("[project]\r\ndependencies = [\r\n    \"requests\",\r\n    \"defusedxml>=0.7.1\",\r\n]\r\n"));
    }
    SECTION("already present") {
        CHECK(show(add_to_pyproject(head + "dependencies = [\n    \"DefusedXML>=0.6\",\n]\n", kReq)) == kNone);
        CHECK(show(add_to_pyproject(head + "dependencies = ['defusedxml']\n", kReq)) == kNone);
    }
}

TEST_CASE("pyproject: Poetry dependencies table", "[unit][manifest]") {
    std::string text =
        "[tool.poetry]\nname = \"app\"\n\n[tool.poetry.dependencies]\npython = \"^3.10\"\nrequests = \"^2.31\"\n"
        "\n[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n";
    CHECK(show(add_to_pyproject(text, kReq)) ==
          std::string(
              "[tool.poetry]\nname = \"app\"\n\n[tool.poetry.dependencies]\npython = \"^3.10\"\nrequests = \"^2.31\"\n"
              "defusedxml = \">=0.7.1\"\n\n[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n"));
    // At the end of the file, without a final newline.
    CHECK(show(add_to_pyproject("[tool.poetry.dependencies]\npython = \"^3.10\"", kReq)) ==
          std::string("[tool.poetry.dependencies]\npython = \"^3.10\"\ndefusedxml = \">=0.7.1\"\n"));
    CHECK(show(add_to_pyproject("[tool.poetry.dependencies]\npython = \"^3.10\"\nDefusedXML = \"^0.7\"\n", kReq)) ==
          kNone);
}

TEST_CASE("pyproject: nothing to extend", "[unit][manifest]") {
    CHECK(show(add_to_pyproject("[project]\nname = \"app\"\n", kReq)) == kNone);
    CHECK(show(add_to_pyproject("[tool.black]\nline-length = 100\n", kReq)) == kNone);
    CHECK_FALSE(wafix::pyproject_has_dependencies("[project]\nname = \"app\"\n"));
    CHECK_FALSE(wafix::pyproject_has_dependencies("[tool.ruff]\ndependencies = 1\n"));
    CHECK(wafix::pyproject_has_dependencies("[project]\ndependencies = []\n"));
    CHECK(wafix::pyproject_has_dependencies("[tool.poetry.dependencies]\npython = \"^3.10\"\n"));
}

// ---------------------------------------------------------------------------------------------
// plan_manifest_updates

namespace {

using Needs = std::map<fs::path, std::vector<std::string>>;
using Stops = std::map<fs::path, fs::path>;

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

}  // namespace

TEST_CASE("plan: the nearest requirements.txt wins", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    write_file(root / "requirements.txt", "requests\n");
    write_file(root / "svc" / "requirements.txt", "boto3\n");
    write_file(root / "svc" / "handler" / "app.py", "");
    write_file(root / "tool.py", "");

    auto plan = plan_manifest_updates({{root / "svc" / "handler" / "app.py", {kReq}}},
                                      {{root / "svc" / "handler" / "app.py", root}});
    CHECK(plan.notes.empty());
    REQUIRE(plan.updates.size() == 1);
    const auto& u = plan.updates[0];
    CHECK(same_file(u.path, root / "svc" / "requirements.txt"));
    CHECK(u.original == "boto3\n");
    CHECK(u.updated == "boto3\ndefusedxml>=0.7.1\n");
    CHECK(u.added == std::vector<std::string>{"defusedxml>=0.7.1"});
    // Plans do not write.
    CHECK(read_file(root / "svc" / "requirements.txt") == "boto3\n");

    // Files under different manifests give one update each, sorted by path.
    auto shared = plan_manifest_updates({{root / "tool.py", {kReq}}, {root / "svc" / "x.py", {"requests>=2"}}},
                                        {{root / "tool.py", root}, {root / "svc" / "x.py", root}});
    REQUIRE(shared.updates.size() == 2);
    CHECK(same_file(shared.updates[0].path, root / "requirements.txt"));
    CHECK(shared.updates[0].updated == "defusedxml>=0.7.1\nrequests\n");
    CHECK(same_file(shared.updates[1].path, root / "svc" / "requirements.txt"));
    CHECK(shared.updates[1].updated == "boto3\nrequests>=2\n");
}

TEST_CASE("plan: several files needing one manifest make one update", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    write_file(root / "requirements.txt", "requests==2.31.0\n");
    auto plan = plan_manifest_updates({{root / "a.py", {kReq}}, {root / "b" / "c.py", {kReq, "lxml>=5"}}},
                                      {{root / "a.py", root}, {root / "b" / "c.py", root}});
    CHECK(plan.notes.empty());
    REQUIRE(plan.updates.size() == 1);
    CHECK(plan.updates[0].updated == "defusedxml==0.7.1\nlxml==5\nrequests==2.31.0\n");
    CHECK(plan.updates[0].added == std::vector<std::string>{"defusedxml==0.7.1", "lxml==5"});
}

TEST_CASE("plan: pyproject.toml is used when there is no requirements.txt", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    write_file(root / "pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"requests\"]\n");
    write_file(root / "src" / "app" / "main.py", "");
    // A pyproject.toml without dependencies nearer the file is passed over.
    write_file(root / "src" / "pyproject.toml", "[tool.black]\nline-length = 100\n");

    auto plan =
        plan_manifest_updates({{root / "src" / "app" / "main.py", {kReq}}}, {{root / "src" / "app" / "main.py", root}});
    CHECK(plan.notes.empty());
    REQUIRE(plan.updates.size() == 1);
    CHECK(same_file(plan.updates[0].path, root / "pyproject.toml"));
    CHECK(plan.updates[0].updated ==
          "[project]\nname = \"app\"\ndependencies = [\"requests\", \"defusedxml>=0.7.1\"]\n");
    CHECK(plan.updates[0].added == std::vector<std::string>{kReq});
}

TEST_CASE("plan: nothing found gives a note and no update", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    write_file(root / "app.py", "");
    auto plan = plan_manifest_updates({{root / "app.py", {kReq}}}, {{root / "app.py", root}});
    CHECK(plan.updates.empty());
    REQUIRE(plan.notes.size() == 1);
    CHECK(plan.notes[0].find("app.py") != std::string::npos);
    CHECK(plan.notes[0].find(kReq) != std::string::npos);

    // A requirement already present makes no update and no note.
    write_file(root / "requirements.txt", "defusedxml\n");
    auto met = plan_manifest_updates({{root / "app.py", {kReq}}}, {{root / "app.py", root}});
    CHECK(met.updates.empty());
    CHECK(met.notes.empty());

    // No requirements, nothing to do.
    auto none = plan_manifest_updates({{root / "app.py", {}}}, {{root / "app.py", root}});
    CHECK(none.updates.empty());
    CHECK(none.notes.empty());
}

TEST_CASE("plan: never searches above the stop directory", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    write_file(root / "requirements.txt", "requests\n");
    write_file(root / "proj" / "pkg" / "app.py", "");
    fs::path file = root / "proj" / "pkg" / "app.py";

    auto plan = plan_manifest_updates({{file, {kReq}}}, {{file, root / "proj"}});
    CHECK(plan.updates.empty());
    CHECK(plan.notes.size() == 1);

    // A trailing slash on the stop directory means the same.
    auto slash = plan_manifest_updates({{file, {kReq}}}, {{file, (root / "proj").string() + "/"}});
    CHECK(slash.updates.empty());
    CHECK(slash.notes.size() == 1);

    // The stop directory itself is searched.
    write_file(root / "proj" / "requirements.txt", "flask\n");
    auto at_stop = plan_manifest_updates({{file, {kReq}}}, {{file, root / "proj"}});
    REQUIRE(at_stop.updates.size() == 1);
    CHECK(same_file(at_stop.updates[0].path, root / "proj" / "requirements.txt"));

    // Without a stop directory only the file's own directory is searched.
    auto own = plan_manifest_updates({{file, {kReq}}}, {});
    CHECK(own.updates.empty());
    CHECK(own.notes.size() == 1);

    // A stop directory that is not an ancestor of the file does not widen the search.
    fs::create_directories(root / "elsewhere");
    auto unrelated = plan_manifest_updates({{file, {kReq}}}, {{file, root / "elsewhere"}});
    CHECK(unrelated.updates.empty());
}

// ---------------------------------------------------------------------------------------------
// nearest_manifests_declare: does the project already ship a package (WA301: Powertools)?

namespace {
const std::string kPowertools = "aws-lambda-powertools";
}

TEST_CASE("declare: requirements files name the package with any extras, version or spelling", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    fs::path file = root / "fn" / "handler.py";
    write_file(file, "");
    CHECK_FALSE(wafix::nearest_manifests_declare(file, root, kPowertools));  // no manifest at all

    for (const char* line : {"aws-lambda-powertools\n", "aws-lambda-powertools[tracer,parser]>=2.30,<4\n",
                             "AWS_Lambda_Powertools==3.4.1  # layer in prod\n", "aws.lambda.powertools ~= 3.0\n",
                             "requests\naws-lambda-powertools; python_version >= \"3.9\"\n"}) {
        write_file(root / "fn" / "requirements.txt", line);
        INFO(line);
        CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    }
    for (const char* line :
         {"requests\n", "# aws-lambda-powertools\n", "aws-lambda-powertools-extra>=1\n", "aws-lambda\n"}) {
        write_file(root / "fn" / "requirements.txt", line);
        INFO(line);
        CHECK_FALSE(wafix::nearest_manifests_declare(file, root, kPowertools));
    }

    // Any requirements*.txt of that directory counts (the layer stands in for a dev-only list),
    // and `-r` includes are followed relative to the including file.
    write_file(root / "fn" / "requirements-dev.txt", "pytest\naws-lambda-powertools>=3\n");
    CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    fs::remove(root / "fn" / "requirements-dev.txt");
    write_file(root / "shared" / "lambda.txt", "aws-lambda-powertools\n");
    write_file(root / "fn" / "requirements.txt", "requests\n-r ../shared/lambda.txt\n");
    CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    write_file(root / "fn" / "requirements.txt", "--requirement=../shared/lambda.txt\n");
    CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    write_file(root / "fn" / "requirements.txt", "-r requirements.txt\n");  // a loop ends
    CHECK_FALSE(wafix::nearest_manifests_declare(file, root, kPowertools));
}

TEST_CASE("declare: the nearest directory with a manifest decides, up to the stop directory", "[unit][manifest]") {
    TempDir tmp;
    const fs::path& root = tmp.path();
    fs::path file = root / "proj" / "functions" / "orders" / "handler.py";
    write_file(file, "");
    write_file(root / "requirements.txt", "aws-lambda-powertools\n");
    // Above the stop directory: not searched.
    CHECK_FALSE(wafix::nearest_manifests_declare(file, root / "proj", kPowertools));
    CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    CHECK(wafix::nearest_manifests_declare(file, root.string() + "/", kPowertools));
    // Without a stop directory only the file's own directory is searched.
    CHECK_FALSE(wafix::nearest_manifests_declare(file, fs::path(), kPowertools));
    // A nearer manifest without the package wins over a farther one with it.
    write_file(root / "proj" / "functions" / "orders" / "requirements.txt", "requests\n");
    CHECK_FALSE(wafix::nearest_manifests_declare(file, root, kPowertools));
    // A pyproject.toml that declares nothing (tool settings only) is no manifest: look further up.
    fs::remove(root / "proj" / "functions" / "orders" / "requirements.txt");
    write_file(root / "proj" / "functions" / "orders" / "pyproject.toml", "[tool.wafix]\nselect = [\"WA301\"]\n");
    CHECK(wafix::nearest_manifests_declare(file, root, kPowertools));
    CHECK(wafix::manifest_search_dirs(file, root).size() == 4);
    CHECK(wafix::manifest_search_dirs(file, root / "elsewhere").size() == 1);
}

TEST_CASE("declare: pyproject.toml dependency lists", "[unit][manifest]") {
    using wafix::pyproject_dependency_names;
    using V = std::vector<std::string>;
    CHECK(pyproject_dependency_names("[project]\nname = \"x\"\ndependencies = [\n  \"boto3>=1.34\",\n"
                                     "  \"aws-lambda-powertools[tracer]>=3\",\n]\n") ==
          V{"boto3", "aws-lambda-powertools"});
    CHECK(pyproject_dependency_names("[project]\ndependencies = []\n[project.optional-dependencies]\n"
                                     "lambda = [\"aws_lambda_powertools\"]\n") == V{"aws-lambda-powertools"});
    CHECK(pyproject_dependency_names("[dependency-groups]\ndev = [\"pytest\", {include-group = \"lint\"}]\n") ==
          V{"pytest"});
    CHECK(pyproject_dependency_names("[tool.poetry.dependencies]\npython = \"^3.12\"\n"
                                     "aws-lambda-powertools = {extras = [\"all\"], version = \"^3.0\"}\n") ==
          V{"aws-lambda-powertools"});
    CHECK(pyproject_dependency_names("[tool.poetry.group.dev.dependencies]\nAWS-Lambda-Powertools = \"*\"\n"
                                     "[tool.poetry.dev-dependencies]\nmoto = \"^5\"\n") ==
          V{"moto", "aws-lambda-powertools"});
    CHECK(pyproject_dependency_names("[tool.ruff]\nline-length = 100\n").empty());
    CHECK(pyproject_dependency_names("[project\ndependencies = [\"aws-lambda-powertools\"]\n").empty());  // invalid

    TempDir tmp;
    fs::path file = tmp.path() / "src" / "app.py";
    write_file(file, "");
    write_file(tmp.path() / "pyproject.toml",
               "[project]\ndependencies = [\"requests\"]\n"
               "[project.optional-dependencies]\nobs = [\"aws-lambda-powertools>=3\"]\n");
    CHECK(wafix::nearest_manifests_declare(file, tmp.path(), kPowertools));
    write_file(tmp.path() / "pyproject.toml", "[project]\ndependencies = [\"requests\"]\n");
    CHECK_FALSE(wafix::nearest_manifests_declare(file, tmp.path(), kPowertools));
}
