// The fix loop with transforms made for the test: conflicts deferred to a later pass, fixes that
// break the parse withheld and reported, unsafe fixes off by default, convergence bounded.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

using namespace wafix;
using namespace wafix::test;
namespace fs = std::filesystem;

namespace {

SourceFile source(const std::string& text) {
    auto loaded = source_from_bytes("t.py", text);
    REQUIRE(loaded.file);
    return *loaded.file;
}

// Replaces every identifier `name` with `replacement`, one finding per occurrence.
class Rename final : public Transform {
public:
    Rename(std::string id, std::string name, std::string replacement, Safety safety = Safety::Safe)
        : Transform({.id = std::move(id),
                     .name = "rename",
                     .family = "test",
                     .pillars = {Pillar::Ops},
                     .summary = "test",
                     .fix = FixAvailability::Always}),
          name_(std::move(name)),
          replacement_(std::move(replacement)),
          safety_(safety) {}
    void check(Context& ctx, std::vector<Finding>& out) const override {
        static const Query identifiers("(identifier) @id");
        for (const Match& m : identifiers.matches(ctx.root())) {
            Node use = m.get("id");
            if (use.text() != name_) continue;
            Finding f = ctx.finding(info(), use, "rename " + name_);
            f.fix = Fix{"rename", {{use.start(), use.end(), replacement_}}, safety_, {}};
            out.push_back(std::move(f));
        }
    }

private:
    std::string name_, replacement_;
    Safety safety_;
};

// Wraps the whole first statement: overlaps every other fix in it.
class WrapFirst final : public Transform {
public:
    WrapFirst()
        : Transform({.id = "T900",
                     .name = "wrap",
                     .family = "test",
                     .pillars = {Pillar::Ops},
                     .summary = "test",
                     .fix = FixAvailability::Always}) {}
    void check(Context& ctx, std::vector<Finding>& out) const override {
        Node first = ctx.root().named_child(0);
        if (!first || first.text().rfind("(", 0) == 0 || first.text().find("print(") == std::string::npos) return;
        Finding f = ctx.finding(info(), first, "wrap");
        f.fix = Fix{"wrap", {{first.start(), first.end(), "(" + std::string(first.text()) + ")"}}, Safety::Safe, {}};
        out.push_back(std::move(f));
    }
};

}  // namespace

TEST_CASE("a fix that would break the parse is withheld and reported; the others apply", "[unit][engine]") {
    Rename good("T001", "alpha", "beta");
    Rename bad("T002", "gamma", "delta(");  // unbalanced: breaks the parse
    FileResult r = process_source(source("alpha = 1\ngamma = 2\n"), {}, {&good, &bad});
    REQUIRE_FALSE(r.error);
    CHECK(r.fixed_text == "beta = 1\ngamma = 2\n");
    CHECK(r.fixed["T001"] == 1);
    CHECK(r.fixed.count("T002") == 0);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("2:1: T002 fix not applied: it would introduce a syntax error") != std::string::npos);
    REQUIRE(r.unfixed.size() == 1);
    CHECK(r.unfixed[0].rule == "T002");
}

TEST_CASE("conflicting fixes are deferred to the next pass, not lost", "[unit][engine]") {
    WrapFirst wrap;
    Rename rename("T001", "x", "y");
    // Both touch `print(x)`: the wrap (earlier in the list) wins pass 1, the rename lands in pass 2.
    FileResult r = process_source(source("print(x)\n"), {}, {&wrap, &rename});
    CHECK(r.fixed_text == "(print(y))\n");
    CHECK(r.fixed["T900"] == 1);
    CHECK(r.fixed["T001"] == 1);
}

TEST_CASE("unsafe fixes are reported, applied only when enabled", "[unit][engine]") {
    Rename unsafe("T003", "alpha", "beta", Safety::Unsafe);
    FileResult off = process_source(source("alpha = 1\n"), {}, {&unsafe});
    CHECK(off.fixed_text == "alpha = 1\n");
    CHECK(off.unfixed.size() == 1);
    EngineOptions on;
    on.unsafe_fixes = true;
    FileResult applied = process_source(source("alpha = 1\n"), on, {&unsafe});
    CHECK(applied.fixed_text == "beta = 1\n");
}

TEST_CASE("a fix loop that never settles stops at the pass limit and says so", "[unit][engine]") {
    Rename grow("T004", "a", "a");  // re-fires forever without changing anything
    Rename ping("T005", "p", "q"), pong("T006", "q", "p");
    EngineOptions o;
    o.max_passes = 4;
    FileResult r = process_source(source("p = 1\n"), o, {&ping, &pong});
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("did not converge after 4 passes") != std::string::npos);
    FileResult same = process_source(source("a = 1\n"), o, {&grow});
    CHECK(same.fixed_text == "a = 1\n");  // a no-op edit ends the loop at once
    CHECK(same.notes.empty());
}

TEST_CASE("a file with syntax errors is left alone with its position", "[unit][engine]") {
    Rename good("T001", "alpha", "beta");
    FileResult r = process_source(source("alpha = (1,\n"), {}, {&good});
    REQUIRE(r.error);
    CHECK(r.error->find("syntax error at") != std::string::npos);
    CHECK_FALSE(r.changed());
}

TEST_CASE("process_file keeps the text only of files it has something to say about", "[unit][engine]") {
    TempDir tmp;
    fs::path quiet = tmp.path() / "quiet.py", flagged = tmp.path() / "flagged.py";
    write_file(quiet, "import json\nprint(json.dumps({}))\n");
    std::string flagged_text = "import requests\nrequests.get('https://example.com')\n";
    write_file(flagged, flagged_text);
    EngineOptions options;
    FileResult q = process_file(quiet, options);
    FileResult f = process_file(flagged, options);
    REQUIRE(q.source);
    CHECK(result_is_empty(q));
    CHECK(q.source->text.empty());  // released: a monorepo run holds only what it reports
    CHECK_FALSE(q.changed());
    REQUIRE(f.source);
    CHECK(f.source->text == flagged_text);
    CHECK(f.changed());
}
