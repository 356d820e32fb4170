// WA401 proven on real CloudFormation: testdata/apps/cdk_triggers is synthesized with the pinned
// aws-cdk-lib and cdk-nag's Serverless pack before and after `wafix fix` (cdk_triggers_synth.py).
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;
using nlohmann::json;

namespace {

json synth(const fs::path& python, const fs::path& app) {
    std::string script = shell_quote((source_dir() / "tests" / "behaviour" / "cdk_triggers_synth.py").string());
    auto r = run(shell_quote(python.string()) + " " + script + " " + shell_quote(app.string()) + " 2>/dev/null");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    std::string out = r.out.substr(0, r.out.find_last_not_of('\n') + 1);
    return json::parse(out.substr(out.rfind('\n') + 1));  // the last line; jsii may print before it
}

// The one value whose logical id starts with `prefix` (CDK appends a hash).
json by_prefix(const json& object, const std::string& prefix) {
    for (const auto& [key, value] : object.items())
        if (key.rfind(prefix, 0) == 0) return value;
    FAIL("no " << prefix << " in " << object.dump());
    return {};
}

}  // namespace

TEST_CASE("the fixed trigger app synthesizes with a redrive policy and on_failure, and no function DLQ",
          "[cdk][synth]") {
    fs::path python = venv_python_or_skip({"aws_cdk", "cdk_nag"});
    TempDir tmp;
    fs::path app = tmp.path() / "cdk_triggers";
    fs::copy(source_dir() / "testdata" / "apps" / "cdk_triggers", app, fs::copy_options::recursive);

    json before = synth(python, app);
    CHECK(before["queues"] == 1);
    CHECK(before["nag"]["Serverless-SQSRedrivePolicy"] == 1);
    CHECK(before["nag"]["Serverless-LambdaEventSourceMappingDestination"] == 2);

    auto fix = run(shell_quote(WAFIX_BINARY) + " fix --no-cache --select WA401 .", app);
    INFO(fix.out << fix.err);
    REQUIRE(fix.status == 0);

    json after = synth(python, app);
    INFO(after.dump());
    // Two queues a reviewer wants (the orders DLQ, the stream's failure queue), none for the API.
    CHECK(after["queues"] == 3);
    CHECK(after["redrive"].size() == 1);
    for (const auto& [function, has_dlq] : after["functions"].items()) {
        INFO(function);
        CHECK_FALSE(has_dlq.get<bool>());
    }
    CHECK(by_prefix(after["mappings"], "ClickReaderKinesisEventSource")["on_failure"] == true);
    CHECK(by_prefix(after["mappings"], "OrderWorkerSqsEventSource")["batch_item_failures"] == true);
    // The source queue's finding is gone; only the new dead-letter queues are flagged, since
    // cdk-nag cannot tell that a queue is itself a DLQ (the rule doc lists it as expected).
    for (const auto& queue : after["flagged"]["Serverless-SQSRedrivePolicy"]) {
        std::string id = queue.get<std::string>();
        INFO(id);
        CHECK((id.find("OrdersQueueDlq") != std::string::npos || id.find("ClicksFailures") != std::string::npos));
    }
    CHECK(after["nag"]["Serverless-SQSRedrivePolicy"] == 2);
    // Left: the SQS mapping (Lambda has no on-failure destination for SQS; its queue's redrive
    // policy is the target), and LambdaDLQ on the three functions, none of which a DLQ would serve.
    CHECK(after["nag"]["Serverless-LambdaEventSourceMappingDestination"] == 1);
    CHECK(after["nag"]["Serverless-LambdaDLQ"] <= before["nag"]["Serverless-LambdaDLQ"]);
    CHECK(after["nag"]["Serverless-LambdaAsyncFailureDestination"] ==
          before["nag"]["Serverless-LambdaAsyncFailureDestination"]);
}
