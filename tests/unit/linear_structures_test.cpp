// The structures that keep the cost linear in fix sites (issue 19) give the answers of the
// plain, quadratic ones they replaced: the module-level index behind Node::parent() and the
// sibling calls, the interval index of apply_fixes, the line index. (Their speed is measured by
// bench/, never here.)
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "wafix/core/applier.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/line_index.hpp"
#include "wafix/core/python_edit.hpp"
#include "wafix/core/syntax.hpp"

using namespace wafix;

namespace {

// Every node of the tree, depth first, through ChildCursor.
void collect(Node n, std::vector<Node>& out) {
    out.push_back(n);
    ChildCursor children(n);
    for (Node c = children.next(); c; c = children.next()) collect(c, out);
}

std::string big_module(int statements) {
    std::string s = "import requests\nfrom x import (a,\n    b)\n\n";
    for (int i = 0; i < statements; ++i) {
        s += "r" + std::to_string(i) + " = requests.get(\"https://h/" + std::to_string(i) + "\")\n";
        if (i % 97 == 0) s += "def f" + std::to_string(i) + "(x=[1, 2]):\n    return {'k': x}  # c\n";
    }
    return s;
}

// The reference the applier was before: each edit against every accepted one.
bool overlaps(const Edit& a, const Edit& b) {
    if (a == b) return false;
    bool ai = a.begin == a.end, bi = b.begin == b.end;
    if (ai && bi) return a.begin == b.begin;
    if (ai) return b.begin < a.begin && a.begin < b.end;
    if (bi) return a.begin < b.begin && b.begin < a.end;
    return a.begin < b.end && b.begin < a.end;
}

ApplyResult reference_apply(std::string_view text, const std::vector<Fix>& fixes) {
    ApplyResult r;
    std::vector<Edit> accepted;
    for (size_t i = 0; i < fixes.size(); ++i) {
        const Fix& f = fixes[i];
        bool conflict = false;
        for (const Edit& e : f.edits) conflict |= e.begin > e.end || e.end > text.size();
        for (size_t a = 0; a < f.edits.size() && !conflict; ++a)
            for (size_t b = a + 1; b < f.edits.size() && !conflict; ++b) {
                const Edit &x = f.edits[a], &y = f.edits[b];
                bool both_insert_here = x.begin == x.end && y.begin == y.end && x.begin == y.begin;
                if (!both_insert_here && x.begin < y.end && y.begin < x.end) conflict = true;
                if (x.begin == x.end && y.begin < x.begin && x.begin < y.end) conflict = true;
                if (y.begin == y.end && x.begin < y.begin && y.begin < x.end) conflict = true;
            }
        for (const Edit& e : f.edits)
            for (const Edit& a : accepted) conflict = conflict || overlaps(e, a);
        if (conflict) {
            r.deferred.push_back(i);
            continue;
        }
        size_t before = accepted.size();
        for (const Edit& e : f.edits)
            if (std::find(accepted.begin(), accepted.begin() + static_cast<long>(before), e) ==
                accepted.begin() + static_cast<long>(before))
                accepted.push_back(e);
        r.applied.push_back(i);
    }
    r.text = apply_edits(text, accepted);
    return r;
}

}  // namespace

TEST_CASE("Node::parent and the sibling calls agree with tree-sitter on every node", "[unit][syntax]") {
    for (std::string text : {big_module(800), test::read_file(test::source_dir() / "testdata/sample/app.py"),
                             std::string("x = 1\n"), std::string("")}) {
        Parser parser;
        Tree tree = parser.parse(text);
        std::vector<Node> nodes;
        collect(tree.root(), nodes);
        for (const Node& n : nodes) {
            TSNode raw = n.raw();
            REQUIRE(n.parent().raw().id == ts_node_parent(raw).id);
            REQUIRE(n.next_sibling().raw().id == ts_node_next_sibling(raw).id);
            REQUIRE(n.prev_sibling().raw().id == ts_node_prev_sibling(raw).id);
            REQUIRE(n.next_named_sibling().raw().id == ts_node_next_named_sibling(raw).id);
            REQUIRE(n.prev_named_sibling().raw().id == ts_node_prev_named_sibling(raw).id);
        }
        // children() and named_children() through the cursor, against child(i).
        for (size_t k = 0; k < nodes.size(); k += 7) {
            const Node& n = nodes[k];
            auto all = n.children(), named = n.named_children();
            REQUIRE(all.size() == n.child_count());
            REQUIRE(named.size() == n.named_child_count());
            for (uint32_t i = 0; i < all.size() && i < 50; ++i) REQUIRE(all[i] == n.child(i));
            for (uint32_t i = 0; i < named.size() && i < 50; ++i) REQUIRE(named[i] == n.named_child(i));
        }
    }
}

TEST_CASE("the top import block ends at the same statement however long the module is", "[unit][syntax]") {
    Parser parser;
    Tree tree = parser.parse(big_module(2000));
    Node end = top_import_block_end(tree.root());
    REQUIRE(end.is("import_from_statement"));
    CHECK(end.text() == "from x import (a,\n    b)");
}

TEST_CASE("apply_fixes matches the pairwise reference on random fixes", "[unit][applier]") {
    std::mt19937 rng(19);
    std::string text(400, 'x');
    for (int round = 0; round < 300; ++round) {
        std::vector<Fix> fixes;
        int count = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < count; ++i) {
            Fix f;
            int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits; ++e) {
                uint32_t b = rng() % 401, len = rng() % 4 == 0 ? 0 : rng() % 6;
                uint32_t en = std::min<uint32_t>(400 + (rng() % 8 == 0 ? 3 : 0), b + len);
                f.edits.push_back({b, en, std::string(1, static_cast<char>('a' + rng() % 3))});
            }
            fixes.push_back(f);
        }
        ApplyResult fast = apply_fixes(text, fixes), slow = reference_apply(text, fixes);
        REQUIRE(fast.applied == slow.applied);
        REQUIRE(fast.deferred == slow.deferred);
        REQUIRE(fast.text == slow.text);
    }
}

TEST_CASE("twenty thousand separate fixes all apply", "[unit][applier]") {
    std::string text;
    std::vector<Fix> fixes;
    for (uint32_t i = 0; i < 20000; ++i) {
        uint32_t at = static_cast<uint32_t>(text.size());
        text += "get(u)\n";
        Fix f;
        f.edits.push_back({at + 5, at + 5, ", timeout=10"});
        fixes.push_back(f);
        fixes.push_back(f);  // the same fix twice merges
    }
    ApplyResult r = apply_fixes(text, fixes);
    CHECK(r.deferred.empty());
    CHECK(r.edits.size() == 20000);
    CHECK(r.text.find("get(u, timeout=10)\nget(u, timeout=10)\n") == 0);
}

TEST_CASE("LineIndex gives the line and column a scan from the top gives", "[unit][engine]") {
    std::string text = "ab\r\n\ncd\nlast";
    for (uint32_t off = 0; off <= text.size() + 2; ++off) {
        uint32_t line = 1, col = 1;
        for (uint32_t i = 0; i < off && i < text.size(); ++i) {
            if (text[i] == '\n') ++line, col = 1;
            else ++col;
        }
        Location loc = LineIndex(text).location(off);
        REQUIRE(loc.line == line);
        REQUIRE(loc.column == col);
        REQUIRE(location_of(text, off).line == line);
    }
}
