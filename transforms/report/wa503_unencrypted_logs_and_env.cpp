// WA503 unencrypted-logs-and-env: CDK log groups without a customer managed KMS key, and Lambda
// functions whose environment variables are only protected by the AWS managed key. Report only:
// choosing, creating and permitting a key is a design decision (and a key costs money).
#include <set>

#include <fmt/format.h>

#include "report/report_transforms.hpp"
#include "rule_file.hpp"

namespace wafix {
namespace {

using report_rules::callee_name;
using report_rules::follow_value;
using report_rules::keyword_value;

// Constructs that take FunctionOptions (environment / environment_encryption), CDK v2 and v1.
const std::set<std::string>& function_constructs() {
    static const std::set<std::string> s = {
        "aws_cdk.aws_lambda.Function",
        "aws_cdk.aws_lambda.SingletonFunction",
        "aws_cdk.aws_lambda.DockerImageFunction",
        "aws_cdk.aws_lambda_python_alpha.PythonFunction",
        "aws_cdk.aws_lambda_python.PythonFunction",
        "aws_cdk.aws_lambda_nodejs.NodejsFunction",
        "aws_cdk.aws_lambda_go_alpha.GoFunction",
        "aws_cdk.aws_lambda_go.GoFunction",
    };
    return s;
}

bool is_none(Node n) { return !n || n.is("none"); }

// False only when the value is visibly empty: None, {}, dict(), or an L1 EnvironmentProperty
// without variables. A value wafix cannot read is taken as non-empty: passing `environment=` at
// all almost always means there are variables.
bool non_empty_environment(const SemanticModel& model, Node value, int depth = 0) {
    value = follow_value(model, value);
    if (depth > 4 || is_none(value)) return !is_none(value);
    if (value.is("dictionary")) {
        for (const Node& c : value.named_children()) {
            if (c.is("dictionary_splat")) return true;
            if (!c.is("pair")) continue;
            // The L1 property written as a dict: {"variables": {...}}.
            auto key = report_rules::string_pattern(c.field("key"));
            if (key == "variables" || key == "Variables")
                return non_empty_environment(model, c.field("value"), depth + 1);
            return true;
        }
        return false;
    }
    if (value.is("call")) {
        Node fn = value.field("function");
        auto args = call_arguments(value);
        if (fn.is("identifier") && fn.text() == "dict" && !model.resolve(fn)) return !args.empty();
        if (callee_name(model, value) == "aws_cdk.aws_lambda.CfnFunction.EnvironmentProperty") {
            Node vars = keyword_value(value, "variables");
            if (!vars) return has_splat_arguments(value);
            return non_empty_environment(model, vars, depth + 1);
        }
    }
    return true;
}

// The construct id (second argument) when it is a literal, for the message.
std::string construct_id(Node call) {
    auto args = call_arguments(call);
    if (args.size() >= 2 && !args[1].is("keyword_argument")) {
        if (auto s = string_literal_value(args[1])) return " `" + *s + "`";
    }
    return "";
}

class UnencryptedLogsAndEnv final : public Transform {
    using Transform::Transform;

    void check(Context& ctx, std::vector<Finding>& out) const override {
        const SemanticModel& model = ctx.model();
        for (const auto& [call, q] : report_rules::calls_into(model, ctx.root(), "aws_cdk.")) {
            // **props may carry the key: wafix cannot see inside, so it does not guess.
            if (has_splat_arguments(call)) continue;
            if (q == "aws_cdk.aws_logs.LogGroup" || q == "aws_cdk.aws_logs.CfnLogGroup") {
                const char* key = q == "aws_cdk.aws_logs.LogGroup" ? "encryption_key" : "kms_key_id";
                if (!is_none(keyword_value(call, key))) continue;
                out.push_back(ctx.finding(
                    info(), call,
                    fmt::format("log group{} has no `{}`: its logs are encrypted only with the CloudWatch Logs "
                                "service key; pass {}=<KMS key> whose key policy lets the logs service use it",
                                construct_id(call), key, key)));
            } else if (function_constructs().count(q) || q == "aws_cdk.aws_lambda.CfnFunction") {
                bool l1 = q == "aws_cdk.aws_lambda.CfnFunction";
                const char* key = l1 ? "kms_key_arn" : "environment_encryption";
                if (!is_none(keyword_value(call, key))) continue;
                Node env = keyword_value(call, "environment");
                bool sets_env = env ? non_empty_environment(model, env) : false;
                bool added = !l1 && adds_environment_later(ctx, call);
                if (!sets_env && !added) continue;
                out.push_back(ctx.finding(
                    info(), call,
                    fmt::format("Lambda function{} {} environment variables without `{}`: they are encrypted only "
                                "with the AWS managed key; pass {}=<KMS key> (and keep secrets in Secrets Manager, "
                                "not in the environment)",
                                construct_id(call), sets_env ? "sets" : "gets (add_environment)", key, key)));
            }
        }
    }

    // `fn = Function(...)` / `self.fn = Function(...)` followed by `fn.add_environment(...)`.
    static bool adds_environment_later(const Context& ctx, Node call) {
        Node assignment = call.parent();
        if (!assignment.is("assignment") || assignment.field("right") != call) return false;
        Node target = assignment.field("left");
        auto is_add_environment = [](Node object) {
            Node attr = object.parent();
            return attr.is("attribute") && attr.field("object") == object &&
                   attr.field("attribute").text() == "add_environment" && call_of_function(attr);
        };
        if (target.is("identifier")) {
            const Binding* b = ctx.model().binding_defined_at(target);
            if (!b || b->defs.size() != 1) return false;
            for (const Node& use : b->uses)
                if (is_add_environment(use)) return true;
            return false;
        }
        if (!target.is("attribute") || !target.field("object").is("identifier")) return false;
        // An attribute of self: look through the whole class (other methods may add variables).
        Node scope = assignment;
        while (scope && !scope.is("class_definition") && !scope.is("module")) scope = scope.parent();
        static const Query adds(
            "(call function: (attribute object: (attribute) @object "
            "attribute: (identifier) @method (#eq? @method \"add_environment\")))");
        for (const Match& m : adds.matches(scope))
            if (m.get("object").text() == target.text()) return true;
        return false;
    }
};

}  // namespace

WAFIX_RULE_FILE(unencrypted_logs_and_env, UnencryptedLogsAndEnv,
                {.pillars = {Pillar::Sec},
                 .summary = "CDK log groups and Lambda environments without a customer managed KMS key",
                 .fix = FixAvailability::None,
                 .triggers = {"aws_cdk"},
                 .peers = {{PeerTool::Checkov, "CKV_AWS_158"},
                           {PeerTool::Checkov, "CKV_AWS_173"},
                           {PeerTool::CdkNag, "NIST.800.53.R5-CloudWatchLogGroupEncrypted"},
                           {PeerTool::CdkNag, "HIPAA.Security-CloudWatchLogGroupEncrypted"}}})

}  // namespace wafix
