#include "packaging.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// The manifest in `dir` a packager reads: requirements.txt, pyproject.toml, Pipfile.
fs::path manifest_in(const fs::path& dir) {
    for (const char* name : {"requirements.txt", "pyproject.toml", "Pipfile"})
        if (is_file(dir / name)) return dir / name;
    return {};
}

// Why `dir` is a vendored tree, or "" (its entries are listed once).
std::string vendored_reason(const fs::path& dir) {
    std::string name = dir.filename().string();
    if (name == "vendor" || name == "_vendor" || name == "vendored") return name + "/ folder";
    if (name == "python" && dir.parent_path().filename() == "dependencies") return "dependencies/python/ folder";
    std::error_code ec;
    bool project = is_file(dir / "setup.py") || is_file(dir / "pyproject.toml") || is_file(dir / "setup.cfg");
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string entry = it->path().filename().string();
        auto ends = [&](std::string_view s) {
            return entry.size() > s.size() && entry.compare(entry.size() - s.size(), s.size(), s) == 0;
        };
        // pip install --target leaves dist-info; an egg-info beside setup.py is the project's own.
        if (ends(".dist-info") || (ends(".egg-info") && !project)) return "holds " + entry + " (installed packages)";
    }
    return {};
}

fs::path app_root_for(const AppModel& m, const fs::path& p) {
    fs::path best;
    for (const fs::path& r : m.app_roots) {
        auto rel = p.lexically_relative(r);
        if (!rel.empty() && *rel.begin() != ".." && r.native().size() > best.native().size()) best = r;
    }
    return best;
}

}  // namespace

std::vector<VendoredTree> find_vendored_trees(const std::vector<fs::path>& files) {
    std::set<fs::path> dirs;
    for (const fs::path& f : files) dirs.insert(model_path(f).parent_path());
    std::map<fs::path, std::string> memo;
    std::vector<VendoredTree> out;
    for (const fs::path& d : dirs) {
        // The outermost vendored ancestor wins; ancestors are tested once each.
        std::vector<fs::path> chain;
        for (fs::path a = d; !a.empty() && a != a.root_path(); a = a.parent_path()) chain.push_back(a);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            auto m = memo.find(*it);
            if (m == memo.end()) m = memo.emplace(*it, vendored_reason(*it)).first;
            if (!m->second.empty()) {
                if (std::none_of(out.begin(), out.end(), [&](const VendoredTree& v) { return v.dir == *it; }))
                    out.push_back({*it, m->second});
                break;
            }
        }
    }
    return out;
}

void resolve_packaging(AppModel& m) {
    for (Layer& l : m.layers) {
        if (l.asset_dir.empty()) continue;
        l.manifest = manifest_in(l.asset_dir);
        if (l.manifest.empty() && !l.python_dir.empty()) l.manifest = manifest_in(l.python_dir);
        if (!l.python_dir.empty()) {
            std::string why = vendored_reason(l.python_dir);
            l.vendored = why.find("installed") != std::string::npos;
            if (l.vendored && std::none_of(m.vendored.begin(), m.vendored.end(),
                                           [&](const VendoredTree& v) { return v.dir == l.python_dir; }))
                m.vendored.push_back({l.python_dir, "layer " + l.id + " python/ folder: " + why});
        }
    }
    for (LambdaFunction& f : m.functions) {
        std::error_code ec;
        fs::path dir = f.code.asset_dir;
        if (dir.empty() || !fs::is_directory(dir, ec)) continue;
        f.manifest = manifest_in(dir);
        if (!f.manifest.empty()) continue;
        // Nearest above, up to the app root: shipped by serverless-python-requirements, not by
        // CDK or SAM bundling (which package the asset folder alone).
        fs::path root = app_root_for(m, dir);
        for (fs::path a = dir.parent_path(); !root.empty() && !a.empty(); a = a.parent_path()) {
            if (fs::path found = manifest_in(a); !found.empty()) {
                f.manifest = found;
                f.manifest_inherited = f.origin != "serverless";
                break;
            }
            if (a == root || a == a.root_path()) break;
        }
    }
}

}  // namespace wafix::model_detail
