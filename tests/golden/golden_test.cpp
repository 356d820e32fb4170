// Golden cases: testdata/<RULE>/<case>.py with <case>.py.fixed beside it (no .fixed: no change).
// Each case runs with its rule alone and must give the exact fixed output, parse (tree-sitter and
// CPython), be idempotent, and its rendered diff must apply with `git apply` and `patch -p1`.
// The name says what kind of case it is: `neg_*` must give no finding at all (a negative that is
// merely left unchanged could still be reported), `report_only_*` must be reported and not rewritten.
// A <case>.py.unfixed beside it lists the findings left for a human, one "LINE:COL RULE message"
// a line (an empty file: none); without it they are not compared.
// WAFIX_UPDATE_GOLDEN=1 writes the actual output to .fixed files for review.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_util.hpp"
#include "wafix/core/diff.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

std::vector<fs::path> golden_cases() {
    std::vector<fs::path> out;
    for (const auto& dir : fs::directory_iterator(source_dir() / "testdata")) {
        std::string rule = dir.path().filename().string();
        if (!dir.is_directory() || rule.rfind("WA", 0) != 0) continue;
        for (const auto& f : fs::directory_iterator(dir.path()))
            if (f.path().extension() == ".py") out.push_back(f.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

FileResult fix_with_rule(const fs::path& file, const std::string& rule) {
    EngineOptions o;
    o.select = {rule};
    auto loaded = source_from_bytes(file, read_file(file));
    REQUIRE(loaded.file);
    return process_source(*loaded.file, o);
}

}  // namespace

TEST_CASE("golden cases", "[golden]") {
    auto cases = golden_cases();
    REQUIRE(cases.size() >= 30);
    // Issue 4: at least 40 WA301 cases, more than half of them negative.
    size_t wa301 = 0, wa301_negative = 0;
    for (const fs::path& c : cases)
        if (c.parent_path().filename() == "WA301") {
            ++wa301;
            wa301_negative += starts_with(c.filename().string(), "neg_");
        }
    CHECK(wa301 >= 40);
    CHECK(wa301_negative * 2 > wa301);
    bool update = std::getenv("WAFIX_UPDATE_GOLDEN") != nullptr;
    size_t positive = 0;
    for (const fs::path& input : cases) {
        std::string rule = input.parent_path().filename().string();
        DYNAMIC_SECTION(rule << "/" << input.filename().string()) {
            std::string original = read_file(input);
            fs::path fixed_path = input.string() + ".fixed";
            bool expects_change = fs::exists(fixed_path);
            FileResult r = fix_with_rule(input, rule);
            REQUIRE_FALSE(r.error);
            std::string name = input.filename().string();
            if (starts_with(name, "neg_")) {
                std::string reported;
                for (const Finding& f : r.findings)
                    reported += "line " + std::to_string(f.location.line) + ": " + f.message + "\n";
                INFO(reported);
                CHECK(r.findings.empty());
                CHECK(r.unfixed.empty());
                CHECK_FALSE(expects_change);
            } else if (starts_with(name, "report_only_")) {
                CHECK_FALSE(r.unfixed.empty());
                CHECK_FALSE(expects_change);
            }
            std::string actual = r.source->bytes_for(r.fixed_text);
            if (update && actual != (expects_change ? read_file(fixed_path) : original)) {
                if (actual == original) fs::remove(fixed_path);
                else write_file(fixed_path, actual);
                WARN("updated " << fixed_path.string() << ": review it");
                continue;
            }
            std::string expected = expects_change ? read_file(fixed_path) : original;
            CHECK(actual == expected);
            fs::path unfixed_path = input.string() + ".unfixed";
            if (fs::exists(unfixed_path)) {
                std::string unfixed;
                for (const Finding& f : r.unfixed)
                    unfixed += std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + " " +
                               f.rule + " " + f.message + "\n";
                CHECK(unfixed == read_file(unfixed_path));
            }
            if (!expects_change) continue;
            ++positive;

            Parser parser;
            CHECK_FALSE(parser.parse(r.fixed_text).has_error());

            // Idempotent: a second run over the output changes nothing.
            TempDir tmp;
            write_file(tmp.path() / "second.py", actual);
            FileResult again = fix_with_rule(tmp.path() / "second.py", rule);
            CHECK_FALSE(again.changed());

            // CPython accepts the output.
            auto py = run("/usr/bin/python3 -c 'import ast,sys; ast.parse(open(sys.argv[1],\"rb\").read())' second.py",
                          tmp.path());
            CHECK(py.status == 0);

            // The rendered diff applies with git apply and with patch -p1 and yields the output.
            std::string patch = render_file_diff("case.py", original, actual);
            write_file(tmp.path() / "fix.patch", patch);
            for (const char* tool : {"git apply fix.patch", "patch -p1 --quiet --no-backup-if-mismatch < fix.patch"}) {
                write_file(tmp.path() / "case.py", original);
                auto applied = run(tool, tmp.path());
                INFO(tool << "\n" << applied.err << applied.out << "\n" << patch);
                CHECK(applied.status == 0);
                CHECK(read_file(tmp.path() / "case.py") == actual);
            }
        }
    }
}
