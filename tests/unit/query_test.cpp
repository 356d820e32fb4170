// wafix::Query: the text predicates tree-sitter leaves to its callers, and query errors.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/syntax.hpp"

using wafix::Match;
using wafix::Parser;
using wafix::Query;
using wafix::QueryError;

namespace {

const char* kSource =
    "foo = 1\n"
    "bar = foo\n"
    "foo = foo\n"
    "def get_x(): pass\n"
    "def set_y(): pass\n"
    "def GET_Z(): pass\n"
    "def get_2(): pass\n";

// The text of capture `name` in every match of `query` over kSource, in document order.
std::vector<std::string> texts(const std::string& query, const std::string& name) {
    Parser parser;
    auto tree = parser.parse(kSource);
    Query q(query);
    std::vector<std::string> out;
    for (const Match& m : q.matches(tree.root())) out.emplace_back(m.get(name).text());
    return out;
}

using Strings = std::vector<std::string>;

// The QueryError a query throws (fails the test when it does not throw one).
QueryError error_of(const std::string& query) {
    try {
        Query q(query);
    } catch (const QueryError& e) {
        return e;
    }
    FAIL("no QueryError for: " << query);
    return QueryError("", 0);
}

}  // namespace

TEST_CASE("a query without predicates matches every node", "[unit][query]") {
    CHECK(texts("(function_definition name: (identifier) @n)", "n") == Strings{"get_x", "set_y", "GET_Z", "get_2"});
    Query q("(assignment left: (identifier) @l right: (_) @r)");
    CHECK(q.capture_count() == 2);
}

TEST_CASE("#eq? with a string and with two captures", "[unit][query]") {
    auto foos = texts(R"(((identifier) @id (#eq? @id "foo")))", "id");
    CHECK(foos == Strings{"foo", "foo", "foo", "foo"});

    CHECK(texts(R"(((assignment left: (identifier) @l right: (identifier) @r) (#eq? @l @r)))", "l") == Strings{"foo"});

    Parser parser;
    auto tree = parser.parse(kSource);
    Query q(R"(((assignment left: (identifier) @l right: (identifier) @r) (#eq? @l @r)))");
    auto ms = q.matches(tree.root());
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].get("l").start_point().row == 2);
    CHECK(ms[0].get("r").text() == "foo");
    CHECK(ms[0].get("nope").is_null());
    CHECK(ms[0].all("l").size() == 1);
}

TEST_CASE("#not-eq? with a string and with two captures", "[unit][query]") {
    CHECK(texts(R"(((assignment left: (identifier) @l) (#not-eq? @l "foo")))", "l") == Strings{"bar"});
    CHECK(texts(R"(((assignment left: (identifier) @l right: (identifier) @r) (#not-eq? @l @r)))", "l") ==
          Strings{"bar"});
}

TEST_CASE("#match? and #not-match? use RE2 syntax", "[unit][query]") {
    // The query string "\\w" reaches RE2 as \w.
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#match? @n "^get_\\w+$")))", "n") ==
          Strings{"get_x", "get_2"});
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#match? @n "(?i)^get_")))", "n") ==
          Strings{"get_x", "GET_Z", "get_2"});
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#match? @n "^[[:lower:]]+_[[:alpha:]]$")))", "n") ==
          Strings{"get_x", "set_y"});
    // A partial match is enough.
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#match? @n "et")))", "n") ==
          Strings{"get_x", "set_y", "get_2"});
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#not-match? @n "^get_")))", "n") ==
          Strings{"set_y", "GET_Z"});
}

TEST_CASE("#any-of? and #not-any-of?", "[unit][query]") {
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#any-of? @n "set_y" "get_2" "missing")))", "n") ==
          Strings{"set_y", "get_2"});
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#any-of? @n "get_x")))", "n") == Strings{"get_x"});
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#not-any-of? @n "set_y" "get_2")))", "n") ==
          Strings{"get_x", "GET_Z"});
}

TEST_CASE("several predicates must all hold", "[unit][query]") {
    CHECK(texts(R"(((function_definition name: (identifier) @n) (#match? @n "^get") (#not-eq? @n "get_2")))", "n") ==
          Strings{"get_x"});
}

TEST_CASE("predicates only apply to their own pattern", "[unit][query]") {
    std::string q = R"(((function_definition name: (identifier) @n) (#eq? @n "set_y"))
                      ((assignment left: (identifier) @n) (#eq? @n "bar")))";
    CHECK(texts(q, "n") == Strings{"bar", "set_y"});
}

TEST_CASE("an invalid query throws QueryError with its offset", "[unit][query]") {
    SECTION("unknown node type") {
        std::string q = "(call function: (identifier) @f) (no_such_node)";
        auto e = error_of(q);
        CHECK(e.offset() == q.find("no_such_node"));
        CHECK(std::string(e.what()).find("unknown node type") != std::string::npos);
    }
    SECTION("unknown field") {
        std::string q = "(call bogus_field: (identifier))";
        auto e = error_of(q);
        CHECK(e.offset() == q.find("bogus_field"));
        CHECK(std::string(e.what()).find("field") != std::string::npos);
    }
    SECTION("syntax error") {
        std::string q = "(call (identifier) @f";
        auto e = error_of(q);
        CHECK(e.offset() <= q.size());
        CHECK(std::string(e.what()).find("syntax") != std::string::npos);
    }
    SECTION("unknown capture in a predicate") {
        std::string q = R"(((identifier) @a (#eq? @nope "x")))";
        auto e = error_of(q);
        CHECK(e.offset() == q.find("nope"));
    }
}

TEST_CASE("an unknown predicate throws", "[unit][query]") {
    std::string q = "(assignment) @x\n((identifier) @id (#frobnicate? @id \"x\"))";
    auto e = error_of(q);
    CHECK(std::string(e.what()).find("frobnicate?") != std::string::npos);
    // The offset points at the pattern holding the predicate, not the start of the query.
    CHECK(e.offset() == q.find("((identifier)"));
    CHECK_THROWS_AS(Query(R"(((identifier) @id (#is-not? local)))"), QueryError);
}

TEST_CASE("a predicate with wrong arguments throws", "[unit][query]") {
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#eq? @a)))"), QueryError);                 // one argument
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#eq? @a "x" "y")))"), QueryError);         // three
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#eq? "x" @a)))"), QueryError);             // capture not first
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#match? @a)))"), QueryError);              // no regex
    CHECK_THROWS_AS(Query(R"(((identifier) @a @b (#match? @a @b)))"), QueryError);        // regex is a capture
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#match? @a "[unclosed")))"), QueryError);  // bad regex
    CHECK_THROWS_AS(Query(R"(((identifier) @a (#any-of? @a)))"), QueryError);             // no strings
    CHECK_THROWS_AS(Query(R"(((identifier) @a @b (#any-of? @a @b)))"), QueryError);       // capture, not a string
    auto e = error_of(R"(((identifier) @a (#match? @a "(")))");
    CHECK(std::string(e.what()).find("regex") != std::string::npos);
}
