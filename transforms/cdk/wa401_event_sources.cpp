// WA401 for polled functions: Lambda never sends a failed SQS message or stream batch to the
// function's dead-letter queue, so the failure target belongs to the event source (streams:
// on_failure) or to the queue itself (a redrive policy). Run over every trigger of the
// application model whose event source or source queue is written in this file.
#include <set>

#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {
namespace {

constexpr const char* kRetention = "retention_period={}.days(14)";  // the most SQS keeps a message

bool is_event_source_class(const std::string& via) {
    return via == "SqsEventSource" || via == "KinesisEventSource" || via == "DynamoEventSource";
}

// The statement holding `call` when it is alone on its lines (a new statement can go before it).
Node own_statement(const Context& ctx, Node call) {
    Node stmt = enclosing_statement(call);
    if (!stmt || !only_space_before(ctx.text(), stmt.start()) || !only_space_or_comment_after(ctx.text(), stmt.end()))
        return {};
    return stmt;
}

// Several keyword arguments added at once, each on its own line when the call has (or gets,
// being split for the line limit) one argument per line.
std::optional<std::vector<Edit>> add_keyword_arguments(const Context& ctx, Node call,
                                                       const std::vector<std::string>& kwargs) {
    std::string joined;
    for (const auto& k : kwargs) joined += (joined.empty() ? "" : ", ") + k;
    auto edits = ctx.add_keyword_argument(call, joined);
    if (!edits || kwargs.size() < 2) return edits;
    for (Edit& e : *edits) {
        size_t at = e.text.find(joined);
        if (at == std::string::npos) continue;
        size_t line = e.text.rfind('\n', at);
        std::string_view before =
            line == std::string::npos ? std::string_view() : std::string_view(e.text).substr(line + 1, at - line - 1);
        if (line == std::string::npos || before.find_first_not_of(" \t") != std::string_view::npos) continue;
        std::string one_per_line;
        for (const auto& k : kwargs)
            one_per_line += (one_per_line.empty() ? "" : "," + std::string(ctx.eol()) + std::string(before)) + k;
        e.text.replace(at, joined.size(), one_per_line);
    }
    return edits;
}

// `self` of the method the call is written in: the scope new constructs are created in.
std::optional<std::string> method_scope(Node call) {
    for (Node n = call.parent(); n; n = n.parent()) {
        if (!n.is("function_definition")) continue;
        Node cls = n.parent() ? n.parent().parent() : Node();
        if (!cls || !cls.is("class_definition")) return std::nullopt;
        for (const Node& p : n.field("parameters").named_children())
            if (p.is("identifier")) return std::string(p.text());
        return std::nullopt;
    }
    return std::nullopt;
}

void add_redrive_fix(Context& ctx, Node queue, int max_receive, Finding& f) {
    std::string_view text = ctx.text();
    auto args = call_arguments(queue);
    auto report_only = [&](const char* why) { f.message += fmt::format(" (not rewritten: {})", why); };
    if (has_splat_arguments(queue, Splat::Mapping)) return report_only("the call passes **kwargs, which may set it");
    if (uses_cdk_v1(ctx)) return report_only("CDK v1 keeps Duration in aws_cdk.core");
    if (args.size() < 2 || args[0].is("keyword_argument") || args[1].is("keyword_argument"))
        return report_only("its scope and id are not plain positional arguments");
    auto id = derived_construct_id(ctx, args[1], "Dlq");
    auto cdk = cdk_members(ctx, {{"aws_sqs", "sqs"}, {"Duration", ""}});
    if (!id || !cdk) return report_only("its id is not a name or a string, or aws_sqs / Duration are taken");
    std::vector<std::string> qargs = {std::string(args[0].text()), *id,
                                      fmt::format(fmt::runtime(kRetention), cdk->exprs[1]), "enforce_ssl=True"};
    if (Node fifo = keyword_argument(queue, "fifo")) qargs.emplace_back(fifo.text());  // a FIFO queue needs a FIFO DLQ
    std::string head = cdk->exprs[0] + ".Queue(";
    std::vector<Edit> edits = cdk->edits;
    std::string dlq_expr;
    if (Node stmt = own_statement(ctx, queue)) {
        auto literal = string_literal_value(args[1]);
        std::string var = fresh_name(text, variable_base(literal ? *literal : "queue") + "_dlq");
        std::string indent(line_indent(text, stmt.start()));
        uint32_t at = line_start(text, stmt.start());
        edits.push_back({at, at, call_statement(ctx, indent, var + " = " + head, qargs) + std::string(ctx.eol())});
        dlq_expr = var;
    } else {
        dlq_expr = head;
        for (size_t i = 0; i < qargs.size(); ++i) dlq_expr += (i ? ", " : "") + qargs[i];
        dlq_expr += ")";
    }
    auto kw = ctx.add_keyword_argument(
        queue, fmt::format("dead_letter_queue={}.DeadLetterQueue(max_receive_count={}, queue={})", cdk->exprs[0],
                           max_receive, dlq_expr));
    if (!kw) return report_only("its argument list cannot take another argument");
    edits.insert(edits.end(), kw->begin(), kw->end());
    f.fix = Fix{
        fmt::format("Give the queue a redrive policy (max_receive_count={}) to a new dead-letter queue", max_receive),
        std::move(edits),
        Safety::Safe,
        {}};
}

// The queue that feeds an SQS event source gets the redrive policy.
void check_source_queue(Context& ctx, const RuleInfo& rule, const LambdaFunction& fn, const Trigger& t,
                        const EventSourceDefaults& d, std::set<uint32_t>& seen, std::vector<Finding>& out) {
    if (!t.source || !t.source->site) return;
    Node queue = call_at_site(ctx, *t.source->site);
    if (!queue || !seen.insert(queue.start()).second) return;
    auto q = ctx.model().qualified_name(queue.field("function"));
    if (!q || *q != "aws_cdk.aws_sqs.Queue") return;  // an imported queue's policy is set where it is built
    if (keyword_argument(queue, "dead_letter_queue")) return;
    Finding f = ctx.finding(
        rule, queue,
        fmt::format("queue `{}` feeds `{}` through {} and has no redrive policy: a message the function keeps "
                    "failing on returns to the queue until its retention period ends, and a function dead-letter "
                    "queue never receives from an SQS event source; give the queue "
                    "dead_letter_queue=sqs.DeadLetterQueue(max_receive_count={}, queue=<a new queue>)",
                    t.source->display_name(), fn.name, t.via, d.max_receive_count));
    add_redrive_fix(ctx, queue, d.max_receive_count, f);
    out.push_back(std::move(f));
}

// A handler that returns batchItemFailures is ignored unless its event source asks for them.
void check_batch_failures(Context& ctx, const RuleInfo& rule, const LambdaFunction& fn, const Trigger& t, Node source,
                          std::vector<Finding>& out) {
    if (!fn.code.reports_batch_item_failures || keyword_argument(source, "report_batch_item_failures")) return;
    Finding f = ctx.finding(
        rule, source,
        fmt::format("the handler of `{}` returns batchItemFailures, but its {} does not set "
                    "report_batch_item_failures=True: Lambda ignores the list and retries the whole batch, so the "
                    "records that succeeded are processed again",
                    fn.name, t.via));
    if (has_splat_arguments(source, Splat::Mapping)) f.message += " (not rewritten: the call passes **kwargs)";
    else if (auto edits = ctx.add_keyword_argument(source, "report_batch_item_failures=True"))
        f.fix = Fix{"Set report_batch_item_failures=True", std::move(*edits), Safety::Safe, {}};
    out.push_back(std::move(f));
}

void add_on_failure_fix(Context& ctx, const LambdaFunction& fn, const Trigger& t, Node source,
                        const EventSourceDefaults& d, Finding& f) {
    std::string_view text = ctx.text();
    auto report_only = [&](const char* why) { f.message += fmt::format(" (not rewritten: {})", why); };
    if (has_splat_arguments(source, Splat::Mapping)) return report_only("the call passes **kwargs");
    if (uses_cdk_v1(ctx)) return report_only("CDK v1 keeps Duration in aws_cdk.core");
    Node stmt = own_statement(ctx, source);
    auto scope = method_scope(source);
    if (!stmt || !scope)
        return report_only("the event source is not built in a construct's method on lines of its own");
    std::string base = t.source && !t.source->construct_id.empty() ? t.source->construct_id : fn.name;
    if (base.find_first_of("\"'\\/{}") != std::string::npos) return report_only("no plain construct id to derive from");
    std::string id = base + "Failures";
    for (int i = 2;
         text.find("\"" + id + "\"") != std::string_view::npos || text.find("'" + id + "'") != std::string_view::npos;
         ++i)
        id = fmt::format("{}Failures{}", base, i);
    auto cdk = cdk_members_and_name(ctx, {{"aws_sqs", "sqs"}, {"Duration", ""}}, "aws_lambda_event_sources", "SqsDlq",
                                    "lambda_event_sources");
    if (!cdk) return report_only("the names aws_sqs / Duration / SqsDlq are taken in this file");
    std::string var = fresh_name(text, variable_base(id));
    std::vector<std::string> qargs = {*scope, ctx.string_literal(id),
                                      fmt::format(fmt::runtime(kRetention), cdk->exprs[1]), "enforce_ssl=True"};
    std::vector<std::string> kwargs = {fmt::format("on_failure={}({})", cdk->exprs[2], var)};
    if (!keyword_argument(source, "retry_attempts"))
        kwargs.push_back(fmt::format("retry_attempts={}", d.retry_attempts));
    if (!keyword_argument(source, "bisect_batch_on_error")) kwargs.emplace_back("bisect_batch_on_error=True");
    auto kw = add_keyword_arguments(ctx, source, kwargs);
    if (!kw) return report_only("its argument list cannot take another argument");
    std::vector<Edit> edits = cdk->edits;
    uint32_t at = line_start(text, stmt.start());
    std::string indent(line_indent(text, stmt.start()));
    edits.push_back(
        {at, at, call_statement(ctx, indent, var + " = " + cdk->exprs[0] + ".Queue(", qargs) + std::string(ctx.eol())});
    edits.insert(edits.end(), kw->begin(), kw->end());
    f.fix = Fix{fmt::format("Send failed batches to a new SQS queue (on_failure), retry {} times, bisect on error",
                            d.retry_attempts),
                std::move(edits),
                Safety::Safe,
                {}};
}

// A stream batch that keeps failing blocks its shard until the records expire, then is lost.
void check_stream_source(Context& ctx, const RuleInfo& rule, const LambdaFunction& fn, const Trigger& t, Node source,
                         const EventSourceDefaults& d, std::vector<Finding>& out) {
    if (keyword_argument(source, "on_failure")) return;
    Finding f = ctx.finding(
        rule, source,
        fmt::format("the {} of `{}` has no on_failure destination: Lambda retries a failing batch until its records "
                    "expire (the shard makes no progress meanwhile) and then drops it, and a function dead-letter "
                    "queue never receives from a stream; set on_failure=SqsDlq(<a new queue>), retry_attempts and "
                    "bisect_batch_on_error",
                    t.via, fn.name));
    add_on_failure_fix(ctx, fn, t, source, d, f);
    out.push_back(std::move(f));
}

}  // namespace

void check_event_sources(Context& ctx, const RuleInfo& rule, const EventSourceDefaults& d, std::vector<Finding>& out) {
    const AppModel* m = ctx.app_model();
    if (!m) return;
    std::set<uint32_t> queues, sources;
    for (const LambdaFunction& fn : m->functions) {
        for (const Trigger& t : fn.triggers) {
            if (t.kind != InvocationKind::Poll) continue;
            if (t.service == "sqs") check_source_queue(ctx, rule, fn, t, d, queues, out);
            if (!is_event_source_class(t.via)) continue;
            Node source = call_at_site(ctx, t.site);
            if (!source || !sources.insert(source.start()).second) continue;
            if (t.service == "kinesis" || t.service == "dynamodb")
                check_stream_source(ctx, rule, fn, t, source, d, out);
            check_batch_failures(ctx, rule, fn, t, source, out);
        }
    }
}

}  // namespace wafix
