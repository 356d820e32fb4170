// Helpers the report-only rules share: name resolution with star imports, following a name to
// the value it was assigned, and reading string literals with interpolations masked.
#include "report/report_transforms.hpp"

namespace wafix::report_rules {

namespace {

Node chain_root(Node expr) {
    while (expr.is("attribute")) expr = expr.field("object");
    return expr;
}

Node unparenthesize(Node n) {
    while (n.is("parenthesized_expression") && n.named_child_count() == 1) n = n.named_child(0);
    return n;
}

}  // namespace

std::optional<std::string> resolved_name(const SemanticModel& model, Node expr) {
    if (auto q = model.qualified_name(expr)) return q;
    Node root = chain_root(expr);
    if (!root.is("identifier") || model.resolve(root)) return std::nullopt;
    // Only a name nothing binds can come from a star import (and Python allows those only at
    // module level).
    if (model.scope_of_use(root) < 0) return std::nullopt;
    const auto& stars = model.module_scope().star_imports;
    if (stars.empty() || stars.back().empty() || stars.back()[0] == '.') return std::nullopt;
    std::string chain = dotted_text(expr);
    if (chain.empty()) return std::nullopt;
    return stars.back() + "." + chain;
}

Node follow_value(const SemanticModel& model, Node expr) {
    expr = unparenthesize(expr);
    for (int hop = 0; hop < 4 && expr.is("identifier"); ++hop) {
        const Binding* b = model.resolve(expr);
        if (!b || b->defs.size() != 1) break;
        const Definition& d = b->defs[0];
        if (d.kind != DefKind::Assignment || !d.value) break;
        // A value assigned after the use (e.g. in a later function) still counts: Python reads it
        // at run time, and a single binding leaves no other candidate.
        expr = unparenthesize(d.value);
    }
    return expr;
}

std::optional<std::string> string_pattern(Node n) {
    n = unparenthesize(n);
    if (n.is("concatenated_string")) {
        std::string out;
        for (const Node& part : n.named_children()) {
            auto p = string_pattern(part);
            if (!p) return std::nullopt;
            out += *p;
        }
        return out;
    }
    if (!n.is("string")) return std::nullopt;
    std::string out;
    for (const Node& c : n.named_children()) {
        if (c.is("string_start")) {
            if (c.text().find_first_of("bB") != std::string_view::npos) return std::nullopt;
        } else if (c.is("string_content") || c.is("escape_sequence")) {
            out += c.text();
        } else if (c.is("interpolation")) {
            out += kPlaceholder;
        }
    }
    return out;
}

Node keyword_value(Node call, std::string_view name) {
    Node kw = keyword_argument(call, name);
    return kw ? kw.field("value") : Node();
}

std::optional<std::string> callee_name(const SemanticModel& model, Node call) {
    Node fn = call.field("function");
    if (!fn.is("identifier") && !fn.is("attribute")) return std::nullopt;
    return resolved_name(model, fn);
}

std::vector<ResolvedCall> calls_into(const SemanticModel& model, Node root, std::string_view prefix) {
    static const Query calls("(call function: [(identifier) (attribute)] @fn) @call");
    std::vector<ResolvedCall> out;
    for (const Match& m : calls.matches(root)) {
        auto name = resolved_name(model, m.get("fn"));
        if (name && name->rfind(prefix, 0) == 0) out.push_back({m.get("call"), std::move(*name)});
    }
    return out;
}

}  // namespace wafix::report_rules
