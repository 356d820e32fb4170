// WA402 lambda-unbounded-concurrency: a Lambda construct without reserved concurrency can take the
// whole account's concurrency (starving its other functions) and scale its costs without bound.
#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"

namespace wafix {
namespace {

class LambdaUnboundedConcurrency final : public Transform {
public:
    const RuleInfo& info() const override {
        static const RuleInfo i{"WA402",
                                "lambda-unbounded-concurrency",
                                {"REL", "COST"},
                                "CDK Lambda constructs without reserved_concurrent_executions",
                                FixAvailability::Sometimes};
        return i;
    }

    std::vector<std::string_view> triggers() const override { return {"aws_cdk"}; }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        int n = ctx.settings().reserved_concurrency;
        for (const LambdaConstruct& c : lambda_constructs(ctx)) {
            if (keyword_argument(c.call, "reserved_concurrent_executions")) continue;
            Finding f =
                ctx.finding(info(), c.call,
                            fmt::format("`{}` has no reserved concurrency: set reserved_concurrent_executions={} "
                                        "(this also caps the function's scaling: invocations beyond {} concurrent "
                                        "executions are throttled; the value is set with --reserved-concurrency)",
                                        c.fn.text(), n, n));
            if (has_dictionary_splat(c.call)) {
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
