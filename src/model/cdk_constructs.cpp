// The constructs the model is about, read from each CDK file: Lambda functions (with their
// properties as written), layers, Secrets Manager secrets, and the stacks that hold them.
#include <algorithm>

#include <fmt/format.h>

#include "cdk_extract.hpp"
#include "wafix/core/python_edit.hpp"

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

void read_environment(const CdkIndex& ix, size_t unit, Node value, LambdaFunction& f) {
    std::vector<Origin> origins = value.is("dictionary") ? std::vector<Origin>{{unit, value}} : ix.origins(unit, value);
    for (const Origin& o : origins) {
        if (!o.node.is("dictionary")) continue;
        for (const Node& pair : o.node.named_children()) {
            if (!pair.is("pair")) continue;
            auto key = string_literal_value(pair.field("key"));
            f.environment.push_back({key ? *key : std::string(pair.field("key").text()),
                                     std::string(pair.field("value").text()), ix.range_of(o.unit, pair)});
        }
        return;
    }
}

void read_properties(const CdkIndex& ix, size_t unit, Node call, LambdaFunction& f) {
    for (const Node& a : call_arguments(call)) {
        if (!a.is("keyword_argument")) continue;
        std::string name(a.field("name").text());
        Node v = a.field("value");
        f.properties.push_back({name, std::string(v.text()), ix.range_of(unit, a)});
        if (name == "runtime") f.runtime = std::string(v.text());
        else if (name == "timeout") f.timeout_seconds = duration_seconds(v);
        else if (name == "memory_size") f.memory_mb = int_literal(v);
        else if (name == "reserved_concurrent_executions") f.reserved_concurrency = int_literal(v);
        else if (name == "dead_letter_queue" || name == "dead_letter_topic" || name == "dead_letter_config" ||
                 (name == "dead_letter_queue_enabled" && v.text() == "True"))
            f.has_dead_letter_queue = true;
        else if (name == "tracing" || name == "tracing_config") f.tracing = std::string(v.text());
        else if (name == "environment") read_environment(ix, unit, v, f);
    }
}

std::string construct_id(Node call) {
    Node id = call_arg(call, 1, "id");
    if (!id) id = call_arg(call, static_cast<size_t>(-1), "construct_id");
    if (auto s = string_literal_value(id)) return *s;
    return id ? std::string(id.text()) : std::string();
}

std::string holder_name(const CdkIndex& ix, size_t unit, Node call) {
    if (const ClassInfo* c = ix.enclosing_class(unit, call)) return c->name;
    return ix.units[unit].path.stem().string();
}

void add_function(CdkIndex& ix, AppModel& m, size_t unit, Node call, const std::string& cls) {
    LambdaFunction f;
    f.origin = "cdk";
    f.name = construct_id(call);
    f.construct_class = cls;
    std::string q = ix.callee(unit, call);
    if (q.rfind("<project>.", 0) == 0) f.construct_class = q.substr(10) + " (" + cls + ")";
    f.variable = assigned_name(call);
    f.stack = holder_name(ix, unit, call);
    f.id = f.stack + "/" + f.name;
    f.construct = ix.range_of(unit, call);
    read_properties(ix, unit, call, f);
    if (f.runtime.empty() && cls.find("python") != std::string::npos) f.runtime = "python (PythonFunction)";
    if (cls.find("CfnFunction") != std::string::npos) {
        Node dlq = keyword_argument(call, "dead_letter_config");
        f.has_dead_letter_queue = static_cast<bool>(dlq);
    }
    resolve_function_code(ix, unit, call, cls, f, m);
    ix.function_by_call[{unit, call.start()}] = m.functions.size();
    m.functions.push_back(std::move(f));
}

void add_layer(CdkIndex& ix, AppModel& m, size_t unit, Node call, bool python_layer) {
    Layer l;
    l.id = holder_name(ix, unit, call) + "/" + construct_id(call);
    l.construct = ix.range_of(unit, call);
    Node path_expr;
    if (python_layer) {
        path_expr = call_arg(call, static_cast<size_t>(-1), "entry");
    } else if (Node code = call_arg(call, static_cast<size_t>(-1), "code")) {
        for (const Origin& o : ix.origins(unit, code))
            if (o.node.is("call")) {
                path_expr = call_arg(o.node, 0, "path");
                unit = o.unit;
                break;
            }
    }
    if (path_expr)
        if (auto v = ix.string_value(unit, path_expr)) {
            const PyUnit& u = ix.units[unit];
            std::vector<fs::path> bases;
            if (v->from_file || (!v->text.empty() && v->text[0] == '/')) bases.emplace_back("");
            if (!u.app_root.empty()) bases.push_back(u.app_root);
            bases.push_back(u.path.parent_path());
            for (const fs::path& b : bases) {
                fs::path p = (b.empty() ? fs::path(v->text) : b / v->text).lexically_normal();
                std::error_code ec;
                if (fs::is_directory(p, ec)) {
                    l.asset_dir = p;
                    break;
                }
            }
            if (l.asset_dir.empty())
                m.notes.push_back(
                    {u.path, l.construct.line, fmt::format("layer {}: asset path '{}' does not exist", l.id, v->text)});
        }
    std::error_code ec;
    if (!l.asset_dir.empty())
        l.python_dir = python_layer                                   ? l.asset_dir
                       : fs::is_directory(l.asset_dir / "python", ec) ? l.asset_dir / "python"
                                                                      : fs::path();
    ix.layer_by_call[{unit, call.start()}] = m.layers.size();
    m.layers.push_back(std::move(l));
}

void add_secret(CdkIndex& ix, AppModel& m, size_t unit, Node call, const std::string& q) {
    SecretConstruct s;
    s.how = last_segment(q);
    s.variable = assigned_name(call);
    s.site = ix.range_of(unit, call);
    Node name = s.how == "Secret" ? call_arg(call, static_cast<size_t>(-1), "secret_name") : call_arg(call, 2, "");
    if (auto v = string_literal_value(name)) s.name = *v;
    ix.secret_by_call[{unit, call.start()}] = m.secrets.size();
    m.secrets.push_back(std::move(s));
}

}  // namespace

void extract_cdk_constructs(CdkIndex& ix, AppModel& m) {
    for (size_t u = 0; u < ix.units.size(); ++u)
        for (const Node& call : ix.units[u].calls) {
            std::string cls = ix.lambda_class(u, call);
            if (!cls.empty()) {
                add_function(ix, m, u, call, cls);
                continue;
            }
            std::string q = ix.callee(u, call);
            if (q == "aws_cdk.aws_lambda.LayerVersion") add_layer(ix, m, u, call, false);
            else if (q == "aws_cdk.aws_lambda_python_alpha.PythonLayerVersion" ||
                     q == "aws_cdk.aws_lambda_python.PythonLayerVersion")
                add_layer(ix, m, u, call, true);
            else if (q.rfind("aws_cdk.aws_secretsmanager.Secret", 0) == 0 &&
                     (q == "aws_cdk.aws_secretsmanager.Secret" || q.find(".Secret.from_secret") != std::string::npos))
                add_secret(ix, m, u, call, q);
        }
    // Stacks and constructs that hold functions, with the ids they are instantiated with.
    for (const ClassInfo& c : ix.classes) {
        if (!c.stack && !c.construct) continue;
        Stack s;
        s.name = c.name;
        s.kind = c.stack ? "stack" : "construct";
        s.site = ix.range_of(c.unit, c.node);
        auto [b, e] = ix.calls_by_name.equal_range(c.name);
        for (auto it = b; it != e; ++it)
            if (ix.project_class(it->second.first, it->second.second) == &c)
                if (auto id = string_literal_value(call_arg(it->second.second, 1, "id"))) s.instances.push_back(*id);
        bool holds = c.stack || std::any_of(m.functions.begin(), m.functions.end(),
                                            [&](const LambdaFunction& f) { return f.stack == c.name; });
        if (holds) m.stacks.push_back(std::move(s));
    }
}

}  // namespace wafix::model_detail
