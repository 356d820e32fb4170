// The line length and quote style a project configures (issue 18): each file format, the walk up,
// and a fix laid out at that length, or quoted that way, instead of the file's apparent style.
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

TEST_CASE("quote styles from ruff, black and flake8-quotes", "[style]") {
    CHECK(pyproject_quote("[tool.ruff.format]\nquote-style = \"single\"\n") == '\'');
    CHECK(pyproject_quote("[tool.ruff.format]\nquote-style = \"double\"\n") == '"');
    CHECK(pyproject_quote("[tool.ruff.format]\nquote-style = \"preserve\"\n") == '\0');  // each file keeps its own
    CHECK(pyproject_quote("[tool.ruff.lint.flake8-quotes]\ninline-quotes = \"single\"\n") == '\'');
    CHECK(pyproject_quote("[tool.ruff.flake8-quotes]\ninline-quotes = \"single\"\n") == '\'');
    // ruff's formatter setting wins over black's table in the same file.
    CHECK(pyproject_quote("[tool.black]\n[tool.ruff.format]\nquote-style = \"single\"\n") == '\'');
    CHECK(pyproject_quote("[tool.black]\nline-length = 100\n") == '"');
    CHECK(pyproject_quote("[tool.black]\nskip-string-normalization = true\n") == '\0');
    CHECK_FALSE(pyproject_quote("[tool.ruff]\nline-length = 100\n"));
    CHECK_FALSE(pyproject_quote("[tool.ruff.format]\nquote-style = \"backtick\"\n"));
    CHECK_FALSE(pyproject_quote("[tool.ruff\nbroken"));
    CHECK(ini_quote("[flake8]\ninline-quotes = '\n") == '\'');
    CHECK(ini_quote("[flake8]\ninline-quotes = double\n") == '"');
    CHECK_FALSE(ini_quote("[isort]\ninline-quotes = single\n"));
}

TEST_CASE("line length and quote each come from the nearest file that sets them", "[style]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "app");
    write_file(tmp.path() / "pyproject.toml",
               "[tool.ruff]\nline-length = 100\n[tool.ruff.format]\nquote-style = \"single\"\n");
    write_file(tmp.path() / "app" / "setup.cfg", "[flake8]\nmax-line-length = 130\n");
    ProjectStyle style = project_style(tmp.path() / "app" / "h.py", tmp.path());
    CHECK(style.line_length == 130u);
    CHECK(style.quote == '\'');
    CHECK_FALSE(project_style(tmp.path() / "app" / "h.py", tmp.path() / "app").quote);
}

TEST_CASE("a project formatted with single quotes gets single-quoted construct ids", "[style][cli]") {
    TempDir tmp;
    // More double- than single-quoted strings: the file alone chooses double quotes.
    write_file(tmp.path() / "stack.py", R"(from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n


class UploadStack(Stack):
    def __init__(self, scope, construct_id, name):
        super().__init__(scope, construct_id)
        uploads = s3.Bucket(self, 'Uploads')
        fn = _lambda.Function(self, name, runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=_lambda.Code.from_asset("h"))
        uploads.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(fn))
)");
    std::string wafix = shell_quote(WAFIX_BINARY) + " diff --no-cache --select WA401 stack.py";
    auto plain = run(wafix, tmp.path());
    INFO(plain.out << plain.err);
    CHECK(plain.out.find("name + \"Dlq\"") != std::string::npos);
    write_file(tmp.path() / "pyproject.toml", "[tool.ruff.format]\nquote-style = \"single\"\n");
    auto single = run(wafix, tmp.path());
    INFO(single.out << single.err);
    CHECK(single.out.find("name + 'Dlq'") != std::string::npos);
}
