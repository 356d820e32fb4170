#include "wafix/app/model_links.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wafix/app/discover.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

std::string shown(const fs::path& p) { return display_path(p).generic_string(); }

void add_unique(std::vector<fs::path>& v, const fs::path& p) {
    if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
}

}  // namespace

std::map<fs::path, ManifestTargets> shipping_manifests(const AppModel& model,
                                                       const std::map<fs::path, std::vector<std::string>>& needs) {
    std::map<fs::path, ManifestTargets> out;
    for (const auto& [file, reqs] : needs) {
        ManifestTargets t;
        if (const Layer* layer = model.layer_of(file)) {
            if (!layer->manifest.empty()) add_unique(t.manifests, layer->manifest);
            else
                t.notes.push_back(fmt::format(
                    "{}: layer code of {}, which ships no requirements.txt: wafix would create {} (it does not "
                    "create manifests: the layer's build decides how packages get into python/); add",
                    shown(file), layer->id, shown(layer->asset_dir / "requirements.txt")));
        } else {
            for (const LambdaFunction* f : model.functions_shipping(file)) {
                if (!f->manifest.empty() && !f->manifest_inherited) {
                    add_unique(t.manifests, f->manifest);
                    continue;
                }
                std::string why = f->manifest.empty()
                                      ? "has no requirements.txt or pyproject.toml"
                                      : fmt::format(
                                            "ships none of its own ({} is above its asset folder and is not "
                                            "bundled with it)",
                                            shown(f->manifest));
                t.notes.push_back(fmt::format(
                    "{}: ships in function {}, which {}: wafix would create {} (it does not create manifests: a new "
                    "one changes how the function is bundled); add",
                    shown(file), f->id, why, shown(f->code.asset_dir / "requirements.txt")));
            }
        }
        if (!t.manifests.empty() || !t.notes.empty()) out[file] = std::move(t);
    }
    return out;
}

void attach_functions(const AppModel& model, FileResult& r) {
    if (r.findings.empty() && r.unfixed.empty()) return;
    // A function's handler module belongs to that function; other files of a shared asset
    // folder (a serverless service, a common lib) belong to every function that ships them.
    std::vector<std::string> shipping, handlers;
    fs::path p = model_path(r.path);
    for (const LambdaFunction* f : model.functions_shipping(r.path)) {
        shipping.push_back(f->id);
        if (f->code.handler_file == p) handlers.push_back(f->id);
    }
    if (!handlers.empty()) shipping = handlers;
    bool defines = !model.functions_defined_in(r.path).empty();
    auto attach = [&](Finding& f) {
        f.functions = shipping;
        if (defines)
            if (const LambdaFunction* fn = model.function_at(r.path, f.begin))
                if (std::find(f.functions.begin(), f.functions.end(), fn->id) == f.functions.end())
                    f.functions.push_back(fn->id);
    };
    for (Finding& f : r.findings) attach(f);
    for (Finding& f : r.unfixed) attach(f);
}

}  // namespace wafix
