// The model's queries: which functions ship a file, which are written in it, the layer or
// vendored tree that holds it, and the digest the result cache keys on.
#include "wafix/model/app_model.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

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
    if (f.code.reports_batch_item_failures) out += "B;";
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

namespace {

// True when lexically_normal() would return `s` unchanged: absolute, no empty, "." or ".."
// component, no trailing separator. The model's own paths are all like this, and the check
// saves the getcwd() and the component split that most queries would otherwise pay.
bool already_normal(const std::string& s) {
    if (s.size() < 2 || s.front() != '/' || s.back() == '/') return false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '/') continue;
        size_t next = s.find('/', i + 1);
        std::string_view part(s.data() + i + 1, (next == std::string::npos ? s.size() : next) - i - 1);
        if (part.empty() || part == "." || part == "..") return false;
    }
    return true;
}

}  // namespace

fs::path model_path(const fs::path& p) {
    if (already_normal(p.native())) return p;
    std::error_code ec;
    return fs::absolute(p, ec).lexically_normal();
}

std::string shown_path(const fs::path& p) {
    std::error_code ec;
    fs::path rel = model_path(p).lexically_relative(fs::current_path(ec));
    if (ec || rel.empty() || *rel.begin() == "..") return model_path(p).generic_string();
    return rel.generic_string();
}

void AppModel::index() {
    by_folder_.clear();
    by_construct_file_.clear();
    by_trigger_file_.clear();
    layer_by_folder_.clear();
    vendored_by_folder_.clear();
    for (size_t i = 0; i < functions.size(); ++i) {
        const LambdaFunction& f = functions[i];
        if (!f.code.asset_dir.empty()) by_folder_[f.code.asset_dir].push_back(i);
        if (!f.code.handler_file.empty() && f.code.handler_file.parent_path() != f.code.asset_dir)
            by_folder_[f.code.handler_file].push_back(i);
        by_construct_file_[f.construct.file].push_back(i);
        for (const Trigger& t : f.triggers) {
            for (const SourceRange* site : {&t.site, t.source && t.source->site ? &*t.source->site : nullptr}) {
                if (!site) continue;
                std::vector<size_t>& fs_here = by_trigger_file_[model_path(site->file).native()];
                if (fs_here.empty() || fs_here.back() != i) fs_here.push_back(i);
            }
        }
    }
    for (size_t i = 0; i < layers.size(); ++i) {
        const fs::path& d = layers[i].python_dir.empty() ? layers[i].asset_dir : layers[i].python_dir;
        if (!d.empty()) layer_by_folder_.emplace(d, i);
    }
    for (size_t i = 0; i < vendored.size(); ++i) vendored_by_folder_.emplace(vendored[i].dir, i);
}

std::vector<const LambdaFunction*> AppModel::functions_shipping(const fs::path& file) const {
    std::vector<const LambdaFunction*> out;
    if (by_folder_.empty()) return out;
    fs::path p = model_path(file);
    // The file itself (a handler outside its asset folder), then each folder up: the most
    // specific asset first.
    for (fs::path a = p; !a.empty(); a = a.parent_path()) {
        auto it = by_folder_.find(a);
        if (it != by_folder_.end())
            for (size_t i : it->second)
                if (std::find(out.begin(), out.end(), &functions[i]) == out.end()) out.push_back(&functions[i]);
        if (a == a.root_path()) break;
    }
    return out;
}

std::vector<const LambdaFunction*> AppModel::functions_defined_in(const fs::path& file) const {
    std::vector<const LambdaFunction*> out;
    if (by_construct_file_.empty()) return out;
    auto it = by_construct_file_.find(model_path(file));
    if (it != by_construct_file_.end())
        for (size_t i : it->second) out.push_back(&functions[i]);
    return out;
}

const LambdaFunction* AppModel::function_at(const fs::path& file, uint32_t offset) const {
    for (const LambdaFunction* f : functions_defined_in(file))
        if (f->construct.begin <= offset && offset < f->construct.end) return f;
    return nullptr;
}

namespace {

template <typename T>
const T* folder_lookup(const std::map<fs::path, size_t>& index, const std::vector<T>& items, const fs::path& file) {
    if (index.empty()) return nullptr;
    fs::path p = model_path(file);
    for (fs::path a = p.parent_path(); !a.empty(); a = a.parent_path()) {
        auto it = index.find(a);
        if (it != index.end()) return &items[it->second];
        if (a == a.root_path()) break;
    }
    return nullptr;
}

}  // namespace

const Layer* AppModel::layer_of(const fs::path& file) const { return folder_lookup(layer_by_folder_, layers, file); }

const VendoredTree* AppModel::vendored_tree_of(const fs::path& file) const {
    return folder_lookup(vendored_by_folder_, vendored, file);
}

const AppModel::Parsed* AppModel::parsed(const fs::path& file) const {
    if (parsed_files.empty()) return nullptr;
    auto it = parsed_files.find(model_path(file));
    return it == parsed_files.end() ? nullptr : &it->second;
}

std::string AppModel::digest_for(const fs::path& file) const {
    std::string out;
    for (const LambdaFunction* f : functions_shipping(file)) digest_function(out, *f);
    for (const LambdaFunction* f : functions_defined_in(file)) digest_function(out, *f);
    // A trigger wired here, or a queue or stream built here, of a function defined elsewhere.
    fs::path p = model_path(file);
    auto wired = by_trigger_file_.find(p.native());
    if (wired != by_trigger_file_.end())
        for (size_t i : wired->second) digest_function(out, functions[i]);
    if (const Layer* l = layer_of(file)) out += "L" + l->id + "|" + l->manifest.generic_string() + ";";
    if (out.empty()) return out;
    // Rules that budget across the app (reserved concurrency) read every function's value.
    for (const LambdaFunction& f : functions) out += fmt::format("R{}={};", f.id, f.reserved_concurrency.value_or(-1));
    // Short and stable: FNV-1a, 64 bits, in hex (a cache key, not a security boundary).
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : out) h = (h ^ c) * 1099511628211ull;
    return fmt::format("{:016x}", h);
}

}  // namespace wafix
