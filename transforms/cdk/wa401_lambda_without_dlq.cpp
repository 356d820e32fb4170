// WA401 lambda-without-dlq: events of failed asynchronous invocations are dropped after Lambda's
// retries unless the function has a dead-letter queue (or topic).
#include <cctype>

#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"

namespace wafix {
namespace {

// The variable name a construct id gives ("LegacyExporter" -> "legacy_exporter"), made usable.
std::string variable_base(std::string_view construct_id) {
    std::string out = snake_case(construct_id);
    if (out.empty()) return "function";
    if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "fn_" + out;
    if (is_python_keyword(out)) out += "_fn";
    return out;
}

class LambdaWithoutDlq final : public Transform {
public:
    LambdaWithoutDlq()
        : Transform({.id = "WA401",
                     .name = "lambda-without-dlq",
                     .family = "cdk",
                     .pillars = {Pillar::Rel},
                     .summary = "CDK Lambda constructs without a dead-letter queue",
                     .triggers = {"aws_cdk"},
                     .peers = {{PeerTool::Checkov, "CKV_AWS_116"},
                               {PeerTool::CdkNag, "NIST.800.53.R5-LambdaDLQ"},
                               {PeerTool::CdkNag, "HIPAA.Security-LambdaDLQ"},
                               {PeerTool::CdkNag, "Serverless-LambdaDLQ"}}}) {}

private:
    void check(Context& ctx, std::vector<Finding>& out) const override {
        for (const LambdaConstruct& c : lambda_constructs(ctx)) {
            if (c.l1) check_cfn_function(ctx, c, out);
            else check_function(ctx, c, out);
        }
    }

    void check_function(Context& ctx, const LambdaConstruct& c, std::vector<Finding>& out) const {
        // An on_failure destination already receives the failed events (and is what AWS now advises).
        for (const char* prop : {"dead_letter_queue", "dead_letter_topic", "dead_letter_queue_enabled", "on_failure"})
            if (keyword_argument(c.call, prop)) return;
        Finding f =
            ctx.finding(info(), c.call,
                        fmt::format("`{}` has no dead-letter queue: events of failed asynchronous "
                                    "invocations (S3, SNS, EventBridge, async invoke) are dropped after Lambda's "
                                    "retries; set dead_letter_queue_enabled=True",
                                    c.fn.text()));
        if (has_splat_arguments(c.call, Splat::Mapping)) {
            f.message += " (not rewritten: the call passes **kwargs, which may already set a dead-letter target)";
        } else if (auto edits = ctx.add_keyword_argument(c.call, "dead_letter_queue_enabled=True")) {
            f.fix = Fix{"Set dead_letter_queue_enabled=True", std::move(*edits), Safety::Safe, {}};
        }
        out.push_back(std::move(f));
    }

    // The L1 needs a queue of its own, send rights for its role, and to be created after that grant.
    void check_cfn_function(Context& ctx, const LambdaConstruct& c, std::vector<Finding>& out) const {
        if (keyword_argument(c.call, "dead_letter_config")) return;
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

    static std::optional<std::vector<Edit>> cfn_function_edits(Context& ctx, const LambdaConstruct& c,
                                                               std::string& why) {
        std::string_view text = ctx.text();
        auto args = call_arguments(c.call);
        if (args.size() < 2 || args[0].is("keyword_argument") || args[1].is("keyword_argument") ||
            dotted_text(args[0]).empty()) {
            why = "its scope and id are not plain positional arguments";
            return std::nullopt;
        }
        Node scope = args[0], id = args[1];

        // The role must be one wafix can grant to: `<role>.role_arn` of a Role built in this file.
        Node role_kw = keyword_argument(c.call, "role");
        Node role_value = role_kw ? role_kw.field("value") : Node();
        Node role_obj = role_value.is("attribute") && role_value.field("attribute").text() == "role_arn"
                            ? role_value.field("object")
                            : Node();
        if (!is_iam_role(ctx, role_obj)) {
            why =
                "its role is not `<role>.role_arn` of an iam.Role built in this file, so wafix cannot grant "
                "it sqs:SendMessage on a new queue";
            return std::nullopt;
        }

        // Where the queue goes (before the statement) and how the function is named (after it).
        Node stmt = enclosing_statement(c.call);
        if (!only_space_before(text, stmt.start()) || !only_space_or_comment_after(text, stmt.end())) {
            why = "the construct shares its line with another statement";
            return std::nullopt;
        }
        Node expr = stmt.is("expression_statement") ? stmt.named_child(0) : Node();
        std::string fn_var;
        bool bare = expr == c.call;
        if (!bare) {
            if (!expr.is("assignment") || expr.field("right") != c.call || dotted_text(expr.field("left")).empty()) {
                why = "the construct is not a statement or an assignment of its own";
                return std::nullopt;
            }
            fn_var = std::string(expr.field("left").text());
        }

        // Names: the queue variable and construct id derive from the function's id.
        auto literal = string_literal_value(id);
        std::string base = variable_base(literal ? *literal : std::string());
        std::string queue_var = fresh_name(text, base + "_dlq");
        if (bare) fn_var = fresh_name(text, base, queue_var);
        std::string queue_id;
        std::string_view id_text = id.text();
        bool fstring = id.is("string") && (id_text.front() == 'f' || id_text.front() == 'F');
        if (literal || fstring) {
            size_t q = id_text.size() >= 6 && (id_text.ends_with("\"\"\"") || id_text.ends_with("'''")) ? 3 : 1;
            std::string suffix = "Dlq";
            if (literal) {
                for (int i = 2; text.find(*literal + suffix) != std::string_view::npos; ++i)
                    suffix = fmt::format("Dlq{}", i);
            }
            queue_id = std::string(id_text.substr(0, id_text.size() - q)) + suffix +
                       std::string(id_text.substr(id_text.size() - q));
        } else if (id.is("identifier") || id.is("attribute") || id.is("call") || id.is("subscript")) {
            queue_id = std::string(id_text) + " + \"Dlq\"";
        } else {
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
        const std::string& sqs = cdk->exprs[0];
        const std::string& duration = cdk->exprs[1];
        std::vector<Edit> edits = cdk->edits;

        auto config = ctx.add_keyword_argument(
            c.call, fmt::format("dead_letter_config={}.DeadLetterConfigProperty(target_arn={}.queue_arn)", c.fn.text(),
                                queue_var));
        if (!config) {
            why = "its argument list cannot take another argument";
            return std::nullopt;
        }

        // The queue statement, laid out like the construct's call will be (split when too long).
        std::string indent(line_indent(text, stmt.start()));
        std::string eol(ctx.eol());
        std::vector<std::string> qargs = {std::string(scope.text()), queue_id,
                                          "retention_period=" + duration + ".days(14)", "enforce_ssl=True"};
        Node open = c.call.field("arguments").child(0);
        bool one_per_line = open && args[0].start_point().row != open.start_point().row;
        bool call_split = !one_per_line && config->size() == 1 &&
                          config->front().text.find('\n') != std::string::npos &&
                          config->front().end > config->front().begin;
        std::string head = queue_var + " = " + sqs + ".Queue(";
        std::string single = head;
        for (size_t i = 0; i < qargs.size(); ++i) single += (i ? ", " : "") + qargs[i];
        single += ")";
        std::string queue_stmt;
        if (!one_per_line && !call_split && indent.size() + single.size() <= ctx.line_limit()) {
            queue_stmt = indent + single;
        } else {
            std::string step = indent.starts_with("\t") ? "\t" : "    ";
            std::string comma = ",";
            if (one_per_line) {
                std::string_view arg_indent = line_indent(text, args[0].start());
                if (arg_indent.size() > indent.size() && arg_indent.starts_with(indent))
                    step = std::string(arg_indent.substr(indent.size()));
                if (!following_comma(args.back())) comma = "";
            }
            queue_stmt = indent + head;
            for (size_t i = 0; i < qargs.size(); ++i)
                queue_stmt += eol + indent + step + qargs[i] + (i + 1 < qargs.size() ? "," : comma);
            queue_stmt += eol + indent + ")";
        }
        std::string role(role_obj.text());
        uint32_t at = line_start(text, stmt.start());
        edits.push_back({at, at, queue_stmt + eol + indent + queue_var + ".grant_send_messages(" + role + ")" + eol});
        if (bare) edits.push_back({stmt.start(), stmt.start(), fn_var + " = "});
        edits.insert(edits.end(), config->begin(), config->end());

        // Lambda checks the role's right to send to the queue when it creates the function, so the
        // function must wait for the role's policy (a dependency on the role covers its policies).
        // At the end of the statement's line rather than the start of the next, so that a construct
        // on the next line can take its own queue in the same pass.
        uint32_t stmt_end = line_content_end(text, stmt.end());
        edits.push_back({stmt_end, stmt_end, eol + indent + fn_var + ".node.add_dependency(" + role + ")"});
        return edits;
    }

    static bool uses_cdk_v1(const Context& ctx) {
        for (const Binding& b : ctx.model().bindings())
            for (const Definition& d : b.defs)
                if (d.is_import() && (d.module == "aws_cdk.core" || d.qualified_target().rfind("aws_cdk.core", 0) == 0))
                    return true;
        return false;
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

std::unique_ptr<Transform> make_lambda_without_dlq() { return std::make_unique<LambdaWithoutDlq>(); }

}  // namespace wafix
