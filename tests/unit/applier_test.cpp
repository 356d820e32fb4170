// The applier: which fixes are applied, which are deferred, and the text that results.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "wafix/core/applier.hpp"

using wafix::apply_edits;
using wafix::apply_fixes;
using wafix::Edit;
using wafix::Fix;

namespace {

Fix fix(std::vector<Edit> edits, std::string title = "fix") {
    Fix f;
    f.title = std::move(title);
    f.edits = std::move(edits);
    return f;
}

using Indices = std::vector<size_t>;

}  // namespace

TEST_CASE("non-overlapping fixes are all applied", "[unit][applier]") {
    //                     0123456789012345
    const std::string text = "alpha beta gamma";
    std::vector<Fix> fixes = {
        fix({{6, 10, "BETA"}}),
        fix({{0, 5, "A"}}),
        fix({{11, 16, "G"}, {16, 16, "!"}}),
    };
    auto r = apply_fixes(text, fixes);
    CHECK(r.text == "A BETA G!");
    CHECK(r.applied == Indices{0, 1, 2});
    CHECK(r.deferred.empty());
}

TEST_CASE("a fix overlapping an earlier one is deferred as a whole", "[unit][applier]") {
    const std::string text = "one two three four";
    std::vector<Fix> fixes = {
        fix({{4, 7, "TWO"}}),
        // Its first edit is fine on its own, its second overlaps fix 0: nothing of it applies.
        fix({{0, 3, "ONE"}, {5, 9, "xx"}}),
        // A later fix that conflicts with nothing applied is still applied.
        fix({{14, 18, "FOUR"}}),
        // It would have conflicted only with the deferred fix 1: it is applied.
        fix({{0, 1, "0"}}),
    };
    auto r = apply_fixes(text, fixes);
    CHECK(r.text == "0ne TWO three FOUR");
    CHECK(r.applied == Indices{0, 2, 3});
    CHECK(r.deferred == Indices{1});
}

TEST_CASE("a replacement strictly inside an earlier one is deferred", "[unit][applier]") {
    const std::string text = "abcdefgh";
    auto r = apply_fixes(text, {fix({{1, 7, "X"}}), fix({{3, 4, "Y"}}), fix({{4, 4, "ins"}})});
    CHECK(r.text == "aXh");
    CHECK(r.applied == Indices{0});
    CHECK(r.deferred == Indices{1, 2});
}

TEST_CASE("adjacent edits (end == begin of the next) are both applied", "[unit][applier]") {
    const std::string text = "abcdef";
    SECTION("in two fixes") {
        auto r = apply_fixes(text, {fix({{2, 4, "XY"}}), fix({{0, 2, "12"}}), fix({{4, 6, "34"}})});
        CHECK(r.text == "12XY34");
        CHECK(r.applied == Indices{0, 1, 2});
        CHECK(r.deferred.empty());
    }
    SECTION("an insertion at either end of a replacement") {
        auto r = apply_fixes(text, {fix({{2, 4, "XY"}}), fix({{2, 2, "<"}}), fix({{4, 4, ">"}})});
        CHECK(r.text == "ab<XY>ef");
        CHECK(r.applied == Indices{0, 1, 2});
    }
}

TEST_CASE("identical edits in two fixes are merged and applied once", "[unit][applier]") {
    const std::string text = "import os\nx = 1\n";
    Edit add_import{0, 0, "import defusedxml\n"};
    std::vector<Fix> fixes = {
        fix({add_import, {10, 11, "y"}}),
        fix({add_import, {14, 15, "2"}}),
    };
    auto r = apply_fixes(text, fixes);
    CHECK(r.text == "import defusedxml\nimport os\ny = 2\n");
    CHECK(r.applied == Indices{0, 1});
    CHECK(r.deferred.empty());

    // The same for identical replacements.
    auto r2 = apply_fixes("abc", {fix({{1, 2, "B"}}), fix({{1, 2, "B"}})});
    CHECK(r2.text == "aBc");
    CHECK(r2.applied == Indices{0, 1});
}

TEST_CASE("different insertions at one offset from different fixes: the second is deferred", "[unit][applier]") {
    const std::string text = "f(x)";
    auto r = apply_fixes(text, {fix({{3, 3, ", a=1"}}), fix({{3, 3, ", b=2"}}), fix({{0, 1, "g"}})});
    CHECK(r.text == "g(x, a=1)");
    CHECK(r.applied == Indices{0, 2});
    CHECK(r.deferred == Indices{1});
}

TEST_CASE("edits of one fix at the same offset keep their order", "[unit][applier]") {
    const std::string text = "x";
    SECTION("two insertions, 'b' before 'a'") {
        auto r = apply_fixes(text, {fix({{0, 0, "b"}, {0, 0, "a"}, {1, 1, ")"}})});
        CHECK(r.text == "bax)");
        CHECK(r.applied == Indices{0});
    }
    SECTION("the reverse order gives the reverse text") {
        auto r = apply_fixes(text, {fix({{0, 0, "a"}, {0, 0, "b"}})});
        CHECK(r.text == "abx");
    }
    SECTION("apply_edits keeps the given order too") {
        CHECK(apply_edits("x", {{0, 0, "2"}, {0, 0, "1"}, {1, 1, "3"}}) == "21x3");
    }
}

TEST_CASE("one fix may insert the same text twice at one offset", "[unit][applier]") {
    // Wrapping an expression in two calls: `x` -> `a(b(x))` closes two parentheses at one offset.
    const std::string text = "x\n";
    auto r = apply_fixes(text, {fix({{0, 0, "a("}, {0, 0, "b("}, {1, 1, ")"}, {1, 1, ")"}})});
    CHECK(r.applied == Indices{0});
    CHECK(r.text == "a(b(x))\n");
}

TEST_CASE("a fix whose own edits overlap is deferred, not thrown", "[unit][applier]") {
    // A malformed fix must not abort the whole file: like an out-of-range one, it is deferred.
    std::vector<Fix> fixes = {fix({{0, 3, "x"}, {2, 5, "y"}}), fix({{5, 6, "F"}})};
    wafix::ApplyResult r;
    REQUIRE_NOTHROW(r = apply_fixes("abcdef", fixes));
    CHECK(r.text == "abcdeF");
    CHECK(r.applied == Indices{1});
    CHECK(r.deferred == Indices{0});
}

TEST_CASE("a deferred fix leaves no trace, even when it shares an edit with an applied one", "[unit][applier]") {
    const std::string text = "abcdef";
    Edit shared{0, 0, "#"};
    auto r = apply_fixes(text, {fix({shared}), fix({{2, 4, "CD"}}), fix({shared, {3, 5, "xx"}})});
    CHECK(r.text == "#abCDef");
    CHECK(r.applied == Indices{0, 1});
    CHECK(r.deferred == Indices{2});
}

TEST_CASE("out-of-range edits defer their fix", "[unit][applier]") {
    const std::string text = "abc";
    std::vector<Fix> fixes = {
        fix({{0, 1, "A"}, {2, 4, "past the end"}}),  // end > size
        fix({{2, 1, "backwards"}}),                  // begin > end
        fix({{10, 10, "far"}}),                      // insertion past the end
        fix({{3, 3, "!"}}),                          // insertion at the very end is fine
        fix({{0, 1, "Z"}}),                          // not blocked by the deferred first fix
    };
    auto r = apply_fixes(text, fixes);
    CHECK(r.text == "Zbc!");
    CHECK(r.applied == Indices{3, 4});
    CHECK(r.deferred == Indices{0, 1, 2});
}

TEST_CASE("no fixes leave the text unchanged", "[unit][applier]") {
    auto r = apply_fixes("same\n", {});
    CHECK(r.text == "same\n");
    CHECK(r.applied.empty());
    CHECK(r.deferred.empty());
}

TEST_CASE("apply_edits sorts edits and rejects conflicts", "[unit][applier]") {
    CHECK(apply_edits("hello world", {{6, 11, "there"}, {0, 5, "HELLO"}}) == "HELLO there");
    CHECK(apply_edits("abc", {{0, 3, ""}}) == "");
    CHECK(apply_edits("", {{0, 0, "new"}}) == "new");
    CHECK_THROWS_AS(apply_edits("abcdef", {{0, 3, "x"}, {2, 5, "y"}}), std::invalid_argument);
    CHECK_THROWS_AS(apply_edits("abc", {{1, 5, "x"}}), std::invalid_argument);
}
