// WA502 sleep-in-lambda: time.sleep() in code a Lambda handler of the same module reaches. The
// function is billed for every second it sleeps and may hit its timeout; waiting belongs in Step
// Functions, an SDK waiter, or a bounded backoff. Report only: the remedy reshapes the workflow.
#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "report/report_transforms.hpp"
#include "rule_file.hpp"

namespace wafix {
namespace {

using report_rules::resolved_name;

constexpr int kMaxDepth = 12;  // call chain length followed from a handler
constexpr int kMaxBases = 6;   // base-class hops when looking a method up

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string strip_underscores(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '_') out += c;
    return out;
}

// The function_definition a def statement or its decorated wrapper stands for.
Node function_of(Node n) {
    if (n.is("decorated_definition")) n = n.field("definition");
    return n.is("function_definition") ? n : Node();
}

Node class_of(Node n) {
    if (n.is("decorated_definition")) n = n.field("definition");
    return n.is("class_definition") ? n : Node();
}

// The class a function is defined in directly (a method), or null.
Node enclosing_class(Node fn) {
    Node p = fn.parent();
    if (p.is("decorated_definition")) p = p.parent();
    if (!p.is("block")) return {};
    return p.parent().is("class_definition") ? p.parent() : Node();
}

bool has_decorator(Node fn, std::string_view name) {
    Node p = fn.parent();
    if (!p.is("decorated_definition")) return false;
    for (const Node& d : p.named_children())
        if (d.is("decorator") && d.named_child(0).text() == name) return true;
    return false;
}

// Parameter name nodes, in order (self included).
std::vector<Node> parameter_names(Node fn) {
    std::vector<Node> out;
    for (const Node& p : fn.field("parameters").named_children()) {
        if (p.is("identifier")) out.push_back(p);
        else if (p.is("default_parameter") || p.is("typed_default_parameter")) out.push_back(p.field("name"));
        else if (p.is("typed_parameter") && p.named_child(0).is("identifier")) out.push_back(p.named_child(0));
        else if (!p.is("comment")) out.emplace_back();  // *args, **kwargs, / and * markers
    }
    return out;
}

Node annotation_of(Node param_name) {
    Node p = param_name.parent();
    if (p.is("typed_parameter") || p.is("typed_default_parameter")) return p.field("type");
    return {};
}

// The handler heuristic: a module-level function named like a handler (lambda_handler, handler,
// main, *_handler, handle_*...) whose two parameters look like (event, context).
bool is_handler(Node fn) {
    Node holder = fn.parent().is("decorated_definition") ? fn.parent() : fn;
    if (!holder.parent().is("module")) return false;
    std::string name = lower(fn.field("name").text());
    bool named = name == "main" || name.find("handler") != std::string::npos || name.rfind("handle_", 0) == 0 ||
                 name.ends_with("_main") || name.rfind("main_", 0) == 0;
    if (!named) return false;
    std::vector<Node> params = parameter_names(fn);
    if (params.size() != 2 || !params[0] || !params[1]) return false;
    std::string event = lower(strip_underscores(params[0].text()));
    std::string context = lower(strip_underscores(params[1].text()));
    Node context_type = annotation_of(params[1]);
    bool context_ok = context == "context" || context == "ctx" || context == "lambdacontext" || context.empty() ||
                      (context_type && context_type.text().ends_with("LambdaContext"));
    return (event == "event" || event == "evt") && context_ok;
}

std::string function_label(Node fn) {
    std::string name(fn.field("name").text());
    if (Node cls = enclosing_class(fn)) return std::string(cls.field("name").text()) + "." + name;
    return name;
}

bool is_zero(Node n) {
    return (n.is("integer") || n.is("float")) && n.text().find_first_not_of("0._") == std::string_view::npos;
}

class SleepInLambda final : public Transform {
    using Transform::Transform;

    // Besides "sleep", a module-level handler as is_handler() accepts it: `def *handler*(event, ...`.
    bool refine(std::string_view text, const TriggerHits&) const override {
        static const RE2 handler_def(
            R"((?im)^(?:async[ \t]+)?def[ \t]+\w*(?:handle|main)\w*[ \t]*\(\s*_*(?:event|evt))");
        return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), handler_def);
    }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        Walker w{ctx.model(), {}, {}};
        std::vector<Node> handlers;
        for (const Node& stmt : ctx.root().named_children())
            if (Node fn = function_of(stmt); fn && is_handler(fn)) handlers.push_back(fn);
        if (handlers.empty()) return;

        struct Item {
            Node fn;
            std::vector<std::string> path;
        };
        std::set<uint32_t> visited, reported;
        for (const Node& handler : handlers) {
            // Breadth first, so each sleep is reported with a shortest path from a handler.
            std::deque<Item> queue{{handler, {function_label(handler)}}};
            while (!queue.empty()) {
                Item item = std::move(queue.front());
                queue.pop_front();
                if (!visited.insert(item.fn.start()).second) continue;
                Reach r = w.scan(item.fn);
                for (const Node& sleep : r.sleeps) {
                    if (!reported.insert(sleep.start()).second) continue;
                    out.push_back(ctx.finding(info(), sleep, message(sleep, item.path)));
                }
                if (static_cast<int>(item.path.size()) > kMaxDepth) continue;
                for (const Node& callee : r.callees) {
                    if (visited.count(callee.start())) continue;
                    std::vector<std::string> path = item.path;
                    path.push_back(function_label(callee));
                    queue.push_back({callee, std::move(path)});
                }
            }
        }
    }

    static std::string message(Node sleep, const std::vector<std::string>& path) {
        std::string what = fmt::format("`{}()`", sleep.field("function").text());
        std::string where;
        if (path.size() == 1) {
            where = fmt::format("in Lambda handler `{}`", path[0]);
        } else {
            std::string chain;
            for (const auto& p : path) chain += (chain.empty() ? "" : " -> ") + p;
            where = fmt::format("in `{}`, reached from Lambda handler `{}` ({})", path.back(), path[0], chain);
        }
        return fmt::format(
            "{} {}: the function is billed while it sleeps and may time out; wait in a Step Functions "
            "Wait state, or use an SDK waiter or retries with a bounded backoff",
            what, where);
    }

    struct Reach {
        std::vector<Node> sleeps;
        std::vector<Node> callees;  // function_definitions
    };

    // Resolves what a function's body calls, among the functions and classes of this module.
    struct Walker {
        const SemanticModel& model;
        Node current;  // the function being scanned
        Reach reach;

        Reach scan(Node fn) {
            current = fn;
            reach = {};
            walk(fn.field("body"));
            return std::move(reach);
        }

        void walk(Node n) {
            // A nested def or class body runs only when called: it is reached through its name.
            if (n.is("function_definition") || n.is("class_definition") || n.is("decorated_definition")) return;
            if (n.is("call")) on_call(n);
            else if (n.is("identifier")) on_name(n);
            else if (n.is("attribute")) on_attribute(n);
            for (const Node& c : n.named_children()) walk(c);
        }

        void add(Node fn) {
            if (fn && std::find(reach.callees.begin(), reach.callees.end(), fn) == reach.callees.end())
                reach.callees.push_back(fn);
        }

        void on_call(Node call) {
            Node fn = call.field("function");
            if (!fn.is("identifier") && !fn.is("attribute")) return;
            if (resolved_name(model, fn) == "time.sleep") {
                auto args = call_arguments(call);
                if (args.size() == 1 && is_zero(args[0])) return;  // sleep(0) yields the thread, it does not wait
                reach.sleeps.push_back(call);
                return;
            }
            // Calling a class of the module runs its constructor.
            if (Node cls = class_named_by(fn)) {
                for (const char* special : {"__new__", "__init__", "__post_init__"}) add(method(cls, special));
            }
        }

        // A function of the module used by name: called, or handed on as a callback (thread pools,
        // dispatch tables, map), which is as good as called.
        void on_name(Node id) {
            const Binding* b = model.resolve(id);
            if (!b) return;
            for (const Definition& d : b->defs)
                if (d.kind != DefKind::FunctionDef) return;
            for (const Definition& d : b->defs) add(function_of(d.statement));
        }

        void on_attribute(Node attr) {
            Node object = attr.field("object");
            std::string_view name = attr.field("attribute").text();
            bool from_super = false;
            Node cls = class_of_value(object, from_super);
            if (!cls) return;
            if (from_super) {
                for (const Node& base : bases(cls)) {
                    if (Node m = method(base, name)) {
                        add(m);
                        return;
                    }
                }
                return;
            }
            add(method(cls, name));
        }

        // A class statement of this module that `expr` names.
        Node class_named_by(Node expr) const {
            if (!expr.is("identifier")) return {};
            const Binding* b = model.resolve(expr);
            if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::ClassDef) return {};
            return class_of(b->defs[0].statement);
        }

        // The class of the object an expression evaluates to, when the module shows it.
        Node class_of_value(Node expr, bool& from_super) const {
            Node own = enclosing_class(current);
            if (expr.is("call")) {
                Node f = expr.field("function");
                if (f.is("identifier") && f.text() == "super" && !model.resolve(f) && own) {
                    from_super = true;
                    return own;
                }
                return class_named_by(f);
            }
            if (expr.is("attribute")) return attribute_class(expr, own);
            if (!expr.is("identifier")) return {};
            // self / cls in a method of a class of the module.
            if (own && !has_decorator(current, "staticmethod")) {
                std::vector<Node> params = parameter_names(current);
                if (!params.empty() && params[0] && params[0].text() == expr.text() && model.resolve(expr) &&
                    model.resolve(expr) == model.binding_defined_at(params[0]))
                    return own;
            }
            if (Node cls = class_named_by(expr)) return cls;  // C.method(...)
            const Binding* b = model.resolve(expr);
            if (!b || b->defs.empty()) return {};
            Node found;
            for (const Definition& d : b->defs) {
                Node cls;
                if (d.kind == DefKind::Assignment && d.value.is("call"))
                    cls = class_named_by(d.value.field("function"));
                else if (d.kind == DefKind::Parameter) cls = annotated_class(d.name);
                if (!cls || (found && cls != found)) return {};  // every binding must agree
                found = cls;
            }
            return found;
        }

        // A parameter annotated with a class of the module (`def __init__(self, client: Client)`).
        Node parameter_class(Node expr) const {
            if (!expr.is("identifier")) return {};
            const Binding* b = model.resolve(expr);
            if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::Parameter) return {};
            return annotated_class(b->defs[0].name);
        }

        // `x: C` or `x: C = ...` as a parameter.
        Node annotated_class(Node param_name) const {
            Node type = annotation_of(param_name);
            if (!type) return {};
            Node e = type.named_child(0);
            return class_named_by(e);
        }

        // `self.client.method()`: the class assigned to `self.client` in the class's methods.
        Node attribute_class(Node expr, Node own) const {
            Node object = expr.field("object");
            if (!own || !object.is("identifier")) return {};
            bool unused = false;
            if (class_of_value(object, unused) != own || unused) return {};
            std::string attr(expr.field("attribute").text());
            Node found;
            for (const Node& member : own.field("body").named_children()) {
                Node fn = function_of(member);
                if (!fn) continue;
                std::vector<Node> params = parameter_names(fn);
                if (params.empty() || !params[0]) continue;
                std::string target = std::string(params[0].text()) + "." + attr;
                if (!assigned_class(fn.field("body"), target, found)) return {};
            }
            return found;
        }

        // Looks for `<target> = C(...)` in a body; false when two assignments disagree or one
        // assigns something wafix cannot type.
        bool assigned_class(Node n, const std::string& target, Node& found) const {
            if (n.is("function_definition") || n.is("class_definition")) return true;
            if (n.is("assignment") && n.field("left").text() == target) {
                Node right = n.field("right");
                Node cls = right.is("call") ? class_named_by(right.field("function")) : parameter_class(right);
                if (!cls || (found && found != cls)) return false;
                found = cls;
            }
            for (const Node& c : n.named_children())
                if (!assigned_class(c, target, found)) return false;
            return true;
        }

        std::vector<Node> bases(Node cls) const {
            std::vector<Node> out;
            if (Node sc = cls.field("superclasses"))
                for (const Node& b : sc.named_children())
                    if (Node base = class_named_by(b)) out.push_back(base);
            return out;
        }

        // The method `name` of a class, looked up through base classes of the module.
        Node method(Node cls, std::string_view name, int depth = 0) const {
            if (depth > kMaxBases) return {};
            for (const Node& member : cls.field("body").named_children()) {
                Node fn = function_of(member);
                if (fn && fn.field("name").text() == name) return fn;
            }
            for (const Node& base : bases(cls))
                if (Node m = method(base, name, depth + 1)) return m;
            return {};
        }
    };
};

}  // namespace

WAFIX_RULE_FILE(sleep_in_lambda, SleepInLambda,
                {.pillars = {Pillar::Cost, Pillar::Perf},
                 .summary = "time.sleep() in code a Lambda handler reaches: the function is billed while it waits",
                 .fix = FixAvailability::None,
                 .triggers = {"sleep"}})

}  // namespace wafix
