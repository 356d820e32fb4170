// Findings of the report-only rules (WA501-WA503). Each case in testdata/WA50x/ states what it
// expects in trailing comments: `# expect: WA501` on a line means one WA501 finding starts on that
// line (repeat the ID for several; `WA501:13` also pins the 1-based column). Every finding must
// be expected and every expectation met, so a case without expectations asserts silence. Only
// real comment tokens count (found with tree-sitter), so text in strings never expects anything.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <tuple>

#include "test_util.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

const std::vector<std::string> kReportRules = {"WA501", "WA502", "WA503"};

struct Expected {
    uint32_t line = 0;
    uint32_t column = 0;  // 0: any column
    std::string rule;
};

// Parses the `# expect:` comments of a case. Malformed tokens are returned in `errors`.
std::vector<Expected> parse_expectations(const std::string& text, std::vector<std::string>& errors) {
    std::vector<Expected> out;
    Parser parser;
    Tree tree = parser.parse(text);
    static const Query comments("(comment) @c");
    static const std::regex expect_re(R"(^#\s*expect:\s*(.*)$)");
    static const std::regex token_re(R"(^(WA\d{3})(?::(\d+))?$)");
    for (const Match& m : comments.matches(tree.root())) {
        Node c = m.get("c");
        std::string body(c.text());
        std::smatch sm;
        if (!std::regex_match(body, sm, expect_re)) continue;
        std::string rest = sm[1].str();
        std::replace(rest.begin(), rest.end(), ',', ' ');
        std::istringstream tokens(rest);
        std::string token;
        size_t count = 0;
        while (tokens >> token) {
            ++count;
            std::smatch tm;
            if (!std::regex_match(token, tm, token_re)) {
                errors.push_back(std::to_string(c.start_point().row + 1) + ": bad expectation token `" + token + "`");
                continue;
            }
            Expected e;
            e.line = c.start_point().row + 1;
            e.rule = tm[1].str();
            if (tm[2].matched) e.column = static_cast<uint32_t>(std::stoul(tm[2].str()));
            out.push_back(e);
        }
        if (count == 0) errors.push_back(std::to_string(c.start_point().row + 1) + ": empty expectation");
    }
    return out;
}

std::string describe(const Finding& f) {
    return std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + " " + f.rule + " " + f.message;
}

// Pairs findings with expectations (pinned columns first); returns one line per mismatch.
std::vector<std::string> compare(std::vector<Finding> findings, std::vector<Expected> expected) {
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.line, a.location.column, a.rule) <
               std::tie(b.location.line, b.location.column, b.rule);
    });
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Expected& a, const Expected& b) { return (a.column != 0) > (b.column != 0); });
    std::vector<bool> used(findings.size(), false);
    std::vector<std::string> mismatches;
    for (const Expected& e : expected) {
        bool met = false;
        for (size_t i = 0; i < findings.size() && !met; ++i) {
            const Finding& f = findings[i];
            if (used[i] || f.rule != e.rule || f.location.line != e.line) continue;
            if (e.column != 0 && f.location.column != e.column) continue;
            used[i] = met = true;
        }
        if (!met)
            mismatches.push_back("missing: " + std::to_string(e.line) +
                                 (e.column ? ":" + std::to_string(e.column) : "") + " " + e.rule);
    }
    for (size_t i = 0; i < findings.size(); ++i)
        if (!used[i]) mismatches.push_back("unexpected: " + describe(findings[i]));
    return mismatches;
}

FileResult run_rule(const fs::path& file, const std::string& text, const std::string& rule) {
    EngineOptions o;
    o.select = {rule};
    auto loaded = source_from_bytes(file, text);
    REQUIRE(loaded.file);
    return process_source(*loaded.file, o);
}

std::vector<fs::path> cases_of(const std::string& rule) {
    std::vector<fs::path> out;
    for (const auto& f : fs::directory_iterator(source_dir() / "testdata" / rule))
        if (f.path().extension() == ".py") out.push_back(f.path());
    std::sort(out.begin(), out.end());
    return out;
}

Finding finding_at(uint32_t line, uint32_t column, const std::string& rule) {
    Finding f;
    f.rule = rule;
    f.location = {line, column};
    return f;
}

// The 1-based line of the first occurrence of `needle`, or 0.
uint32_t line_of(const std::string& text, const std::string& needle) {
    size_t pos = text.find(needle);
    if (pos == std::string::npos) return 0;
    return static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n') + 1);
}

}  // namespace

TEST_CASE("the expectation matcher is exact in both directions", "[report][unit]") {
    std::vector<std::string> errors;
    std::string text =
        "x = f()  # expect: WA501\n"
        "y = '# expect: WA502'\n"  // text in a string expects nothing
        "z = g()  # expect: WA501, WA501:9\n"
        "w = 1  # expect: WA5O1\n";
    auto expected = parse_expectations(text, errors);
    REQUIRE(expected.size() == 3);
    REQUIRE(errors.size() == 1);  // the typo (letter O) is caught, not silently ignored
    CHECK(expected[0].line == 1);
    CHECK(expected[2].column == 9);

    std::vector<Finding> exact{finding_at(1, 5, "WA501"), finding_at(3, 1, "WA501"), finding_at(3, 9, "WA501")};
    CHECK(compare(exact, expected).empty());
    // A finding too many, one too few, a wrong line, a wrong column and a wrong rule all fail.
    auto extra = exact;
    extra.push_back(finding_at(2, 1, "WA501"));
    CHECK(compare(extra, expected).size() == 1);
    CHECK(compare({exact[0], exact[1]}, expected).size() == 1);
    CHECK(compare({finding_at(4, 5, "WA501"), exact[1], exact[2]}, expected).size() == 2);
    CHECK(compare({exact[0], exact[1], finding_at(3, 10, "WA501")}, expected).size() == 2);
    CHECK(compare({finding_at(1, 5, "WA502"), exact[1], exact[2]}, expected).size() == 2);
}

TEST_CASE("report-only rules: findings of every case match its expect comments", "[report][golden]") {
    for (const std::string& rule : kReportRules) {
        auto cases = cases_of(rule);
        // Counted outside the sections: Catch re-runs the test case once per section.
        size_t silent = 0, flagged = 0;
        for (const fs::path& file : cases) {
            std::vector<std::string> ignored;
            (parse_expectations(read_file(file), ignored).empty() ? silent : flagged)++;
        }
        // At least 8 cases per rule, and enough that must stay silent.
        CHECK(cases.size() >= 8);
        CHECK(flagged >= 4);
        CHECK(silent >= 2);
        for (const fs::path& file : cases) {
            DYNAMIC_SECTION(rule << "/" << file.filename().string()) {
                std::string text = read_file(file);
                std::vector<std::string> errors;
                auto expected = parse_expectations(text, errors);
                INFO(file.string());
                CHECK(errors == std::vector<std::string>{});
                for (const Expected& e : expected) CHECK(e.rule == rule);
                FileResult r = run_rule(file, text, rule);
                REQUIRE_FALSE(r.error);
                // Report-only: nothing is rewritten, no finding carries a fix.
                CHECK(r.fixed_text == text);
                CHECK(r.fixed.empty());
                for (const Finding& f : r.unfixed) {
                    CHECK_FALSE(f.fix);
                    CHECK_FALSE(f.message.empty());
                }
                CHECK(compare(r.unfixed, expected) == std::vector<std::string>{});
            }
        }
    }
}

TEST_CASE("report-only rules: rule info and docs", "[report][unit]") {
    for (const std::string& rule : kReportRules) {
        INFO(rule);
        const Transform* t = find_transform(rule);
        REQUIRE(t);
        CHECK(t->info().fix == FixAvailability::None);
        CHECK_FALSE(t->info().pillars.empty());
        std::string_view doc = rule_doc(rule);
        for (const char* heading :
             {"## What it does", "## Why is this bad", "## Example", "## Use instead", "## Fix safety"})
            CHECK(doc.find(heading) != std::string_view::npos);
    }
    CHECK(pillar_codes(find_transform("WA501")->info()) == std::vector<std::string>{"SEC"});
    CHECK(pillar_codes(find_transform("WA502")->info()) == std::vector<std::string>{"COST", "PERF"});
    CHECK(pillar_codes(find_transform("WA503")->info()) == std::vector<std::string>{"SEC"});
}

TEST_CASE("report-only rules: messages say what to do instead", "[report][unit]") {
    auto message_of = [](const std::string& rule, const std::string& code) {
        FileResult r = run_rule("t.py", code, rule);
        REQUIRE(r.unfixed.size() == 1);
        return r.unfixed[0].message;
    };
    std::string iam = message_of("WA501",
                                 "from aws_cdk import aws_iam as iam\n"
                                 "s = iam.PolicyStatement(actions=[\"s3:*\"], resources=[\"*\"])\n");
    CHECK(iam.find("`s3:*`") != std::string::npos);
    CHECK(iam.find("grant_") != std::string::npos);

    std::string sleep = message_of("WA502",
                                   "import time\n"
                                   "def poll():\n    time.sleep(5)\n"
                                   "def handler(event, context):\n    poll()\n");
    CHECK(sleep.find("handler -> poll") != std::string::npos);
    CHECK(sleep.find("Step Functions Wait state") != std::string::npos);
    CHECK(sleep.find("waiter") != std::string::npos);

    std::string env = message_of("WA503",
                                 "from aws_cdk import aws_lambda\n"
                                 "aws_lambda.Function(None, 'Api', environment={'A': '1'})\n");
    CHECK(env.find("`Api`") != std::string::npos);
    CHECK(env.find("environment_encryption=") != std::string::npos);
    std::string logs = message_of("WA503",
                                  "import aws_cdk.aws_logs as logs\n"
                                  "logs.LogGroup(None, 'Audit')\n");
    CHECK(logs.find("encryption_key=") != std::string::npos);
}

TEST_CASE("report-only rules: WA502 follows calls only to a bounded depth", "[report][unit]") {
    // A chain of 20 helpers ends in a sleep: too deep to follow, so silence; at 5 it is found.
    auto chain = [](int n) {
        std::string code = "import time\n";
        for (int i = 0; i < n; ++i) code += "def f" + std::to_string(i) + "():\n    f" + std::to_string(i + 1) + "()\n";
        code += "def f" + std::to_string(n) + "():\n    time.sleep(1)\n";
        code += "def handler(event, context):\n    f0()\n";
        return code;
    };
    CHECK(run_rule("t.py", chain(5), "WA502").unfixed.size() == 1);
    CHECK(run_rule("t.py", chain(20), "WA502").unfixed.empty());
}

TEST_CASE("report-only rules: the sample project's deliberate problems", "[report][sample]") {
    fs::path sample = source_dir() / "testdata" / "sample";
    auto lines = [](const FileResult& r, const std::string& rule) {
        std::vector<uint32_t> out;
        for (const Finding& f : r.unfixed)
            if (f.rule == rule) out.push_back(f.location.line);
        return out;
    };
    EngineOptions o;
    o.select = {"WA501", "WA502", "WA503"};

    FileResult stack = process_file(sample / "infra" / "orders_stack.py", o);
    REQUIRE(stack.source);
    const std::string& st = stack.source->text;
    CHECK(lines(stack, "WA501") ==
          std::vector<uint32_t>{line_of(st, "iam.PolicyStatement(actions=[\"s3:*\"], resources=[\"*\"])")});
    std::vector<uint32_t> wa503 = lines(stack, "WA503");
    std::vector<uint32_t> want503{line_of(st, "invoice_parser = _lambda.Function("),
                                  line_of(st, "supplier_sync = _lambda.Function("),
                                  line_of(st, "workflow_logs = logs.LogGroup(")};
    std::sort(want503.begin(), want503.end());
    CHECK(wa503 == want503);
    CHECK(stack.fixed_text == st);

    FileResult sync = process_file(sample / "functions" / "supplier_sync" / "handler.py", o);
    REQUIRE(sync.source);
    CHECK(lines(sync, "WA502") ==
          std::vector<uint32_t>{line_of(sync.source->text, "time.sleep(POLL_INTERVAL_SECONDS)")});

    // The other handlers do not sleep, and no handler is a CDK stack.
    for (const char* clean : {"invoice_parser", "notifier", "report_builder"}) {
        FileResult r = process_file(sample / "functions" / clean / "handler.py", o);
        REQUIRE(r.source);
        CHECK(r.unfixed.empty());
    }
}

TEST_CASE("report-only rules through the CLI: findings listed, files untouched", "[report][cli]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    fs::path stack = tmp.path() / "sample" / "infra" / "orders_stack.py";
    fs::path handler = tmp.path() / "sample" / "functions" / "supplier_sync" / "handler.py";
    std::string stack_before = read_file(stack), handler_before = read_file(handler);
    std::string wafix = shell_quote(WAFIX_BINARY);

    // diff: no patch for report-only rules; the findings go to stderr.
    auto diff = run(wafix + " diff --select WA501,WA502,WA503 sample", tmp.path());
    CHECK(diff.out.empty());
    CHECK(diff.err.find("WA501") != std::string::npos);
    CHECK(diff.err.find("WA502") != std::string::npos);
    CHECK(diff.err.find("WA503") != std::string::npos);

    // fix: nothing changes, the findings are listed for a human and the exit code says so.
    auto fix = run(wafix + " fix --select WA501,WA502,WA503 sample", tmp.path());
    INFO(fix.out << fix.err);
    CHECK(fix.status == 1);
    CHECK(fix.out.find("5 findings need a human") != std::string::npos);
    CHECK(read_file(stack) == stack_before);
    CHECK(read_file(handler) == handler_before);
}
