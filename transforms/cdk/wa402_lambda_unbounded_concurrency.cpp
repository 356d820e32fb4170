// WA402 lambda-unbounded-concurrency: a Lambda construct without reserved concurrency can take the
// whole account's concurrency (starving its other functions) and scale its costs without bound.
#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"

namespace wafix {
namespace {

class LambdaUnboundedConcurrency final : public Transform {
public:
    LambdaUnboundedConcurrency()
        : Transform({.id = "WA402",
                     .name = "lambda-unbounded-concurrency",
                     .family = "cdk",
                     .pillars = {Pillar::Rel, Pillar::Cost},
                     .summary = "CDK Lambda constructs without reserved_concurrent_executions",
                     .triggers = {"aws_cdk"},
                     .peers = {{PeerTool::Checkov, "CKV_AWS_115"},
                               {PeerTool::CdkNag, "NIST.800.53.R5-LambdaConcurrency"},
                               {PeerTool::CdkNag, "HIPAA.Security-LambdaConcurrency"}},
                     .settings = {{.name = "reserved-concurrency",
                                   .type = SettingType::Integer,
                                   .default_value = "10",
                                   .help = "reserved_concurrent_executions written into Lambda constructs (caps "
                                           "their scaling)",
                                   .value_name = "N",
                                   .min = 1,
                                   .max = 1000000}},
                     .pr_note = PrNote{"Reserved concurrency caps scaling",
                                       "The reservation is also a ceiling: invocations beyond it are throttled (HTTP "
                                       "429 for synchronous callers, retries for events). Set each value from the "
                                       "function's measured peak concurrency, and check that the account keeps at "
                                       "least 100 unreserved executions."}}) {}

private:
    void check(Context& ctx, std::vector<Finding>& out) const override {
        int n = ctx.setting<int>("reserved-concurrency");
        for (const LambdaConstruct& c : lambda_constructs(ctx)) {
            if (keyword_argument(c.call, "reserved_concurrent_executions")) continue;
            Finding f =
                ctx.finding(info(), c.call,
                            fmt::format("`{}` has no reserved concurrency: set reserved_concurrent_executions={} "
                                        "(this also caps the function's scaling: invocations beyond {} concurrent "
                                        "executions are throttled; the value is set with --reserved-concurrency)",
                                        c.fn.text(), n, n));
            if (has_splat_arguments(c.call, Splat::Mapping)) {
                f.message += " (not rewritten: the call passes **kwargs, which may already set it)";
            } else if (auto edits =
                           ctx.add_keyword_argument(c.call, fmt::format("reserved_concurrent_executions={}", n))) {
                f.fix =
                    Fix{fmt::format("Set reserved_concurrent_executions={}", n), std::move(*edits), Safety::Safe, {}};
            }
            out.push_back(std::move(f));
        }
    }
};

}  // namespace

std::unique_ptr<Transform> make_lambda_unbounded_concurrency() {
    return std::make_unique<LambdaUnboundedConcurrency>();
}

}  // namespace wafix
