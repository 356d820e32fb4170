#include "wafix/app/app_view.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "wafix/app/discover.hpp"

using nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace wafix {

namespace {

std::string shown(const fs::path& p) { return p.empty() ? std::string() : display_path(p).generic_string(); }

const char* code_kind(FunctionCode::Kind k) {
    switch (k) {
        case FunctionCode::Kind::Asset:
            return "asset";
        case FunctionCode::Kind::Inline:
            return "inline";
        case FunctionCode::Kind::Image:
            return "image";
        case FunctionCode::Kind::Bucket:
            return "bucket";
        default:
            return "unknown";
    }
}

ordered_json where_json(const SourceRange& r) {
    return {{"file", shown(r.file)}, {"line", r.line}, {"begin", r.begin}, {"end", r.end}};
}

ordered_json properties_json(const std::vector<Property>& props) {
    ordered_json out = ordered_json::object();
    for (const Property& p : props) out[p.name] = p.value;
    return out;
}

ordered_json construct_json(const ConstructRef& c) {
    ordered_json j = {{"expression", c.expression}, {"type", c.type}, {"variable", c.variable}, {"id", c.construct_id}};
    j["site"] = c.site ? where_json(*c.site) : ordered_json(nullptr);
    return j;
}

ordered_json function_json(const AppModel& m, const LambdaFunction& f) {
    ordered_json j;
    j["id"] = f.id;
    j["name"] = f.name;
    j["origin"] = f.origin;
    j["class"] = f.construct_class;
    j["variable"] = f.variable;
    j["stack"] = f.stack;
    j["construct"] = where_json(f.construct);
    j["runtime"] = f.runtime;
    j["timeout_seconds"] = f.timeout_seconds ? ordered_json(*f.timeout_seconds) : ordered_json(nullptr);
    j["memory_mb"] = f.memory_mb ? ordered_json(*f.memory_mb) : ordered_json(nullptr);
    j["reserved_concurrency"] = f.reserved_concurrency ? ordered_json(*f.reserved_concurrency) : ordered_json(nullptr);
    j["dead_letter_queue"] = f.has_dead_letter_queue;
    j["tracing"] = f.tracing;
    j["properties"] = properties_json(f.properties);
    ordered_json env = ordered_json::array();
    for (const EnvironmentVariable& e : f.environment) env.push_back({{"name", e.name}, {"value", e.value}});
    j["environment"] = env;
    j["code"] = {{"kind", code_kind(f.code.kind)},
                 {"literal", f.code.literal},
                 {"path", f.code.path_as_written},
                 {"asset_dir", shown(f.code.asset_dir)},
                 {"handler", f.code.handler},
                 {"handler_file", shown(f.code.handler_file)},
                 {"handler_function", f.code.handler_function}};
    j["invocation"] = invocation_kind_name(f.invocation());
    ordered_json triggers = ordered_json::array();
    for (const Trigger& t : f.triggers) {
        ordered_json tj = {{"kind", invocation_kind_name(t.kind)}, {"service", t.service}, {"via", t.via}};
        tj["site"] = where_json(t.site);
        tj["properties"] = properties_json(t.properties);
        tj["source"] = t.source ? construct_json(*t.source) : ordered_json(nullptr);
        triggers.push_back(std::move(tj));
    }
    j["triggers"] = triggers;
    ordered_json grants = ordered_json::array();
    for (const Grant& g : f.grants) {
        ordered_json gj = {{"method", g.method}, {"actions", g.actions}, {"resources", g.resources}};
        gj["site"] = where_json(g.site);
        gj["target"] = g.target ? construct_json(*g.target) : ordered_json(nullptr);
        grants.push_back(std::move(gj));
    }
    j["grants"] = grants;
    ordered_json secrets = ordered_json::array();
    for (size_t s : f.secrets)
        secrets.push_back(m.secrets[s].variable.empty() ? m.secrets[s].name : m.secrets[s].variable);
    j["secrets"] = secrets;
    ordered_json layers = ordered_json::array();
    for (size_t l : f.layers) layers.push_back(m.layers[l].id);
    j["layers"] = layers;
    j["manifest"] = shown(f.manifest);
    j["manifest_inherited"] = f.manifest_inherited;
    return j;
}

}  // namespace

std::map<std::string, int> findings_per_function(const RunReport& run) {
    std::map<std::string, int> out;
    for (const FileResult& r : run.results)
        for (const Finding& f : r.findings)
            for (const std::string& id : f.functions) ++out[id];
    return out;
}

std::string render_app_json(const AppModel& m, const std::map<std::string, int>& findings, bool with_findings) {
    ordered_json doc;
    doc["version"] = 1;
    ordered_json roots = ordered_json::array();
    for (const fs::path& r : m.app_roots) roots.push_back(shown(r));
    doc["app_roots"] = roots;
    ordered_json stacks = ordered_json::array();
    for (const Stack& s : m.stacks)
        stacks.push_back(
            {{"name", s.name}, {"kind", s.kind}, {"site", where_json(s.site)}, {"instances", s.instances}});
    doc["stacks"] = stacks;
    ordered_json functions = ordered_json::array();
    for (const LambdaFunction& f : m.functions) {
        ordered_json j = function_json(m, f);
        if (with_findings) j["findings"] = findings.count(f.id) ? findings.at(f.id) : 0;
        functions.push_back(std::move(j));
    }
    doc["functions"] = functions;
    ordered_json layers = ordered_json::array();
    for (const Layer& l : m.layers)
        layers.push_back({{"id", l.id},
                          {"site", where_json(l.construct)},
                          {"asset_dir", shown(l.asset_dir)},
                          {"python_dir", shown(l.python_dir)},
                          {"manifest", shown(l.manifest)},
                          {"vendored", l.vendored}});
    doc["layers"] = layers;
    ordered_json secrets = ordered_json::array();
    for (const SecretConstruct& s : m.secrets)
        secrets.push_back({{"how", s.how}, {"name", s.name}, {"variable", s.variable}, {"site", where_json(s.site)}});
    doc["secrets"] = secrets;
    ordered_json vendored = ordered_json::array();
    for (const VendoredTree& v : m.vendored) vendored.push_back({{"dir", shown(v.dir)}, {"reason", v.reason}});
    doc["vendored"] = vendored;
    ordered_json notes = ordered_json::array();
    for (const ModelNote& n : m.notes) notes.push_back(fmt::format("{}:{}: {}", shown(n.file), n.line, n.message));
    doc["notes"] = notes;
    return doc.dump(2) + "\n";
}

std::string render_app_tree(const AppModel& m, const std::map<std::string, int>& findings) {
    std::string out;
    if (m.functions.empty()) out += "no Lambda functions found (CDK, SAM template.yaml or serverless.yml)\n";
    for (const fs::path& r : m.app_roots) out += fmt::format("app {}\n", shown(r));
    std::vector<std::string> holders;
    for (const LambdaFunction& f : m.functions)
        if (std::find(holders.begin(), holders.end(), f.stack) == holders.end()) holders.push_back(f.stack);
    for (const std::string& h : holders) {
        std::string kind = "stack";
        for (const Stack& s : m.stacks)
            if (s.name == h) kind = s.kind;
        out += fmt::format("  {} {}\n", kind, h);
        for (const LambdaFunction& f : m.functions) {
            if (f.stack != h) continue;
            int n = findings.count(f.id) ? findings.at(f.id) : 0;
            out += fmt::format("    function {} ({}:{}){}\n", f.name, shown(f.construct.file), f.construct.line,
                               n ? fmt::format(" - {} finding{}", n, n == 1 ? "" : "s") : "");
            if (f.code.resolved())
                out += fmt::format("      handler  {}:{}\n", shown(f.code.handler_file), f.code.handler_function);
            else
                out += fmt::format("      code     {} {}{}\n", code_kind(f.code.kind), f.code.path_as_written,
                                   f.code.literal ? "" : " (not resolved)");
            if (f.triggers.empty()) out += "      trigger  unknown (none visible in the repository)\n";
            for (const Trigger& t : f.triggers)
                out += fmt::format(
                    "      trigger  {} {} via {}{}\n", invocation_kind_name(t.kind), t.service, t.via,
                    t.source && !t.source->display_name().empty() ? " from " + t.source->display_name() : "");
            if (!f.manifest.empty())
                out += fmt::format("      manifest {}{}\n", shown(f.manifest),
                                   f.manifest_inherited ? " (not bundled)" : "");
            for (size_t l : f.layers) out += fmt::format("      layer    {}\n", m.layers[l].id);
        }
    }
    for (const VendoredTree& v : m.vendored) out += fmt::format("vendored {} ({})\n", shown(v.dir), v.reason);
    for (const ModelNote& n : m.notes) out += fmt::format("note: {}:{}: {}\n", shown(n.file), n.line, n.message);
    return out;
}

}  // namespace wafix
