#include "wafix/app/manifest.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "wafix/app/discover.hpp"
#include "wafix/core/source_file.hpp"
#include "wafix/core/text.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Lines with their terminators, as strings the edits below can change.
std::vector<std::string> split_keep(const std::string& text) {
    auto views = split_lines(text);
    return {views.begin(), views.end()};
}

std::string strip_eol(const std::string& line) {
    std::string s = line;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

std::pair<std::string, std::string> split_requirement(const std::string& req) {
    size_t i = req.find_first_of("<>=!~ ;[");
    if (i == std::string::npos) return {req, ""};
    size_t v = req.find_first_not_of("<>=!~ ", i);
    return {req.substr(0, i), v == std::string::npos ? "" : req.substr(v)};
}

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::string requirement_name(const std::string& line) {
    std::string s = trim(line);
    if (s.empty() || s[0] == '#' || s[0] == '-') return {};
    size_t i = s.find_first_of("<>=!~ ;[@\t");
    std::string name = s.substr(0, i);
    std::string out;
    for (char c : name) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == '_' || l == '.') l = '-';
        if (!out.empty() && l == '-' && out.back() == '-') continue;
        out += l;
    }
    return out;
}

std::string requirements_txt_line(const std::string& text, const std::string& requirement) {
    auto [name, version] = split_requirement(requirement);
    size_t count = 0;
    bool all_pinned = true;
    for (const auto& line : split_keep(text)) {
        if (requirement_name(line).empty()) continue;
        ++count;
        if (line.find("==") == std::string::npos) all_pinned = false;
    }
    // A file that pins every dependency exactly gets an exact pin too.
    return count > 0 && all_pinned && !version.empty() ? name + "==" + version : requirement;
}

std::optional<std::string> add_to_requirements_txt(const std::string& text, const std::string& requirement) {
    std::string want = requirement_name(split_requirement(requirement).first);
    auto lines = split_keep(text);
    std::vector<std::pair<size_t, std::string>> reqs;  // line index, name
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string n = requirement_name(lines[i]);
        if (n.empty()) continue;
        if (n == want) return std::nullopt;
        reqs.emplace_back(i, n);
    }
    std::string line = requirements_txt_line(text, requirement);
    std::string eol = detect_eol(text);
    bool sorted =
        std::is_sorted(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (sorted && !reqs.empty()) {
        for (const auto& [idx, n] : reqs) {
            if (n > want) {
                lines.insert(lines.begin() + static_cast<long>(idx), line + eol);
                std::string out;
                for (const auto& l : lines) out += l;
                return out;
            }
        }
    }
    // Append after the last requirement line (comments and blank lines after it stay last).
    size_t after = reqs.empty() ? lines.size() : reqs.back().first + 1;
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i == after) out += line + eol;
        out += lines[i];
        if (i + 1 == after && (lines[i].empty() || lines[i].back() != '\n')) {
            out += eol + line;  // the last line had no newline: keep it that way
            after = static_cast<size_t>(-1);
        }
    }
    if (after == lines.size()) out += line + eol;
    return out;
}

bool pyproject_has_dependencies(const std::string& text) {
    std::string table;
    for (const auto& raw : split_keep(text)) {
        std::string l = trim(raw);
        if (!l.empty() && l[0] == '[') table = l;
        else if (table == "[tool.poetry.dependencies]" ||
                 (table == "[project]" && l.rfind("dependencies", 0) == 0 && l.find('=') != std::string::npos))
            return true;
    }
    return false;
}

namespace {

using Lines = std::vector<std::string>;

std::string joined(const Lines& lines, size_t from, size_t to) {
    std::string out;
    for (size_t j = from; j < to && j < lines.size(); ++j) out += lines[j];
    return out;
}

// [tool.poetry.dependencies] starting at line `table`: `name = ">=version"` after its last entry,
// or nullopt when it lists the package already.
std::optional<std::string> add_to_poetry_table(const Lines& lines, size_t table, const std::string& want,
                                               const std::string& entry, const std::string& eol) {
    size_t last = table;  // key = "constraint" lines until the next table
    for (size_t j = table + 1; j < lines.size(); ++j) {
        std::string lj = trim(lines[j]);
        if (!lj.empty() && lj[0] == '[') break;
        if (lj.empty() || lj[0] == '#') continue;
        if (requirement_name(lj.substr(0, lj.find('='))) == want) return std::nullopt;
        last = j;
    }
    std::string out = joined(lines, 0, last + 1);
    if (lines[last].empty() || lines[last].back() != '\n') out += eol;
    return out + entry + eol + joined(lines, last + 1, lines.size());
}

struct ArrayEnd {
    size_t line, column;
};

// The closing bracket of the array opened at lines[first][open]: outside strings and comments
// (extras like "boto3[crt]" hold brackets too).
std::optional<ArrayEnd> array_end(const Lines& lines, size_t first, size_t open) {
    char quote = 0;
    int depth = 0;
    for (size_t j = first; j < lines.size(); ++j) {
        for (size_t k = j == first ? open + 1 : 0; k < lines[j].size(); ++k) {
            char ch = lines[j][k];
            if (quote) {
                if (ch == '\\') ++k;
                else if (ch == quote) quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '#') {
                break;
            } else if (ch == '[') {
                ++depth;
            } else if (ch == ']' && depth-- == 0) {
                return ArrayEnd{j, k};
            }
        }
    }
    return std::nullopt;
}

// True when a quoted item of the array text names `want`.
bool array_lists(const std::string& body, const std::string& want) {
    std::string lowered;
    for (char c : body) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char q : {'"', '\''}) {
        for (size_t p = lowered.find(q); p != std::string::npos; p = lowered.find(q, p + 1)) {
            size_t e = lowered.find(q, p + 1);
            if (e == std::string::npos) break;
            if (requirement_name(lowered.substr(p + 1, e - p - 1)) == want) return true;
            p = e;
        }
    }
    return false;
}

// `dependencies = [...]` on one line: the item goes last, after a comma.
std::string add_to_one_line_array(std::string line, size_t open, size_t close, const std::string& item) {
    std::string inside = trim(line.substr(open + 1, close - open - 1));
    std::string insert = inside.empty() ? item : (inside.back() == ',' ? " " + item : ", " + item);
    size_t at = inside.empty() ? open + 1 : line.find_last_not_of(" \t", close - 1) + 1;
    line.insert(at, insert);
    return line;
}

// One item per line from lines[first] to the closing bracket: the new item takes the indentation
// of the last one, which gets a comma if it had none.
std::string add_to_multi_line_array(const Lines& lines, size_t first, ArrayEnd end, const std::string& item,
                                    const std::string& eol) {
    size_t last_item = end.line;
    for (size_t j = end.line; j > first; --j) {
        std::string t = trim(j == end.line ? lines[j].substr(0, end.column) : lines[j]);
        if (!t.empty() && t[0] != '#') {
            last_item = j;
            break;
        }
    }
    std::string indent = "    ";
    bool trailing_comma = true;
    if (last_item != end.line && last_item != first) {
        const std::string& li = lines[last_item];
        indent = li.substr(0, li.find_first_not_of(" \t"));
        std::string t = trim(strip_eol(li));
        size_t hash = t.find(" #");
        if (hash != std::string::npos) t = trim(t.substr(0, hash));
        trailing_comma = !t.empty() && t.back() == ',';
    }
    std::string out;
    for (size_t j = first; j < end.line; ++j) {
        if (j != last_item || last_item == first || trailing_comma) {
            out += lines[j];
            continue;
        }
        std::string li = strip_eol(lines[j]);
        std::string ending = lines[j].substr(li.size());
        size_t hash = li.find(" #");
        size_t at = hash == std::string::npos ? li.find_last_not_of(" \t") + 1 : li.find_last_not_of(" \t", hash) + 1;
        li.insert(at, ",");
        out += li + ending;
    }
    return out + indent + item + (trailing_comma ? "," : "") + eol + lines[end.line];
}

// [project] dependencies = [...] starting at line `first`; nullopt when it lists `want` already or
// cannot be read.
std::optional<std::string> add_to_project_dependencies(const Lines& lines, size_t first, const std::string& want,
                                                       const std::string& requirement, const std::string& eol) {
    size_t open = lines[first].find('[');
    if (open == std::string::npos) return std::nullopt;
    auto end = array_end(lines, first, open);
    if (!end) return std::nullopt;
    std::string body = joined(lines, first, end->line + 1);
    if (array_lists(body, want)) return std::nullopt;
    char quote = body.find('\'') != std::string::npos && body.find('"') == std::string::npos ? '\'' : '"';
    std::string item = fmt::format("{0}{1}{0}", quote, requirement);
    std::string out = joined(lines, 0, first);
    if (end->line == first) out += add_to_one_line_array(lines[first], open, end->column, item);
    else out += add_to_multi_line_array(lines, first, *end, item, eol);
    return out + joined(lines, end->line + 1, lines.size());
}

}  // namespace

std::optional<std::string> add_to_pyproject(const std::string& text, const std::string& requirement) {
    auto [name, version] = split_requirement(requirement);
    std::string want = requirement_name(name);
    std::string eol = detect_eol(text);
    Lines lines = split_keep(text);
    std::string table;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string l = trim(lines[i]);
        if (!l.empty() && l[0] == '[') {
            table = l;
            if (table == "[tool.poetry.dependencies]")
                return add_to_poetry_table(lines, i, want, fmt::format("{} = \">={}\"", name, version), eol);
            continue;
        }
        if (table == "[project]" && l.rfind("dependencies", 0) == 0)
            return add_to_project_dependencies(lines, i, want, requirement, eol);
    }
    return std::nullopt;
}

std::vector<fs::path> manifest_search_dirs(const fs::path& file, const fs::path& stop_at) {
    std::error_code ec;
    fs::path dir = fs::absolute(file, ec).parent_path().lexically_normal();
    fs::path stop = stop_at.empty() ? dir : fs::absolute(stop_at, ec).lexically_normal();
    if (!stop.empty() && stop.filename().empty()) stop = stop.parent_path();  // trailing slash
    // Never search above `stop`, and only when it is an ancestor of the file.
    auto rel = dir.lexically_relative(stop);
    if (rel.empty() || *rel.begin() == "..") stop = dir;
    std::vector<fs::path> out;
    while (true) {
        out.push_back(dir);
        if (dir == stop || dir == dir.root_path()) break;
        dir = dir.parent_path();
    }
    return out;
}

std::vector<std::string> pyproject_dependency_names(const std::string& text) {
    toml::table doc;
    try {
        doc = toml::parse(std::string_view(text));
    } catch (const toml::parse_error&) {
        return {};
    }
    std::vector<std::string> out;
    auto add = [&](const std::string& requirement) {
        std::string name = requirement_name(requirement);
        if (!name.empty() && name != "python") out.push_back(name);  // Poetry lists the interpreter too
    };
    auto add_array = [&](const toml::node* n) {  // PEP 508 strings
        if (const toml::array* a = n ? n->as_array() : nullptr)
            for (const toml::node& item : *a)
                if (auto s = item.value<std::string>()) add(*s);
    };
    auto add_keys = [&](const toml::node* n) {  // Poetry: name = constraint
        if (const toml::table* t = n ? n->as_table() : nullptr)
            for (const auto& entry : *t) add(std::string(entry.first.str()));
    };
    add_array(doc["project"]["dependencies"].node());
    if (const toml::table* extras = doc["project"]["optional-dependencies"].as_table())
        for (const auto& entry : *extras) add_array(&entry.second);
    if (const toml::table* groups = doc["dependency-groups"].as_table())
        for (const auto& entry : *groups) add_array(&entry.second);
    toml::node_view<toml::node> poetry = doc["tool"]["poetry"];
    add_keys(poetry["dependencies"].node());
    add_keys(poetry["dev-dependencies"].node());
    if (const toml::table* groups = poetry["group"].as_table())
        for (const auto& entry : *groups)
            if (const toml::table* group = entry.second.as_table()) add_keys(group->get("dependencies"));
    return out;
}

namespace {

// A requirements file names `want`, itself or through `-r FILE` includes (as pip reads them).
bool requirements_declare(const fs::path& file, const std::string& want, int depth, std::set<fs::path>& seen) {
    if (depth > 8 || !seen.insert(file.lexically_normal()).second) return false;
    auto text = read_file(file);
    if (!text) return false;
    for (const auto& raw : split_keep(*text)) {
        std::string line = trim(raw);
        if (requirement_name(line) == want) return true;
        std::string include;
        if (line.rfind("--requirement", 0) == 0) include = line.substr(13);
        else if (line.rfind("-r", 0) == 0) include = line.substr(2);
        else continue;
        if (!include.empty() && include[0] != '=' && include[0] != ' ' && include[0] != '\t' && line[1] == '-')
            continue;  // another long option that starts with --requirement...
        include = trim(include.substr(include.rfind('=', 0) == 0 ? 1 : 0));
        if (size_t hash = include.find(" #"); hash != std::string::npos) include = trim(include.substr(0, hash));
        if (!include.empty() && requirements_declare(file.parent_path() / include, want, depth + 1, seen)) return true;
    }
    return false;
}

}  // namespace

bool nearest_manifests_declare(const fs::path& file, const fs::path& stop, const std::string& name) {
    std::string want = requirement_name(name);
    std::error_code ec;
    for (const fs::path& dir : manifest_search_dirs(file, stop)) {
        std::vector<fs::path> requirements;  // requirements.txt, requirements-prod.txt, ...
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::string n = it->path().filename().string();
            std::error_code type_ec;
            if (n.rfind("requirements", 0) == 0 && it->path().extension() == ".txt" && it->is_regular_file(type_ec))
                requirements.push_back(it->path());
        }
        ec.clear();
        std::vector<std::string> declared;
        bool pyproject = false;
        if (fs::is_regular_file(dir / "pyproject.toml", ec))
            if (auto text = read_file(dir / "pyproject.toml")) {
                declared = pyproject_dependency_names(*text);
                pyproject = !declared.empty() || pyproject_has_dependencies(*text);
            }
        if (requirements.empty() && !pyproject) continue;
        std::sort(requirements.begin(), requirements.end());
        std::set<fs::path> seen;
        for (const fs::path& r : requirements)
            if (requirements_declare(r, want, 0, seen)) return true;
        return std::find(declared.begin(), declared.end(), want) != declared.end();
    }
    return false;
}

namespace {

// The nearest requirements.txt, else pyproject.toml with dependencies, from `file` up to `stop`.
std::optional<fs::path> nearest_manifest(const fs::path& file, const fs::path& stop) {
    std::error_code ec;
    for (const fs::path& dir : manifest_search_dirs(file, stop)) {
        if (fs::is_regular_file(dir / "requirements.txt", ec)) return display_path(dir / "requirements.txt");
        if (fs::is_regular_file(dir / "pyproject.toml", ec)) {
            auto text = read_file(dir / "pyproject.toml");
            if (text && pyproject_has_dependencies(*text)) return display_path(dir / "pyproject.toml");
        }
    }
    return std::nullopt;
}

void add_requirements(ManifestPlan& plan, std::map<fs::path, ManifestUpdate>& updates, const fs::path& manifest,
                      const std::vector<std::string>& reqs) {
    fs::path key = display_path(manifest).lexically_normal();
    bool is_pyproject = key.filename() == "pyproject.toml";
    if (key.filename() == "Pipfile") {
        for (const auto& r : reqs)
            plan.notes.push_back(
                fmt::format("{}: add `{}` under [packages] (wafix does not edit Pipfiles)", key.generic_string(), r));
        return;
    }
    auto it = updates.find(key);
    if (it == updates.end()) {
        auto text = read_file(key);
        if (!text) {
            plan.notes.push_back(fmt::format("{}: cannot be read; add {} by hand", key.generic_string(), reqs[0]));
            return;
        }
        it = updates.emplace(key, ManifestUpdate{key, *text, *text, {}}).first;
    }
    for (const auto& r : reqs) {
        auto next =
            is_pyproject ? add_to_pyproject(it->second.updated, r) : add_to_requirements_txt(it->second.updated, r);
        if (next) {
            it->second.added.push_back(is_pyproject ? r : requirements_txt_line(it->second.updated, r));
            it->second.updated = *next;
        }
    }
}

}  // namespace

ManifestPlan plan_manifest_updates(const std::map<fs::path, std::vector<std::string>>& needs,
                                   const std::map<fs::path, fs::path>& stop_at,
                                   const std::map<fs::path, ManifestTargets>& targets) {
    ManifestPlan plan;
    std::map<fs::path, ManifestUpdate> updates;
    for (const auto& [file, reqs] : needs) {
        if (reqs.empty()) continue;
        if (auto t = targets.find(file); t != targets.end()) {
            for (const fs::path& m : t->second.manifests) add_requirements(plan, updates, m, reqs);
            for (const auto& note : t->second.notes)
                for (const auto& r : reqs) plan.notes.push_back(fmt::format("{} `{}`", note, r));
            continue;
        }
        std::optional<fs::path> manifest = nearest_manifest(file, stop_at.count(file) ? stop_at.at(file) : fs::path());
        if (!manifest) {
            for (const auto& r : reqs)
                plan.notes.push_back(
                    fmt::format("{}: no requirements.txt or pyproject.toml dependencies found up to "
                                "the project root; add `{}` where this code is packaged",
                                display_path(file).generic_string(), r));
            continue;
        }
        add_requirements(plan, updates, *manifest, reqs);
    }
    for (auto& [path, u] : updates)
        if (u.updated != u.original) plan.updates.push_back(std::move(u));
    return plan;
}

}  // namespace wafix
