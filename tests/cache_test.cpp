// The result cache: same output with and without it, keyed by options, robust to damage, and
// holding no text that a fix leaves alone.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "wafix/cache.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {
std::string wafix_cmd() { return shell_quote(WAFIX_BINARY); }

std::vector<fs::path> entries(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
    return out;
}
}  // namespace

TEST_CASE("line hunks rebuild the new text from the old", "[unit][cache]") {
    std::string old_text = "a\nb\nc\nd\ne\nf";
    for (const std::string& new_text : {std::string("a\nB\nc\nd\ne\nf"), std::string("x\na\nb\nc\nd\ne\nf\n"),
                                        std::string("a\nc\nd\nE\nF\nG"), std::string(""), old_text}) {
        auto hunks = line_hunks(old_text, new_text);
        CHECK(apply_line_hunks(old_text, hunks) == new_text);
        size_t stored = 0;
        for (const auto& h : hunks) stored += h.new_lines.size();
        CHECK(stored <= 7);  // only changed lines are stored
    }
    CHECK(line_hunks(old_text, old_text).empty());
}

TEST_CASE("cached runs give the same output; options and damage are handled", "[cache][cli]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    fs::path cache = tmp.path() / ".wafix_cache";

    auto first = run(wafix_cmd() + " diff sample", tmp.path());
    REQUIRE(first.status == 1);
    auto stored = entries(cache);
    CHECK(stored.size() >= 3);  // one per file the prefilter let through
    CHECK(fs::exists(cache / ".gitignore"));
    auto second = run(wafix_cmd() + " diff sample", tmp.path());
    CHECK(second.out == first.out);
    CHECK(second.err == first.err);
    CHECK(entries(cache).size() == stored.size());

    // Other options are other entries, not a stale answer.
    auto narrowed = run(wafix_cmd() + " diff --select WA103 sample", tmp.path());
    CHECK(narrowed.out.find("defusedxml") == std::string::npos);
    CHECK(narrowed.out.find("resolve_entities=False") != std::string::npos);
    CHECK(entries(cache).size() > stored.size());

    // A damaged entry is a miss, never a wrong answer.
    for (const auto& e : entries(cache)) write_file(e, "{\"not\": \"an entry\"");
    CHECK(run(wafix_cmd() + " diff sample", tmp.path()).out == first.out);

    // --no-cache neither reads nor writes.
    fs::remove_all(cache);
    CHECK(run(wafix_cmd() + " diff --no-cache sample", tmp.path()).out == first.out);
    CHECK_FALSE(fs::exists(cache));
}

TEST_CASE("the cache never stores text a fix leaves alone", "[cache][cli]") {
    TempDir tmp;
    const std::string kept = "Zq8vL2mW9xT4kR7pN3bC6dF1";  // e.g. a silenced secret
    write_file(tmp.path() / "h.py", "import xml.etree.ElementTree as ET\nTOKEN = \"" + kept +
                                        "\"  # wafix: ignore\n\n\ndef handler(event, context):\n"
                                        "    return ET.fromstring(event[\"body\"]).tag\n");
    REQUIRE(run(wafix_cmd() + " diff h.py", tmp.path()).status == 1);
    auto stored = entries(tmp.path() / ".wafix_cache");
    REQUIRE_FALSE(stored.empty());
    for (const auto& e : stored) CHECK(read_file(e).find(kept) == std::string::npos);
}
