// SemanticModel: scopes, bindings and the qualified names imports give to expressions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"

using wafix::DefKind;
using wafix::Node;
using wafix::Parser;
using wafix::SemanticModel;
using wafix::Tree;

namespace {

struct Parsed {
    Tree tree;
    SemanticModel model;
    explicit Parsed(std::string source) : tree(Parser().parse(std::move(source))), model(tree) {}

    // Every node of `type` whose text is `text`, in document order.
    std::vector<Node> find(std::string_view type, std::string_view text) const {
        std::vector<Node> out;
        std::function<void(Node)> rec = [&](Node n) {
            if (n.is(type) && n.text() == text) out.push_back(n);
            for (const Node& c : n.children()) rec(c);
        };
        rec(tree.root());
        return out;
    }
    Node nth(std::string_view type, std::string_view text, size_t i = 0) const {
        auto all = find(type, text);
        REQUIRE(i < all.size());
        return all[i];
    }
    std::optional<std::string> qname(std::string_view type, std::string_view text, size_t i = 0) const {
        return model.qualified_name(nth(type, text, i));
    }
    const wafix::Binding* module_binding(const std::string& name) const { return model.lookup(name, 0); }
};

// Optional strings as text, so a failed CHECK shows both sides.
const std::string kNone = "<nullopt>";
std::string show(const std::optional<std::string>& s) { return s ? *s : kNone; }

}  // namespace

TEST_CASE("qualified names through plain, aliased and from imports", "[unit][semantic]") {
    SECTION("import a.b.c") {
        Parsed p("import a.b.c\na.b.c.f()\n");
        CHECK(show(p.qname("attribute", "a.b.c.f")) == std::string("a.b.c.f"));
        CHECK(show(p.qname("attribute", "a.b")) == std::string("a.b"));
        CHECK(show(p.qname("identifier", "a", 1)) == std::string("a"));  // the use, not the import
        const auto* b = p.module_binding("a");
        REQUIRE(b);
        REQUIRE(b->defs.size() == 1);
        CHECK(b->defs[0].kind == DefKind::Import);
        CHECK(b->defs[0].module == "a.b.c");
        CHECK(b->defs[0].qualified_target() == "a");
        CHECK(b->uses.size() == 1);
    }
    SECTION("import a.b as x") {
        Parsed p("import a.b as x\nx.f()\nx\n");
        CHECK(show(p.qname("attribute", "x.f")) == std::string("a.b.f"));
        CHECK(show(p.qname("identifier", "x", 2)) == std::string("a.b"));
        CHECK(p.module_binding("a") == nullptr);
        REQUIRE(p.module_binding("x"));
        CHECK(p.module_binding("x")->defs[0].aliased);
    }
    SECTION("from a.b import c as d") {
        Parsed p("from a.b import c as d\nd()\nd.e\n");
        CHECK(show(p.qname("identifier", "d", 1)) == std::string("a.b.c"));
        CHECK(show(p.qname("attribute", "d.e")) == std::string("a.b.c.e"));
        CHECK(p.module_binding("c") == nullptr);
        const auto* b = p.module_binding("d");
        REQUIRE(b);
        CHECK(b->defs[0].kind == DefKind::FromImport);
        CHECK(b->defs[0].module == "a.b");
        CHECK(b->defs[0].member == "c");
    }
    SECTION("from-import without alias, and the ElementTree idiom") {
        Parsed p("import xml.etree.ElementTree as ET\nfrom os import path\nET.parse(path.join('a'))\n");
        CHECK(show(p.qname("attribute", "ET.parse")) == std::string("xml.etree.ElementTree.parse"));
        CHECK(show(p.qname("attribute", "path.join")) == std::string("os.path.join"));
    }
    SECTION("relative imports, builtins and calls have no qualified name") {
        Parsed p("from . import sib\nfrom ..pkg import mod\nsib.f\nmod.g\nprint(len)\nx().y\n");
        CHECK(show(p.qname("attribute", "sib.f")) == kNone);
        CHECK(show(p.qname("attribute", "mod.g")) == kNone);
        CHECK(show(p.qname("identifier", "print")) == kNone);
        CHECK(show(p.qname("attribute", "x().y")) == kNone);
        CHECK(p.module_binding("mod")->defs[0].module == "..pkg");
    }
    SECTION("two imports binding the same root agree") {
        Parsed p("import os.path\nimport os\nos.getcwd()\n");
        CHECK(show(p.qname("attribute", "os.getcwd")) == std::string("os.getcwd"));
    }
    SECTION("two imports binding one name to different modules disagree") {
        Parsed p("try:\n    import simplejson as json\nexcept ImportError:\n    import json\njson.loads\n");
        CHECK(show(p.qname("attribute", "json.loads")) == kNone);
    }
}

TEST_CASE("a function parameter or local shadows a module import", "[unit][semantic]") {
    Parsed p(
        "import os\n"
        "def f(os):\n"
        "    return os.path\n"
        "def g():\n"
        "    os = 1\n"
        "    return os.path\n"
        "def h(x=os.sep):\n"
        "    return os.path\n"
        "lam = lambda os: os.path\n"
        "os.path\n");
    auto uses = p.find("attribute", "os.path");
    REQUIRE(uses.size() == 5);
    CHECK(show(p.model.qualified_name(uses[0])) == kNone);                   // parameter
    CHECK(show(p.model.qualified_name(uses[1])) == kNone);                   // local assignment
    CHECK(show(p.model.qualified_name(uses[2])) == std::string("os.path"));  // not shadowed in h
    CHECK(show(p.model.qualified_name(uses[3])) == kNone);                   // lambda parameter
    CHECK(show(p.model.qualified_name(uses[4])) == std::string("os.path"));  // module level
    // A default value is evaluated in the enclosing scope.
    CHECK(show(p.qname("attribute", "os.sep")) == std::string("os.sep"));

    const auto* param = p.model.resolve(uses[0].field("object"));
    REQUIRE(param);
    REQUIRE(param->defs.size() == 1);
    CHECK(param->defs[0].kind == DefKind::Parameter);
    CHECK(param->scope != 0);
}

TEST_CASE("a module-level re-binding of an imported name loses its qualified name", "[unit][semantic]") {
    Parsed p("import x\nx = 1\nx.y\n");
    CHECK(show(p.qname("attribute", "x.y")) == kNone);
    const auto* b = p.module_binding("x");
    REQUIRE(b);
    REQUIRE(b->defs.size() == 2);
    CHECK(b->defs[0].kind == DefKind::Import);
    CHECK(b->defs[1].kind == DefKind::Assignment);
    CHECK(b->defs[1].value.text() == "1");

    // Other re-bindings: def, for, with, except, augmented assignment.
    for (const char* src : {"import x\ndef x(): pass\nx.y\n", "import x\nfor x in []: pass\nx.y\n",
                            "import x\nwith open('f') as x: pass\nx.y\n", "import x\nx += 1\nx.y\n",
                            "import x\nclass x: pass\nx.y\n", "import x\n(x := 2)\nx.y\n"}) {
        Parsed q(src);
        INFO(src);
        CHECK(show(q.qname("attribute", "x.y")) == kNone);
    }
}

TEST_CASE("class-body names are not visible inside methods", "[unit][semantic]") {
    Parsed p(
        "import os\n"
        "class C:\n"
        "    os = None\n"
        "    here = os.path\n"
        "    def m(self):\n"
        "        return os.path\n"
        "    def n(self):\n"
        "        return m\n");
    auto uses = p.find("attribute", "os.path");
    REQUIRE(uses.size() == 2);
    CHECK(show(p.model.qualified_name(uses[0])) == kNone);                   // class body: the class's `os`
    CHECK(show(p.model.qualified_name(uses[1])) == std::string("os.path"));  // method: the module's `os`
    // The method name `m` is a class attribute, not visible in `n`.
    CHECK(p.model.resolve(p.nth("identifier", "m", 1)) == nullptr);
}

TEST_CASE("a global statement binds in the module scope", "[unit][semantic]") {
    SECTION("assignment under global re-binds the module import") {
        Parsed p(
            "import os\n"
            "def reset():\n"
            "    global os\n"
            "    os = None\n"
            "os.path\n");
        CHECK(show(p.qname("attribute", "os.path")) == kNone);
        const auto* b = p.module_binding("os");
        REQUIRE(b);
        CHECK(b->defs.size() == 2);
    }
    SECTION("an import under global is a module binding") {
        Parsed p(
            "def load():\n"
            "    global json\n"
            "    import json\n"
            "def use():\n"
            "    return json.loads\n");
        CHECK(show(p.qname("attribute", "json.loads")) == std::string("json.loads"));
        REQUIRE(p.module_binding("json"));
        CHECK(p.module_binding("json")->scope == 0);
    }
    SECTION("without global the import stays local") {
        Parsed p(
            "def load():\n"
            "    import json\n"
            "def use():\n"
            "    return json.loads\n");
        CHECK(show(p.qname("attribute", "json.loads")) == kNone);
        CHECK(p.module_binding("json") == nullptr);
    }
}

TEST_CASE("comprehension variables live in their own scope", "[unit][semantic]") {
    Parsed p(
        "import x\n"
        "ys = [x.a for x in x.items]\n"
        "zs = {k: x.c for k in ys}\n"
        "gen = (i for i in ys)\n"
        "x.b\n"
        "i\n");
    CHECK(show(p.qname("attribute", "x.a")) == kNone);                       // the loop variable
    CHECK(show(p.qname("attribute", "x.items")) == std::string("x.items"));  // first iterable: enclosing scope
    CHECK(show(p.qname("attribute", "x.c")) == std::string("x.c"));
    CHECK(show(p.qname("attribute", "x.b")) == std::string("x.b"));  // no leak
    CHECK(p.model.resolve(p.nth("identifier", "i", 2)) == nullptr);  // `i` at module level
    CHECK(p.module_binding("i") == nullptr);
    CHECK(p.module_binding("k") == nullptr);

    // A walrus in a comprehension binds in the enclosing scope.
    Parsed w("[(last := v) for v in range(3)]\nlast\n");
    const auto* last = w.module_binding("last");
    REQUIRE(last);
    CHECK(last->defs[0].kind == DefKind::Walrus);
    CHECK(w.model.resolve(w.nth("identifier", "last", 1)) == last);
}

TEST_CASE("imports under TYPE_CHECKING are flagged", "[unit][semantic]") {
    Parsed p(
        "from typing import TYPE_CHECKING\n"
        "import typing\n"
        "if TYPE_CHECKING:\n"
        "    import a\n"
        "    from m import n\n"
        "else:\n"
        "    import b\n"
        "if typing.TYPE_CHECKING:\n"
        "    import d\n"
        "import c\n");
    auto flag = [&](const std::string& name) {
        const auto* b = p.module_binding(name);
        REQUIRE(b);
        REQUIRE(b->defs.size() == 1);
        return b->defs[0].in_type_checking;
    };
    CHECK(flag("a"));
    CHECK(flag("n"));
    CHECK_FALSE(flag("b"));
    CHECK(flag("d"));
    CHECK_FALSE(flag("c"));
    CHECK_FALSE(flag("TYPE_CHECKING"));
    CHECK(p.model.import_statements().size() == 7);
}

TEST_CASE("__all__ lists the module's public names", "[unit][semantic]") {
    Parsed p(
        "__all__ = [\"a\", 'b']\n"
        "__all__ += (\"c\",)\n"
        "def f():\n"
        "    __all__ = ['not_module_level']\n");
    CHECK(p.model.dunder_all() == std::vector<std::string>{"a", "b", "c"});

    Parsed none("x = 1\n");
    CHECK(none.model.dunder_all().empty());
}

TEST_CASE("uses are recorded in document order and resolve to their binding", "[unit][semantic]") {
    Parsed p("import os\nos.getcwd()\nprint(os.sep)\n");
    const auto* b = p.module_binding("os");
    REQUIRE(b);
    REQUIRE(b->uses.size() == 2);
    CHECK(b->uses[0].start_point().row == 1);
    CHECK(b->uses[1].start_point().row == 2);
    CHECK(p.model.resolve(b->uses[1]) == b);
    CHECK(p.model.binding_defined_at(b->defs[0].name) == b);
    CHECK(p.model.resolve(p.nth("identifier", "print")) == nullptr);
    CHECK(p.model.scope_of_use(b->uses[0]) == 0);
}

TEST_CASE("syntax helpers: dotted_text and string_literal_value", "[unit][semantic]") {
    Parsed p("a.b.c\nf(x)\ns = 'plain'\nt = f'{x}'\nu = b'raw'\nv = 'esc\\n'\n");
    CHECK(wafix::dotted_text(p.nth("attribute", "a.b.c")) == "a.b.c");
    CHECK(wafix::dotted_text(p.nth("call", "f(x)")) == "");
    Node f = p.nth("identifier", "f");
    CHECK(wafix::call_of_function(f).text() == "f(x)");
    CHECK(wafix::call_of_function(p.nth("identifier", "x")).is_null());
    CHECK(show(wafix::string_literal_value(p.nth("string", "'plain'"))) == std::string("plain"));
    CHECK(show(wafix::string_literal_value(p.nth("string", "f'{x}'"))) == kNone);
    CHECK(show(wafix::string_literal_value(p.nth("string", "b'raw'"))) == kNone);
    CHECK(show(wafix::string_literal_value(p.nth("string", "'esc\\n'"))) == kNone);
}
