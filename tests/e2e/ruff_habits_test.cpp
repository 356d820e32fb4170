// The flags and messages ruff users expect (docs/coming-from-ruff.md): check --fix/--diff,
// --exit-zero, --output-format, --show-fixes, --config, --add-noqa, unknown commands and options,
// shell completion and the man page generated from the CLI definition.
#include <catch2/catch.hpp>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }
CommandResult run_wafix(const std::string& args, const fs::path& cwd) { return run(wafix_cmd() + " " + args, cwd); }
bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

const char* kXml =
    "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n"
    "    return ET.fromstring(event[\"body\"]).tag\n";
const char* kHttp = "import requests\n\nrequests.get(\"https://example.com\")  # fetch it\n";

}  // namespace

TEST_CASE("unknown commands and options get a message that helps", "[cli][ruff]") {
    TempDir tmp;
    auto r = run_wafix("frobnicate", tmp.path());
    CHECK(r.status == 2);
    CHECK(r.err == "wafix: error: unknown command 'frobnicate' (see wafix --help)\n");
    // A directory of that name is a path, as `wafix PATH` always was.
    write_file(tmp.path() / "frobnicate" / "a.py", kXml);
    CHECK(run_wafix("frobnicate", tmp.path()).status == 1);

    auto typo = run_wafix("check --selct WA101 .", tmp.path());
    CHECK(typo.status == 2);
    CHECK(has(typo.err, "unknown option '--selct'; did you mean '--select'? (see wafix check --help)"));
    auto prefix = run_wafix("diff --unsafe .", tmp.path());
    CHECK(has(prefix.err, "did you mean '--unsafe-fixes'?"));
    auto far = run_wafix("check --zzzzzzzzzz .", tmp.path());
    CHECK(has(far.err, "unknown option '--zzzzzzzzzz' (see wafix check --help)"));
}

TEST_CASE("check --fix, --diff, --exit-zero, --output-format and --show-fixes", "[cli][ruff]") {
    TempDir tmp;
    write_file(tmp.path() / "p" / "h.py", kXml);
    CHECK(run_wafix("check --output-format json p/h.py", tmp.path()).out ==
          run_wafix("check --format json p/h.py", tmp.path()).out);
    CHECK(run_wafix("check p/h.py", tmp.path()).status == 1);
    CHECK(run_wafix("check --exit-zero p/h.py", tmp.path()).status == 0);
    CHECK(run_wafix("check --exit-zero p/missing.py", tmp.path()).status == 2);  // errors still fail
    auto shown = run_wafix("check --show-fixes p/h.py", tmp.path());
    CHECK(has(shown.out, "wafix: 1 finding fixable with `wafix check --fix`:\n  WA101 xml-external-entities"));

    auto as_diff = run_wafix("check --diff p/h.py", tmp.path());
    CHECK(as_diff.status == 1);
    CHECK(as_diff.out == run_wafix("diff p/h.py", tmp.path()).out);
    CHECK(read_file(tmp.path() / "p" / "h.py") == kXml);

    auto fixed = run_wafix("check --fix p/h.py", tmp.path());
    INFO(fixed.out << fixed.err);
    CHECK(fixed.status == 0);
    CHECK(has(fixed.out, "wafix: fixed 1 finding in 1 file"));
    CHECK(has(read_file(tmp.path() / "p" / "h.py"), "import defusedxml.ElementTree as ET"));
}

TEST_CASE("a --config FILE governs every file instead of the nearest configuration", "[cli][ruff]") {
    TempDir tmp;
    write_file(tmp.path() / "p" / "pyproject.toml", "[tool.wafix]\nselect = [\"WA101\"]\n");
    write_file(tmp.path() / "p" / "a.py", std::string(kXml) + kHttp);
    write_file(tmp.path() / "elsewhere" / "wafix.toml", "select = [\"WA201\"]\n");
    auto nearest = run_wafix("check --no-cache p", tmp.path());
    CHECK(has(nearest.out, "WA101"));
    CHECK_FALSE(has(nearest.out, "WA201"));
    auto chosen = run_wafix("check --no-cache --config elsewhere/wafix.toml p", tmp.path());
    CHECK(has(chosen.out, "WA201"));
    CHECK_FALSE(has(chosen.out, "WA101"));
    write_file(tmp.path() / "empty" / "pyproject.toml", "[project]\nname = \"x\"\n");
    auto none = run_wafix("check --config empty/pyproject.toml p", tmp.path());
    CHECK(none.status == 2);
    CHECK(has(none.err, "has no [tool.wafix] table"));
    CHECK(run_wafix("check --config missing.toml p", tmp.path()).status == 2);
}

TEST_CASE("check --add-noqa silences each finding on its line and keeps the file valid", "[cli][ruff]") {
    TempDir tmp;
    const std::string src = std::string(kXml) + kHttp + "DOC = \"\"\"text\n" + "requests.get(u)\n\"\"\"\n" +
                            "requests.post(\"\"\"https://example.com/\n\"\"\")\n" +
                            "requests.get(\"v\", \\\n    params=None)\n";
    write_file(tmp.path() / "a.py", src);
    auto added = run_wafix("check --no-cache --add-noqa a.py", tmp.path());
    INFO(added.out << added.err);
    CHECK(added.status == 0);
    std::string after = read_file(tmp.path() / "a.py");
    CHECK(has(after, "    return ET.fromstring(event[\"body\"]).tag  # wafix: ignore[WA101]\n"));
    CHECK(has(after, "requests.get(\"https://example.com\")  # fetch it  # wafix: ignore[WA201,WA202]\n"));
    CHECK(has(after, "DOC = \"\"\"text\nrequests.get(u)\n\"\"\"\n"));  // strings untouched
    CHECK(run("/usr/bin/python3 -c \"import ast,sys; ast.parse(open('a.py').read())\"", tmp.path()).status == 0);
    auto again = run_wafix("check --no-cache a.py", tmp.path());
    INFO(again.out);
    // Left alone: a line that ends inside a string, and one that ends with a continuation.
    CHECK(has(added.err, "a.py:12: no comment added"));
    CHECK(has(added.err, "a.py:14: no comment added"));
    CHECK(has(again.out, "a.py:12:"));
    CHECK(has(again.out, "a.py:14:"));
    CHECK_FALSE(has(again.out, "a.py:5:"));
    CHECK_FALSE(has(again.out, "a.py:8:"));
}

TEST_CASE("shell completion and the man page come from the CLI definition", "[cli][ruff]") {
    TempDir tmp;
    auto bash = run_wafix("generate-shell-completion bash", tmp.path());
    REQUIRE(bash.status == 0);
    write_file(tmp.path() / "c.bash", bash.out);
    auto complete = [&](const std::string& words, int cword) {
        return run("bash -c " + shell_quote(". ./c.bash; COMP_WORDS=(" + words + "); COMP_CWORD=" +
                                            std::to_string(cword) + "; _wafix; printf '%s\\n' \"${COMPREPLY[@]}\""),
                   tmp.path())
            .out;
    };
    CHECK(complete("wafix ch", 1) == "check\n");
    CHECK(has(complete("wafix check --add", 2), "--add-noqa\n"));
    CHECK(has(complete("wafix check --output", 2), "--output-format\n"));
    CHECK(has(complete("wafix diff --sel", 2), "--select\n"));

    auto zsh = run_wafix("generate-shell-completion zsh", tmp.path());
    CHECK(zsh.out.rfind("#compdef wafix\n", 0) == 0);
    CHECK(has(zsh.out, "'--exit-zero[Exit 0 even when there are findings or fixes pending (errors\\: 2)]'"));
    auto fish = run_wafix("generate-shell-completion fish", tmp.path());
    CHECK(has(fish.out, "complete -c wafix -n '__fish_seen_subcommand_from check' -l show-fixes"));
    CHECK(run_wafix("generate-shell-completion tcsh", tmp.path()).status == 2);

    auto man = run_wafix("generate-man-page", tmp.path());
    REQUIRE(man.status == 0);
    CHECK(man.out.rfind(".TH WAFIX 1 ", 0) == 0);
    for (const char* c : {"diff", "fix", "check", "report", "rules", "pr"})
        CHECK(has(man.out, std::string(".B ") + c + "\n"));
    CHECK(has(man.out, "\\fB\\-\\-output\\-format\\fR"));
    if (run("command -v groff").status == 0) {
        write_file(tmp.path() / "wafix.1", man.out);
        auto text = run("groff -man -Tascii -P-cbou -ww wafix.1", tmp.path());
        CHECK(text.status == 0);
        CHECK(text.err.empty());
        CHECK(has(text.out, "--add-noqa"));
    }
}
