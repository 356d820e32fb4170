// WA402 lambda-unbounded-concurrency: a Lambda construct without reserved concurrency can take the
// whole account's concurrency (starving its other functions) and scale its costs without bound.
// The reservations it adds stay within the app's budget (concurrency_budget.hpp); a function fed
// only by SQS gets max_concurrency on its event source instead, and a function with a synchronous
// caller gets an unsafe fix, since a cap there turns load into throttling errors for the caller.
#include <set>

#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"
#include "cdk/concurrency_budget.hpp"
#include "rule_file.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {
namespace {

std::string check_overrides(std::string_view value) { return overrides_error(value); }

// The synchronous triggers of a function, as "api-gateway via LambdaIntegration, ...".
std::string sync_callers(const LambdaFunction* fn) {
    std::string out;
    if (!fn) return out;
    for (const Trigger& t : fn->triggers) {
        if (t.kind != InvocationKind::Sync) continue;
        std::string one = t.service + " via " + t.via;
        if (out.find(one) == std::string::npos) out += (out.empty() ? "" : ", ") + one;
    }
    return out;
}

class LambdaUnboundedConcurrency final : public Transform {
    using Transform::Transform;

    struct Run {
        ConcurrencyRequest request;
        std::optional<ConcurrencyPlan> plan;  // none without an application model
    };

    void check(Context& ctx, std::vector<Finding>& out) const override {
        Run run;
        run.request.account = ctx.setting<int64_t>("account-concurrency");
        run.request.default_value = ctx.setting<int>("reserved-concurrency");
        run.request.overrides = parse_overrides(ctx.setting<std::string>("reserved-concurrency-overrides"));
        if (ctx.app_model()) run.plan = plan_concurrency(*ctx.app_model(), run.request);
        for (const LambdaConstruct& c : lambda_constructs(ctx)) {
            if (keyword_argument(c.call, "reserved_concurrent_executions")) continue;
            const LambdaFunction* fn = model_function(ctx, c.call);
            if (fn && cap_site(*fn) == CapSite::EventSource) continue;  // check_event_sources below
            check_construct(ctx, c, fn, run, out);
        }
        check_event_sources(ctx, run, out);
    }

    void check_construct(Context& ctx, const LambdaConstruct& c, const LambdaFunction* fn, const Run& run,
                         std::vector<Finding>& out) const {
        int n = fn ? ConcurrencyPlan::wanted(run.request, *fn) : run.request.default_value;
        const ConcurrencyPlan::Entry* entry = nullptr;
        if (run.plan && fn) {
            auto it = run.plan->by_function.find(fn->id);
            if (it != run.plan->by_function.end()) entry = &it->second;
        }
        Finding f = ctx.finding(
            info(), c.call,
            fmt::format("`{}` has no reserved concurrency: set reserved_concurrent_executions={} (this also caps the "
                        "function's scaling: invocations beyond {} concurrent executions are throttled; the value is "
                        "set with --reserved-concurrency or --reserved-concurrency-overrides)",
                        c.fn.text(), n, n));
        if (entry && !entry->granted) {
            f.message += fmt::format(
                " (not rewritten: it would take the app's reserved concurrency to {}, over the {} that "
                "--account-concurrency {} leaves after the 100 unreserved executions AWS requires)",
                entry->total_if_granted, run.plan->limit, run.request.account);
            out.push_back(std::move(f));
            return;
        }
        std::string callers = sync_callers(fn);
        if (!callers.empty())
            f.message += fmt::format(
                "; it has synchronous callers ({}): beyond {} concurrent executions they are throttled (API Gateway "
                "and function URLs answer HTTP 429, a direct Invoke raises TooManyRequestsException), so this fix is "
                "unsafe",
                callers, n);
        if (has_splat_arguments(c.call, Splat::Mapping)) {
            f.message += " (not rewritten: the call passes **kwargs, which may already set it)";
        } else if (auto edits = ctx.add_keyword_argument(c.call, fmt::format("reserved_concurrent_executions={}", n))) {
            f.fix = Fix{fmt::format("Set reserved_concurrent_executions={}", n),
                        std::move(*edits),
                        callers.empty() ? Safety::Safe : Safety::Unsafe,
                        {}};
        }
        out.push_back(std::move(f));
    }

    // A function fed only by SQS: max_concurrency on its event source (2 to 1000) caps what it
    // does to a downstream without reserving any of the account's pool.
    void check_event_sources(Context& ctx, const Run& run, std::vector<Finding>& out) const {
        const AppModel* m = ctx.app_model();
        if (!m) return;
        std::set<uint32_t> seen;
        for (const LambdaFunction& fn : m->functions) {
            if (fn.reserved_concurrency || cap_site(fn) != CapSite::EventSource) continue;
            int n = std::clamp(ConcurrencyPlan::wanted(run.request, fn), 2, 1000);
            for (const Trigger& t : fn.triggers) {
                Node source = call_at_site(ctx, t.site);
                if (!source || !seen.insert(source.start()).second) continue;
                if (keyword_argument(source, "max_concurrency")) continue;
                Finding f = ctx.finding(
                    info(), source,
                    fmt::format("`{}` is fed by SQS and its {} has no max_concurrency: a backlog scales it to as "
                                "many concurrent executions as the account allows (starving other functions and "
                                "flooding what it calls); set max_concurrency={} (messages beyond it wait in the "
                                "queue; no reserved concurrency needed)",
                                fn.name, t.via, n));
                if (has_splat_arguments(source, Splat::Mapping))
                    f.message += " (not rewritten: the call passes **kwargs)";
                else if (auto edits = ctx.add_keyword_argument(source, fmt::format("max_concurrency={}", n)))
                    f.fix = Fix{fmt::format("Set max_concurrency={} on the event source", n),
                                std::move(*edits),
                                Safety::Safe,
                                {}};
                out.push_back(std::move(f));
            }
        }
    }
};

}  // namespace

WAFIX_RULE_FILE(lambda_unbounded_concurrency, LambdaUnboundedConcurrency,
                {.pillars = {Pillar::Rel, Pillar::Cost},
                 .summary = "CDK Lambda constructs without reserved_concurrent_executions",
                 .fix_safety = Safety::Unsafe,
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
                               .max = 1000000},
                              {.name = "account-concurrency",
                               .type = SettingType::Integer,
                               .default_value = "1000",
                               .help = "the account's concurrency limit in the region: the app's reservations "
                                       "(existing and added) stay at or below it minus 100",
                               .value_name = "N",
                               .min = 101,
                               .max = 10000000},
                              {.name = "reserved-concurrency-overrides",
                               .type = SettingType::Text,
                               .default_value = "",
                               .help = "per-function values: CONSTRUCT_ID=N[,...] (construct id, or "
                                       "<stack class>/<construct id>)",
                               .value_name = "ID=N,...",
                               .check = check_overrides}},
                 .pr_note = PrNote{"Reserved concurrency caps scaling",
                                   "The reservation is also a ceiling: invocations beyond it are throttled. "
                                   "Synchronous callers see it as errors (API Gateway returns HTTP 429, a direct "
                                   "Invoke raises TooManyRequestsException), so those fixes are unsafe and need "
                                   "--unsafe-fixes; asynchronous events are retried and SQS messages return to "
                                   "the queue. The values added keep the app's reservations within the account's "
                                   "concurrency minus the 100 unreserved executions AWS requires "
                                   "(--account-concurrency); set each from the function's measured peak."}})

}  // namespace wafix
