// Documentation that shows source lines by number (issue 18 item 4): which references are read,
// the line each depends on, how targets resolve, and that a fix moving such lines is withheld
// while one that keeps them lands.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "wafix/app/doc_references.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {
std::vector<std::pair<std::string, uint32_t>> refs(const std::string& text, bool rst) {
    std::vector<std::pair<std::string, uint32_t>> out;
    for (const auto& r : line_references(text, rst)) out.emplace_back(r.target, r.last_line);
    return out;
}
using Refs = std::vector<std::pair<std::string, uint32_t>>;
}  // namespace

TEST_CASE("Sphinx literalinclude options pin the lines they name", "[docs]") {
    CHECK(refs(".. literalinclude:: ../src/app.py\n   :lines: 3-9,12\n   :linenos:\n", true) ==
          Refs{{"../src/app.py", 12}});
    // emphasize-lines count from the first line shown.
    CHECK(refs(".. literalinclude:: app.py\n   :lines: 10-20\n   :emphasize-lines: 2,4\n", true) ==
          Refs{{"app.py", 20}});
    CHECK(refs(".. literalinclude:: app.py\n   :emphasize-lines: 7\n", true) == Refs{{"app.py", 7}});
    CHECK(refs(".. literalinclude:: app.py\n   :start-line: 4\n", true) == Refs{{"app.py", 5}});
    // By content, or the whole file: nothing is pinned.
    CHECK(refs(".. literalinclude:: app.py\n   :pyobject: handler\n", true).empty());
    CHECK(refs(".. literalinclude:: app.py\n\nText.\n", true).empty());
    // MyST's fenced directive in Markdown.
    CHECK(refs("```{literalinclude} app.py\n:lines: 2-6\n```\n", false) == Refs{{"app.py", 6}});
}

TEST_CASE("MkDocs snippets and hl_lines pin the lines they show", "[docs]") {
    CHECK(refs("--8<-- \"docs_src/app.py:3:9\"\n", false) == Refs{{"docs_src/app.py", 9}});
    CHECK(refs("--8<-- 'docs_src/app.py::4'\n", false) == Refs{{"docs_src/app.py", 4}});
    CHECK(refs("--8<-- \"docs_src/app.py:handler\"\n", false).empty());  // a section, by content
    CHECK(refs("--8<--\ndocs_src/a.py:2:5\ndocs_src/b.py\n--8<--\n", false) == Refs{{"docs_src/a.py", 5}});
    // hl_lines of a fence are lines of the included part.
    CHECK(refs("```python hl_lines=\"2 4-6\"\n--8<-- \"app.py\"\n```\n", false) == Refs{{"app.py", 6}});
    CHECK(refs("```python hl_lines=\"2\"\n--8<-- \"app.py:10:20\"\n```\n", false) == Refs{{"app.py", 20}});
    CHECK(refs("    ```Python hl_lines=\"3\"\n    {!../../docs_src/tut.py!}\n    ```\n", false) ==
          Refs{{"../../docs_src/tut.py", 3}});
    CHECK(refs("{* ../../docs_src/tut.py hl[5,8:9] *}\n", false) == Refs{{"../../docs_src/tut.py", 9}});
    // A fence without an inclusion highlights its own text; a plain inclusion pins nothing.
    CHECK(refs("```python hl_lines=\"2\"\nimport os\nprint(1)\n```\n", false).empty());
    CHECK(refs("--8<-- \"app.py\"\n", false).empty());
}

TEST_CASE("targets resolve beside the page, then from the mkdocs.yml or conf.py folder", "[docs]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "docs" / "guide");
    fs::create_directories(tmp.path() / "docs_src");
    write_file(tmp.path() / "mkdocs.yml", "site_name: x\n");
    write_file(tmp.path() / "docs_src" / "app.py", "x = 1\n");
    write_file(tmp.path() / "docs" / "guide" / "page.md", "intro\n\n--8<-- \"docs_src/app.py:1:3\"\n");
    write_file(tmp.path() / "docs" / "guide" / "missing.md", "--8<-- \"docs_src/gone.py:1:3\"\n");
    auto pins = pinned_lines({tmp.path() / "docs" / "guide" / "page.md", tmp.path() / "docs" / "guide" / "missing.md"});
    REQUIRE(pins.size() == 1);
    const auto& [file, pin] = *pins.begin();
    CHECK(file == (tmp.path() / "docs_src" / "app.py").lexically_normal());
    CHECK(pin.last_line == 3);
    CHECK(pin.by.ends_with("docs/guide/page.md:3"));
}

TEST_CASE("a fix that would move lines a page shows is withheld, one on the same line lands", "[docs][cli]") {
    TempDir tmp;
    fs::create_directories(tmp.path() / "docs");
    fs::create_directories(tmp.path() / "docs_src");
    // WA101 swaps the import in place (same line count); WA201 adds timeout= on the same line.
    write_file(tmp.path() / "docs_src" / "tutorial.py",
               "import xml.etree.ElementTree as ET\nimport requests\n\n\ndef handler(event, context):\n"
               "    tree = ET.fromstring(event[\"body\"])\n    r = requests.get(\"https://example.com\", "
               "timeout=5)\n    return tree.tag, r.json()\n");
    write_file(tmp.path() / "docs" / "tutorial.md",
               "# Tutorial\n\n```python hl_lines=\"8\"\n--8<-- \"docs_src/tutorial.py\"\n```\n");
    write_file(tmp.path() / "mkdocs.yml", "site_name: x\n");
    std::string wafix = shell_quote(WAFIX_BINARY) + " diff --no-cache ";
    auto pinned = run(wafix + ". 2>&1", tmp.path());
    INFO(pinned.out);
    // WA202's raise_for_status() would add line 8 above the highlighted line: withheld, named.
    CHECK(pinned.out.find("docs/tutorial.md:4 shows this file's lines by number (up to line 8)") != std::string::npos);
    CHECK(pinned.out.find("+    r.raise_for_status()") == std::string::npos);
    CHECK(pinned.out.find("+import defusedxml.ElementTree as ET") != std::string::npos);

    // Without the page, the same fixes all land.
    fs::remove(tmp.path() / "docs" / "tutorial.md");
    auto free = run(wafix + ". 2>&1", tmp.path());
    INFO(free.out);
    CHECK(free.out.find("+    r.raise_for_status()") != std::string::npos);

    // exclude-docs leaves documentation trees alone wholesale.
    write_file(tmp.path() / "pyproject.toml", "[tool.wafix]\nexclude-docs = true\n");
    fs::rename(tmp.path() / "docs_src", tmp.path() / "examples");
    auto excluded = run(wafix + ". 2>&1", tmp.path());
    INFO(excluded.out);
    CHECK(excluded.out.find("examples/tutorial.py") == std::string::npos);
    CHECK(excluded.status == 0);
}
