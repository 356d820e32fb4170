// Python name binding for one module: scopes, what binds each name, where each binding is used,
// and the fully qualified name an expression refers to through imports (e.g. `ET.parse` ->
// `xml.etree.ElementTree.parse`). Transforms use it instead of matching names textually.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "wafix/core/syntax.hpp"

namespace wafix {

enum class ScopeKind { Module, Class, Function, Comprehension };

enum class DefKind {
    Import,      // import a.b.c [as x]
    FromImport,  // from m import n [as x]
    Assignment,
    AugAssignment,
    Parameter,
    FunctionDef,
    ClassDef,
    ForTarget,
    WithTarget,
    ExceptTarget,
    Walrus,
    Other,
};

struct Definition {
    DefKind kind = DefKind::Other;
    Node name;           // the identifier that binds (for `import a.b` the identifier `a`)
    Node statement;      // the import statement, assignment, def, ...
    Node item;           // imports: the dotted_name / aliased_import inside the statement
    Node value;          // Assignment: the assigned expression when the target is the bare name
    std::string module;  // imports: the module path ("." prefixed when relative)
    std::string member;  // FromImport: the imported name
    bool aliased = false;
    bool in_type_checking = false;  // under `if TYPE_CHECKING:`

    bool is_import() const { return kind == DefKind::Import || kind == DefKind::FromImport; }
    // What the bound name refers to: "a.b.c" for `import a.b.c as x`, "a" for `import a.b.c`,
    // "m.n" for `from m import n`; empty for relative imports and non-imports.
    std::string qualified_target() const;
};

struct Binding {
    std::string name;
    int scope = 0;
    std::vector<Definition> defs;
    std::vector<Node> uses;  // identifiers that read this binding, in document order
};

struct Scope {
    ScopeKind kind = ScopeKind::Module;
    Node node;
    int parent = -1;
    std::unordered_map<std::string, int> bindings;  // name -> index in SemanticModel::bindings()
    std::vector<std::string> globals;
    std::vector<std::string> nonlocals;
    std::vector<std::string> star_imports;  // modules of `from m import *`
};

class SemanticModel {
public:
    explicit SemanticModel(const Tree& tree);

    const std::vector<Binding>& bindings() const { return bindings_; }
    const std::vector<Scope>& scopes() const { return scopes_; }
    const Scope& module_scope() const { return scopes_[0]; }

    // The binding an identifier reads (null for builtins and unknown names).
    const Binding* resolve(Node identifier) const;
    // The binding an identifier at a definition site creates.
    const Binding* binding_defined_at(Node identifier) const;
    // The scope an identifier use is evaluated in (-1 when unknown).
    int scope_of_use(Node identifier) const;
    const Binding* lookup(const std::string& name, int scope) const;
    // True when some scope of the module binds `name` (a new name must avoid it everywhere).
    bool binds_anywhere(std::string_view name) const;
    // True when an import statement anywhere names `module` or a module below it ("aws_cdk"
    // matches `from aws_cdk.aws_sqs import Queue`).
    bool imports_module(std::string_view module) const;

    // Fully qualified name of an identifier or attribute chain through imports, when every
    // import that binds its root agrees; nullopt for locals, builtins and ambiguous names.
    std::optional<std::string> qualified_name(Node expr) const;

    // Names listed in a module-level `__all__`.
    const std::vector<std::string>& dunder_all() const { return dunder_all_; }
    // Every import statement (any depth), in document order.
    const std::vector<Node>& import_statements() const { return imports_; }
    // Every identifier use, in document order.
    const std::vector<Node>& uses() const { return uses_; }

private:
    friend class SemanticBuilder;
    std::vector<Scope> scopes_;
    std::vector<Binding> bindings_;
    std::unordered_map<uint32_t, int> use_scope_;    // identifier start byte -> scope
    std::unordered_map<uint32_t, int> def_binding_;  // identifier start byte -> binding
    std::unordered_map<uint32_t, int> use_binding_;  // identifier start byte -> binding (or -1)
    std::vector<Node> uses_;
    std::vector<Node> imports_;
    std::vector<std::string> dunder_all_;
};

// Helpers on syntax that several transforms share.
// `a.b.c` for a dotted_name / identifier / attribute chain of identifiers, else "".
std::string dotted_text(Node n);
// True when `n` is the `function` of a call; returns the call.
Node call_of_function(Node n);
// Text of a plain (non-f, non-concatenated) string literal's content; nullopt otherwise.
std::optional<std::string> string_literal_value(Node n);

}  // namespace wafix
