// WA401/WA402 beyond the golden files: what is reported without a fix, the configured
// concurrency value, the CLI flag, and both rules together converging on one call.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

FileResult fix_text(const std::string& text, std::set<std::string> rules, int reserved = 10) {
    EngineOptions o;
    o.select = std::move(rules);
    o.settings.set("reserved-concurrency", std::to_string(reserved));
    auto loaded = source_from_bytes("stack.py", text);
    REQUIRE(loaded.file);
    return process_source(*loaded.file, o);
}

const char* kSplat =
    "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(stack, **props):\n"
    "    return _lambda.Function(stack, \"Fn\", **props)\n";

}  // namespace

TEST_CASE("**props constructs are reported, not rewritten", "[cdk]") {
    FileResult r = fix_text(kSplat, {"WA401", "WA402"});
    CHECK_FALSE(r.changed());
    REQUIRE(r.unfixed.size() == 2);
    CHECK(r.unfixed[0].rule == "WA401");
    CHECK(r.unfixed[1].rule == "WA402");
    for (const Finding& f : r.unfixed) {
        CHECK_FALSE(f.fix);
        CHECK(f.message.find("not rewritten: the call passes **kwargs") != std::string::npos);
        CHECK(f.location.line == 5);
    }
}

TEST_CASE("WA402 writes the configured value and says that it caps scaling", "[cdk]") {
    std::string src =
        "from aws_cdk.aws_lambda import Function\n\n\ndef build(s, c):\n    return Function(s, \"F\", code=c)\n";
    FileResult r = fix_text(src, {"WA402"}, 25);
    CHECK(r.fixed_text.find("Function(s, \"F\", code=c, reserved_concurrent_executions=25)") != std::string::npos);
    FileResult report = fix_text(kSplat, {"WA402"}, 25);
    REQUIRE(report.unfixed.size() == 1);
    CHECK(report.unfixed[0].message.find("reserved_concurrent_executions=25") != std::string::npos);
    CHECK(report.unfixed[0].message.find("caps the function's scaling") != std::string::npos);
}

TEST_CASE("WA401 and WA402 together add one line each to a multi-line call", "[cdk]") {
    std::string src =
        "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, c):\n"
        "    return _lambda.Function(\n        s,\n        \"F\",\n        code=c  # zip\n    )\n";
    FileResult r = fix_text(src, {"WA401", "WA402"});
    CHECK(r.fixed_text ==
          "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, c):\n"
          "    return _lambda.Function(\n        s,\n        \"F\",\n        code=c,  # zip\n"
          "        dead_letter_queue_enabled=True,\n        reserved_concurrent_executions=10\n    )\n");
    CHECK(r.fixed.at("WA401") == 1);
    CHECK(r.fixed.at("WA402") == 1);
    CHECK(r.unfixed.empty());
    CHECK_FALSE(fix_text(r.fixed_text, {"WA401", "WA402"}).changed());
}

TEST_CASE("a CfnFunction whose role wafix cannot grant to is reported with the reason", "[cdk]") {
    std::string src =
        "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, role_arn, c):\n"
        "    _lambda.CfnFunction(s, \"Legacy\", role=role_arn, code=c)\n";
    FileResult r = fix_text(src, {"WA401"});
    CHECK_FALSE(r.changed());
    REQUIRE(r.unfixed.size() == 1);
    CHECK(r.unfixed[0].message.find("cannot grant it sqs:SendMessage") != std::string::npos);
}

TEST_CASE("the reserved-concurrency flag sets WA402's value and rejects values below 1", "[cli][cdk]") {
    TempDir tmp;
    write_file(tmp.path() / "stack.py",
               "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(s, c):\n    return _lambda.Function(s, \"F\", "
               "code=c)\n");
    std::string wafix = shell_quote(WAFIX_BINARY);
    auto diff = run(wafix + " diff --select WA402 --reserved-concurrency 3 stack.py", tmp.path());
    CHECK(diff.status == 1);
    CHECK(diff.out.find("+    return _lambda.Function(s, \"F\", code=c, reserved_concurrent_executions=3)") !=
          std::string::npos);
    CHECK(run(wafix + " diff --reserved-concurrency 0 stack.py", tmp.path()).status == 2);
    auto rules = run(wafix + " rules", tmp.path());
    CHECK(rules.out.find("WA401") != std::string::npos);
    CHECK(rules.out.find("lambda-unbounded-concurrency") != std::string::npos);
    auto doc = run(wafix + " rules WA401", tmp.path());
    CHECK(doc.out.find("## Fix safety") != std::string::npos);
    CHECK(doc.out.find("AwsSolutions-SQS4") != std::string::npos);
}

TEST_CASE("a call one rule splits and another extends on its line gets both, without a withheld fix", "[cdk]") {
    // WA401 appends before `)` on the line while WA402 splits the call (the line would pass 79).
    std::string src =
        "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(stack, c):\n"
        "    return _lambda.Function(stack, \"F\", code=c)\n";
    FileResult r = fix_text(src, {"WA401", "WA402"});
    CHECK(r.notes.empty());
    CHECK(r.fixed_text ==
          "from aws_cdk import aws_lambda as _lambda\n\n\ndef build(stack, c):\n"
          "    return _lambda.Function(\n        stack,\n        \"F\",\n        code=c,\n"
          "        dead_letter_queue_enabled=True,\n        reserved_concurrent_executions=10,\n    )\n");
}
