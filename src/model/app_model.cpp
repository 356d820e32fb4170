// The model's queries: which functions ship a file, which are written in it, the layer or
// vendored tree that holds it, and the digest the result cache keys on.
#include "wafix/model/app_model.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace wafix {

namespace {

bool under(const fs::path& file, const fs::path& dir) {
    if (dir.empty()) return false;
    auto rel = file.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

void digest_function(std::string& out, const LambdaFunction& f) {
    out +=
        fmt::format("F{}|{}|{}|{}|{}|{};", f.id, f.construct.file.generic_string(), f.construct.begin,
                    f.timeout_seconds.value_or(-1), f.reserved_concurrency.value_or(-1), f.manifest.generic_string());
    for (const Trigger& t : f.triggers) {
        out += fmt::format("T{}|{}|{}|{};", invocation_kind_name(t.kind), t.service, t.site.file.generic_string(),
                           t.site.begin);
        if (t.source && t.source->site)
            out += fmt::format("S{}|{};", t.source->site->file.generic_string(), t.source->site->begin);
        for (const Property& p : t.properties) out += p.name + "=" + p.value + ";";
    }
    for (const EnvironmentVariable& e : f.environment) out += "E" + e.name + ";";
    for (const Grant& g : f.grants) out += "G" + g.method + ";";
}

}  // namespace

std::string ConstructRef::display_name() const {
    if (!variable.empty()) return variable;
    if (!construct_id.empty()) return construct_id;
    std::string first = expression.substr(0, expression.find('\n'));
    return first.size() > 60 ? first.substr(0, 57) + "..." : first;
}

const char* invocation_kind_name(InvocationKind k) {
    switch (k) {
        case InvocationKind::Sync:
            return "sync";
        case InvocationKind::Async:
            return "async";
        case InvocationKind::Poll:
            return "poll";
        default:
            return "unknown";
    }
}

InvocationKind LambdaFunction::invocation() const {
    if (triggers.empty()) return InvocationKind::Unknown;
    InvocationKind k = triggers.front().kind;
    for (const Trigger& t : triggers)
        if (t.kind != k) return InvocationKind::Unknown;  // mixed: the caller decides per trigger
    return k;
}

fs::path model_path(const fs::path& p) {
    std::error_code ec;
    return fs::absolute(p, ec).lexically_normal();
}

std::string shown_path(const fs::path& p) {
    std::error_code ec;
    fs::path rel = model_path(p).lexically_relative(fs::current_path(ec));
    if (ec || rel.empty() || *rel.begin() == "..") return model_path(p).generic_string();
    return rel.generic_string();
}

std::vector<const LambdaFunction*> AppModel::functions_shipping(const fs::path& file) const {
    fs::path p = model_path(file);
    std::vector<std::pair<size_t, const LambdaFunction*>> found;  // asset depth, function
    for (const LambdaFunction& f : functions) {
        if (f.code.handler_file == p || under(p, f.code.asset_dir))
            found.push_back({std::distance(f.code.asset_dir.begin(), f.code.asset_dir.end()), &f});
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<const LambdaFunction*> out;
    for (const auto& [depth, f] : found) out.push_back(f);
    return out;
}

std::vector<const LambdaFunction*> AppModel::functions_defined_in(const fs::path& file) const {
    fs::path p = model_path(file);
    std::vector<const LambdaFunction*> out;
    for (const LambdaFunction& f : functions)
        if (f.construct.file == p) out.push_back(&f);
    return out;
}

const LambdaFunction* AppModel::function_at(const fs::path& file, uint32_t offset) const {
    fs::path p = model_path(file);
    for (const LambdaFunction& f : functions)
        if (f.construct.file == p && f.construct.begin <= offset && offset < f.construct.end) return &f;
    return nullptr;
}

const Layer* AppModel::layer_of(const fs::path& file) const {
    fs::path p = model_path(file);
    for (const Layer& l : layers)
        if (under(p, l.python_dir.empty() ? l.asset_dir : l.python_dir)) return &l;
    return nullptr;
}

const VendoredTree* AppModel::vendored_tree_of(const fs::path& file) const {
    fs::path p = model_path(file);
    for (const VendoredTree& v : vendored)
        if (under(p, v.dir)) return &v;
    return nullptr;
}

std::string AppModel::digest_for(const fs::path& file) const {
    std::string out;
    for (const LambdaFunction* f : functions_shipping(file)) digest_function(out, *f);
    for (const LambdaFunction* f : functions_defined_in(file)) digest_function(out, *f);
    if (const Layer* l = layer_of(file)) out += "L" + l->id + "|" + l->manifest.generic_string() + ";";
    if (out.empty()) return out;
    // Short and stable: FNV-1a, 64 bits, in hex (a cache key, not a security boundary).
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : out) h = (h ^ c) * 1099511628211ull;
    return fmt::format("{:016x}", h);
}

}  // namespace wafix
