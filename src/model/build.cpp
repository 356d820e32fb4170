#include "wafix/model/build.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "cdk_extract.hpp"
#include "packaging.hpp"
#include "yaml_util.hpp"

namespace fs = std::filesystem;

namespace wafix {

using namespace model_detail;

namespace {

constexpr size_t kMaxBytes = 4u << 20;  // larger "stacks" are generated code, not an app

std::optional<std::string> read_small_file(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) > kMaxBytes) {
        ::close(fd);
        return std::nullopt;
    }
    std::string out(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    while (got < out.size()) {
        ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

class RootFinder {
public:
    // The nearest folder at or above `dir` holding `marker`.
    fs::path find(const fs::path& dir, const char* marker) {
        auto it = memo_.find(dir);
        if (it != memo_.end()) return it->second;
        std::error_code ec;
        fs::path found;
        if (fs::is_regular_file(dir / marker, ec)) found = dir;
        else if (dir.has_parent_path() && dir.parent_path() != dir) found = find(dir.parent_path(), marker);
        memo_[dir] = found;
        return found;
    }

private:
    std::map<fs::path, fs::path> memo_;
};

void add_root(AppModel& m, const fs::path& root) {
    if (!root.empty() && std::find(m.app_roots.begin(), m.app_roots.end(), root) == m.app_roots.end())
        m.app_roots.push_back(root);
}

void build_cdk(const std::vector<fs::path>& files, AppModel& m) {
    CdkIndex ix;
    ix.notes = &m.notes;
    RootFinder roots;
    Parser parser;
    for (const fs::path& given : files) {
        fs::path p = model_path(given);
        if (m.vendored_tree_of(p)) continue;
        auto text = read_small_file(p);
        if (!text || !may_define_constructs(*text)) continue;
        PyUnit u;
        u.path = p;
        u.app_root = roots.find(p.parent_path(), "cdk.json");
        add_root(m, u.app_root);
        u.tree = std::make_shared<Tree>(parser.parse(std::move(*text)));
        u.sem = std::make_shared<SemanticModel>(*u.tree);
        ix.units.push_back(std::move(u));
    }
    if (ix.units.empty()) return;
    ix.index();
    extract_cdk_constructs(ix, m);
    extract_cdk_wiring(ix, m);
    for (const PyUnit& u : ix.units) m.parsed_files[u.path] = {u.tree, u.sem};
}

}  // namespace

bool may_define_constructs(std::string_view text) { return memmem(text.data(), text.size(), "aws_cdk", 7) != nullptr; }

bool is_model_config_name(const std::string& name) {
    return name == "template.yaml" || name == "template.yml" || name == "serverless.yml" || name == "serverless.yaml";
}

AppModel build_app_model(const ModelInputs& in) {
    AppModel m;
    m.vendored = find_vendored_trees(in.python_files);
    m.index();  // vendored_tree_of() below
    build_cdk(in.python_files, m);
    for (const fs::path& given : in.config_files) {
        fs::path p = model_path(given);
        if (m.vendored_tree_of(p)) continue;
        auto text = read_small_file(p);
        if (!text) continue;
        std::string name = p.filename().string();
        size_t before = m.functions.size();
        if (name.rfind("serverless.", 0) == 0) read_serverless_yml(p, *text, m);
        else read_sam_template(p, *text, m);
        if (m.functions.size() > before) add_root(m, p.parent_path());
    }
    resolve_packaging(m);
    m.index();
    std::sort(m.app_roots.begin(), m.app_roots.end());
    std::stable_sort(m.notes.begin(), m.notes.end(), [](const ModelNote& a, const ModelNote& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    return m;
}

}  // namespace wafix
