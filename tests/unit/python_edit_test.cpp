// python_edit: layout-preserving edits (arguments, imports) and the import planner.
#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/applier.hpp"
#include "wafix/core/python_edit.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"

using wafix::apply_edits;
using wafix::Edit;
using wafix::ImportPlanner;
using wafix::Node;
using wafix::Parser;
using wafix::SemanticModel;
using wafix::Tree;

namespace {

const std::string kNone = "<nullopt>";

struct Parsed {
    Tree tree;
    explicit Parsed(std::string source) : tree(Parser().parse(std::move(source))) {}
    std::string_view text() const { return tree.source(); }

    // The first node of `type` in document order (whose text starts with `prefix`).
    Node first(std::string_view type, std::string_view prefix = "") const {
        Node found;
        std::function<bool(Node)> rec = [&](Node n) {
            if (n.is(type) && n.text().substr(0, prefix.size()) == prefix) {
                found = n;
                return true;
            }
            for (const Node& c : n.children())
                if (rec(c)) return true;
            return false;
        };
        rec(tree.root());
        REQUIRE(found);
        return found;
    }
};

// The text after adding `kw` to the first call of `source`, or kNone.
std::string add_kw(const std::string& source, const std::string& kw = "timeout=30", const std::string& eol = "\n") {
    Parsed p(source);
    REQUIRE_FALSE(p.tree.has_error());
    auto edits = wafix::add_keyword_argument(p.text(), eol, p.first("call"), kw);
    if (!edits) return kNone;
    std::string out = apply_edits(p.text(), *edits);
    // The result must still parse.
    CHECK_FALSE(Parser().parse(out).has_error());
    return out;
}

// The text after removing the named items from the first import statement of `source`.
std::string remove_items(const std::string& source, const std::vector<std::string>& names) {
    Parsed p(source);
    REQUIRE_FALSE(p.tree.has_error());
    Node stmt = p.tree.root().named_child(0);
    REQUIRE((stmt.is("import_statement") || stmt.is("import_from_statement")));
    std::vector<Node> items;
    for (const Node& item : stmt.children_by_field("name"))
        for (const auto& name : names)
            if (item.text() == name) items.push_back(item);
    REQUIRE(items.size() == names.size());
    auto edits = wafix::remove_import_items(p.text(), stmt, items);
    if (edits.empty()) return kNone;
    std::string out = apply_edits(p.text(), edits);
    CHECK_FALSE(Parser().parse(out).has_error());
    return out;
}

// The statement top_import_block_end returns, as text (kNone when null).
std::string block_end(const std::string& source) {
    Parsed p(source);
    Node n = wafix::top_import_block_end(p.tree.root());
    return n ? std::string(n.text()) : kNone;
}

}  // namespace

TEST_CASE("add_keyword_argument on one-line calls", "[unit][python_edit]") {
    CHECK(add_kw("f()\n") == "f(timeout=30)\n");
    CHECK(add_kw("f(a)\n") == "f(a, timeout=30)\n");
    CHECK(add_kw("f(a,)\n") == "f(a, timeout=30)\n");
    CHECK(add_kw("f(a, b=1)\n") == "f(a, b=1, timeout=30)\n");
    CHECK(add_kw("x = obj.method(a, *rest)\n") == "x = obj.method(a, *rest, timeout=30)\n");
    CHECK(add_kw("f(g(a))\n") == "f(g(a), timeout=30)\n");
    // A bare generator argument cannot take another argument.
    CHECK(add_kw("f(x for x in y)\n") == kNone);
}

TEST_CASE("add_keyword_argument on calls with one argument per line", "[unit][python_edit]") {
    SECTION("without a trailing comma") {
        CHECK(add_kw("f(\n    a,\n    b\n)\n") == "f(\n    a,\n    b,\n    timeout=30\n)\n");
    }
    SECTION("with a trailing comma") {
        CHECK(add_kw("f(\n    a,\n    b,\n)\n") == "f(\n    a,\n    b,\n    timeout=30,\n)\n");
    }
    SECTION("a trailing comment after the last argument") {
        CHECK(add_kw("f(\n    a,\n    b  # why\n)\n") == "f(\n    a,\n    b,  # why\n    timeout=30\n)\n");
        CHECK(add_kw("f(\n    a,\n    b,  # why\n)\n") == "f(\n    a,\n    b,  # why\n    timeout=30,\n)\n");
    }
    SECTION("the last argument shares its line with the closing parenthesis") {
        CHECK(add_kw("f(\n    a,\n    b)\n") == "f(\n    a,\n    b,\n    timeout=30)\n");
    }
    SECTION("the first argument on the line of the opening parenthesis") {
        CHECK(add_kw("f(a,\n  b)\n") == "f(a,\n  b,\n  timeout=30)\n");
    }
    SECTION("indented, and the last argument spans lines") {
        CHECK(
            add_kw("def h():\n    return f(\n        a,\n        g(\n            x\n        )\n    )\n") ==
            "def h():\n    return f(\n        a,\n        g(\n            x\n        ),\n        timeout=30\n    )\n");
    }
    SECTION("CRLF line endings") {
        CHECK(add_kw("f(\r\n    a\r\n)\r\n", "timeout=30", "\r\n") == "f(\r\n    a,\r\n    timeout=30\r\n)\r\n");
        CHECK(add_kw("f(\r\n    a,  # c\r\n)\r\n", "timeout=30", "\r\n") ==
              "f(\r\n    a,  # c\r\n    timeout=30,\r\n)\r\n");
    }
    SECTION("several arguments share the last line") {
        CHECK(add_kw("f(\n    a, b\n)\n") == "f(\n    a, b, timeout=30\n)\n");
        CHECK(add_kw("f(\n    a, b,\n)\n") == "f(\n    a, b, timeout=30,\n)\n");
    }
    SECTION("an empty multi-line call") { CHECK(add_kw("f(\n)\n") == "f(timeout=30\n)\n"); }
}

TEST_CASE("add_keyword_argument splits a one-line call that would grow past the line limit", "[unit][python_edit]") {
    auto add = [](const std::string& source, uint32_t limit) {
        Parsed p(source);
        auto edits = wafix::add_keyword_argument(p.text(), "\n", p.first("call"), "timeout=30", limit);
        REQUIRE(edits);
        std::string out = apply_edits(p.text(), *edits);
        CHECK_FALSE(Parser().parse(out).has_error());
        return out;
    };
    // "f(a)" is 4 wide; ", timeout=30" makes it 16.
    CHECK(add("f(a)\n", 16) == "f(a, timeout=30)\n");
    CHECK(add("f(a)\n", 15) == "f(\n    a,\n    timeout=30,\n)\n");
    CHECK(add("f(a)\n", 0) == "f(a, timeout=30)\n");  // no limit
    CHECK(add("x = some_function(argument_one, key=2,)\n", 40) ==
          "x = some_function(\n    argument_one,\n    key=2,\n    timeout=30,\n)\n");
    CHECK(add("def h():\n    return g(aaa, bbb)\n", 20) ==
          "def h():\n    return g(\n        aaa,\n        bbb,\n        timeout=30,\n    )\n");
    CHECK(add("def h():\n\treturn g(aaa)\n", 20) == "def h():\n\treturn g(\n\t\taaa,\n\t\ttimeout=30,\n\t)\n");
    // A call that already spans lines keeps its layout.
    CHECK(add("f(\n    a,\n)\n", 5) == "f(\n    a,\n    timeout=30,\n)\n");

    CHECK(wafix::apparent_line_limit("") == 79);
    CHECK(wafix::apparent_line_limit(std::string(79, 'x') + "\n") == 79);
    CHECK(wafix::apparent_line_limit(std::string(80, 'x') + "\n") == 88);
    CHECK(wafix::apparent_line_limit("short\n" + std::string(100, 'x') + "\r\nshort\n") == 120);
    CHECK(wafix::apparent_line_limit(std::string(130, 'x')) == 130);
    // Code points, not bytes: 80 two-byte characters are 80 wide.
    std::string wide;
    for (int i = 0; i < 80; ++i) wide += "\xC3\xA9";
    CHECK(wafix::apparent_line_limit("s = '" + wide + "'\n") == 88);
}

TEST_CASE("call_arguments, keyword_argument and has_splat_arguments", "[unit][python_edit]") {
    Parsed p("f(a, # c\n  key=1, *rest)\n");
    Node call = p.first("call");
    auto args = wafix::call_arguments(call);
    REQUIRE(args.size() == 3);
    CHECK(args[0].text() == "a");
    CHECK(args[1].text() == "key=1");
    CHECK(wafix::keyword_argument(call, "key").text() == "key=1");
    CHECK(wafix::keyword_argument(call, "other").is_null());
    CHECK(wafix::has_splat_arguments(call));
    CHECK_FALSE(wafix::has_splat_arguments(Parsed("g(a, b=2)\n").first("call")));
}

TEST_CASE("remove_import_items on a one-line list", "[unit][python_edit]") {
    const std::string src = "from m import a, b, c\n";
    CHECK(remove_items(src, {"b"}) == "from m import a, c\n");
    CHECK(remove_items(src, {"a"}) == "from m import b, c\n");
    CHECK(remove_items(src, {"c"}) == "from m import a, b\n");
    CHECK(remove_items(src, {"a", "b"}) == "from m import c\n");
    CHECK(remove_items(src, {"a", "c"}) == "from m import b\n");
    CHECK(remove_items(src, {"b", "c"}) == "from m import a\n");
    // Removing every name is the caller's job (replace the statement).
    CHECK(remove_items(src, {"a", "b", "c"}) == kNone);
    CHECK(remove_items("import os, sys\n", {"os"}) == "import sys\n");
    CHECK(remove_items("import os, sys\n", {"sys"}) == "import os\n");
    CHECK(remove_items("from m import a as x, b as y\n", {"a as x"}) == "from m import b as y\n");
    CHECK(remove_items("from m import (a, b, c)\n", {"c"}) == "from m import (a, b)\n");
}

TEST_CASE("remove_import_items on a parenthesised list, one name per line", "[unit][python_edit]") {
    const std::string src = "from m import (\n    a,\n    b,  # why b\n    c,\n)\nx = 1\n";
    CHECK(remove_items(src, {"b"}) == "from m import (\n    a,\n    c,\n)\nx = 1\n");
    CHECK(remove_items(src, {"a"}) == "from m import (\n    b,  # why b\n    c,\n)\nx = 1\n");
    CHECK(remove_items(src, {"c"}) == "from m import (\n    a,\n    b,  # why b\n)\nx = 1\n");
    CHECK(remove_items(src, {"a", "b"}) == "from m import (\n    c,\n)\nx = 1\n");
    CHECK(remove_items(src, {"a", "c"}) == "from m import (\n    b,  # why b\n)\nx = 1\n");

    // Without a trailing comma, the last name's line goes and the new last name keeps its comma.
    const std::string no_comma = "from m import (\n    a,\n    b,\n    c\n)\n";
    CHECK(remove_items(no_comma, {"c"}) == "from m import (\n    a,\n    b,\n)\n");
    CHECK(remove_items(no_comma, {"b"}) == "from m import (\n    a,\n    c\n)\n");

    // CRLF lines are removed with their terminators.
    CHECK(remove_items("from m import (\r\n    a,\r\n    b,\r\n)\r\n", {"a"}) == "from m import (\r\n    b,\r\n)\r\n");
}

TEST_CASE("top_import_block_end", "[unit][python_edit]") {
    CHECK(block_end("\"\"\"Doc.\"\"\"\n"
                    "from __future__ import annotations\n"
                    "import os\n"
                    "try:\n"
                    "    import json\n"
                    "except ImportError:\n"
                    "    json = None\n"
                    "\n"
                    "x = 1\n"
                    "import late\n") == "try:\n    import json\nexcept ImportError:\n    json = None");
    CHECK(block_end("#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\n# comment\nimport os\nimport sys\n\ndef f(): pass\n") ==
          "import sys");
    CHECK(block_end("from __future__ import annotations\n\nVALUE = 1\n") == "from __future__ import annotations");
    CHECK(block_end(
              "import sys\nif sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli as tomllib\n"
              "print(1)\n") ==
          "if sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli as tomllib");
    // A try that does more than import ends the block before it.
    CHECK(block_end("import os\ntry:\n    import a\n    setup()\nexcept ImportError:\n    pass\n") == "import os");
    // No imports at the top.
    CHECK(block_end("\"\"\"Only a docstring.\"\"\"\nx = 1\n") == kNone);
    CHECK(block_end("x = 1\nimport os\n") == kNone);
    CHECK(block_end("") == kNone);
    // Module dunders may precede the imports; other assignments end the block.
    CHECK(block_end("\"\"\"Doc.\"\"\"\n__all__ = [\"f\"]\n__version__ = \"1.0\"\nimport os\nx = 1\n") == "import os");
    CHECK(block_end("VERSION = \"1.0\"\nimport os\n") == kNone);
    CHECK(block_end("__all__ = []\n") == kNone);
    // A string that is not the first statement is not a docstring.
    CHECK(block_end("import os\n\"\"\"not a docstring\"\"\"\nimport sys\n") == "import os");
}

TEST_CASE("insert_line_after and insert_line_before keep indentation", "[unit][python_edit]") {
    Parsed p("def f():\n    x = 1\n    return x\n");
    Node assign = p.first("expression_statement", "x = 1");
    Edit after = wafix::insert_line_after(p.text(), "\n", assign, "y = 2");
    CHECK(apply_edits(p.text(), {after}) == "def f():\n    x = 1\n    y = 2\n    return x\n");
    Edit before = wafix::insert_line_before(p.text(), "\n", assign, "w = 0");
    CHECK(apply_edits(p.text(), {before}) == "def f():\n    w = 0\n    x = 1\n    return x\n");

    Parsed last("import os");
    Edit e = wafix::insert_line_after(last.text(), "\n", last.tree.root().named_child(0), "import sys");
    CHECK(apply_edits(last.text(), {e}) == "import os\nimport sys");
}

namespace {

struct Planned {
    Tree tree;
    SemanticModel model;
    ImportPlanner planner;
    explicit Planned(std::string source, std::string eol = "\n")
        : tree(Parser().parse(std::move(source))), model(tree), planner(tree, model, std::move(eol)) {}
    std::string apply(const std::vector<Edit>& edits) const { return apply_edits(tree.source(), edits); }
};

}  // namespace

TEST_CASE("ImportPlanner::module reuses an existing import", "[unit][python_edit]") {
    SECTION("import m") {
        Planned p("import m\nm.f()\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(a->expr == "m");
        CHECK(a->edits.empty());
    }
    SECTION("import m as x") {
        Planned p("import m as x\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(a->expr == "x");
        CHECK(a->edits.empty());
    }
    SECTION("from p import m") {
        Planned p("from p import m\n");
        auto a = p.planner.module("p.m");
        REQUIRE(a);
        CHECK(a->expr == "m");
        CHECK(a->edits.empty());
    }
    SECTION("a dotted module, aliased or not") {
        Planned aliased("import xml.etree.ElementTree as ET\n");
        auto a = aliased.planner.module("xml.etree.ElementTree");
        REQUIRE(a);
        CHECK(a->expr == "ET");
        CHECK(a->edits.empty());

        Planned plain("import os\nimport xml.etree.ElementTree\n");
        auto b = plain.planner.module("xml.etree.ElementTree");
        REQUIRE(b);
        CHECK(b->expr == "xml.etree.ElementTree");
        CHECK(b->edits.empty());
    }
    SECTION("existing_name finds a from-import") {
        Planned p("from defusedxml import ElementTree as DET\n");
        CHECK(p.planner.existing_name("defusedxml", "ElementTree") == std::optional<std::string>("DET"));
        CHECK(p.planner.existing_name("defusedxml", "minidom") == std::nullopt);
    }
}

TEST_CASE("ImportPlanner::module adds one import line, once", "[unit][python_edit]") {
    SECTION("after the top import block") {
        Planned p("\"\"\"Doc.\"\"\"\nimport os\n\nx = 1\n");
        auto a = p.planner.module("defusedxml");
        REQUIRE(a);
        CHECK(a->expr == "defusedxml");
        CHECK(p.apply(a->edits) == "\"\"\"Doc.\"\"\"\nimport os\nimport defusedxml\n\nx = 1\n");
        // Asked again, the same edit: the applier merges the two.
        auto again = p.planner.module("defusedxml");
        REQUIRE(again);
        CHECK(again->edits == a->edits);
        wafix::Fix f1, f2;
        f1.edits = a->edits;
        f2.edits = again->edits;
        auto r = wafix::apply_fixes(p.tree.source(), {f1, f2});
        CHECK(r.applied.size() == 2);
        CHECK(r.text == "\"\"\"Doc.\"\"\"\nimport os\nimport defusedxml\n\nx = 1\n");
    }
    SECTION("after a docstring when there is no import, a blank line between") {
        Planned p("\"\"\"Doc.\"\"\"\nx = 1\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) == "\"\"\"Doc.\"\"\"\n\nimport m\nx = 1\n");

        Planned only("\"\"\"Doc.\"\"\"");
        auto b = only.planner.module("m");
        REQUIRE(b);
        CHECK(only.apply(b->edits) == "\"\"\"Doc.\"\"\"\n\nimport m");
    }
    SECTION("before the first statement, after header comments, a blank line before the code") {
        Planned p("# header\nx = 1\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) == "# header\nimport m\n\nx = 1\n");
    }
    SECTION("after module dunders that precede the imports") {
        Planned p("\"\"\"Doc.\"\"\"\n__all__ = [\"f\"]\n__version__ = \"1\"\nimport os\n\nx = 1\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) ==
              "\"\"\"Doc.\"\"\"\n__all__ = [\"f\"]\n__version__ = \"1\"\nimport os\nimport m\n\nx = 1\n");
    }
    SECTION("in an empty module") {
        Planned p("");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) == "import m\n");
    }
    SECTION("CRLF and no final newline") {
        Planned p("import os", "\r\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) == "import os\r\nimport m");
    }
    SECTION("an import only under TYPE_CHECKING does not count") {
        Planned p("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import m\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(a->expr == "m");
        CHECK(p.apply(a->edits) == "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import m\nimport m\n");
    }
    SECTION("an import inside a function does not count") {
        Planned p("import os\n\ndef f():\n    import m\n    return m\n");
        auto a = p.planner.module("m");
        REQUIRE(a);
        CHECK(p.apply(a->edits) == "import os\nimport m\n\ndef f():\n    import m\n    return m\n");
    }
    SECTION("importing a submodule of an imported package") {
        Planned p("import xml.dom\n");
        auto a = p.planner.module("xml.etree.ElementTree");
        REQUIRE(a);
        CHECK(a->expr == "xml.etree.ElementTree");
        CHECK(p.apply(a->edits) == "import xml.dom\nimport xml.etree.ElementTree\n");
    }
}

TEST_CASE("ImportPlanner places the import after a module-level anchor", "[unit][python_edit]") {
    const std::string src =
        "import os\n"
        "\n"
        "x = 1\n"
        "import xml.etree.ElementTree as ET\n"
        "\n"
        "def f():\n"
        "    import json\n"
        "    return json\n"
        "if TYPE_CHECKING:\n"
        "    import typing_only\n";
    auto anchor_of = [](const Planned& p, std::string_view prefix) {
        std::function<Node(Node)> rec = [&](Node n) -> Node {
            if ((n.is("import_statement") || n.is("import_from_statement")) &&
                n.text().substr(0, prefix.size()) == prefix)
                return n;
            for (const Node& c : n.children())
                if (Node found = rec(c)) return found;
            return Node();
        };
        Node found = rec(p.tree.root());
        REQUIRE(found);
        return found;
    };
    SECTION("a module-level anchor") {
        Planned p(src);
        auto a = p.planner.module("defusedxml.ElementTree", anchor_of(p, "import xml"));
        REQUIRE(a);
        CHECK(p.apply(a->edits) ==
              "import os\n\nx = 1\nimport xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\n"
              "\ndef f():\n    import json\n    return json\nif TYPE_CHECKING:\n    import typing_only\n");
    }
    SECTION("an anchor inside a function: the top import block") {
        Planned p(src);
        auto a = p.planner.module("defusedxml", anchor_of(p, "import json"));
        REQUIRE(a);
        CHECK(p.apply(a->edits).rfind("import os\nimport defusedxml\n\nx = 1\n", 0) == 0);
    }
    SECTION("an anchor under TYPE_CHECKING: the top import block") {
        Planned p(src);
        auto a = p.planner.module("defusedxml", anchor_of(p, "import typing_only"));
        REQUIRE(a);
        CHECK(p.apply(a->edits).rfind("import os\nimport defusedxml\n\nx = 1\n", 0) == 0);
    }
}

TEST_CASE("ImportPlanner::module refuses a name taken by something else", "[unit][python_edit]") {
    Planned assigned("defusedxml = None\n");
    CHECK_FALSE(assigned.planner.module("defusedxml"));

    Planned from_other("from compat import xml\n");
    CHECK_FALSE(from_other.planner.module("xml.etree.ElementTree"));

    // A different package whose name merely starts with the root name.
    Planned prefix("import xml_helpers as xml\n");
    CHECK_FALSE(prefix.planner.module("xml.etree.ElementTree"));
}
