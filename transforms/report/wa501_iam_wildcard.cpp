// WA501 iam-wildcard: CDK IAM policy statements that allow "*" / "service:*" actions or apply
// to every resource. Report only: the right actions and ARNs are the author's to choose.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "report/report_transforms.hpp"
#include "rule_file.hpp"

namespace wafix {
namespace {

using report_rules::calls_into;
using report_rules::follow_value;
using report_rules::keyword_value;
using report_rules::resolved_name;
using report_rules::string_pattern;

constexpr const char* kIam = "aws_cdk.aws_iam.";

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// "*", "*:*" or "service:*" (a service part made of an interpolation counts too).
bool is_wildcard_action(const std::string& s) {
    if (s == "*") return true;
    auto colon = s.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string_view service(s.data(), colon);
    std::string_view action(s.data() + colon + 1, s.size() - colon - 1);
    if (action != "*") return false;
    return service == "*" || service.find('*') == std::string_view::npos;
}

// "*", or an ARN whose resource part (after the fifth colon) is nothing but wildcards, e.g.
// "arn:aws:s3:::*" or "arn:aws:logs:*:*:*": every resource of the service. A resource part with a
// type or prefix ("table/*", "bucket/*", "log-group:*") is scoped and not reported.
bool is_wildcard_resource(const std::string& s) {
    if (s == "*") return true;
    if (s.rfind("arn:", 0) != 0) return false;
    size_t pos = 0;
    for (int i = 0; i < 5; ++i) {
        pos = s.find(':', pos);
        if (pos == std::string::npos) return false;
        ++pos;
    }
    std::string_view part(s.data() + pos, s.size() - pos);
    return !part.empty() && part.find_first_not_of("*/:") == std::string_view::npos &&
           part.find('*') != std::string_view::npos;
}

// Actions that support no resource-level permissions: IAM only accepts Resource "*" for them, so
// reporting the resource would cry wolf. The list covers what Lambda code commonly calls.
bool requires_star_resource(const std::string& action) {
    static const std::set<std::string> actions = {
        "xray:puttracesegments",
        "xray:puttelemetryrecords",
        "xray:getsamplingrules",
        "xray:getsamplingtargets",
        "xray:getsamplingstatisticsummaries",
        "cloudwatch:putmetricdata",
        "cloudwatch:getmetricdata",
        "cloudwatch:getmetricstatistics",
        "cloudwatch:listmetrics",
        "ec2:createnetworkinterface",
        "ec2:deletenetworkinterface",
        "ec2:assignprivateipaddresses",
        "ec2:unassignprivateipaddresses",
        "sts:getcalleridentity",
        "ecr:getauthorizationtoken",
        "s3:listallmybuckets",
        "kms:listkeys",
        "kms:listaliases",
        "kms:createkey",
        "kms:generaterandom",
        "secretsmanager:getrandompassword",
        "secretsmanager:listsecrets",
        "ssm:describeparameters",
        "logs:describeloggroups",
        "tag:getresources",
        "tag:gettagkeys",
        "tag:gettagvalues",
        "textract:analyzedocument",
        "textract:detectdocumenttext",
        "textract:analyzeexpense",
        "comprehend:detectsentiment",
        "comprehend:detectentities",
        "comprehend:detectkeyphrases",
        "comprehend:detectdominantlanguage",
        "translate:translatetext",
        "rekognition:detectlabels",
        "rekognition:detecttext",
        "rekognition:detectfaces",
        "ce:getcostandusage",
        "pricing:getproducts",
        "sns:listtopics",
        "sqs:listqueues",
        "dynamodb:listtables",
        "lambda:listfunctions",
        "states:liststatemachines",
    };
    std::string a = lower(action);
    return actions.count(a) || a.rfind("ec2:describe", 0) == 0;
}

struct Entry {
    Node node;
    std::string value;  // interpolations masked with report_rules::kPlaceholder
};

struct Values {
    std::vector<Entry> strings;
    bool unknown = false;  // some element wafix cannot read
};

// A string built by `+`, `%` or `.format()` from a literal, with the unknown parts masked:
// `bucket_arn + "/*"` is "<x>/*", not a "*" of its own.
std::optional<std::string> string_expression(const SemanticModel& model, Node v, int depth = 0) {
    v = follow_value(model, v);
    if (auto s = string_pattern(v)) return s;
    if (depth > 6) return std::nullopt;
    auto mask_fields = [](const std::string& s, char open, char close) {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            size_t end = s[i] == open ? s.find(close, i + 1) : std::string::npos;
            if (end == std::string::npos) {
                out += s[i];
                continue;
            }
            out += report_rules::kPlaceholder;
            i = end;
        }
        return out;
    };
    if (v.is("binary_operator") && v.field("operator").is("+")) {
        auto left = string_expression(model, v.field("left"), depth + 1);
        auto right = string_expression(model, v.field("right"), depth + 1);
        if (!left && !right) return std::nullopt;
        return left.value_or(std::string(1, report_rules::kPlaceholder)) +
               right.value_or(std::string(1, report_rules::kPlaceholder));
    }
    if (v.is("binary_operator") && v.field("operator").is("%")) {
        auto left = string_pattern(follow_value(model, v.field("left")));
        if (!left) return std::nullopt;
        std::string out;  // every %-conversion (and %%) becomes unknown text
        for (size_t i = 0; i < left->size(); ++i) {
            if ((*left)[i] != '%' || i + 1 == left->size()) {
                out += (*left)[i];
                continue;
            }
            size_t j = i + 1;
            while (j < left->size() && !std::isalpha(static_cast<unsigned char>((*left)[j])) && (*left)[j] != '%') ++j;
            out += report_rules::kPlaceholder;
            i = j;
        }
        return out;
    }
    if (v.is("call")) {
        Node fn = v.field("function");
        if (fn.is("attribute") && fn.field("attribute").text() == "format")
            if (auto base = string_pattern(follow_value(model, fn.field("object"))))
                return mask_fields(*base, '{', '}');
    }
    return std::nullopt;
}

// The strings an `actions=` / `resources=` value or a JSON "Action" / "Resource" value holds.
void collect(const SemanticModel& model, Node v, Values& out, int depth = 0) {
    if (depth > 6) {
        out.unknown = true;
        return;
    }
    v = follow_value(model, v);
    if (auto s = string_expression(model, v)) {
        out.strings.push_back({v, *s});
    } else if (v.is("list") || v.is("tuple") || v.is("set") || v.is("expression_list")) {
        for (const Node& e : v.named_children()) {
            if (e.is("comment")) continue;
            collect(model, e.is("list_splat") ? e.named_child(0) : e, out, depth + 1);
        }
    } else if (v.is("binary_operator") && v.field("operator").is("+")) {
        collect(model, v.field("left"), out, depth + 1);
        collect(model, v.field("right"), out, depth + 1);
    } else if ((v.is("attribute") || v.is("identifier")) &&
               resolved_name(model, v) == "aws_cdk.custom_resources.AwsCustomResourcePolicy.ANY_RESOURCE") {
        out.strings.push_back({v, "*"});  // the constant is ["*"]
    } else {
        out.unknown = true;
    }
}

// What one policy statement allows, gathered from its construction and later mutations.
struct Statement {
    Node at;            // where to report
    bool skip = false;  // Deny, resource-based (has a principal), or unreadable
    Values actions, resources;
};

std::string shown(const std::string& value) {
    std::string out;
    for (char c : value) out += c == report_rules::kPlaceholder ? std::string("{...}") : std::string(1, c);
    return out;
}

std::optional<std::string> dict_key(Node pair) { return string_pattern(pair.field("key")); }

class IamWildcard final : public Transform {
    using Transform::Transform;

    void check(Context& ctx, std::vector<Finding>& out) const override {
        const SemanticModel& model = ctx.model();
        for (const auto& [call, q] : calls_into(model, ctx.root(), "aws_cdk.")) {
            if (q.rfind(kIam, 0) != 0 && q.rfind("aws_cdk.custom_resources.", 0) != 0) continue;
            if (q == "aws_cdk.aws_iam.PolicyStatement") {
                report(ctx, statement_from_call(model, call), out);
            } else if (q == "aws_cdk.aws_iam.PolicyStatement.from_json") {
                if (Node obj = json_argument(call)) json_statement(ctx, follow_value(model, obj), out);
            } else if (q == "aws_cdk.aws_iam.PolicyDocument.from_json") {
                if (Node obj = json_argument(call)) json_document(ctx, follow_value(model, obj), out);
            } else if (q.rfind("aws_cdk.aws_iam.Cfn", 0) == 0) {
                // L1 identity policies: CfnPolicy, CfnManagedPolicy, CfnRole/CfnUser/CfnGroup and
                // their PolicyProperty, CfnRolePolicy... The trust policy
                // (assume_role_policy_document) is not a grant and is left alone.
                if (Node doc = keyword_value(call, "policy_document"))
                    json_document(ctx, follow_value(model, doc), out);
                if (Node policies = keyword_value(call, "policies"))
                    cfn_policies(ctx, follow_value(model, policies), out);
            } else if (q == "aws_cdk.custom_resources.AwsCustomResourcePolicy.from_sdk_calls") {
                Statement s;
                s.at = call;
                if (Node r = keyword_value(call, "resources")) collect(model, r, s.resources);
                report(ctx, s, out);
            }
        }
    }

    static Node json_argument(Node call) {
        for (const Node& a : call_arguments(call)) {
            if (a.is("keyword_argument")) return a.field("name").text() == "obj" ? a.field("value") : Node();
            if (is_splat(a)) return {};
            return a;
        }
        return {};
    }

    static bool is_principal_method(std::string_view method) {
        return method.rfind("add_", 0) == 0 && method.find("principal") != std::string_view::npos;
    }

    // The statement handed to a resource policy (`bucket.add_to_resource_policy(stmt)`).
    static bool passed_to_resource_policy(Node expr) {
        Node args = expr.parent();
        if (!args.is("argument_list")) return false;
        Node fn = args.parent().field("function");
        return fn.is("attribute") && fn.field("attribute").text() == "add_to_resource_policy";
    }

    static Statement statement_from_call(const SemanticModel& model, Node call) {
        Statement s;
        s.at = call;
        if (has_splat_arguments(call) || passed_to_resource_policy(call)) {
            s.skip = true;  // **props may hold the effect or a principal: wafix cannot see
            return s;
        }
        if (Node effect = keyword_value(call, "effect")) {
            auto e = resolved_name(model, follow_value(model, effect));
            // Deny with "*" is a guardrail, and an effect wafix cannot read may be Deny.
            if (e != "aws_cdk.aws_iam.Effect.ALLOW") s.skip = true;
        }
        // A principal makes it a resource-based statement (a bucket, queue or key policy), where
        // "*" can mean "this resource" (KMS key policies): another rule's business.
        if (keyword_argument(call, "principals") || keyword_argument(call, "not_principals")) s.skip = true;
        if (Node a = keyword_value(call, "actions")) collect(model, a, s.actions);
        if (Node r = keyword_value(call, "resources")) collect(model, r, s.resources);
        if (!s.skip) add_mutations(model, call, s);
        return s;
    }

    // `stmt = iam.PolicyStatement(...)` then `stmt.add_actions(...)`, `stmt.add_resources(...)`,
    // `stmt.add_all_resources()`: read them too, in the same module.
    static void add_mutations(const SemanticModel& model, Node call, Statement& s) {
        Node assignment = call.parent();
        if (!assignment.is("assignment") || assignment.field("right") != call) return;
        Node target = assignment.field("left");
        if (!target.is("identifier")) return;
        const Binding* b = model.binding_defined_at(target);
        if (!b || b->defs.size() != 1) return;
        bool wildcard_in_call = false;
        for (const Entry& e : s.actions.strings) wildcard_in_call |= is_wildcard_action(e.value);
        for (const Entry& e : s.resources.strings) wildcard_in_call |= is_wildcard_resource(e.value);
        for (const Node& use : b->uses) {
            if (passed_to_resource_policy(use)) s.skip = true;
            Node attr = use.parent();
            if (!attr.is("attribute") || attr.field("object") != use) continue;
            Node mcall = call_of_function(attr);
            if (!mcall) continue;
            std::string_view method = attr.field("attribute").text();
            Values* into = method == "add_actions" ? &s.actions : method == "add_resources" ? &s.resources : nullptr;
            size_t before_a = s.actions.strings.size(), before_r = s.resources.strings.size();
            if (into) {
                for (const Node& a : call_arguments(mcall)) {
                    if (a.is("keyword_argument") || a.is("dictionary_splat")) continue;
                    collect(model, a.is("list_splat") ? a.named_child(0) : a, *into);
                }
            } else if (method == "add_all_resources") {
                s.resources.strings.push_back({mcall, "*"});
            } else if (is_principal_method(method)) {
                s.skip = true;
            }
            if (wildcard_in_call) continue;
            // Report where the first wildcard comes in when the construction has none.
            for (size_t i = before_a; i < s.actions.strings.size(); ++i)
                if (is_wildcard_action(s.actions.strings[i].value)) wildcard_in_call = true, s.at = mcall;
            for (size_t i = before_r; i < s.resources.strings.size() && !wildcard_in_call; ++i)
                if (is_wildcard_resource(s.resources.strings[i].value)) wildcard_in_call = true, s.at = mcall;
        }
    }

    // {"Effect": "Allow", "Action": [...], "Resource": "*"} as PolicyStatement.from_json and L1
    // policy documents take it.
    void json_statement(Context& ctx, Node dict, std::vector<Finding>& out) const {
        if (!dict.is("dictionary")) return;
        const SemanticModel& model = ctx.model();
        Statement s;
        s.at = dict;
        for (const Node& p : dict.named_children()) {
            if (p.is("dictionary_splat")) return;  // the splat may hold Effect or Principal
            if (!p.is("pair")) continue;
            auto key = dict_key(p);
            if (!key) continue;
            Node value = p.field("value");
            if (*key == "Effect") {
                auto e = string_pattern(follow_value(model, value));
                if (!e || lower(*e) != "allow") return;
            } else if (*key == "Principal" || *key == "NotPrincipal") {
                return;
            } else if (*key == "Action") {
                collect(model, value, s.actions);
            } else if (*key == "Resource") {
                collect(model, value, s.resources);
            }
        }
        report(ctx, s, out);
    }

    void json_document(Context& ctx, Node doc, std::vector<Finding>& out) const {
        if (!doc.is("dictionary")) return;
        for (const Node& p : doc.named_children()) {
            if (!p.is("pair") || dict_key(p) != "Statement") continue;
            Node statements = follow_value(ctx.model(), p.field("value"));
            if (statements.is("dictionary")) {
                json_statement(ctx, statements, out);
            } else if (statements.is("list") || statements.is("tuple")) {
                for (const Node& e : statements.named_children())
                    json_statement(ctx, follow_value(ctx.model(), e), out);
            }
        }
    }

    // CfnRole/CfnUser/CfnGroup `policies=[{"policy_name": ..., "policy_document": {...}}]`
    // (PolicyProperty calls in the list are calls of their own and checked as such).
    void cfn_policies(Context& ctx, Node list, std::vector<Finding>& out) const {
        if (!list.is("list") && !list.is("tuple")) return;
        for (const Node& e : list.named_children()) {
            Node d = follow_value(ctx.model(), e);
            if (!d.is("dictionary")) continue;
            for (const Node& p : d.named_children()) {
                if (!p.is("pair")) continue;
                auto key = dict_key(p);
                if (key == "policy_document" || key == "policyDocument" || key == "PolicyDocument")
                    json_document(ctx, follow_value(ctx.model(), p.field("value")), out);
            }
        }
    }

    void report(Context& ctx, const Statement& s, std::vector<Finding>& out) const {
        if (s.skip) return;
        // A statement dict shared by several documents is one statement.
        for (const Finding& f : out)
            if (f.rule == info().id && f.begin == s.at.start() && f.end == s.at.end()) return;
        std::vector<std::string> actions, resources;
        auto add_unique = [](std::vector<std::string>& v, std::string x) {
            if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(std::move(x));
        };
        for (const Entry& e : s.actions.strings)
            if (is_wildcard_action(e.value)) add_unique(actions, "`" + shown(e.value) + "`");
        for (const Entry& e : s.resources.strings)
            if (is_wildcard_resource(e.value)) add_unique(resources, "`" + shown(e.value) + "`");
        if (actions.empty() && !resources.empty() && unscopable_actions(s.actions)) resources.clear();
        if (actions.empty() && resources.empty()) return;
        auto join = [](const std::vector<std::string>& v) {
            std::string o;
            for (const auto& x : v) o += (o.empty() ? "" : ", ") + x;
            return o;
        };
        std::string msg;
        if (!actions.empty() && !resources.empty())
            msg = fmt::format(
                "IAM policy statement allows {} on {}: list only the actions the code calls, on the "
                "ARNs it uses (or use the resource's grant_* methods)",
                join(actions), join(resources));
        else if (!actions.empty())
            msg = fmt::format(
                "IAM policy statement allows every action of {}: list only the actions the code calls "
                "(or use the resource's grant_* methods)",
                join(actions));
        else
            msg = fmt::format(
                "IAM policy statement applies to every resource ({}): name the ARNs the code uses "
                "(or use the resource's grant_* methods)",
                join(resources));
        out.push_back(ctx.finding(info(), s.at, std::move(msg)));
    }

    // True when the statement's actions are all known and all need Resource "*".
    static bool unscopable_actions(const Values& actions) {
        if (actions.unknown || actions.strings.empty()) return false;
        for (const Entry& e : actions.strings)
            if (e.value.find(report_rules::kPlaceholder) != std::string::npos || !requires_star_resource(e.value))
                return false;
        return true;
    }
};

}  // namespace

WAFIX_RULE_FILE(iam_wildcard, IamWildcard,
                {.pillars = {Pillar::Sec},
                 .summary = "CDK IAM policy statements that allow \"*\" actions or apply to \"*\" resources",
                 .fix = FixAvailability::None,
                 .triggers = {"aws_cdk"},
                 .peers = {{PeerTool::Checkov, "CKV_AWS_63"},
                           {PeerTool::Checkov, "CKV_AWS_111"},
                           {PeerTool::CdkNag, "AwsSolutions-IAM5"}}})

}  // namespace wafix
