// Shared by the CDK Lambda rules: which calls construct a Lambda function, and how to reach aws_cdk
// names in the file's own import style.
#include <algorithm>
#include <set>

#include "cdk/cdk_transforms.hpp"

namespace wafix {

namespace {

// Classes whose props extend FunctionOptions (dead_letter_queue_enabled, reserved_concurrent_executions).
const std::set<std::string>& l2_classes() {
    static const std::set<std::string> s = {
        "aws_cdk.aws_lambda.Function",
        "aws_cdk.aws_lambda.SingletonFunction",
        "aws_cdk.aws_lambda.DockerImageFunction",
        "aws_cdk.aws_lambda_python_alpha.PythonFunction",
        "aws_cdk.aws_lambda_python.PythonFunction",  // CDK v1
        "aws_cdk.aws_lambda_nodejs.NodejsFunction",
        "aws_cdk.aws_lambda_go_alpha.GoFunction",
    };
    return s;
}

// The first module-level `from aws_cdk import a, b` (not a star import).
Node cdk_from_import(Node root) {
    for (const Node& c : root.named_children()) {
        if (!c.is("import_from_statement") || c.field("module_name").text() != "aws_cdk") continue;
        bool star = false;
        for (const Node& k : c.named_children())
            if (k.is("wildcard_import")) star = true;
        if (!star) return c;
    }
    return {};
}

bool is_lambda_class(const std::string& q) { return q == "aws_cdk.aws_lambda.CfnFunction" || l2_classes().count(q); }

// `Function(...)` after `from aws_cdk.aws_lambda import *`: an unbound name taken from the one
// star-imported module that has it, when no other star import could supply it too.
std::optional<std::string> star_imported(const Context& ctx, Node fn) {
    if (!fn.is("identifier") || ctx.model().resolve(fn)) return std::nullopt;
    std::optional<std::string> found;
    for (int s = ctx.model().scope_of_use(fn); s >= 0; s = ctx.model().scopes()[s].parent) {
        for (const std::string& m : ctx.model().scopes()[s].star_imports) {
            std::string q = m + "." + std::string(fn.text());
            if (is_lambda_class(q)) {
                if (found && *found != q) return std::nullopt;
                found = q;
            } else if (m != "aws_cdk" && m != "constructs") {
                return std::nullopt;  // another module may export the same name (cloudfront.Function)
            }
        }
    }
    return found;
}

}  // namespace

std::vector<LambdaConstruct> lambda_constructs(const Context& ctx) {
    static const Query calls("(call function: [(identifier) (attribute)] @fn) @call");
    std::vector<LambdaConstruct> out;
    for (const Match& m : calls.matches(ctx.root())) {
        Node fn = m.get("fn");
        auto q = ctx.model().qualified_name(fn);
        if (!q) q = star_imported(ctx, fn);
        if (!q) continue;
        if (!is_lambda_class(*q)) continue;
        bool l1 = *q == "aws_cdk.aws_lambda.CfnFunction";
        out.push_back({m.get("call"), fn, *q, l1});
    }
    return out;
}

std::optional<CdkAccess> cdk_members(Context& ctx, const std::vector<std::pair<std::string, std::string>>& members) {
    CdkAccess out;
    Node from_stmt = cdk_from_import(ctx.root());
    std::vector<std::string> appended;
    std::string new_root;  // "aws_cdk" once a new `import aws_cdk.x` binds it
    for (const auto& [member, alias] : members) {
        bool submodule = member.rfind("aws_", 0) == 0;
        std::string bound = alias.empty() ? member : alias;
        if (auto e = ctx.imports().existing_module("aws_cdk." + member)) {
            out.exprs.push_back(*e);
        } else if (auto root = ctx.imports().existing_module("aws_cdk")) {
            out.exprs.push_back(*root + "." + member);  // `cdk.aws_sqs`: no import edit at all
        } else if (from_stmt && !ctx.model().binds_anywhere(bound)) {
            appended.push_back(alias.empty() ? member : member + " as " + alias);
            out.exprs.push_back(bound);
        } else if (!new_root.empty()) {
            out.exprs.push_back(new_root + "." + member);
        } else {
            auto a = ctx.imports().module(submodule ? "aws_cdk." + member : "aws_cdk");
            if (!a) return std::nullopt;
            out.exprs.push_back(submodule ? a->expr : a->expr + "." + member);
            out.edits.insert(out.edits.end(), a->edits.begin(), a->edits.end());
            if (a->expr.rfind("aws_cdk", 0) == 0) new_root = "aws_cdk";
        }
    }
    if (!appended.empty()) {
        // Several names go in as one element so that the list gets exactly one new separator;
        // in a one-name-per-line list each new name gets its own line.
        std::string_view text = ctx.text();
        auto items = from_stmt.children_by_field("name");
        Node open, close;
        for (const Node& c : from_stmt.children()) {
            if (c.is("(")) open = c;
            if (c.is(")")) close = c;
        }
        std::string sep = ", ";
        if (open && close && open.start_point().row != close.start_point().row && !items.empty() &&
            only_space_before(text, items.back().start()))
            sep = "," + std::string(ctx.eol()) + std::string(line_indent(text, items.back().start()));
        std::string element;
        for (const auto& a : appended) element += (element.empty() ? "" : sep) + a;
        auto edits = append_import_name(text, ctx.eol(), from_stmt, element);
        if (!edits) return std::nullopt;
        out.edits.insert(out.edits.end(), edits->begin(), edits->end());
    }
    return out;
}

}  // namespace wafix
