// What the CDK Lambda rules (dead-letter queue, reserved concurrency) share: finding the Lambda
// constructs of a Python CDK app through its imports, and reaching aws_cdk names.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wafix/core/transform.hpp"

namespace wafix {

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

// Access to `aws_cdk.<member>` (a submodule such as "aws_sqs", or a name such as "Duration"),
// reusing the file's import style: an existing binding, else `<cdk alias>.<member>`, else a name
// appended to a module-level `from aws_cdk import ...` (as `alias` when given), else a new
// import. `members` requests several at once so that one edit adds them all.
struct CdkAccess {
    std::vector<std::string> exprs;  // one per requested member
    std::vector<Edit> edits;
};
std::optional<CdkAccess> cdk_members(Context& ctx, const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace wafix
