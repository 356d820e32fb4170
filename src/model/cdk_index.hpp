// Internal to the model layer: the parsed CDK files of a run and what is resolved across them
// (project classes, call sites, where a value comes from). One instance lives while the model is
// built; nothing outside src/model/ sees it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix::model_detail {

struct PyUnit {
    std::filesystem::path path;      // model_path()
    std::filesystem::path app_root;  // the folder with cdk.json above it, else empty
    std::shared_ptr<Tree> tree;
    std::shared_ptr<SemanticModel> sem;
    std::vector<Node> calls;  // every call, document order
};

struct ClassInfo {
    size_t unit = 0;
    Node node;
    std::string name;
    std::vector<Node> bases;
    std::map<std::string, std::vector<Node>> self_assigns;  // `self.x = value` in its methods, and @property returns
    std::string lambda_base;                                // the CDK Lambda class it derives from ("" when none)
    bool stack = false;                                     // derives from Stack / NestedStack / Stage
    bool construct = false;                                 // derives from constructs.Construct
};

// Where a value comes from: an expression in a unit (a constructor call, usually).
struct Origin {
    size_t unit = 0;
    Node node;
};

// A parameter's binding at the call site that gave it a value (subclass and factory arguments).
struct ArgEnv {
    std::map<std::string, Origin> args;
};

class CdkIndex {
public:
    std::vector<PyUnit> units;
    std::vector<ClassInfo> classes;
    std::multimap<std::string, size_t> classes_by_name;
    std::multimap<std::string, std::pair<size_t, Node>> calls_by_name;  // callee's last name -> call
    std::multimap<std::string, std::pair<size_t, Node>> defs_by_name;   // function name -> definition
    std::map<std::pair<size_t, uint32_t>, size_t> function_by_call;     // (unit, call start) -> function
    std::map<std::pair<size_t, uint32_t>, size_t> layer_by_call;
    std::map<std::pair<size_t, uint32_t>, size_t> secret_by_call;
    std::vector<ModelNote>* notes = nullptr;

    void index();  // classes, call sites, subclass fixpoint (with cycle notes)

    // The qualified class or function a call constructs ("aws_cdk.aws_sqs.Queue"), through the
    // file's imports; a project class as "<project>.Name"; empty when unknown.
    std::string callee(size_t unit, Node call) const;
    // The CDK Lambda class a call constructs (directly or through a project subclass), or "".
    std::string lambda_class(size_t unit, Node call) const;
    const ClassInfo* project_class(size_t unit, Node call) const;
    // The project class a name or attribute refers to (a local class, or an import whose module
    // matches the class's file).
    const ClassInfo* class_named(size_t unit, Node ref) const;
    const ClassInfo* enclosing_class(size_t unit, Node n) const;

    // Where the value of `expr` may come from (constructor calls, literals), following locals,
    // `self.x` attributes, parameters to their call sites, loops over lists and factories.
    std::vector<Origin> origins(size_t unit, Node expr) const;
    // The model's functions `expr` may be.
    std::vector<size_t> functions_of(size_t unit, Node expr) const;
    // A construct reference for `expr` (the queue, the bucket), resolved when possible.
    ConstructRef construct_ref(size_t unit, Node expr) const;

    // A string value of `expr` with constants, os.path / pathlib joins and __file__ followed.
    struct PathValue {
        std::string text;
        bool from_file = false;  // rooted at the file's own directory (__file__)
    };
    std::optional<PathValue> string_value(size_t unit, Node expr, const ArgEnv* env = nullptr, int depth = 0) const;

    SourceRange range_of(size_t unit, Node n) const;

private:
    void origins_into(size_t unit, Node expr, int depth, std::set<std::pair<size_t, uint32_t>>& seen,
                      std::vector<Origin>& out) const;
    void parameter_origins(size_t unit, const Definition& d, int depth, std::set<std::pair<size_t, uint32_t>>& seen,
                           std::vector<Origin>& out) const;
    void attribute_origins(const ClassInfo& c, const std::string& attr, int depth,
                           std::set<std::pair<size_t, uint32_t>>& seen, std::vector<Origin>& out) const;
    void collect_class(size_t unit, Node cls);
    void resolve_class_kinds();
};

// Helpers shared by the model's CDK files.
std::string last_segment(const std::string& qualified);
Node call_arg(Node call, size_t position, std::string_view keyword);  // positional index or keyword
std::vector<Node> positional_args(Node call);
std::string assigned_name(Node call);  // "fn" / "self.fn" when the call is assigned, else ""
Node chain_root(Node expr);            // `api.root.add_resource("x")` -> `api`; stops at `self.x`
std::optional<double> duration_seconds(Node expr);
std::optional<int> int_literal(Node expr);

}  // namespace wafix::model_detail
