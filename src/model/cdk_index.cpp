// The project's classes and call sites across the CDK files, and which project classes are
// Lambda functions or stacks (subclasses of subclasses, to a fixpoint; a cycle gets a note).
#include "cdk_index.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wafix/core/python_edit.hpp"

namespace wafix::model_detail {

namespace {

const std::set<std::string>& lambda_classes() {
    static const std::set<std::string> s = {
        "aws_cdk.aws_lambda.Function",
        "aws_cdk.aws_lambda.SingletonFunction",
        "aws_cdk.aws_lambda.DockerImageFunction",
        "aws_cdk.aws_lambda.CfnFunction",
        "aws_cdk.aws_lambda_python_alpha.PythonFunction",
        "aws_cdk.aws_lambda_python.PythonFunction",
        "aws_cdk.aws_lambda_nodejs.NodejsFunction",
        "aws_cdk.aws_lambda_go_alpha.GoFunction",
        "aws_cdk.aws_sam.CfnFunction",
    };
    return s;
}

bool is_stack_class(const std::string& q) {
    static const std::set<std::string> s = {"aws_cdk.Stack",
                                            "aws_cdk.core.Stack",
                                            "aws_cdk.NestedStack",
                                            "aws_cdk.core.NestedStack",
                                            "aws_cdk.aws_cloudformation.NestedStack",
                                            "aws_cdk.Stage",
                                            "aws_cdk.core.Stage"};
    return s.count(q) > 0;
}

bool is_construct_class(const std::string& q) { return q == "constructs.Construct" || q == "aws_cdk.core.Construct"; }

// The module a file defines, as the dotted names an import could spell it with (any suffix of
// its path: `stacks/lambda_stack.py` is `stacks.lambda_stack` or `lambda_stack`).
bool module_matches(const std::filesystem::path& file, const std::string& module) {
    if (module.empty()) return true;
    std::string m = module;
    while (!m.empty() && m[0] == '.') m.erase(0, 1);  // relative: any suffix
    if (m.empty()) return true;
    std::filesystem::path p = file;
    p.replace_extension();
    if (p.filename() == "__init__") p = p.parent_path();
    std::string dotted;
    for (const auto& part : p) {
        if (!dotted.empty()) dotted += '.';
        dotted += part.string();
    }
    return dotted == m || (dotted.size() > m.size() && dotted.compare(dotted.size() - m.size(), m.size(), m) == 0 &&
                           dotted[dotted.size() - m.size() - 1] == '.');
}

}  // namespace

std::string last_segment(const std::string& q) {
    size_t dot = q.rfind('.');
    return dot == std::string::npos ? q : q.substr(dot + 1);
}

std::vector<Node> positional_args(Node call) {
    std::vector<Node> out;
    for (const Node& a : call_arguments(call))
        if (!a.is("keyword_argument") && !a.is("list_splat") && !a.is("dictionary_splat")) out.push_back(a);
    return out;
}

Node call_arg(Node call, size_t position, std::string_view keyword) {
    if (!keyword.empty())
        if (Node k = keyword_argument(call, keyword)) return k.field("value");
    if (position == static_cast<size_t>(-1)) return {};
    auto pos = positional_args(call);
    return position < pos.size() ? pos[position] : Node();
}

std::string assigned_name(Node call) {
    Node p = call.parent();
    if (p.is("assignment") && p.field("right") == call) {
        Node left = p.field("left");
        if (left.is("identifier") || left.is("attribute")) return std::string(left.text());
    }
    return {};
}

Node chain_root(Node expr) {
    Node cur = expr;
    while (true) {
        if (cur.is("call")) cur = cur.field("function");
        else if (cur.is("attribute")) {
            Node obj = cur.field("object");
            if (obj.is("identifier") && obj.text() == "self") return cur;
            cur = obj;
        } else if (cur.is("subscript")) cur = cur.field("value");
        else return cur;
    }
}

std::optional<int> int_literal(Node expr) {
    if (!expr.is("integer")) return std::nullopt;
    try {
        std::string t(expr.text());
        std::erase(t, '_');
        long v = std::stol(t, nullptr, 0);
        if (v < 0 || v > 1'000'000'000) return std::nullopt;
        return static_cast<int>(v);
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<double> duration_seconds(Node expr) {
    if (auto i = int_literal(expr)) return *i;  // CfnFunction: seconds
    if (expr.is("float")) return std::stod(std::string(expr.text()));
    if (!expr.is("call")) return std::nullopt;
    Node fn = expr.field("function");
    if (!fn.is("attribute")) return std::nullopt;
    std::string unit(fn.field("attribute").text());
    auto args = positional_args(expr);
    if (args.size() != 1) return std::nullopt;
    std::optional<double> n;
    if (auto i = int_literal(args[0])) n = *i;
    else if (args[0].is("float")) n = std::stod(std::string(args[0].text()));
    if (!n) return std::nullopt;
    if (unit == "seconds") return *n;
    if (unit == "minutes") return *n * 60;
    if (unit == "millis") return *n / 1000;
    if (unit == "hours") return *n * 3600;
    return std::nullopt;
}

SourceRange CdkIndex::range_of(size_t unit, Node n) const {
    return {units[unit].path, n.start(), n.end(), n.start_point().row + 1};
}

namespace {

// `self.attr = value`: (attr, value).
void note_self_assign(Node n, std::vector<std::pair<std::string, Node>>& out) {
    Node left = n.field("left"), right = n.field("right");
    if (!left.is("attribute") || !right || !right.is_named()) return;
    Node obj = left.field("object"), attr = left.field("attribute");
    if (obj.is("identifier") && obj.text() == "self" && attr.is("identifier")) out.emplace_back(attr.text(), right);
}

// `@property def name(...): return value` (each return of the body's own statements): (name, value).
void note_property(Node n, std::vector<std::pair<std::string, Node>>& out) {
    Node def = n.field("definition");
    if (!def.is("function_definition")) return;
    Node name = def.field("name"), body = def.field("body");
    if (!name.is("identifier") || !body.is("block")) return;
    for (const Node& d : n.named_children()) {
        if (!d.is("decorator")) continue;
        for (const Node& id : d.named_children()) {
            if (!id.is("identifier") || id.text() != "property") continue;
            for (const Node& st : body.named_children())
                if (st.is("return_statement"))
                    for (const Node& v : st.named_children()) out.emplace_back(name.text(), v);
        }
    }
}

}  // namespace

void CdkIndex::collect_class(size_t unit, Node cls) {
    ClassInfo c;
    c.unit = unit;
    c.node = cls;
    c.name = std::string(cls.field("name").text());
    if (Node sc = cls.field("superclasses"))
        for (const Node& b : sc.named_children())
            if (b.is("identifier") || b.is("attribute")) c.bases.push_back(b);
    // `self.x = value` anywhere in the class's methods; a @property's returned value counts too.
    // One walk of the body (two query cursors per class cost several times more).
    std::vector<std::pair<std::string, Node>> assigns, props;
    std::vector<Node> pending;
    if (Node body = cls.field("body")) pending.push_back(body);
    while (!pending.empty()) {
        Node n = pending.back();
        pending.pop_back();
        if (n.is("assignment")) note_self_assign(n, assigns);
        else if (n.is("decorated_definition")) note_property(n, props);
        for (uint32_t i = n.named_child_count(); i-- > 0;) pending.push_back(n.named_child(i));
    }
    for (auto* found : {&assigns, &props})
        for (auto& [name, value] : *found) c.self_assigns[name].push_back(value);
    classes_by_name.emplace(c.name, classes.size());
    classes.push_back(std::move(c));
}

void CdkIndex::index() {
    // One walk per file (a query cursor per node kind costs several times more).
    for (size_t u = 0; u < units.size(); ++u) {
        PyUnit& pu = units[u];
        std::vector<Node> pending{pu.tree->root()};
        while (!pending.empty()) {
            Node n = pending.back();
            pending.pop_back();
            if (n.is("call")) {
                pu.calls.push_back(n);
                Node fn = n.field("function");
                std::string last;
                if (fn.is("identifier")) last = fn.text();
                else if (fn.is("attribute")) last = fn.field("attribute").text();
                if (!last.empty()) calls_by_name.emplace(last, std::make_pair(u, n));
            } else if (n.is("class_definition")) {
                collect_class(u, n);
            } else if (n.is("function_definition")) {
                defs_by_name.emplace(std::string(n.field("name").text()), std::make_pair(u, n));
            }
            uint32_t count = n.named_child_count();
            for (uint32_t i = count; i-- > 0;) pending.push_back(n.named_child(i));
        }
    }
    resolve_class_kinds();
}

const ClassInfo* CdkIndex::class_named(size_t unit, Node ref) const {
    std::string last;
    if (ref.is("identifier")) last = ref.text();
    else if (ref.is("attribute")) last = ref.field("attribute").text();
    else return nullptr;
    auto [b, e] = classes_by_name.equal_range(last);
    if (b == e) return nullptr;
    const SemanticModel& sem = *units[unit].sem;
    // A local class of this file, else an imported one whose module matches the class's file.
    if (ref.is("identifier")) {
        const Binding* bound = sem.resolve(ref);
        if (bound)
            for (const Definition& d : bound->defs)
                if (d.kind == DefKind::ClassDef)
                    for (auto it = b; it != e; ++it)
                        if (classes[it->second].unit == unit && classes[it->second].node == d.statement)
                            return &classes[it->second];
    }
    std::optional<std::string> q = sem.qualified_name(ref);
    std::string module;
    if (q && q->size() > last.size()) module = q->substr(0, q->size() - last.size() - 1);
    else if (ref.is("identifier")) {
        if (const Binding* bound = sem.resolve(ref))
            for (const Definition& d : bound->defs)
                if (d.kind == DefKind::FromImport) module = d.module;  // relative imports too
    }
    if (!q && module.empty() && ref.is("identifier")) return nullptr;  // a local that is not a class
    const ClassInfo* found = nullptr;
    for (auto it = b; it != e; ++it) {
        const ClassInfo& c = classes[it->second];
        if (!module_matches(units[c.unit].path, module)) continue;
        if (found) return found;  // ambiguous: the first in file order
        found = &c;
    }
    return found;
}

void CdkIndex::resolve_class_kinds() {
    // A base resolved to a CDK class decides directly; project bases propagate to a fixpoint.
    std::vector<std::vector<size_t>> project_bases(classes.size());
    for (size_t i = 0; i < classes.size(); ++i) {
        ClassInfo& c = classes[i];
        for (const Node& b : c.bases) {
            std::optional<std::string> q = units[c.unit].sem->qualified_name(b);
            if (q && lambda_classes().count(*q)) c.lambda_base = *q;
            else if (q && is_stack_class(*q)) c.stack = true;
            else if (q && is_construct_class(*q)) c.construct = true;
            else if (const ClassInfo* p = class_named(c.unit, b)) project_bases[i].push_back(p - classes.data());
        }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < classes.size(); ++i)
            for (size_t p : project_bases[i]) {
                ClassInfo& c = classes[i];
                const ClassInfo& base = classes[p];
                if (c.lambda_base.empty() && !base.lambda_base.empty())
                    c.lambda_base = base.lambda_base, changed = true;
                if (!c.stack && base.stack) c.stack = changed = true;
                if (!c.construct && base.construct) c.construct = changed = true;
            }
    }
    // Cycles among project bases: Python would refuse them at import; the model names them.
    std::vector<int> state(classes.size(), 0);  // 0 new, 1 on the stack, 2 done
    std::vector<size_t> path;
    auto visit = [&](auto& self, size_t i) -> void {
        state[i] = 1;
        path.push_back(i);
        for (size_t p : project_bases[i]) {
            if (state[p] == 1) {
                std::string names;
                for (auto it = std::find(path.begin(), path.end(), p); it != path.end(); ++it)
                    names += classes[*it].name + " -> ";
                names += classes[p].name;
                const ClassInfo& c = classes[p];
                if (notes)
                    notes->push_back({units[c.unit].path, c.node.start_point().row + 1,
                                      fmt::format("class {} is part of a cycle of base classes ({}); its "
                                                  "constructs are not taken as Lambda functions",
                                                  c.name, names)});
                for (auto it = std::find(path.begin(), path.end(), p); it != path.end(); ++it)
                    classes[*it].lambda_base.clear();
            } else if (state[p] == 0) {
                self(self, p);
            }
        }
        path.pop_back();
        state[i] = 2;
    };
    for (size_t i = 0; i < classes.size(); ++i)
        if (state[i] == 0) visit(visit, i);
}

std::string CdkIndex::callee(size_t unit, Node call) const {
    Node fn = call.field("function");
    const SemanticModel& sem = *units[unit].sem;
    std::optional<std::string> q = sem.qualified_name(fn);
    if (q && (q->rfind("aws_cdk", 0) == 0 || q->rfind("constructs", 0) == 0)) return *q;
    if (const ClassInfo* c = class_named(unit, fn)) return "<project>." + c->name;  // imported from the project
    if (q) return *q;
    if (fn.is("identifier") && !sem.resolve(fn)) {
        // `from aws_cdk.aws_lambda import *`: the one star-imported aws_cdk module.
        for (int s = sem.scope_of_use(fn); s >= 0; s = sem.scopes()[s].parent)
            for (const std::string& m : sem.scopes()[s].star_imports)
                if (m.rfind("aws_cdk", 0) == 0 && m != "aws_cdk") return m + "." + std::string(fn.text());
    }
    return {};
}

const ClassInfo* CdkIndex::project_class(size_t unit, Node call) const {
    return class_named(unit, call.field("function"));
}

std::string CdkIndex::lambda_class(size_t unit, Node call) const {
    std::string q = callee(unit, call);
    if (lambda_classes().count(q)) return q;
    if (q.rfind("<project>.", 0) == 0)
        if (const ClassInfo* c = project_class(unit, call)) return c->lambda_base;
    return {};
}

const ClassInfo* CdkIndex::enclosing_class(size_t unit, Node n) const {
    for (Node p = n.parent(); p; p = p.parent())
        if (p.is("class_definition")) {
            auto [b, e] = classes_by_name.equal_range(std::string(p.field("name").text()));
            for (auto it = b; it != e; ++it)
                if (classes[it->second].unit == unit && classes[it->second].node == p) return &classes[it->second];
        }
    return nullptr;
}

}  // namespace wafix::model_detail
