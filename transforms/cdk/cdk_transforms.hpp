// What the CDK Lambda rules (dead-letter queue, reserved concurrency) share: finding the Lambda
// constructs of a Python CDK app through its imports, and reaching aws_cdk names.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wafix/core/transform.hpp"

namespace wafix {

struct LambdaFunction;
struct SourceRange;

struct LambdaConstruct {
    Node call;         // the constructor call
    Node fn;           // its function expression, as written (`_lambda.Function`, `Function`)
    std::string name;  // fully qualified class, e.g. "aws_cdk.aws_lambda.Function"
    bool l1 = false;   // CfnFunction: CloudFormation property names
};

// Every call that constructs a Lambda function (L2 classes taking FunctionOptions, and the L1
// CfnFunction), resolved through the file's imports; same-named classes elsewhere
// (cloudfront.Function) and subclasses are not included.
std::vector<LambdaConstruct> lambda_constructs(const Context& ctx);
// True for the qualified classes lambda_constructs() finds ("aws_cdk.aws_lambda.Function", ...).
bool is_lambda_construct_class(const std::string& qualified);

// Access to `aws_cdk.<member>` (a submodule such as "aws_sqs", or a name such as "Duration"),
// reusing the file's import style: an existing binding, else `<cdk alias>.<member>`, else a name
// appended to a module-level `from aws_cdk import ...` (as `alias` when given), else a new
// import. `members` requests several at once so that one edit adds them all.
struct CdkAccess {
    std::vector<std::string> exprs;  // one per requested member
    std::vector<Edit> edits;
};
std::optional<CdkAccess> cdk_members(Context& ctx, const std::vector<std::pair<std::string, std::string>>& members);
// cdk_members plus one name of `aws_cdk.<module>` (`SqsDlq` of aws_lambda_event_sources), in the
// file's style: a bound name, `<module alias>.Name`, a name appended to the file's
// `from aws_cdk.<module> import ...`, else the module imported as `module_alias`. The name's
// expression comes last in `exprs`.
std::optional<CdkAccess> cdk_members_and_name(Context& ctx,
                                              const std::vector<std::pair<std::string, std::string>>& members,
                                              const std::string& module, const std::string& name,
                                              const std::string& module_alias);
// True when the file imports CDK v1 (aws_cdk.core): its Duration and Queue differ.
bool uses_cdk_v1(const Context& ctx);

// The call the application model recorded at `site` (a construct, an event source, a queue), in
// the text the rule sees now; null when the model does not know this file or the call is gone.
Node call_at_site(const Context& ctx, const SourceRange& site);
// The model's function for a Lambda construct call of this file (null without a model).
const LambdaFunction* model_function(const Context& ctx, Node call);

// WA401 for polled functions: a redrive policy on each SQS queue that feeds a function, an
// on_failure destination (with retry_attempts, bisect_batch_on_error) on each stream event
// source, report_batch_item_failures where the handler returns batchItemFailures.
struct EventSourceDefaults {
    int max_receive_count = 5;
    int retry_attempts = 3;
};
void check_event_sources(Context& ctx, const RuleInfo& rule, const EventSourceDefaults& d, std::vector<Finding>& out);

// The variable name a construct id gives ("LegacyExporter" -> "legacy_exporter"), made usable.
std::string variable_base(std::string_view construct_id);
// A new construct id derived from `id` (the id argument as written): "Orders" -> "OrdersDlq"
// (a suffix the file does not use yet), `name` -> `name + "Dlq"`; nullopt for other expressions.
std::optional<std::string> derived_construct_id(const Context& ctx, Node id, std::string_view suffix);
// `<head>arg, arg)` as a statement at `indent`: on one line when it fits the file's line limit,
// else one argument per line.
std::string call_statement(const Context& ctx, std::string_view indent, const std::string& head,
                           const std::vector<std::string>& args);

}  // namespace wafix
