// A CDK function's code: `Code.from_asset(dir)` + `handler="mod.func"`, PythonFunction's
// `entry`/`index`/`handler`, DockerImageCode assets (CMD from the call or the Dockerfile),
// inline and bucket code; paths relative to the folder with cdk.json, else to the stack file.
// A project subclass that passes its code on through `super().__init__(...)` is followed.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cdk_extract.hpp"
#include "wafix/core/python_edit.hpp"

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}
bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

std::vector<std::string> extensions_for(const std::string& runtime) {
    std::string r;
    for (char c : runtime) r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (r.find("python") != std::string::npos) return {".py"};
    if (r.find("node") != std::string::npos) return {".js", ".mjs", ".cjs", ".ts"};
    if (r.find("ruby") != std::string::npos) return {".rb"};
    if (r.find("java") != std::string::npos || r.find("dotnet") != std::string::npos ||
        r.find("go_") != std::string::npos || r.find("provided") != std::string::npos ||
        r.find("go1") != std::string::npos)
        return {};
    return {".py", ".js", ".mjs", ".ts"};
}

// The first folder `rel` names, from the app root, the stack file's folder or its parents.
std::vector<fs::path> candidate_bases(const PyUnit& u) {
    std::vector<fs::path> out;
    if (!u.app_root.empty()) out.push_back(u.app_root);
    fs::path dir = u.path.parent_path();
    for (int i = 0; i < 4 && !dir.empty(); ++i, dir = dir.parent_path()) {
        if (std::find(out.begin(), out.end(), dir) == out.end()) out.push_back(dir);
        if (dir == u.app_root || dir == dir.root_path()) break;
    }
    return out;
}

// CMD ["app.handler"] of a Dockerfile.
std::string dockerfile_cmd(const fs::path& dir) {
    std::ifstream in(dir / "Dockerfile");
    std::string line, cmd;
    while (std::getline(in, line)) {
        size_t at = line.find_first_not_of(" \t");
        if (at == std::string::npos || line.compare(at, 3, "CMD") != 0) continue;
        size_t q1 = line.find('"', at), q2 = q1 == std::string::npos ? q1 : line.find('"', q1 + 1);
        if (q2 != std::string::npos) cmd = line.substr(q1 + 1, q2 - q1 - 1);
    }
    return cmd;
}

// The call holding the code keywords: the construct itself, or a project subclass's
// `super().__init__(...)` with the subclass's parameters bound to this call's arguments.
Node code_call(const CdkIndex& ix, size_t unit, Node call, size_t& code_unit, ArgEnv& env) {
    code_unit = unit;
    const ClassInfo* c = ix.project_class(unit, call);
    for (const char* k : {"code", "entry", "code_uri"})
        if (keyword_argument(call, k)) return call;
    if (!c) return call;
    for (int hops = 0; c && hops < 8; ++hops) {
        static const Query init(
            "(function_definition name: (identifier) @n parameters: (parameters) @p body: (_) "
            "@b (#eq? @n \"__init__\"))");
        static const Query sup(
            "(call function: (attribute object: (call function: (identifier) @s) attribute: "
            "(identifier) @i) (#eq? @s \"super\") (#eq? @i \"__init__\")) @c");
        for (const Match& m : init.matches(c->node.field("body"))) {
            auto supers = sup.matches(m.get("b"));
            if (supers.empty()) continue;
            // Bind __init__'s parameters to the construct call's arguments (self excluded).
            size_t pos = 0;
            bool first = true;
            auto positional = positional_args(call);
            for (const Node& p : m.get("p").named_children()) {
                if (p.is("keyword_separator") || p.is("list_splat_pattern") || p.is("dictionary_splat_pattern") ||
                    p.is("positional_separator") || p.is("comment"))
                    continue;
                Node name = p.is("identifier") ? p : p.field("name");
                if (!name) name = p.named_child(0);
                if (!name || !name.is("identifier")) continue;
                if (first) {
                    first = false;
                    continue;
                }
                std::string n(name.text());
                if (Node kw = keyword_argument(call, n)) env.args[n] = {unit, kw.field("value")};
                else if (pos < positional.size()) env.args[n] = {unit, positional[pos]};
                else if (Node dflt = p.field("value")) env.args[n] = {c->unit, dflt};
                ++pos;
            }
            code_unit = c->unit;
            return supers[0].get("c");
        }
        const ClassInfo* next = nullptr;
        for (const Node& b : c->bases)
            if (const ClassInfo* base = ix.class_named(c->unit, b)) next = base;
        c = next;
    }
    return call;
}

// A keyword's value in a call, also through `**kwargs` of a dict literal (`**lambda_defaults`).
Node keyword_value(const CdkIndex& ix, size_t unit, Node call, std::string_view keyword, size_t& value_unit) {
    value_unit = unit;
    if (Node k = keyword_argument(call, keyword)) return k.field("value");
    for (const Node& a : call_arguments(call)) {
        if (!a.is("dictionary_splat")) continue;
        for (const Origin& o : ix.origins(unit, a.named_child(0))) {
            if (!o.node.is("dictionary")) continue;
            for (const Node& pair : o.node.named_children())
                if (pair.is("pair") && string_literal_value(pair.field("key")).value_or("") == keyword) {
                    value_unit = o.unit;
                    return pair.field("value");
                }
        }
    }
    return {};
}

}  // namespace

fs::path handler_module(const fs::path& dir, const std::string& handler, const std::string& runtime,
                        std::string* function_name) {
    size_t dot = handler.rfind('.');
    std::string module = dot == std::string::npos ? handler : handler.substr(0, dot);
    if (function_name) *function_name = dot == std::string::npos ? "" : handler.substr(dot + 1);
    std::string rel = module;
    // "src/app.handler" (a path) and "pkg.mod.handler" (dotted) are both in use.
    if (rel.find('/') == std::string::npos) std::replace(rel.begin(), rel.end(), '.', '/');
    for (const std::string& ext : extensions_for(runtime)) {
        if (is_file(dir / (rel + ext))) return (dir / (rel + ext)).lexically_normal();
        if (ext == ".py" && is_file(dir / rel / "__init__.py")) return (dir / rel / "__init__.py").lexically_normal();
    }
    return {};
}

void resolve_function_code(const CdkIndex& ix, size_t unit, Node construct, const std::string& cls, LambdaFunction& f,
                           AppModel& m) {
    size_t cu = unit;
    ArgEnv env;
    Node call = code_call(ix, unit, construct, cu, env);
    const ArgEnv* envp = env.args.empty() ? nullptr : &env;
    const PyUnit& u = ix.units[unit];
    FunctionCode& code = f.code;
    auto str = [&](const char* kw) -> std::optional<std::string> {
        size_t vu = cu;
        Node v = keyword_value(ix, cu, call, kw, vu);
        if (!v) return std::nullopt;
        auto s = ix.string_value(vu, v, vu == cu ? envp : nullptr);
        return s ? std::optional<std::string>(s->text) : std::nullopt;
    };
    Node path_expr;
    std::string handler = str("handler").value_or("");
    std::string index;
    bool python_fn = cls.find("aws_lambda_python") != std::string::npos;
    if (python_fn || cls.find("aws_lambda_nodejs") != std::string::npos ||
        cls.find("aws_lambda_go") != std::string::npos) {
        path_expr = call_arg(call, static_cast<size_t>(-1), "entry");
        code.kind = FunctionCode::Kind::Asset;
        if (python_fn) {
            index = str("index").value_or("index.py");
            if (handler.empty()) handler = "handler";
        }
    } else if (cls == "aws_cdk.aws_sam.CfnFunction") {
        path_expr = call_arg(call, static_cast<size_t>(-1), "code_uri");
        code.kind = FunctionCode::Kind::Asset;
    } else {
        Node code_expr = call_arg(call, static_cast<size_t>(-1), "code");
        std::vector<Origin> origins = code_expr ? ix.origins(cu, code_expr) : std::vector<Origin>{};
        for (const Origin& o : origins) {
            if (!o.node.is("call")) continue;
            Node fn = o.node.field("function");
            std::string method = fn.is("attribute") ? std::string(fn.field("attribute").text()) : "";
            if (method == "from_asset" || method == "asset" || method == "from_image_asset" ||
                method == "from_docker_build" || method == "from_asset_image") {
                code.kind =
                    method == "from_image_asset" || method == "from_docker_build" || method == "from_asset_image"
                        ? FunctionCode::Kind::Image
                        : FunctionCode::Kind::Asset;
                path_expr = call_arg(o.node, 0, "path");
                if (Node cmd = keyword_argument(o.node, "cmd"))
                    if (Node v = cmd.field("value"); v.is("list") && v.named_child_count() > 0)
                        if (auto s = string_literal_value(v.named_child(0))) handler = *s;
                if (o.unit != cu) envp = nullptr;  // built in another file: the subclass's arguments do not apply
                cu = o.unit;
            } else if (method == "from_inline" || method == "inline" || keyword_argument(o.node, "zip_file")) {
                code.kind = FunctionCode::Kind::Inline;
            } else if (method.rfind("from_bucket", 0) == 0 || method == "bucket" ||
                       keyword_argument(o.node, "s3_bucket")) {
                code.kind = FunctionCode::Kind::Bucket;
            } else if (method == "from_ecr_image" || method == "from_image_uri" ||
                       keyword_argument(o.node, "image_uri")) {
                code.kind = FunctionCode::Kind::Image;
            } else if (method == "from_custom_command") {
                code.kind = FunctionCode::Kind::Asset;
                path_expr = call_arg(o.node, 0, "output");
                cu = o.unit;
            }
            break;
        }
    }
    code.handler = handler;
    if (!path_expr) return;
    code.path_as_written = std::string(path_expr.text());
    auto value = ix.string_value(cu, path_expr, envp);
    if (!value) return;  // computed: not resolved (docs/app-model.md, limits)
    code.literal = true;
    code.path_as_written = value->text;
    std::vector<fs::path> tried;
    fs::path found;
    if (value->from_file || (!value->text.empty() && value->text[0] == '/')) {
        tried.push_back(fs::path(value->text).lexically_normal());
    } else {
        for (const fs::path& base : candidate_bases(ix.units[cu]))
            tried.push_back((base / value->text).lexically_normal());
    }
    for (const fs::path& p : tried)
        if (is_dir(p) || is_file(p)) {
            found = p;
            break;
        }
    if (found.empty()) {
        std::string where;
        for (const fs::path& p : tried) where += (where.empty() ? "" : ", ") + shown_path(p);
        m.notes.push_back(
            {u.path, f.construct.line,
             fmt::format("{}: asset path '{}' does not exist (looked for {})", f.name, value->text, where)});
        return;
    }
    if (is_file(found) && cls.find("aws_lambda_nodejs") != std::string::npos) {  // entry is the handler file
        code.asset_dir = found.parent_path();
        code.handler_file = found;
        code.handler_function = handler.empty() ? "handler" : handler;
        return;
    }
    code.asset_dir = found;
    if (!is_dir(found)) return;  // an archive: its contents are not in the repository
    if (code.kind == FunctionCode::Kind::Image && handler.empty()) handler = code.handler = dockerfile_cmd(found);
    if (python_fn) {
        code.handler_function = handler;
        if (is_file(found / index)) code.handler_file = (found / index).lexically_normal();
        else
            m.notes.push_back({u.path, f.construct.line,
                               fmt::format("{}: index '{}' is not in {}", f.name, index, shown_path(found))});
        return;
    }
    if (handler.empty() || code.kind == FunctionCode::Kind::Unknown) return;
    std::string runtime = f.runtime;
    if (runtime.empty()) {
        size_t ru = cu;
        if (Node r = keyword_value(ix, cu, call, "runtime", ru)) runtime = std::string(r.text());
    }
    std::vector<std::string> exts = extensions_for(runtime);
    if (exts.empty()) return;  // Java, .NET, Go, custom runtimes: the handler is not a source file
    code.handler_file = handler_module(found, handler, runtime, &code.handler_function);
    if (code.handler_file.empty()) {
        size_t dot = handler.rfind('.');
        std::string module = dot == std::string::npos ? handler : handler.substr(0, dot);
        m.notes.push_back({u.path, f.construct.line,
                           fmt::format("{}: handler '{}' names module '{}', which is not in {}", f.name, handler,
                                       module, shown_path(found))});
    }
}

}  // namespace wafix::model_detail
