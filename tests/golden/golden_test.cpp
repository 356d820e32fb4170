// Golden cases: testdata/<RULE>/<case>.py, each its own test (and ctest entry), run with its rule
// alone. Beside the case:
// - <case>.py.fixed: the exact fixed output (none: no change). The output must parse (tree-sitter
//   and CPython), a second run must change nothing, and the rendered diff must apply with
//   `git apply` and `patch -p1`.
// - <case>.py.snap: what the rule does, for review: every finding (line:col, message, its fix's
//   title and safety, and whether it landed), the engine's notes, and the diff.
// - <case>.py.unfixed (optional): the findings left for a human, "LINE:COL RULE message" a line
//   (an empty file: none).
// The name says what kind of case it is: `neg_*` must give no finding at all (a negative that is
// merely left unchanged could still be reported), `report_only_*` must be reported and not
// rewritten. WAFIX_UPDATE_GOLDEN=1 writes the actual .fixed and .snap files, for review.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

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
        if (!dir.is_directory() || !find_transform(rule)) continue;
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

// The snapshot: findings in order, each with what became of its fix, then notes and the diff.
std::string snapshot(const std::string& rule, const std::string& name, const FileResult& r, const std::string& original,
                     const std::string& actual) {
    std::string out = fmt::format("# {} on {} (WAFIX_UPDATE_GOLDEN=1 rewrites this file)\n", rule, name);
    for (size_t i = 0; i < r.findings.size(); ++i) {
        const Finding& f = r.findings[i];
        out += fmt::format("{}:{} {} {}\n", f.location.line, f.location.column, f.rule, f.message);
        if (!f.fix) {
            out += "    no fix\n";
            continue;
        }
        bool landed = i < r.fixed_flags.size() && r.fixed_flags[i];
        out += fmt::format("    fix ({}, {}): {}\n", f.fix->safety == Safety::Unsafe ? "unsafe" : "safe",
                           landed ? "applied" : "not applied", f.fix->title);
    }
    if (r.findings.empty()) out += "no findings\n";
    for (const auto& note : r.notes) out += "note: " + note + "\n";
    for (const auto& req : r.requirements) out += "requires: " + req + "\n";
    std::string diff = render_file_diff("case.py", original, actual);
    out += diff.empty() ? "--- no change\n" : "--- diff\n" + diff;
    return out;
}

// The rule's declaration holds for what it did: a rule without fixes offers none, and only a
// rule that declares unsafe fixes offers one.
void check_declared_fixes(const std::string& rule, const FileResult& r) {
    const RuleInfo& info = find_transform(rule)->info();
    for (const Finding& f : r.findings) {
        if (!f.fix) continue;
        INFO(f.message);
        CHECK(info.fix != FixAvailability::None);
        if (f.fix->safety == Safety::Unsafe) CHECK(info.fix_safety == Safety::Unsafe);
    }
}

void check_kind(const std::string& name, const FileResult& r, bool expects_change) {
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
}

void check_unfixed(const fs::path& input, const FileResult& r) {
    fs::path unfixed_path = input.string() + ".unfixed";
    if (!fs::exists(unfixed_path)) return;
    std::string unfixed;
    for (const Finding& f : r.unfixed)
        unfixed += std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + " " + f.rule + " " +
                   f.message + "\n";
    CHECK(unfixed == read_file(unfixed_path));
}

// The output parses, is a fixpoint, is accepted by CPython, and its diff applies.
void check_output(const std::string& rule, const FileResult& r, const std::string& original,
                  const std::string& actual) {
    Parser parser;
    CHECK_FALSE(parser.parse(r.fixed_text).has_error());
    TempDir tmp;
    write_file(tmp.path() / "second.py", actual);
    FileResult again = fix_with_rule(tmp.path() / "second.py", rule);
    CHECK_FALSE(again.changed());
    auto py =
        run("/usr/bin/python3 -c 'import ast,sys; ast.parse(open(sys.argv[1],\"rb\").read())' second.py", tmp.path());
    CHECK(py.status == 0);
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

// Writes `actual` to `path` when it differs (removing the file when `actual` is empty); true when
// it did.
bool update(const fs::path& path, const std::string& actual) {
    bool exists = fs::exists(path);
    if (exists && read_file(path) == actual) return false;
    if (actual.empty()) {
        if (!exists) return false;
        fs::remove(path);
    } else {
        write_file(path, actual);
    }
    return true;
}

void run_case(const fs::path& input) {
    std::string rule = input.parent_path().filename().string();
    std::string name = input.filename().string();
    std::string original = read_file(input);
    fs::path fixed_path = input.string() + ".fixed", snap_path = input.string() + ".snap";
    FileResult r = fix_with_rule(input, rule);
    REQUIRE_FALSE(r.error);
    std::string actual = r.source->bytes_for(r.fixed_text);
    std::string snap = snapshot(rule, name, r, original, actual);
    if (std::getenv("WAFIX_UPDATE_GOLDEN")) {
        bool changed = update(fixed_path, actual == original ? std::string() : actual);
        if (update(snap_path, snap) || changed) WARN("updated " << snap_path.string() << ": review it");
    }
    bool expects_change = fs::exists(fixed_path);
    check_kind(name, r, expects_change);
    check_declared_fixes(rule, r);
    CHECK(actual == (expects_change ? read_file(fixed_path) : original));
    REQUIRE(fs::exists(snap_path));
    CHECK(snap == read_file(snap_path));
    check_unfixed(input, r);
    if (expects_change) check_output(rule, r, original, actual);
}

class GoldenCase final : public Catch::ITestInvoker {
public:
    explicit GoldenCase(fs::path input) : input_(std::move(input)) {}
    void invoke() const override { run_case(input_); }

private:
    fs::path input_;
};

}  // namespace

TEST_CASE("the golden corpus has the cases the issues ask for", "[golden]") {
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
    // Every file beside a case belongs to one.
    for (const auto& dir : fs::directory_iterator(source_dir() / "testdata")) {
        if (!dir.is_directory() || !find_transform(dir.path().filename().string())) continue;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            std::string file = f.path().filename().string();
            if (f.is_directory() || f.path().extension() == ".py") continue;
            size_t py = file.find(".py.");
            INFO(f.path());
            CHECK((py != std::string::npos && fs::exists(dir.path() / file.substr(0, py + 3))));
        }
    }
}

// One test per case, registered before the session starts so that `--list-test-names-only` (and
// so catch_discover_tests, one ctest entry each) sees them: "golden: WA101/parse_alias.py".
int main(int argc, char* argv[]) {
    std::vector<std::unique_ptr<Catch::AutoReg>> registered;
    for (const fs::path& input : golden_cases()) {
        std::string name = "golden: " + input.parent_path().filename().string() + "/" + input.filename().string();
        registered.push_back(std::make_unique<Catch::AutoReg>(
            new GoldenCase(input), Catch::SourceLineInfo(__FILE__, static_cast<std::size_t>(__LINE__)), "",
            Catch::NameAndTags(name, "[golden]")));
    }
    return Catch::Session().run(argc, argv);
}
