// WA401/WA402 proven on real CloudFormation: the sample CDK app is synthesized (pinned aws-cdk-lib
// and cdk-nag in .venv) before and after `wafix fix`, and tests/behaviour/cdk_synth_check.py
// compares the two templates and the cdk-nag findings.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

TEST_CASE("the fixed sample CDK app synthesizes with a DLQ and reserved concurrency on every Lambda",
          "[cli][cdk][synth]") {
    fs::path python = venv_python_or_skip({"aws_cdk", "cdk_nag"});
    TempDir tmp;
    fs::copy(source_dir() / "testdata" / "sample", tmp.path() / "sample", fs::copy_options::recursive);
    std::string py = shell_quote(python.string());
    std::string script = shell_quote((source_dir() / "tests" / "behaviour" / "cdk_synth_check.py").string());

    auto before = run(py + " " + script + " synth sample before.json", tmp.path());
    INFO(before.out << before.err);
    REQUIRE(before.status == 0);
    CHECK(before.out.find("NIST.800.53.R5-LambdaDLQ: 6") != std::string::npos);
    CHECK(before.out.find("NIST.800.53.R5-LambdaConcurrency: 6") != std::string::npos);

    auto fix = run(shell_quote(WAFIX_BINARY) + " fix --select WA401,WA402 sample", tmp.path());
    INFO(fix.out << fix.err);
    REQUIRE(fix.status == 0);
    CHECK(fix.out.find("WA401 lambda-without-dlq               6") != std::string::npos);
    CHECK(fix.out.find("WA402 lambda-unbounded-concurrency     6") != std::string::npos);

    auto after = run(py + " " + script + " synth sample after.json", tmp.path());
    INFO(after.out << after.err);
    REQUIRE(after.status == 0);
    CHECK(after.out.find("LambdaDLQ") == std::string::npos);
    CHECK(after.out.find("LambdaConcurrency") == std::string::npos);

    auto compare = run(py + " " + script + " compare before.json after.json", tmp.path());
    INFO(compare.out << compare.err);
    CHECK(compare.status == 0);
    CHECK(compare.out.find("NIST.800.53.R5-LambdaDLQ: 6 -> 0") != std::string::npos);
    CHECK(compare.out.find("NIST.800.53.R5-LambdaConcurrency: 6 -> 0") != std::string::npos);
    CHECK(compare.out.find("Lambda functions: 7") != std::string::npos);

    // Converged: nothing left for WA401/WA402 to do.
    CHECK(run(shell_quote(WAFIX_BINARY) + " diff --select WA401,WA402 sample", tmp.path()).status == 0);
}

TEST_CASE("the fixed WA401/WA402 golden cases still build and synthesize with aws-cdk-lib", "[cdk][synth]") {
    fs::path python = venv_python_or_skip({"aws_cdk", "cdk_nag"});
    std::string script = shell_quote((source_dir() / "tests" / "behaviour" / "cdk_golden_synth.py").string());
    std::string dirs = shell_quote((source_dir() / "testdata" / "WA401").string()) + " " +
                       shell_quote((source_dir() / "testdata" / "WA402").string());
    auto r = run(shell_quote(python.string()) + " " + script + " " + dirs);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("\"errors\": 0") != std::string::npos);
    // Most cases build here (Docker-bundled NodejsFunction and incomplete snippets are skipped);
    // every CfnFunction case is among those that run.
    auto ran_at = r.out.find("\"ran\": ");
    REQUIRE(ran_at != std::string::npos);
    CHECK(std::stoi(r.out.substr(ran_at + 7)) >= 31);
    for (const char* c : {"cfn_function_bare_statement", "cfn_function_in_loop", "cfn_function_new_imports",
                          "cfn_function_imports_added", "cfn_function_cdk_root_alias"})
        CHECK(r.out.find(std::string("ok   WA401/") + c + ".py") != std::string::npos);
}
