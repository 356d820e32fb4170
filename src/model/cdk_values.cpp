// Where a value in CDK code comes from: a small, bounded points-to over locals, `self.x`
// attributes, parameters (to every call site of their function or class), `for x in [...]`
// loops and factory functions' returns; and the string a path expression evaluates to.
#include <algorithm>

#include <fmt/format.h>

#include "cdk_index.hpp"
#include "wafix/core/python_edit.hpp"

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

constexpr int kMaxDepth = 10;

// The positional index of a parameter among the ones callers pass (self/cls excluded).
std::optional<size_t> parameter_position(Node params, Node param, bool method) {
    size_t i = 0;
    bool first = true;
    for (const Node& p : params.named_children()) {
        if (p.is("comment")) continue;
        if (p.is("keyword_separator") || p.is("list_splat_pattern") || p.is("dictionary_splat_pattern")) return {};
        if (first && method) {
            first = false;
            if (p == param) return std::nullopt;
            continue;
        }
        first = false;
        if (p == param) return i;
        ++i;
    }
    return std::nullopt;
}

std::string parameter_name(Node p) {
    if (p.is("identifier")) return std::string(p.text());
    if (Node n = p.field("name")) return std::string(n.text());
    for (const Node& c : p.named_children())
        if (c.is("identifier")) return std::string(c.text());
    return {};
}

}  // namespace

std::vector<Origin> CdkIndex::origins(size_t unit, Node expr) const {
    std::set<std::pair<size_t, uint32_t>> seen;
    std::vector<Origin> out;
    origins_into(unit, expr, 0, seen, out);
    return out;
}

void CdkIndex::attribute_origins(const ClassInfo& c, const std::string& attr, int depth,
                                 std::set<std::pair<size_t, uint32_t>>& seen, std::vector<Origin>& out) const {
    auto it = c.self_assigns.find(attr);
    if (it != c.self_assigns.end())
        for (const Node& v : it->second) origins_into(c.unit, v, depth + 1, seen, out);
    if (it != c.self_assigns.end() && !it->second.empty()) return;
    for (const Node& b : c.bases)  // inherited from a project base class
        if (const ClassInfo* base = class_named(c.unit, b))
            if (base != &c) attribute_origins(*base, attr, depth + 1, seen, out);
}

void CdkIndex::parameter_origins(size_t /*unit*/, const Definition& d, int depth,
                                 std::set<std::pair<size_t, uint32_t>>& seen, std::vector<Origin>& out) const {
    Node param = d.statement;
    Node params = param.parent();
    Node def = params.parent();
    if (!def.is("function_definition")) return;  // a lambda's parameter
    std::string fname(def.field("name").text());
    std::string pname = parameter_name(param);
    Node cls = def.parent().parent();  // block -> class_definition
    bool method = cls.is("class_definition");
    std::optional<size_t> pos = parameter_position(params, param, method);
    std::string called = fname;
    if (method && fname == "__init__") called = std::string(cls.field("name").text());
    auto [b, e] = calls_by_name.equal_range(called);
    for (auto it = b; it != e; ++it) {
        auto [u, call] = it->second;
        if (called != fname || !method) {
            // A class call must construct this class; a plain call, call this function.
            if (method && fname == "__init__") {
                const ClassInfo* k = project_class(u, call);
                if (!k || k->node != cls) continue;
            }
        }
        Node arg = call_arg(call, pos ? *pos : static_cast<size_t>(-1), pname);
        if (arg) origins_into(u, arg, depth + 1, seen, out);
    }
    // `super().__init__(scope, id, handler=...)` in a subclass passes it on too: the subclass's
    // own call sites are followed when its __init__ parameter is resolved, which this covers.
}

void CdkIndex::origins_into(size_t unit, Node expr, int depth, std::set<std::pair<size_t, uint32_t>>& seen,
                            std::vector<Origin>& out) const {
    if (!expr || depth > kMaxDepth) return;
    if (!seen.insert({unit, expr.start() * 2u + (expr.is("identifier") ? 1u : 0u)}).second) return;
    const SemanticModel& sem = *units[unit].sem;
    if (expr.is("parenthesized_expression") || expr.is("await")) {
        for (const Node& c : expr.named_children()) origins_into(unit, c, depth + 1, seen, out);
    } else if (expr.is("list") || expr.is("tuple") || expr.is("conditional_expression") ||
               expr.is("boolean_operator")) {
        for (const Node& c : expr.named_children())
            if (!c.is("comment")) origins_into(unit, c, depth + 1, seen, out);
    } else if (expr.is("call")) {
        std::string q = callee(unit, expr);
        Node fn = expr.field("function");
        if (q == "aws_cdk.aws_lambda.Alias") {
            origins_into(unit, call_arg(expr, static_cast<size_t>(-1), "version"), depth + 1, seen, out);
            return;
        }
        if (q.empty() && fn.is("attribute")) {
            std::string m(fn.field("attribute").text());
            if (m == "add_version" || m == "add_alias") {  // fn.add_alias("live") is still fn
                origins_into(unit, fn.field("object"), depth + 1, seen, out);
                return;
            }
        }
        // A factory: a project function whose returned values are constructs.
        std::string last = fn.is("identifier")  ? std::string(fn.text())
                           : fn.is("attribute") ? std::string(fn.field("attribute").text())
                                                : "";
        bool factory = false;
        if ((q.empty() || q.rfind("<project>", 0) != 0) && !last.empty() && lambda_class(unit, expr).empty()) {
            static const Query returns("(return_statement (_) @v)");
            auto [b, e] = defs_by_name.equal_range(last);
            for (auto it = b; it != e; ++it)
                for (const Match& m : returns.matches(it->second.second.field("body"))) {
                    factory = true;
                    origins_into(it->second.first, m.get("v"), depth + 1, seen, out);
                }
        }
        if (!factory) out.push_back({unit, expr});
    } else if (expr.is("identifier")) {
        const Binding* b = sem.resolve(expr);
        if (!b) b = sem.binding_defined_at(expr);
        if (!b) return;
        for (const Definition& d : b->defs) {
            if (d.kind == DefKind::Assignment && d.value) origins_into(unit, d.value, depth + 1, seen, out);
            else if (d.kind == DefKind::Parameter) parameter_origins(unit, d, depth, seen, out);
            else if (d.kind == DefKind::ForTarget && d.statement.is("for_statement") &&
                     d.statement.field("left") == d.name)
                origins_into(unit, d.statement.field("right"), depth + 1, seen, out);
        }
    } else if (expr.is("attribute")) {
        Node obj = expr.field("object");
        std::string attr(expr.field("attribute").text());
        if (attr == "current_version" || attr == "latest_version" || attr == "role" || attr == "grant_principal") {
            origins_into(unit, obj, depth + 1, seen, out);
            return;
        }
        if (obj.is("identifier") && obj.text() == "self") {
            if (const ClassInfo* c = enclosing_class(unit, expr)) attribute_origins(*c, attr, depth, seen, out);
            return;
        }
        std::vector<Origin> owners;
        origins_into(unit, obj, depth + 1, seen, owners);
        for (const Origin& o : owners)
            if (o.node.is("call"))
                if (const ClassInfo* c = project_class(o.unit, o.node)) attribute_origins(*c, attr, depth, seen, out);
    } else {
        out.push_back({unit, expr});
    }
}

std::vector<size_t> CdkIndex::functions_of(size_t unit, Node expr) const {
    std::vector<size_t> out;
    for (const Origin& o : origins(unit, expr)) {
        auto it = function_by_call.find({o.unit, o.node.start()});
        if (it != function_by_call.end() && std::find(out.begin(), out.end(), it->second) == out.end())
            out.push_back(it->second);
    }
    return out;
}

ConstructRef CdkIndex::construct_ref(size_t unit, Node expr) const {
    ConstructRef r;
    r.expression = std::string(expr.text());
    for (const Origin& o : origins(unit, expr)) {
        if (!o.node.is("call")) continue;
        std::string q = callee(o.unit, o.node);
        Node fn = o.node.field("function");
        if (q.empty() && fn.is("attribute") && chain_root(fn) != expr) {
            // `api.root.add_resource("orders")`: the construct the chain starts from.
            ConstructRef owner = construct_ref(o.unit, chain_root(fn.field("object")));
            owner.expression = r.expression;
            if (!owner.type.empty()) return owner;
            continue;
        }
        if (q.empty()) continue;
        r.type = q;
        r.variable = assigned_name(o.node);
        if (auto id = string_literal_value(call_arg(o.node, 1, ""))) r.construct_id = *id;
        r.site = range_of(o.unit, o.node);
        for (const Node& a : call_arguments(o.node))
            if (a.is("keyword_argument"))
                r.properties.push_back(
                    {std::string(a.field("name").text()), std::string(a.field("value").text()), range_of(o.unit, a)});
        break;
    }
    return r;
}

std::optional<CdkIndex::PathValue> CdkIndex::string_value(size_t unit, Node expr, const ArgEnv* env, int depth) const {
    if (!expr || depth > kMaxDepth) return std::nullopt;
    const SemanticModel& sem = *units[unit].sem;
    auto join = [](PathValue a, const PathValue& b) {
        if (b.from_file || (!b.text.empty() && b.text[0] == '/')) return b;
        if (a.text.empty()) a.text = b.text;
        else if (!b.text.empty()) a.text = (fs::path(a.text) / b.text).lexically_normal().generic_string();
        return a;
    };
    if (auto s = string_literal_value(expr)) return PathValue{*s, false};
    if (expr.is("string")) {  // an f-string of constants
        PathValue v;
        for (const Node& c : expr.named_children()) {
            if (c.is("string_content")) v.text += c.text();
            else if (c.is("interpolation")) {
                auto inner = string_value(unit, c.named_child(0), env, depth + 1);
                if (!inner || inner->from_file) return std::nullopt;
                v.text += inner->text;
            } else if (!c.is("string_start") && !c.is("string_end")) return std::nullopt;
        }
        return v;
    }
    if (expr.is("parenthesized_expression")) return string_value(unit, expr.named_child(0), env, depth + 1);
    if (expr.is("identifier")) {
        if (expr.text() == "__file__") return PathValue{units[unit].path.generic_string(), true};
        if (env) {
            auto it = env->args.find(std::string(expr.text()));
            if (it != env->args.end()) return string_value(it->second.unit, it->second.node, nullptr, depth + 1);
        }
        const Binding* b = sem.resolve(expr);
        if (!b || b->defs.size() != 1) return std::nullopt;
        const Definition& d = b->defs[0];
        if (d.kind == DefKind::Assignment && d.value) return string_value(unit, d.value, env, depth + 1);
        return std::nullopt;
    }
    if (expr.is("binary_operator")) {
        std::string_view op = expr.field("operator").text();
        auto l = string_value(unit, expr.field("left"), env, depth + 1);
        auto r = string_value(unit, expr.field("right"), env, depth + 1);
        if (!l || !r) return std::nullopt;
        if (op == "+") return PathValue{l->text + r->text, l->from_file};
        if (op == "/") return join(*l, *r);
        return std::nullopt;
    }
    if (expr.is("attribute")) {
        std::string attr(expr.field("attribute").text());
        auto obj = string_value(unit, expr.field("object"), env, depth + 1);
        if (!obj) return std::nullopt;
        if (attr == "parent") obj->text = fs::path(obj->text).parent_path().generic_string();
        return obj;
    }
    if (!expr.is("call")) return std::nullopt;
    Node fn = expr.field("function");
    std::string q = sem.qualified_name(fn).value_or("");
    auto args = positional_args(expr);
    std::string method = fn.is("attribute") ? std::string(fn.field("attribute").text()) : "";
    if (q == "os.path.join" || method == "joinpath") {
        std::optional<PathValue> acc;
        if (method == "joinpath" && q != "os.path.join") acc = string_value(unit, fn.field("object"), env, depth + 1);
        for (const Node& a : args) {
            auto v = string_value(unit, a, env, depth + 1);
            if (!v) return std::nullopt;
            acc = acc ? join(*acc, *v) : *v;
        }
        return acc;
    }
    if (q == "os.path.dirname" && args.size() == 1) {
        auto v = string_value(unit, args[0], env, depth + 1);
        if (v) v->text = fs::path(v->text).parent_path().generic_string();
        return v;
    }
    if ((q == "os.path.abspath" || q == "os.path.realpath" || q == "os.path.normpath" || q == "str" ||
         q == "pathlib.Path" || q == "os.fspath" || (q.empty() && fn.is("identifier") && fn.text() == "str")) &&
        args.size() == 1)
        return string_value(unit, args[0], env, depth + 1);
    if (q == "os.getcwd" && args.empty()) return PathValue{"", false};  // cdk runs in the app's folder
    if (method == "resolve" || method == "absolute" || method == "as_posix")
        return string_value(unit, fn.field("object"), env, depth + 1);
    return std::nullopt;
}

}  // namespace wafix::model_detail
