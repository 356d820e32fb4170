// WA401 lambda-without-dlq: events of failed asynchronous invocations are dropped after Lambda's
// retries unless the function has a dead-letter queue (or topic). What fits depends on how the
// function is invoked (the application model's triggers): a function DLQ for asynchronous or
// unknown invocation, the event source's or the queue's own failure target for polled sources
// (wa401_event_sources.cpp), nothing for a function only ever invoked synchronously.
#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"
#include "rule_file.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {
namespace {

// What the model says of how a function is invoked, as far as a function DLQ is concerned.
struct Invocation {
    enum Need { Unknown, Async, PolledOnly, SyncOnly } need = Unknown;
    std::string how;  // "api-gateway via LambdaRestApi, ...": the triggers that decided
};

Invocation invocation_of(const LambdaFunction* fn) {
    Invocation inv;
    if (!fn || fn->triggers.empty()) return inv;
    bool async = false, poll = false;
    for (const Trigger& t : fn->triggers) {
        async |= t.kind == InvocationKind::Async || t.kind == InvocationKind::Unknown;
        poll |= t.kind == InvocationKind::Poll;
    }
    for (const Trigger& t : fn->triggers) {
        bool decides = async ? t.kind != InvocationKind::Sync && t.kind != InvocationKind::Poll : true;
        if (!decides) continue;
        std::string one = t.service + " via " + t.via;
        if (inv.how.find(one) == std::string::npos) inv.how += (inv.how.empty() ? "" : ", ") + one;
    }
    inv.need = async ? Invocation::Async : poll ? Invocation::PolledOnly : Invocation::SyncOnly;
    return inv;
}

class LambdaWithoutDlq final : public Transform {
    using Transform::Transform;

    void check(Context& ctx, std::vector<Finding>& out) const override {
        for (const LambdaConstruct& c : lambda_constructs(ctx)) {
            if (has_failure_target(c)) continue;
            Invocation inv = invocation_of(model_function(ctx, c.call));
            if (inv.need == Invocation::PolledOnly) continue;  // the event source pass below
            if (inv.need == Invocation::SyncOnly) {
                report_sync_only(ctx, c, inv, out);
                continue;
            }
            if (c.l1) check_cfn_function(ctx, c, out);
            else check_function(ctx, c, inv, out);
        }
        check_event_sources(ctx, info(),
                            {ctx.setting<int>("max-receive-count"), ctx.setting<int>("stream-retry-attempts")}, out);
    }

    // A dead-letter target already, or an explicit choice (dead_letter_queue_enabled=False). An
    // on_failure destination already receives the failed events (and is what AWS now advises).
    static bool has_failure_target(const LambdaConstruct& c) {
        if (c.l1) return static_cast<bool>(keyword_argument(c.call, "dead_letter_config"));
        for (const char* prop : {"dead_letter_queue", "dead_letter_topic", "dead_letter_queue_enabled", "on_failure"})
            if (keyword_argument(c.call, prop)) return true;
        return false;
    }

    void report_sync_only(Context& ctx, const LambdaConstruct& c, const Invocation& inv,
                          std::vector<Finding>& out) const {
        Finding f = ctx.finding(info(), c.call,
                                fmt::format("`{}` is only invoked synchronously ({}): the caller receives the error, "
                                            "so a dead-letter queue would never receive anything; nothing to add "
                                            "(suppress CKV_AWS_116 / LambdaDLQ for it)",
                                            c.fn.text(), inv.how));
        f.informational = true;
        out.push_back(std::move(f));
    }

    void check_function(Context& ctx, const LambdaConstruct& c, const Invocation& inv,
                        std::vector<Finding>& out) const {
        std::string why =
            inv.need == Invocation::Async
                ? fmt::format("it is invoked asynchronously ({}), and events of failed invocations", inv.how)
                : "events of failed asynchronous invocations (S3, SNS, EventBridge, async invoke)";
        Finding f = ctx.finding(
            info(), c.call,
            fmt::format(
                "`{}` has no dead-letter queue: {} are dropped after Lambda's retries; {}", c.fn.text(), why,
                inv.need == Invocation::Async ? "give it a dead-letter queue" : "set dead_letter_queue_enabled=True"));
        if (has_splat_arguments(c.call, Splat::Mapping)) {
            f.message += " (not rewritten: the call passes **kwargs, which may already set a dead-letter target)";
        } else if (inv.need == Invocation::Async) {
            f.fix = explicit_queue_fix(ctx, c);
        } else if (auto edits = ctx.add_keyword_argument(c.call, "dead_letter_queue_enabled=True")) {
            f.fix = Fix{"Set dead_letter_queue_enabled=True", std::move(*edits), Safety::Safe, {}};
        }
        out.push_back(std::move(f));
    }

    // dead_letter_queue=sqs.Queue(scope, "<Id>Dlq", retention_period=Duration.days(14), enforce_ssl=True):
    // the retention written out, and TLS enforced (the queue dead_letter_queue_enabled creates
    // has no such policy); dead_letter_queue_enabled=True when the scope or id is not plain.
    static std::optional<Fix> explicit_queue_fix(Context& ctx, const LambdaConstruct& c) {
        auto args = call_arguments(c.call);
        std::optional<std::string> id;
        if (args.size() >= 2 && !args[0].is("keyword_argument") && !args[1].is("keyword_argument") && !uses_cdk_v1(ctx))
            id = derived_construct_id(ctx, args[1], "Dlq");
        auto cdk = id ? cdk_members(ctx, {{"aws_sqs", "sqs"}, {"Duration", ""}}) : std::nullopt;
        if (!cdk) {
            auto edits = ctx.add_keyword_argument(c.call, "dead_letter_queue_enabled=True");
            if (!edits) return std::nullopt;
            return Fix{"Set dead_letter_queue_enabled=True", std::move(*edits), Safety::Safe, {}};
        }
        auto kw = ctx.add_keyword_argument(
            c.call, fmt::format("dead_letter_queue={}.Queue({}, {}, retention_period={}.days(14), enforce_ssl=True)",
                                cdk->exprs[0], args[0].text(), *id, cdk->exprs[1]));
        if (!kw) return std::nullopt;
        std::vector<Edit> edits = cdk->edits;
        edits.insert(edits.end(), kw->begin(), kw->end());
        return Fix{"Add a dead-letter queue (14-day retention, TLS enforced)", std::move(edits), Safety::Safe, {}};
    }

    // The L1 needs a queue of its own, send rights for its role, and to be created after that grant.
    void check_cfn_function(Context& ctx, const LambdaConstruct& c, std::vector<Finding>& out) const {
        Finding f = ctx.finding(info(), c.call,
                                fmt::format("`{}` has no dead_letter_config: events of failed asynchronous "
                                            "invocations are dropped after Lambda's retries; add an SQS queue, "
                                            "grant the function's role sqs:SendMessage on it and set "
                                            "dead_letter_config",
                                            c.fn.text()));
        std::string why;
        if (has_splat_arguments(c.call, Splat::Mapping))
            why = "the call passes **kwargs, which may already set dead_letter_config";
        else if (auto edits = cfn_function_edits(ctx, c, why))
            f.fix = Fix{"Add an SQS dead-letter queue and set dead_letter_config", std::move(*edits), Safety::Safe, {}};
        if (!f.fix && !why.empty()) f.message += " (not rewritten: " + why + ")";
        out.push_back(std::move(f));
    }

    // What the L1's rewrite works on, once it is known that wafix can rewrite it.
    struct CfnSite {
        std::vector<Node> args;  // the call's arguments: scope and id first
        Node role;               // the Role whose role_arn the function uses
        Node stmt;               // the statement holding the call, alone on its lines
        bool bare = false;       // the call is the whole statement (no variable holds the function)
        std::string fn_var;      // the variable that does
    };

    static std::optional<CfnSite> cfn_site(const Context& ctx, const LambdaConstruct& c, std::string& why) {
        std::string_view text = ctx.text();
        CfnSite site;
        site.args = call_arguments(c.call);
        const auto& args = site.args;
        if (args.size() < 2 || args[0].is("keyword_argument") || args[1].is("keyword_argument") ||
            dotted_text(args[0]).empty()) {
            why = "its scope and id are not plain positional arguments";
            return std::nullopt;
        }
        // The role must be one wafix can grant to: `<role>.role_arn` of a Role built in this file.
        Node role_kw = keyword_argument(c.call, "role");
        Node role_value = role_kw ? role_kw.field("value") : Node();
        site.role = role_value.is("attribute") && role_value.field("attribute").text() == "role_arn"
                        ? role_value.field("object")
                        : Node();
        if (!is_iam_role(ctx, site.role)) {
            why =
                "its role is not `<role>.role_arn` of an iam.Role built in this file, so wafix cannot grant "
                "it sqs:SendMessage on a new queue";
            return std::nullopt;
        }
        // Where the queue goes (before the statement) and how the function is named (after it).
        site.stmt = enclosing_statement(c.call);
        if (!only_space_before(text, site.stmt.start()) || !only_space_or_comment_after(text, site.stmt.end())) {
            why = "the construct shares its line with another statement";
            return std::nullopt;
        }
        Node expr = site.stmt.is("expression_statement") ? site.stmt.named_child(0) : Node();
        site.bare = expr == c.call;
        if (!site.bare) {
            if (!expr.is("assignment") || expr.field("right") != c.call || dotted_text(expr.field("left")).empty()) {
                why = "the construct is not a statement or an assignment of its own";
                return std::nullopt;
            }
            site.fn_var = std::string(expr.field("left").text());
        }
        return site;
    }

    // `queue = sqs.Queue(scope, id, ...)`, laid out like the construct's call will be: on one line
    // when that fits and the call stays on one, else one argument per line with the call's step.
    static std::string queue_statement(const Context& ctx, const LambdaConstruct& c, const CfnSite& site,
                                       const std::string& head, const std::vector<std::string>& qargs,
                                       const std::vector<Edit>& config) {
        std::string_view text = ctx.text();
        std::string indent(line_indent(text, site.stmt.start()));
        std::string eol(ctx.eol());
        Node open = c.call.field("arguments").child(0);
        bool one_per_line = open && site.args[0].start_point().row != open.start_point().row;
        bool call_split = !one_per_line && config.size() == 1 && config.front().text.find('\n') != std::string::npos &&
                          config.front().end > config.front().begin;
        std::string single = head;
        for (size_t i = 0; i < qargs.size(); ++i) single += (i ? ", " : "") + qargs[i];
        single += ")";
        if (!one_per_line && !call_split && indent.size() + single.size() <= ctx.line_limit()) return indent + single;
        std::string step = indent.starts_with("\t") ? "\t" : "    ";
        std::string comma = ",";
        if (one_per_line) {
            std::string_view arg_indent = line_indent(text, site.args[0].start());
            if (arg_indent.size() > indent.size() && arg_indent.starts_with(indent))
                step = std::string(arg_indent.substr(indent.size()));
            if (!following_comma(site.args.back())) comma = "";
        }
        std::string out = indent + head;
        for (size_t i = 0; i < qargs.size(); ++i)
            out += eol + indent + step + qargs[i] + (i + 1 < qargs.size() ? "," : comma);
        return out + eol + indent + ")";
    }

    static std::optional<std::vector<Edit>> cfn_function_edits(Context& ctx, const LambdaConstruct& c,
                                                               std::string& why) {
        std::string_view text = ctx.text();
        auto site = cfn_site(ctx, c, why);
        if (!site) return std::nullopt;
        // Names: the queue variable and construct id derive from the function's id.
        Node id = site->args[1];
        auto literal = string_literal_value(id);
        std::string base = variable_base(literal ? *literal : std::string());
        std::string queue_var = fresh_name(text, base + "_dlq");
        if (site->bare) site->fn_var = fresh_name(text, base, queue_var);
        auto queue_id = derived_construct_id(ctx, id, "Dlq");
        if (!queue_id) {
            why = "its construct id is not a name or a plain string";
            return std::nullopt;
        }
        if (uses_cdk_v1(ctx)) {
            why = "CDK v1 (aws_cdk.core) has no Queue(enforce_ssl=...) and keeps Duration in aws_cdk.core";
            return std::nullopt;
        }
        auto cdk = cdk_members(ctx, {{"aws_sqs", "sqs"}, {"Duration", ""}});
        if (!cdk) {
            why = "the names aws_sqs / Duration are taken in this file";
            return std::nullopt;
        }
        auto config = ctx.add_keyword_argument(
            c.call, fmt::format("dead_letter_config={}.DeadLetterConfigProperty(target_arn={}.queue_arn)", c.fn.text(),
                                queue_var));
        if (!config) {
            why = "its argument list cannot take another argument";
            return std::nullopt;
        }
        std::vector<std::string> qargs = {std::string(site->args[0].text()), *queue_id,
                                          "retention_period=" + cdk->exprs[1] + ".days(14)", "enforce_ssl=True"};
        std::string queue_stmt =
            queue_statement(ctx, c, *site, queue_var + " = " + cdk->exprs[0] + ".Queue(", qargs, *config);

        std::string indent(line_indent(text, site->stmt.start()));
        std::string eol(ctx.eol());
        std::string role(site->role.text());
        std::vector<Edit> edits = cdk->edits;
        uint32_t at = line_start(text, site->stmt.start());
        edits.push_back({at, at, queue_stmt + eol + indent + queue_var + ".grant_send_messages(" + role + ")" + eol});
        if (site->bare) edits.push_back({site->stmt.start(), site->stmt.start(), site->fn_var + " = "});
        edits.insert(edits.end(), config->begin(), config->end());
        // Lambda checks the role's right to send to the queue when it creates the function, so the
        // function must wait for the role's policy (a dependency on the role covers its policies).
        // At the end of the statement's line rather than the start of the next, so that a construct
        // on the next line can take its own queue in the same pass.
        uint32_t stmt_end = line_content_end(text, site->stmt.end());
        edits.push_back({stmt_end, stmt_end, eol + indent + site->fn_var + ".node.add_dependency(" + role + ")"});
        return edits;
    }

    static bool is_role_construction(const Context& ctx, Node value) {
        if (!value.is("call")) return false;
        auto q = ctx.model().qualified_name(value.field("function"));
        return q && (*q == "aws_cdk.aws_iam.Role" || *q == "aws_cdk.aws_iam.LazyRole" ||
                     q->rfind("aws_cdk.aws_iam.Role.from_role_", 0) == 0);
    }

    // A name bound only by assignments of iam.Role(...) / iam.Role.from_role_*(...) / LazyRole, or an
    // attribute (`self.role`) that every assignment in the file sets to one.
    static bool is_iam_role(const Context& ctx, Node expr) {
        if (expr.is("identifier")) {
            const Binding* b = ctx.model().resolve(expr);
            if (!b || b->defs.empty()) return false;
            for (const Definition& d : b->defs)
                if (d.kind != DefKind::Assignment || !is_role_construction(ctx, d.value)) return false;
            return true;
        }
        if (!expr.is("attribute") || dotted_text(expr).empty()) return false;
        static const Query assignments("(assignment left: (attribute) @left) @assignment");
        bool any = false;
        for (const Match& m : assignments.matches(ctx.root())) {
            if (m.get("left").text() != expr.text()) continue;
            if (!is_role_construction(ctx, m.get("assignment").field("right"))) return false;
            any = true;
        }
        return any;
    }
};

}  // namespace

WAFIX_RULE_FILE(lambda_without_dlq, LambdaWithoutDlq,
                {.pillars = {Pillar::Rel},
                 .summary = "CDK Lambda functions whose failed events have nowhere to go",
                 .triggers = {"aws_cdk"},
                 .peers = {{PeerTool::Checkov, "CKV_AWS_116"},
                           {PeerTool::CdkNag, "NIST.800.53.R5-LambdaDLQ"},
                           {PeerTool::CdkNag, "HIPAA.Security-LambdaDLQ"},
                           {PeerTool::CdkNag, "Serverless-LambdaDLQ"},
                           {PeerTool::CdkNag, "Serverless-LambdaAsyncFailureDestination"},
                           {PeerTool::CdkNag, "Serverless-LambdaEventSourceMappingDestination"},
                           {PeerTool::CdkNag, "Serverless-SQSRedrivePolicy"}},
                 .settings = {{.name = "max-receive-count",
                               .type = SettingType::Integer,
                               .default_value = "5",
                               .help = "max_receive_count of the redrive policy given to a queue that feeds a "
                                       "Lambda function (receives before a message moves to its DLQ)",
                               .value_name = "N",
                               .min = 1,
                               .max = 1000},
                              {.name = "stream-retry-attempts",
                               .type = SettingType::Integer,
                               .default_value = "3",
                               .help = "retry_attempts set on a Kinesis / DynamoDB stream event source given an "
                                       "on_failure destination",
                               .value_name = "N",
                               .min = 1,
                               .max = 10000}},
                 .pr_note = PrNote{"Failure targets follow how each function is invoked",
                                   "Asynchronously invoked functions get a dead-letter queue; SQS-fed functions "
                                   "get none (Lambda never sends a polled message there): their queue gets a "
                                   "redrive policy instead, and stream event sources get an on_failure queue with "
                                   "bounded retries and batch bisection. Functions only invoked synchronously "
                                   "(API Gateway, URLs, authorizers, custom resources) get nothing: their caller "
                                   "sees the error. Add an alarm on each new queue's "
                                   "ApproximateNumberOfMessagesVisible."}})

}  // namespace wafix
