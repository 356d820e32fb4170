#include "wafix/core/semantic.hpp"

#include <algorithm>

namespace wafix {

std::string Definition::qualified_target() const {
    if (!module.empty() && module[0] == '.') return {};
    switch (kind) {
        case DefKind::Import:
            if (aliased) return module;
            return module.substr(0, module.find('.'));
        case DefKind::FromImport:
            return module + "." + member;
        default:
            return {};
    }
}

std::string dotted_text(Node n) {
    if (n.is("identifier")) return std::string(n.text());
    if (n.is("dotted_name")) {
        std::string out;
        for (const Node& c : n.named_children()) {
            if (!c.is("identifier")) return {};
            if (!out.empty()) out += '.';
            out += c.text();
        }
        return out;
    }
    if (n.is("attribute")) {
        std::string left = dotted_text(n.field("object"));
        if (left.empty()) return {};
        return left + "." + std::string(n.field("attribute").text());
    }
    return {};
}

Node call_of_function(Node n) {
    Node p = n.parent();
    if (p.is("call") && p.field("function") == n) return p;
    return {};
}

std::optional<std::string> string_literal_value(Node n) {
    if (!n.is("string")) return std::nullopt;
    std::string out;
    for (const Node& c : n.named_children()) {
        if (c.is("string_start")) {
            std::string_view s = c.text();
            for (char ch : s)
                if (ch == 'f' || ch == 'F' || ch == 'b' || ch == 'B') return std::nullopt;
        } else if (c.is("string_content")) {
            // Escapes would need decoding: callers get no value rather than a wrong one.
            for (const Node& inner : c.named_children())
                if (inner.is("escape_sequence") || inner.is("interpolation")) return std::nullopt;
            out += c.text();
        } else if (c.is("interpolation") || c.is("escape_sequence")) {
            return std::nullopt;
        }
    }
    return out;
}

class SemanticBuilder {
public:
    explicit SemanticBuilder(SemanticModel& m) : m_(m) {}

    void build(Node root) {
        m_.scopes_.push_back(Scope{ScopeKind::Module, root, -1, {}, {}, {}, {}});
        visit_block(root, 0);
        for (const Node& use : m_.uses_) {
            int scope = m_.use_scope_.at(use.start());
            const Binding* b = m_.lookup(std::string(use.text()), scope);
            int idx = b ? static_cast<int>(b - m_.bindings_.data()) : -1;
            m_.use_binding_[use.start()] = idx;
            if (idx >= 0) m_.bindings_[idx].uses.push_back(use);
        }
    }

private:
    SemanticModel& m_;
    bool in_type_checking_ = false;

    int new_scope(ScopeKind kind, Node node, int parent) {
        m_.scopes_.push_back(Scope{kind, node, parent, {}, {}, {}, {}});
        return static_cast<int>(m_.scopes_.size() - 1);
    }

    int binding_scope(const std::string& name, int scope) {
        // `global x` sends the binding to the module, `nonlocal x` to the enclosing function.
        const Scope& s = m_.scopes_[scope];
        if (std::find(s.globals.begin(), s.globals.end(), name) != s.globals.end()) return 0;
        if (std::find(s.nonlocals.begin(), s.nonlocals.end(), name) != s.nonlocals.end()) {
            for (int p = s.parent; p >= 0; p = m_.scopes_[p].parent)
                if (m_.scopes_[p].kind == ScopeKind::Function && m_.scopes_[p].bindings.count(name)) return p;
        }
        return scope;
    }

    void bind(Node name_node, int scope, Definition def) {
        std::string name(name_node.text());
        scope = binding_scope(name, scope);
        Scope& s = m_.scopes_[scope];
        auto it = s.bindings.find(name);
        int idx;
        if (it == s.bindings.end()) {
            idx = static_cast<int>(m_.bindings_.size());
            m_.bindings_.push_back(Binding{name, scope, {}, {}});
            s.bindings.emplace(name, idx);
        } else {
            idx = it->second;
        }
        def.name = name_node;
        def.in_type_checking = in_type_checking_;
        m_.bindings_[idx].defs.push_back(std::move(def));
        m_.def_binding_[name_node.start()] = idx;
    }

    void use(Node id, int scope) {
        m_.uses_.push_back(id);
        m_.use_scope_[id.start()] = scope;
    }

    void visit_block(Node n, int scope) {
        for (const Node& c : n.named_children()) visit(c, scope);
    }

    void bind_targets(Node target, int scope, DefKind kind, Node stmt, Node value) {
        if (target.is("identifier")) {
            Definition d;
            d.kind = kind;
            d.statement = stmt;
            d.value = value;
            bind(target, scope, std::move(d));
            return;
        }
        if (target.is("pattern_list") || target.is("tuple_pattern") || target.is("list_pattern") ||
            target.is("tuple") || target.is("list") || target.is("parenthesized_expression") ||
            target.is("list_splat_pattern") || target.is("list_splat") || target.is("as_pattern_target") ||
            target.is("expression_list")) {
            for (const Node& c : target.named_children()) bind_targets(c, scope, kind, stmt, Node());
            return;
        }
        visit(target, scope);  // attribute / subscript targets read their object
    }

    void visit_import(Node stmt, int scope) {
        m_.imports_.push_back(stmt);
        for (const Node& item : stmt.children_by_field("name"))
            bind_import_item(stmt, item, scope, DefKind::Import, {});
    }

    // `import a.b as c` and `from m import a as c` bind c, `import a.b` binds a, `from m import a`
    // a. The dotted name is the definition's module (import) or member (from-import).
    void bind_import_item(Node stmt, Node item, int scope, DefKind kind, const std::string& module) {
        Definition d;
        d.kind = kind;
        d.statement = stmt;
        d.item = item;
        d.module = module;
        std::string& dotted = kind == DefKind::Import ? d.module : d.member;
        if (item.is("aliased_import")) {
            dotted = dotted_text(item.field("name"));
            d.aliased = true;
            bind(item.field("alias"), scope, std::move(d));
        } else {
            dotted = dotted_text(item);  // the grammar's only other item: a dotted_name
            bind(item.is("dotted_name") ? item.named_child(0) : item, scope, std::move(d));
        }
    }

    void visit_import_from(Node stmt, int scope) {
        m_.imports_.push_back(stmt);
        Node mod = stmt.field("module_name");
        std::string module;
        if (mod.is("relative_import")) {
            module = std::string(mod.text());
            // keep "." prefix; strip spaces
            module.erase(std::remove(module.begin(), module.end(), ' '), module.end());
            if (module.empty() || module[0] != '.') module = "." + module;
        } else {
            module = dotted_text(mod);
        }
        for (const Node& c : stmt.named_children()) {
            if (c.is("wildcard_import")) m_.scopes_[scope].star_imports.push_back(module);
        }
        for (const Node& item : stmt.children_by_field("name"))
            bind_import_item(stmt, item, scope, DefKind::FromImport, module);
    }

    void visit_parameters(Node params, int outer, int inner) {
        for (const Node& p : params.named_children()) {
            Node name;
            if (p.is("identifier") || p.is("list_splat_pattern") || p.is("dictionary_splat_pattern")) name = p;
            else if (p.is("default_parameter") || p.is("typed_default_parameter")) name = p.field("name");
            else if (p.is("typed_parameter")) {
                for (const Node& c : p.named_children())
                    if (c.is("identifier") || c.is("list_splat_pattern") || c.is("dictionary_splat_pattern")) {
                        name = c;
                        break;
                    }
            }
            if (name.is("list_splat_pattern") || name.is("dictionary_splat_pattern")) name = name.named_child(0);
            if (Node v = p.field("value")) visit(v, outer);
            if (Node t = p.field("type")) visit(t, outer);
            if (name.is("identifier")) {
                Definition d;
                d.kind = DefKind::Parameter;
                d.statement = p;
                bind(name, inner, std::move(d));
            }
        }
    }

    void visit_comprehension(Node n, int scope) {
        int inner = new_scope(ScopeKind::Comprehension, n, scope);
        bool first = true;
        for (const Node& c : n.named_children()) {
            if (c.is("for_in_clause")) {
                // The first iterable is evaluated in the enclosing scope.
                visit(c.field("right"), first ? scope : inner);
                first = false;
                bind_targets(c.field("left"), inner, DefKind::ForTarget, c, Node());
            }
        }
        for (const Node& c : n.named_children())
            if (!c.is("for_in_clause")) visit(c, inner);
    }

    void visit(Node n, int scope) {
        std::string_view t = n.type();
        if (t == "identifier") {
            use(n, scope);
        } else if (t == "import_statement") {
            visit_import(n, scope);
        } else if (t == "import_from_statement") {
            visit_import_from(n, scope);
        } else if (t == "future_import_statement" || t == "comment" || t == "string_start" || t == "string_content" ||
                   t == "string_end" || t == "escape_sequence") {
        } else if (t == "function_definition") {
            Definition d;
            d.kind = DefKind::FunctionDef;
            d.statement = n;
            bind(n.field("name"), scope, std::move(d));
            int inner = new_scope(ScopeKind::Function, n, scope);
            if (Node params = n.field("parameters")) visit_parameters(params, scope, inner);
            if (Node rt = n.field("return_type")) visit(rt, scope);
            visit_block(n.field("body"), inner);
        } else if (t == "lambda") {
            int inner = new_scope(ScopeKind::Function, n, scope);
            if (Node params = n.field("parameters")) visit_parameters(params, scope, inner);
            visit(n.field("body"), inner);
        } else if (t == "class_definition") {
            Definition d;
            d.kind = DefKind::ClassDef;
            d.statement = n;
            bind(n.field("name"), scope, std::move(d));
            if (Node sc = n.field("superclasses")) visit(sc, scope);
            int inner = new_scope(ScopeKind::Class, n, scope);
            visit_block(n.field("body"), inner);
        } else if (t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
                   t == "generator_expression") {
            visit_comprehension(n, scope);
        } else if (t == "assignment") {
            Node left = n.field("left"), right = n.field("right");
            if (Node ty = n.field("type")) visit(ty, scope);
            if (right) visit(right, scope);
            Node value = right;
            while (value.is("assignment")) value = value.field("right");
            if (left) bind_targets(left, scope, DefKind::Assignment, n, left.is("identifier") ? value : Node());
            if (scope == 0 && left.is("identifier") && left.text() == "__all__") collect_all(right);
        } else if (t == "augmented_assignment") {
            Node left = n.field("left");
            visit(n.field("right"), scope);
            if (left.is("identifier")) {
                use(left, scope);
                Definition d;
                d.kind = DefKind::AugAssignment;
                d.statement = n;
                bind(left, scope, std::move(d));
                if (scope == 0 && left.text() == "__all__") collect_all(n.field("right"));
            } else {
                visit(left, scope);
            }
        } else if (t == "for_statement") {
            visit(n.field("right"), scope);
            bind_targets(n.field("left"), scope, DefKind::ForTarget, n, Node());
            visit_block(n.field("body"), scope);
            if (Node alt = n.field("alternative")) visit(alt, scope);
        } else if (t == "as_pattern") {
            Node alias = n.field("alias");
            for (const Node& c : n.named_children())
                if (c != alias) visit(c, scope);
            Node p = n.parent();
            DefKind kind =
                p.is("except_clause") || p.is("except_group_clause") ? DefKind::ExceptTarget : DefKind::WithTarget;
            Node stmt = p;
            while (stmt && !stmt.is("with_statement") && !stmt.is("except_clause") && !stmt.is("except_group_clause"))
                stmt = stmt.parent();
            if (alias) bind_targets(alias, scope, kind, stmt ? stmt : n, Node());
        } else if (t == "named_expression") {
            visit(n.field("value"), scope);
            int target = scope;
            while (m_.scopes_[target].kind == ScopeKind::Comprehension) target = m_.scopes_[target].parent;
            Definition d;
            d.kind = DefKind::Walrus;
            d.statement = n;
            bind(n.field("name"), target, std::move(d));
        } else if (t == "global_statement" || t == "nonlocal_statement") {
            auto& list = t == "global_statement" ? m_.scopes_[scope].globals : m_.scopes_[scope].nonlocals;
            for (const Node& c : n.named_children())
                if (c.is("identifier")) list.emplace_back(c.text());
        } else if (t == "attribute") {
            visit(n.field("object"), scope);
        } else if (t == "keyword_argument") {
            visit(n.field("value"), scope);
        } else if (t == "if_statement" && is_type_checking(n.field("condition"))) {
            bool saved = in_type_checking_;
            in_type_checking_ = true;
            visit(n.field("consequence"), scope);
            in_type_checking_ = saved;
            for (const Node& alt : n.children_by_field("alternative")) visit(alt, scope);
        } else {
            for (const Node& c : n.named_children()) visit(c, scope);
        }
    }

    static bool is_type_checking(Node cond) {
        std::string_view t = cond.text();
        return t == "TYPE_CHECKING" || t == "typing.TYPE_CHECKING" || t == "t.TYPE_CHECKING";
    }

    void collect_all(Node value) {
        if (!value) return;
        for (const Node& c : value.named_children())
            if (auto s = string_literal_value(c)) m_.dunder_all_.push_back(*s);
    }
};

SemanticModel::SemanticModel(const Tree& tree) { SemanticBuilder(*this).build(tree.root()); }

bool SemanticModel::binds_anywhere(std::string_view name) const {
    return std::any_of(bindings_.begin(), bindings_.end(), [&](const Binding& b) { return b.name == name; });
}

bool SemanticModel::imports_module(std::string_view module) const {
    for (const Binding& b : bindings_)
        for (const Definition& d : b.defs)
            if (d.is_import() && d.module.starts_with(module) &&
                (d.module.size() == module.size() || d.module[module.size()] == '.'))
                return true;
    return false;
}

const Binding* SemanticModel::lookup(const std::string& name, int scope) const {
    if (scope < 0) return nullptr;
    bool first = true;
    for (int s = scope; s >= 0; s = scopes_[s].parent) {
        const Scope& sc = scopes_[s];
        // A class body's names are visible to the body itself, not to functions nested in it.
        if (sc.kind == ScopeKind::Class && !first) continue;
        first = false;
        if (std::find(sc.globals.begin(), sc.globals.end(), name) != sc.globals.end()) {
            auto it = scopes_[0].bindings.find(name);
            return it == scopes_[0].bindings.end() ? nullptr : &bindings_[it->second];
        }
        auto it = sc.bindings.find(name);
        if (it != sc.bindings.end()) return &bindings_[it->second];
    }
    return nullptr;
}

int SemanticModel::scope_of_use(Node identifier) const {
    auto it = use_scope_.find(identifier.start());
    return it == use_scope_.end() ? -1 : it->second;
}

const Binding* SemanticModel::resolve(Node identifier) const {
    auto it = use_binding_.find(identifier.start());
    if (it == use_binding_.end() || it->second < 0) return nullptr;
    return &bindings_[it->second];
}

const Binding* SemanticModel::binding_defined_at(Node identifier) const {
    auto it = def_binding_.find(identifier.start());
    return it == def_binding_.end() ? nullptr : &bindings_[it->second];
}

std::optional<std::string> SemanticModel::qualified_name(Node expr) const {
    if (expr.is("identifier")) {
        const Binding* b = resolve(expr);
        if (!b || b->defs.empty()) return std::nullopt;
        std::string target;
        for (const Definition& d : b->defs) {
            std::string q = d.is_import() ? d.qualified_target() : std::string();
            if (q.empty()) return std::nullopt;
            if (!target.empty() && q != target) return std::nullopt;
            target = q;
        }
        return target;
    }
    if (expr.is("attribute")) {
        Node attr = expr.field("attribute");
        auto left = qualified_name(expr.field("object"));
        if (!left || !attr) return std::nullopt;
        return *left + "." + std::string(attr.text());
    }
    return std::nullopt;
}

}  // namespace wafix
