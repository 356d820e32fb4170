// The line edit script: the same as dtl's on the inputs a fix makes, always a valid script, and
// a valid (if not minimal) one where every line of a long file changes.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <dtl/dtl.hpp>

#include "wafix/core/line_diff.hpp"

using namespace wafix;

namespace {

// Rebuilds both sides from the script: every line once, in order, each step where it says.
void check_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                  const std::vector<LineStep>& steps) {
    size_t i = 0, j = 0;
    for (const LineStep& s : steps) {
        switch (s.op) {
            case LineOp::Common:
                REQUIRE(s.old_index == i);
                REQUIRE(s.new_index == j);
                REQUIRE(a[i] == b[j]);
                ++i, ++j;
                break;
            case LineOp::Delete:
                REQUIRE(s.old_index == i);
                ++i;
                break;
            case LineOp::Add:
                REQUIRE(s.new_index == j);
                ++j;
                break;
        }
    }
    REQUIRE(i == a.size());
    REQUIRE(j == b.size());
}

size_t changes(const std::vector<LineStep>& steps) {
    size_t n = 0;
    for (const LineStep& s : steps) n += s.op != LineOp::Common;
    return n;
}

}  // namespace

TEST_CASE("split_lines keeps terminators and a last line without one", "[unit][diff]") {
    auto lines = split_lines("a\r\nb\n\nc");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "a\r\n");
    CHECK(lines[2] == "\n");
    CHECK(lines[3] == "c");
    CHECK(split_lines("").empty());
}

TEST_CASE("the script is as short as dtl's on random small edits", "[unit][diff]") {
    std::mt19937 rng(7);
    const std::vector<std::string> vocab = {"a\n", "b\n", "c\n", "\n", "pass\n", "x = 1\n", "return\n"};
    for (int round = 0; round < 500; ++round) {
        std::vector<std::string> old_lines, new_lines;
        size_t n = rng() % 40;
        for (size_t k = 0; k < n; ++k) old_lines.push_back(vocab[rng() % vocab.size()]);
        new_lines = old_lines;
        for (int e = static_cast<int>(rng() % 5); e > 0; --e) {
            size_t at = new_lines.empty() ? 0 : rng() % (new_lines.size() + 1);
            if (rng() % 2 && at < new_lines.size()) new_lines.erase(new_lines.begin() + static_cast<long>(at));
            else new_lines.insert(new_lines.begin() + static_cast<long>(at), vocab[rng() % vocab.size()]);
        }
        std::vector<std::string_view> a(old_lines.begin(), old_lines.end()), b(new_lines.begin(), new_lines.end());
        auto steps = diff_lines(a, b);
        check_script(a, b, steps);
        dtl::Diff<std::string_view, std::vector<std::string_view>> d(a, b);
        d.compose();
        REQUIRE(changes(steps) == static_cast<size_t>(d.getEditDistance()));
    }
}

TEST_CASE("a long file with two distant edits gives the two minimal changes", "[unit][diff]") {
    std::vector<std::string> old_lines;
    for (int i = 0; i < 30000; ++i) old_lines.push_back("line " + std::to_string(i) + "\n");
    std::vector<std::string> new_lines = old_lines;
    new_lines[10] = "changed\n";
    new_lines.insert(new_lines.begin() + 25000, "added\n");
    std::vector<std::string_view> a(old_lines.begin(), old_lines.end()), b(new_lines.begin(), new_lines.end());
    auto steps = diff_lines(a, b);
    check_script(a, b, steps);
    CHECK(changes(steps) == 3);
}

TEST_CASE("every line changed, or repeated lines shuffled: still a valid script", "[unit][diff]") {
    std::vector<std::string> old_lines, new_lines;
    for (int i = 0; i < 40000; ++i) {
        old_lines.push_back("r = get(u" + std::to_string(i) + ")\n");
        new_lines.push_back("r = get(u" + std::to_string(i) + ", timeout=10)\n");
        if (i % 3 == 0) {
            old_lines.push_back("\n");
            new_lines.push_back("    r.raise_for_status()\n");
            new_lines.push_back("\n");
        }
    }
    std::vector<std::string_view> a(old_lines.begin(), old_lines.end()), b(new_lines.begin(), new_lines.end());
    auto steps = diff_lines(a, b);
    check_script(a, b, steps);
    // The blank lines still match: only the changed and added lines are changes.
    CHECK(changes(steps) <= 2 * 40000 + 40000 / 3 + 1);
}
