// WA401/WA402 on a multi-file CDK app (testdata/apps/cdk_triggers): the queue and stream are
// built in one module, the functions and their event sources in another. `wafix diff` must put
// each fix where its construct is, give no function DLQ to the API or the polled functions, and
// converge after `wafix fix`.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace wafix::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path copy_app(const TempDir& tmp) {
    fs::path app = tmp.path() / "cdk_triggers";
    fs::copy(source_dir() / "testdata" / "apps" / "cdk_triggers", app, fs::copy_options::recursive);
    return app;
}

}  // namespace

TEST_CASE("WA401 over a multi-file CDK app fits each function's triggers", "[e2e][cdk]") {
    TempDir tmp;
    fs::path app = copy_app(tmp);
    std::string wafix = shell_quote(WAFIX_BINARY) + " ";
    auto diff = run(wafix + "diff --no-cache --select WA401 .", app);
    INFO(diff.out << diff.err);
    CHECK(diff.status == 1);
    // The queue, in queues.py, gets the redrive policy (it feeds OrderWorker from workers.py).
    CHECK(has(diff.out, "+++ b/stacks/queues.py"));
    CHECK(has(diff.out, "orders_queue_dlq = sqs.Queue(self, \"OrdersQueueDlq\", retention_period=Duration.days(14)"));
    CHECK(has(diff.out, "dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=5, queue=orders_queue_dlq)"));
    // The worker's handler returns batchItemFailures; the stream reader gets on_failure, one per line.
    CHECK(has(diff.out, "SqsEventSource(orders_queue, batch_size=10, report_batch_item_failures=True)"));
    CHECK(has(diff.out, "+                on_failure=SqsDlq(clicks_failures),\n+                retry_attempts=3,\n"));
    CHECK(has(diff.out, "from aws_cdk.aws_lambda_event_sources import KinesisEventSource, SqsEventSource, SqsDlq"));
    // No function DLQ anywhere: the API is synchronous, the others are polled.
    CHECK_FALSE(has(diff.out, "dead_letter_queue_enabled"));
    CHECK_FALSE(has(diff.out, "dead_letter_queue=sqs.Queue("));

    // The API handler's finding is informational: in the JSON, not counted as needing a human.
    auto json = run(wafix + "check --no-cache --select WA401 --format json .", app);
    INFO(json.out);
    CHECK(has(json.out, "\"status\": \"informational\""));
    CHECK(has(json.out, "is only invoked synchronously (api-gateway via LambdaRestApi)"));
    CHECK(has(json.out, "\"needs_human\": 0"));

    auto fix = run(wafix + "fix --no-cache --select WA401 .", app);
    INFO(fix.out << fix.err);
    CHECK(fix.status == 0);
    CHECK(run(wafix + "diff --no-cache --select WA401 .", app).status == 0);
}

TEST_CASE("WA402 over the multi-file app: max_concurrency for the SQS worker, an unsafe cap for the API",
          "[e2e][cdk]") {
    TempDir tmp;
    fs::path app = copy_app(tmp);
    std::string wafix = shell_quote(WAFIX_BINARY) + " ";
    auto diff = run(wafix + "diff --no-cache --select WA402 .", app);
    INFO(diff.out << diff.err);
    CHECK(has(diff.out, "SqsEventSource(orders_queue, batch_size=10, max_concurrency=10)"));
    CHECK_FALSE(has(diff.out,
                    "\"ApiHandler\",\n             runtime=lambda_.Runtime.PYTHON_3_12,\n             "
                    "code=lambda_.Code.from_asset(\"functions/api\"),\n             handler=\"handler.main\",\n+"));
    CHECK(has(diff.err, "TooManyRequestsException"));  // the API's cap is left for a human
    auto unsafe = run(wafix +
                          "diff --no-cache --unsafe-fixes --select WA402 "
                          "--reserved-concurrency-overrides 'ApiHandler=250, WorkersStack/ClickReader=40' .",
                      app);
    INFO(unsafe.out << unsafe.err);
    CHECK(has(unsafe.out, "+            reserved_concurrent_executions=250,"));
    CHECK(has(unsafe.out, "+            reserved_concurrent_executions=40,"));
    // 250 + 700 would pass 1000 - 100: the second is refused, with the sum it would reach.
    auto budget = run(wafix +
                          "diff --no-cache --unsafe-fixes --select WA402 "
                          "--reserved-concurrency-overrides 'ApiHandler=250,ClickReader=700' .",
                      app);
    INFO(budget.out << budget.err);
    CHECK(has(budget.out, "reserved_concurrent_executions=250"));
    CHECK_FALSE(has(budget.out, "reserved_concurrent_executions=700"));
    CHECK(has(budget.err, "would take the app's reserved concurrency to 950, over the 900"));
}

TEST_CASE("WA402's numeric settings are refused out of range, from the CLI and from pyproject", "[e2e][cdk]") {
    TempDir tmp;
    fs::path app = copy_app(tmp);
    std::string wafix = shell_quote(WAFIX_BINARY) + " diff --no-cache --select WA402 ";
    for (const char* value : {"0", "-5", "100", "99999999999999999999"}) {
        auto r = run(wafix + "--account-concurrency " + value + " .", app);
        INFO(value << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(has(r.err, "--account-concurrency"));
    }
    for (const char* value : {"ApiHandler=0", "ApiHandler=-1", "ApiHandler=4294967296", "ApiHandler"}) {
        auto r = run(wafix + "--reserved-concurrency-overrides '" + std::string(value) + "' .", app);
        INFO(value << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
    }
    write_file(app / "pyproject.toml", "[tool.wafix]\n\naccount-concurrency = 0\n");
    auto toml = run(wafix + ".", app);
    INFO(toml.err);
    CHECK(toml.status == 2);
    CHECK(has(toml.err, "pyproject.toml:3:"));
    write_file(app / "pyproject.toml", "[tool.wafix]\nreserved-concurrency-overrides = \"ApiHandler=1e9\"\n");
    auto overrides = run(wafix + ".", app);
    INFO(overrides.err);
    CHECK(overrides.status == 2);
    CHECK(has(overrides.err, "pyproject.toml:2:"));
}
