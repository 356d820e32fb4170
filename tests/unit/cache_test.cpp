// The result cache: same output with and without it, keyed by options, robust to damage, and
// holding no text that a fix leaves alone.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "test_util.hpp"
#include "wafix/app/cache.hpp"
#include "wafix/app/report.hpp"
#include "wafix/app/run.hpp"

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

std::vector<fs::path> all_files(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

// Stamps younger than this are "racily clean" and never recorded in the stat index.
void outlive_racy_window() { std::this_thread::sleep_for(std::chrono::milliseconds(2200)); }

const std::string clean_py = "def f():\n    return 1\n";  // no rule applies
const std::string flagged_py =
    "import xml.etree.ElementTree as ET\n\n\ndef handler(event, context):\n    return "
    "ET.fromstring(event[\"body\"]).tag\n";

struct Analysed {
    RunReport run;
    const FileResult& of(const fs::path& p) const {
        for (const auto& r : run.results)
            if (r.path.filename() == p.filename()) return r;
        throw std::runtime_error("no result for " + p.string());
    }
};

Analysed analyse_dir(const fs::path& dir, bool no_cache = false) {
    AnalyseOptions o;
    o.paths = {dir.string()};
    o.jobs = 1;
    o.cache_dir = (dir / ".wafix_cache").string();
    o.no_cache = no_cache;
    return {analyse(o, EngineOptions{}, "diff")};
}

void set_mtime(const fs::path& p, const timespec& mtime) {
    timespec times[2] = {mtime, mtime};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

timespec mtime_of(const fs::path& p) {
    struct stat st;
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mtim;
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
    // Nor does the stat index, or anything else in the cache directory.
    for (const auto& e : all_files(tmp.path() / ".wafix_cache")) CHECK(read_file(e).find(kept) == std::string::npos);
}

TEST_CASE("the stat index serves an unchanged empty result without reading the file", "[cache][index]") {
    TempDir tmp;
    fs::path clean = tmp.path() / "clean.py", flagged = tmp.path() / "flagged.py";
    write_file(clean, clean_py);
    write_file(flagged, flagged_py);
    outlive_racy_window();

    Analysed first = analyse_dir(tmp.path());
    CHECK_FALSE(first.of(clean).from_index);
    CHECK_FALSE(first.of(flagged).from_index);
    Analysed second = analyse_dir(tmp.path());
    CHECK(second.of(clean).from_index);
    CHECK(second.of(clean).source->text.empty());  // not read
    CHECK_FALSE(second.of(flagged).from_index);    // it has findings: the result cache serves it
    CHECK(count(second.run).files == count(first.run).files);
    CHECK(count(second.run).findings == count(first.run).findings);
    CHECK(count(second.run).findings == 1);

    SECTION("a rewrite with the same size and a forced same mtime is analysed again (ctime moved)") {
        std::string edited = flagged_py.substr(0, clean_py.size());
        REQUIRE(edited.size() == clean_py.size());
        timespec old = mtime_of(clean);
        write_file(clean, edited);  // a truncated import: other bytes, maybe a syntax error
        set_mtime(clean, old);
        Analysed third = analyse_dir(tmp.path());
        CHECK_FALSE(third.of(clean).from_index);  // read and analysed (its text is then released if empty)
    }
    SECTION("a normal rewrite is analysed again") {
        write_file(clean, flagged_py);
        Analysed third = analyse_dir(tmp.path());
        CHECK_FALSE(third.of(clean).from_index);
        CHECK(third.of(clean).findings.size() == 1);
    }
    SECTION("--no-cache neither reads nor writes the index") {
        Analysed uncached = analyse_dir(tmp.path(), true);
        CHECK_FALSE(uncached.of(clean).from_index);
        fs::remove_all(tmp.path() / ".wafix_cache");
        analyse_dir(tmp.path(), true);
        CHECK_FALSE(fs::exists(tmp.path() / ".wafix_cache"));
    }
    SECTION("other options are another entry") {
        AnalyseOptions o;
        o.paths = {tmp.path().string()};
        o.jobs = 1;
        o.cache_dir = (tmp.path() / ".wafix_cache").string();
        EngineOptions narrowed;
        narrowed.select = {"WA103"};
        RunReport run = analyse(o, narrowed, "diff");
        for (const auto& r : run.results) CHECK_FALSE(r.from_index);
    }
}

TEST_CASE("a racily clean file is never served from the stat index", "[cache][index]") {
    TempDir tmp;
    fs::path clean = tmp.path() / "clean.py";
    write_file(clean, clean_py);
    timespec stamp = mtime_of(clean);
    analyse_dir(tmp.path());
    // Written moments ago: its stamp is not trusted, so it was not recorded.
    CHECK_FALSE(analyse_dir(tmp.path()).of(clean).from_index);

    // Same size, same mtime, a finding now: it must be found.
    std::string edited = "def g():\n    return 2\n";
    REQUIRE(edited.size() == clean_py.size());
    write_file(clean, edited);
    set_mtime(clean, stamp);
    Analysed after = analyse_dir(tmp.path());
    CHECK_FALSE(after.of(clean).from_index);

    outlive_racy_window();
    analyse_dir(tmp.path());
    CHECK(analyse_dir(tmp.path()).of(clean).from_index);
}

TEST_CASE("concurrent runs share the stat index safely", "[cache][index][cli]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    write_file(tmp.path() / "sample" / "clean_one.py", clean_py);
    write_file(tmp.path() / "sample" / "clean_two.py", "VALUE = 2\n");
    auto expected = run(wafix_cmd() + " diff --no-cache sample", tmp.path());
    REQUIRE(expected.status == 1);
    outlive_racy_window();

    run("(" + wafix_cmd() + " diff sample > a.out 2> a.err & " + wafix_cmd() + " diff sample > b.out 2> b.err & wait)",
        tmp.path());
    for (const char* name : {"a", "b"}) {
        CHECK(read_file(tmp.path() / (std::string(name) + ".out")) == expected.out);
        CHECK(read_file(tmp.path() / (std::string(name) + ".err")) == expected.err);
    }
    // Whichever run renamed last, the index is whole and gives the same answer.
    auto after = run(wafix_cmd() + " diff sample", tmp.path());
    CHECK(after.out == expected.out);
    CHECK(after.err == expected.err);
    bool has_index = false;
    for (const auto& f : all_files(tmp.path() / ".wafix_cache"))
        if (f.filename().string().rfind("index-", 0) == 0) {
            has_index = true;
            CHECK(read_file(f).rfind("wafix-stat-index 1\n", 0) == 0);
            CHECK(f.filename().string().find('.') == std::string::npos);  // no temp file left
        }
    CHECK(has_index);
}
