// WA301 with the application model: the finding names the grant each function that ships the
// file still needs (or that it has one), and a function whose role its construct does not define
// makes the fix unsafe. Also the secrets manifest merge of a rerun.
#include <catch2/catch.hpp>

#include <filesystem>

#include "secrets/secret_access.hpp"
#include "test_util.hpp"
#include "wafix/app/file_analysis.hpp"
#include "wafix/app/secrets_manifest.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/model/build.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

const char* kHandler =
    "import boto3\n\nERP_API_KEY = \"K4NlIzpnTHt2MT5XSvtxuleswrR4QYX7\"\n\n\n"
    "def lambda_handler(event, context):\n    return {\"key\": ERP_API_KEY}\n";

std::string stack_with(const std::string& body) {
    return "from aws_cdk import Stack, aws_iam as iam, aws_lambda as _lambda, aws_secretsmanager as secretsmanager\n"
           "from constructs import Construct\n\n\n"
           "class OrdersStack(Stack):\n"
           "    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:\n"
           "        super().__init__(scope, construct_id, **kwargs)\n" +
           body;
}

const char* kFunction =
    "        invoice_parser = _lambda.Function(\n"
    "            self, \"InvoiceParser\",\n"
    "            runtime=_lambda.Runtime.PYTHON_3_12,\n"
    "            handler=\"handler.lambda_handler\",\n"
    "            code=_lambda.Code.from_asset(\"functions/invoice_parser\"),\n"
    "        )\n";

struct Project {
    TempDir tmp;
    AppModel model;
    fs::path handler;
    explicit Project(const std::string& stack, const std::string& stack_name = "infra/stack.py") {
        write_file(tmp.path() / "cdk.json", "{\"app\": \"python3 app.py\"}\n");
        handler = tmp.path() / "functions" / "invoice_parser" / "handler.py";
        fs::create_directories(handler.parent_path());
        fs::create_directories((tmp.path() / stack_name).parent_path());
        write_file(handler, kHandler);
        write_file(tmp.path() / stack_name, stack);
        ModelInputs in;
        in.python_files = {handler, tmp.path() / stack_name};
        if (stack_name.ends_with(".yaml")) in = {{handler}, {tmp.path() / stack_name}};
        model = build_app_model(in);
    }
    FileResult fix(bool unsafe = false) const {
        auto loaded = source_from_bytes(handler, kHandler);
        REQUIRE(loaded.file);
        EngineOptions o;
        o.select = {"WA301"};
        o.app_model = &model;
        o.unsafe_fixes = unsafe;
        return process_source(*loaded.file, o);
    }
};

}  // namespace

TEST_CASE("WA301 names the grant a CDK function in the repository still needs", "[secrets][model]") {
    Project p(stack_with(kFunction));
    REQUIRE(p.model.functions.size() == 1);
    FileResult r = p.fix();
    REQUIRE(r.findings.size() == 1);
    const std::string& m = r.findings[0].message;
    INFO(m);
    CHECK(m.find("`OrdersStack/InvoiceParser`") != std::string::npos);
    CHECK(m.find("secretsmanager.Secret.from_secret_name_v2(self, \"InvoiceParserErpApiKey\", "
                 "\"invoice-parser/erp-api-key\").grant_read(invoice_parser)") != std::string::npos);
    CHECK(m.find("stack.py:8") != std::string::npos);
    CHECK(m.find("K4NlIzpn") == std::string::npos);
    // The function's own role can be extended: the rewrite lands, the grant is named beside it.
    REQUIRE(r.findings[0].fix);
    CHECK(r.findings[0].fix->safety == Safety::Safe);
    REQUIRE(r.secrets.size() == 1);
    CHECK(r.secrets[0].access.find("grant_read(invoice_parser)") != std::string::npos);
}

TEST_CASE("WA301 sees an existing grant_read on the secret", "[secrets][model]") {
    Project p(stack_with(std::string(kFunction) + "        erp_key = secretsmanager.Secret.from_secret_name_v2(\n"
                                                  "            self, \"ErpKey\", \"invoice-parser/erp-api-key\")\n"
                                                  "        erp_key.grant_read(invoice_parser)\n"));
    FileResult r = p.fix();
    REQUIRE(r.findings.size() == 1);
    INFO(r.findings[0].message);
    CHECK(r.findings[0].message.find("`OrdersStack/InvoiceParser` can already read it") != std::string::npos);
    CHECK(r.findings[0].message.find("grant_read(invoice_parser)`") == std::string::npos);
    REQUIRE(r.secrets.size() == 1);
    CHECK(r.secrets[0].access == "already granted");

    // A grant on another secret is no grant on this one.
    Project other(stack_with(std::string(kFunction) +
                             "        other = secretsmanager.Secret.from_secret_name_v2(self, \"O\", \"billing/key\")\n"
                             "        other.grant_read(invoice_parser)\n"));
    FileResult o = other.fix();
    REQUIRE(o.findings.size() == 1);
    CHECK(o.findings[0].message.find("before deploying") != std::string::npos);
}

TEST_CASE("WA301 counts a role policy on the secret's ARN or on every resource", "[secrets][model]") {
    Project arn(stack_with(
        std::string(kFunction) +
        "        invoice_parser.add_to_role_policy(iam.PolicyStatement(actions=[\"secretsmanager:GetSecretValue\"],\n"
        "            "
        "resources=[\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:invoice-parser/erp-api-key-*\"]))\n"));
    CHECK(arn.fix().findings.at(0).message.find("can already read it") != std::string::npos);
    Project s3(stack_with(std::string(kFunction) +
                          "        invoice_parser.add_to_role_policy(iam.PolicyStatement(actions=[\"s3:GetObject\"],\n"
                          "            resources=[\"*\"]))\n"));
    CHECK(s3.fix().findings.at(0).message.find("before deploying") != std::string::npos);
}

TEST_CASE("WA301 marks the fix unsafe when the function's role is not its construct's", "[secrets][model]") {
    Project p(
        stack_with("        _lambda.CfnFunction(self, \"InvoiceParser\", runtime=\"python3.12\",\n"
                   "            handler=\"handler.lambda_handler\", role=\"arn:aws:iam::123456789012:role/x\",\n"
                   "            code=_lambda.Code.from_asset(\"functions/invoice_parser\"))\n"));
    FileResult r = p.fix();
    REQUIRE(r.findings.size() == 1);
    INFO(r.findings[0].message);
    if (p.model.functions.empty() || p.model.functions_shipping(p.handler).empty()) {
        WARN("the model does not resolve a CfnFunction's asset here");
        return;
    }
    REQUIRE(r.findings[0].fix);
    CHECK(r.findings[0].fix->safety == Safety::Unsafe);
    CHECK_FALSE(r.changed());
    CHECK(r.findings[0].message.find("[unsafe fix with --unsafe-fixes]") != std::string::npos);
    CHECK(p.fix(true).changed());
}

TEST_CASE("WA301 names the SAM policy, and the permission when no function ships the file", "[secrets][model]") {
    Project sam(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  InvoiceParser:\n    Type: AWS::Serverless::Function\n"
        "    Properties:\n      CodeUri: functions/invoice_parser/\n      Handler: handler.lambda_handler\n"
        "      Runtime: python3.12\n",
        "template.yaml");
    REQUIRE(sam.model.functions.size() == 1);
    FileResult r = sam.fix();
    REQUIRE(r.findings.size() == 1);
    INFO(r.findings[0].message);
    CHECK(r.findings[0].message.find("AWSSecretsManagerGetSecretValuePolicy") != std::string::npos);
    CHECK(r.findings[0].message.find(":secret:invoice-parser/erp-api-key-*") != std::string::npos);

    AppModel empty;
    empty.index();
    CHECK(secrets::secret_access(&empty, sam.handler, "a/b")
              .note.find("`secretsmanager:GetSecretValue` on "
                         "`arn:aws:secretsmanager:<region>:<account>:"
                         "secret:a/b-??????`") != std::string::npos);
    CHECK(secrets::secret_access(nullptr, sam.handler, "a/b").note.empty());
}

TEST_CASE("Secrets manifest: a rerun merges, keeps existing entries, warns on a conflict", "[secrets][manifest]") {
    std::vector<SecretsManifestEntry> first = {{"orders/api-key", "a.py", 3, "api-key", "v1"},
                                               {"orders/db-password", "a.py", 4, "password", "v2"}};
    ManifestMerge m =
        merge_secrets_manifest(secrets_manifest_json(first), {{"orders/api-key", "a.py", 3, "api-key", "v1"},
                                                              {"orders/db-password", "b.py", 9, "password", "Zk3QpV8r"},
                                                              {"billing/token", "c.py", 1, "token", "v3"}});
    REQUIRE_FALSE(m.error);
    REQUIRE(m.entries.size() == 3);
    CHECK(m.entries[0].value == "v1");
    CHECK(m.entries[1].value == "v2");  // kept, not overwritten
    CHECK(m.entries[2].secret_id == "billing/token");
    CHECK(m.added == 1);
    REQUIRE(m.warnings.size() == 1);
    CHECK(m.warnings[0].find("orders/db-password") != std::string::npos);
    CHECK(m.warnings[0].find("Zk3QpV8r") == std::string::npos);  // never the value

    CHECK(merge_secrets_manifest("", first).entries.size() == 2);
    CHECK(merge_secrets_manifest("not json", first).error);
    CHECK(merge_secrets_manifest("{\"a\": 1}", first).error);
    CHECK(merge_secrets_manifest("[{\"secret_id\": 1}]", first).error);
}

TEST_CASE("Secrets manifest: refused inside a git work tree unless ignored", "[secrets][manifest]") {
    TempDir tmp;
    CHECK_FALSE(manifest_place_error(tmp.path() / "m.json"));  // no work tree
    REQUIRE(run("git init -q repo", tmp.path()).status == 0);
    write_file(tmp.path() / "repo" / ".gitignore", "secrets/\n");
    auto inside = manifest_place_error(tmp.path() / "repo" / "m.json");
    REQUIRE(inside);
    CHECK(inside->find("not ignored") != std::string::npos);
    fs::create_directories(tmp.path() / "repo" / "secrets");
    CHECK_FALSE(manifest_place_error(tmp.path() / "repo" / "secrets" / "m.json"));
}
