// The line length a project configures (issue 18): each file format, the walk up, and a fix laid
// out at that length instead of the file's apparent one.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "wafix/app/style_config.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

TEST_CASE("line lengths from pyproject, flake8 sections and editorconfig", "[style]") {
    CHECK(pyproject_line_length("[tool.ruff]\nline-length = 150\n") == 150u);
    CHECK(pyproject_line_length("[tool.black]\nline-length = 100\n") == 100u);
    CHECK(pyproject_line_length("[tool.ruff]\nline-length = 120\n[tool.black]\nline-length = 100\n") == 120u);
    CHECK_FALSE(pyproject_line_length("[project]\nname = 'x'\n"));
    CHECK_FALSE(pyproject_line_length("[tool.ruff\nbroken"));
    CHECK_FALSE(pyproject_line_length("[tool.ruff]\nline-length = 5\n"));  // not plausible
    CHECK(ini_line_length("[metadata]\nname = x\n[flake8]\nmax-line-length = 119\n", "flake8", "max-line-length") ==
          119u);
    CHECK_FALSE(ini_line_length("[pycodestyle]\nmax-line-length = 119\n", "flake8", "max-line-length"));
    CHECK(editorconfig_line_length("root = true\n[*]\nmax_line_length = 100\n[*.py]\nmax_line_length = 120\n") == 120u);
    CHECK_FALSE(editorconfig_line_length("[*.js]\nmax_line_length = 100\n"));
    CHECK_FALSE(editorconfig_line_length("[*]\nmax_line_length = off\n"));
}

TEST_CASE("the nearest configuration up to the stop folder wins", "[style]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "app" / "functions");
    write_file(tmp.path() / "pyproject.toml", "[tool.black]\nline-length = 100\n");
    write_file(tmp.path() / "app" / "setup.cfg", "[flake8]\nmax-line-length = 130\n");
    CHECK(project_line_length(tmp.path() / "app" / "functions" / "h.py", tmp.path()) == 130u);
    CHECK(project_line_length(tmp.path() / "h.py", tmp.path()) == 100u);
    // The walk stops at the stop folder: a configuration above it belongs to another project.
    CHECK_FALSE(project_line_length(tmp.path() / "app" / "functions" / "h.py", tmp.path() / "app" / "functions"));
}

TEST_CASE("a 150-column project keeps a long call on one line", "[style][cli]") {
    TempDir tmp;
    std::string call = "    return requests.get(f\"{base_url}/suppliers/{supplier_id}/catalogue\", headers=headers)\n";
    write_file(tmp.path() / "h.py", "import requests\n\n\ndef fetch(base_url, supplier_id, headers):\n" + call);
    std::string wafix = shell_quote(WAFIX_BINARY);
    auto narrow = run(wafix + " diff --no-cache --select WA201 --http-timeout-style literal h.py", tmp.path());
    CHECK(narrow.out.find("+        timeout=10,\n") != std::string::npos);  // split at the apparent 88
    write_file(tmp.path() / "pyproject.toml", "[tool.ruff]\nline-length = 150\n");
    auto wide = run(wafix + " diff --no-cache --select WA201 --http-timeout-style literal h.py", tmp.path());
    INFO(wide.out << wide.err);
    CHECK(wide.out.find("headers=headers, timeout=10)\n") != std::string::npos);
}
