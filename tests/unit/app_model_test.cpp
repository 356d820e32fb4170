// The application model over the multi-file apps in testdata/apps/: a reviewed JSON snapshot per
// app (WAFIX_UPDATE_GOLDEN=1 rewrites them for review), the facts later rules rely on asserted
// one by one, bad input noted with file:line, and the model's first users (manifests, vendored
// trees, findings per function).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_util.hpp"
#include "wafix/app/app_view.hpp"
#include "wafix/app/discover.hpp"
#include "wafix/app/run.hpp"
#include "wafix/model/build.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

// Display paths in the snapshots are relative to the source tree.
struct InSourceDir {
    fs::path before = fs::current_path();
    InSourceDir() { fs::current_path(source_dir()); }
    ~InSourceDir() { fs::current_path(before); }
};

AppModel model_of(const fs::path& dir) { return *build_model(discover({dir})); }

const LambdaFunction& function_named(const AppModel& m, const std::string& name) {
    for (const LambdaFunction& f : m.functions)
        if (f.name == name) return f;
    FAIL("no function " << name);
    throw std::logic_error("unreachable");
}

const Trigger* trigger_of(const LambdaFunction& f, const std::string& service) {
    for (const Trigger& t : f.triggers)
        if (t.service == service) return &t;
    return nullptr;
}

bool has_note(const AppModel& m, const std::string& file_line, const std::string& words) {
    for (const ModelNote& n : m.notes) {
        std::string s = shown_path(n.file) + ":" + std::to_string(n.line) + ": " + n.message;
        if (s.rfind(file_line, 0) == 0 && s.find(words) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("model snapshots of the testdata apps", "[model]") {
    InSourceDir here;
    bool update = std::getenv("WAFIX_UPDATE_GOLDEN") != nullptr;
    for (const char* app : {"cdk_shop", "sam_orders", "sls_notify", "bad_input"}) {
        DYNAMIC_SECTION(app) {
            fs::path dir = fs::path("testdata/apps") / app;
            std::string actual = render_app_json(model_of(dir), {}, false);
            fs::path snapshot = dir / "expected_model.json";
            if (update) {
                write_file(snapshot, actual);
                WARN("updated " << snapshot.string() << ": review it");
                continue;
            }
            REQUIRE(fs::exists(snapshot));
            CHECK(actual == read_file(snapshot));
        }
    }
}

TEST_CASE("CDK app: functions across stacks, modules, a subclass and a layer", "[model]") {
    InSourceDir here;
    AppModel m = model_of("testdata/apps/cdk_shop");
    REQUIRE(m.functions.size() == 3);
    CHECK(m.stacks.size() == 2);

    const LambdaFunction& api = function_named(m, "ApiHandler");
    CHECK(api.variable == "self.api_handler");
    CHECK(api.code.handler_file == model_path("testdata/apps/cdk_shop/functions/api/handler.py"));
    CHECK(api.code.handler_function == "main");
    CHECK(api.timeout_seconds == 10);
    CHECK(api.reserved_concurrency == 20);
    CHECK(api.invocation() == InvocationKind::Sync);
    const Trigger* rest = trigger_of(api, "api-gateway");
    REQUIRE(rest);
    REQUIRE(rest->source);
    CHECK(rest->source->type == "aws_cdk.aws_apigateway.RestApi");
    CHECK(api.manifest == model_path("testdata/apps/cdk_shop/functions/api/requirements.txt"));
    REQUIRE(api.secrets.size() == 1);
    CHECK(m.secrets[api.secrets[0]].name == "shop/payment-provider");
    CHECK(api.grants.size() == 3);  // secret read, queue send, policy statement
    REQUIRE(api.layers.size() == 1);
    CHECK(m.layers[api.layers[0]].id == "StorageStack/SharedLayer");

    // Built in the storage stack by a project subclass of Function, fed by the queue in the API
    // stack: the trigger's source is the queue construct in storage_stack.py.
    const LambdaFunction& ingest = function_named(m, "Ingest");
    CHECK(ingest.construct_class.find("ServiceFunction") != std::string::npos);
    CHECK(ingest.code.handler_file == model_path("testdata/apps/cdk_shop/functions/ingest/app.py"));
    CHECK(ingest.invocation() == InvocationKind::Poll);
    const Trigger* sqs = trigger_of(ingest, "sqs");
    REQUIRE(sqs);
    CHECK(sqs->site.file == model_path("testdata/apps/cdk_shop/stacks/api_stack.py"));
    REQUIRE(sqs->source);
    REQUIRE(sqs->source->site);
    CHECK(sqs->source->type == "aws_cdk.aws_sqs.Queue");
    CHECK(sqs->source->site->file == model_path("testdata/apps/cdk_shop/stacks/storage_stack.py"));
    CHECK(sqs->source->variable == "self.orders_queue");

    const LambdaFunction& thumb = function_named(m, "Thumbnailer");
    CHECK(thumb.invocation() == InvocationKind::Async);
    CHECK(thumb.manifest_inherited);  // only the CDK app's requirements.txt is above it

    // The deps layer ships installed packages: a vendored tree; the shared layer is code.
    REQUIRE(m.vendored.size() == 1);
    CHECK(m.vendored[0].dir == model_path("testdata/apps/cdk_shop/layers/deps/python"));
    CHECK(m.layer_of("testdata/apps/cdk_shop/layers/shared/python/shared_utils.py"));
    CHECK(m.notes.empty());
}

TEST_CASE("SAM and serverless.yml apps: handlers, triggers and sources", "[model]") {
    InSourceDir here;
    AppModel sam = model_of("testdata/apps/sam_orders");
    const LambdaFunction& worker = function_named(sam, "OrdersWorkerFunction");
    CHECK(worker.timeout_seconds == 60);                                    // its own Timeout over Globals
    CHECK(function_named(sam, "OrdersApiFunction").timeout_seconds == 15);  // Globals
    CHECK(worker.code.handler_file == model_path("testdata/apps/sam_orders/src/worker/worker.py"));
    const Trigger* q = trigger_of(worker, "sqs");
    REQUIRE(q);
    REQUIRE(q->source);
    CHECK(q->source->construct_id == "OrdersQueue");        // !GetAtt OrdersQueue.Arn
    CHECK(worker.invocation() == InvocationKind::Unknown);  // poll and a schedule: mixed
    CHECK(sam.notes.empty());

    AppModel sls = model_of("testdata/apps/sls_notify");
    REQUIRE(sls.functions.size() == 3);
    const LambdaFunction& send = function_named(sls, "send");
    CHECK(send.code.handler_file == model_path("testdata/apps/sls_notify/handlers/notify.py"));
    CHECK(send.reserved_concurrency == 10);
    const Trigger* sq = trigger_of(send, "sqs");
    REQUIRE(sq);
    CHECK(sq->source->construct_id == "NotifyQueue");  // Fn::GetAtt: [NotifyQueue, Arn]
    CHECK(trigger_of(function_named(sls, "audit"), "dynamodb"));
    CHECK_FALSE(send.manifest_inherited);  // serverless-python-requirements ships the service's
}

TEST_CASE("bad input: a note with file:line, the rest of the model intact", "[model]") {
    InSourceDir here;
    AppModel m = model_of("testdata/apps/bad_input");
    CHECK(has_note(m, "testdata/apps/bad_input/stack.py:18:", "asset path 'functions/does_not_exist' does not exist"));
    CHECK(has_note(m, "testdata/apps/bad_input/stack.py:25:", "names module 'nothere'"));
    CHECK(has_note(m, "testdata/apps/bad_input/stack.py:7:", "cycle of base classes"));
    CHECK(has_note(m, "testdata/apps/bad_input/broken/template.yaml:9:", "YAML does not parse"));
    REQUIRE(m.functions.size() == 3);  // the looped subclass is not a function; the others are
    CHECK(function_named(m, "Fine").code.resolved());
    // The notes change no exit code: `wafix app` and `wafix check` run as on good input.
    CHECK(run(shell_quote(WAFIX_BINARY) + " app testdata/apps/bad_input", source_dir()).status == 0);
    CHECK(run(shell_quote(WAFIX_BINARY) + " check --no-cache testdata/apps/bad_input", source_dir()).status == 1);
}

TEST_CASE("model users: manifests that ship, vendored trees, findings per function", "[model]") {
    TempDir tmp;
    fs::copy(source_dir() / "testdata/apps/cdk_shop", tmp.path() / "app", fs::copy_options::recursive);
    AnalyseOptions o;
    o.paths = {(tmp.path() / "app").string()};
    o.no_cache = true;
    o.only = {"WA101"};
    RunReport run = analyse(o, EngineOptions{}, "diff");
    std::vector<std::string> manifests;
    for (const ManifestUpdate& u : run.manifests.updates)
        manifests.push_back(u.path.filename().string() + "@" + u.path.parent_path().filename().string());
    // The ingest handler's own manifest and the shared layer's; never the CDK app's root one.
    CHECK(manifests == std::vector<std::string>{"requirements.txt@ingest", "requirements.txt@shared"});
    bool would_create = false;
    for (const std::string& n : run.manifests.notes)
        if (n.find("Thumbnailer") != std::string::npos && n.find("would create") != std::string::npos &&
            n.find("thumbnailer/requirements.txt") != std::string::npos)
            would_create = true;
    CHECK(would_create);
    // The vendored layer is skipped with a note; the findings carry their function.
    bool skipped = false;
    for (const std::string& n : run.skipped)
        skipped = skipped || n.find("vendored third-party code") != std::string::npos;
    CHECK(skipped);
    size_t with_function = 0;
    for (const FileResult& r : run.results) {
        CHECK(r.path.string().find("feedkit") == std::string::npos);
        for (const Finding& f : r.findings) {
            if (r.path.filename() == "app.py" && r.path.parent_path().filename() == "ingest") {
                CHECK(f.functions == std::vector<std::string>{"StorageStack/Ingest"});
                ++with_function;
            }
        }
    }
    CHECK(with_function == 2);  // the parse call and its narrow except clause
    CHECK(render_json(run).find("\"functions\"") != std::string::npos);

    o.include_vendored = true;
    RunReport all = analyse(o, EngineOptions{}, "diff");
    bool vendored_analysed = false;
    for (const FileResult& r : all.results)
        vendored_analysed = vendored_analysed || r.path.string().find("feedkit") != std::string::npos;
    CHECK(vendored_analysed);
}

TEST_CASE("the model's byte prefilter and config names", "[model]") {
    CHECK(may_define_constructs("from aws_cdk import aws_lambda as _lambda\n"));
    CHECK(may_define_constructs("import aws_cdk.aws_lambda as lambda_\n"));
    CHECK_FALSE(may_define_constructs("import json\ndef handler(event, context): pass\n"));
    CHECK(is_model_config_name("template.yml"));
    CHECK(is_model_config_name("serverless.yml"));
    CHECK_FALSE(is_model_config_name("docker-compose.yml"));
}
