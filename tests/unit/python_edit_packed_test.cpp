// add_keyword_argument on a multi-line call whose arguments share a line: it continues that line
// while it fits the line limit, and starts a new line at the arguments' indentation when not.
#include <catch2/catch.hpp>

#include "wafix/core/applier.hpp"
#include "wafix/core/python_edit.hpp"
#include "wafix/core/syntax.hpp"

using namespace wafix;

namespace {

std::string add(const std::string& src, const std::string& kw, uint32_t limit) {
    Parser parser;
    Tree tree = parser.parse(src);
    static const Query q("(call) @call");
    auto matches = q.matches(tree.root());
    REQUIRE(!matches.empty());
    auto edits = add_keyword_argument(tree.source(), "\n", matches.front().get("call"), kw, limit);
    REQUIRE(edits);
    return apply_edits(tree.source(), *edits);
}

}  // namespace

TEST_CASE("packed arguments on a continuation line respect the line limit", "[python_edit]") {
    std::string src = "f(\n    a, b, c\n)\n";
    CHECK(add(src, "d=1", 79) == "f(\n    a, b, c, d=1\n)\n");
    CHECK(add(src, "timeout=10", 14) == "f(\n    a, b, c,\n    timeout=10\n)\n");
    std::string trailing = "f(\n    a, b, c,  # note\n)\n";
    CHECK(add(trailing, "timeout=10", 14) == "f(\n    a, b, c,  # note\n    timeout=10,\n)\n");
    // Arguments that start on the bracket's line keep continuing it (no better indentation to use).
    CHECK(add("f(a, b,\n  c)\n", "timeout=10", 8) == "f(a, b,\n  c,\n  timeout=10)\n");
    CHECK(add("f(a, b, c\n)\n", "timeout=10", 8) == "f(a, b, c, timeout=10\n)\n");
}
