#include "wafix/app/config.hpp"

#include <toml++/toml.h>

#include <fmt/format.h>

#include "wafix/app/discover.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix {

namespace {

bool match_here(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.substr(0, 2) == "**") {
            p.remove_prefix(2);
            bool slash = !p.empty() && p[0] == '/';
            if (slash) p.remove_prefix(1);
            // `**/` may match no segment at all, or any run of characters ending at a segment.
            for (size_t i = 0; i <= s.size(); ++i) {
                if (i > 0 && slash && s[i - 1] != '/') continue;
                if (match_here(p, s.substr(i))) return true;
            }
            return false;
        }
        char c = p[0];
        if (c == '*') {
            p.remove_prefix(1);
            for (size_t i = 0; i <= s.size(); ++i) {
                if (match_here(p, s.substr(i))) return true;
                if (i < s.size() && s[i] == '/') break;
            }
            return false;
        }
        if (s.empty()) return false;
        if (c == '?') {
            if (s[0] == '/') return false;
        } else if (c == '[') {
            size_t close = p.find(']', 1);
            if (close == std::string_view::npos) return false;
            std::string_view cls = p.substr(1, close - 1);
            bool negate = !cls.empty() && (cls[0] == '!' || cls[0] == '^');
            if (negate) cls.remove_prefix(1);
            bool hit = false;
            for (size_t i = 0; i < cls.size(); ++i) {
                if (i + 2 < cls.size() && cls[i + 1] == '-') {
                    if (s[0] >= cls[i] && s[0] <= cls[i + 2]) hit = true;
                    i += 2;
                } else if (cls[i] == s[0]) {
                    hit = true;
                }
            }
            if (hit == negate) return false;
            p.remove_prefix(close + 1);
            s.remove_prefix(1);
            continue;
        } else if (c != s[0]) {
            return false;
        }
        p.remove_prefix(1);
        s.remove_prefix(1);
    }
    return s.empty();
}

std::string where(const fs::path& file, const toml::source_region& r) {
    return fmt::format("{}:{}:{}", display_path(file).generic_string(), r.begin.line, r.begin.column);
}

std::vector<std::string> string_list(const fs::path& file, const toml::node& node, const std::string& key) {
    const toml::array* arr = node.as_array();
    if (!arr) throw ConfigError(fmt::format("{}: `{}` must be an array of strings", where(file, node.source()), key));
    std::vector<std::string> out;
    for (const toml::node& item : *arr) {
        auto s = item.value<std::string>();
        if (!s) throw ConfigError(fmt::format("{}: `{}` must be an array of strings", where(file, item.source()), key));
        out.push_back(*s);
    }
    return out;
}

std::vector<std::string> rule_list(const fs::path& file, const toml::node& node, const std::string& key) {
    auto ids = string_list(file, node, key);
    for (const auto& id : ids)
        if (!find_transform(id))
            throw ConfigError(fmt::format("{}: unknown rule `{}` in `{}`", where(file, node.source()), id, key));
    return ids;
}

// A rule's setting as TOML writes it (its SettingSpec says how), checked and as canonical text.
std::string setting_value(const fs::path& file, const std::string& key, const toml::node& value,
                          const SettingSpec& spec) {
    auto refuse = [&](const std::string& why) {
        return ConfigError(fmt::format("{}: `{}` {}", where(file, value.source()), key, why));
    };
    std::string text;
    switch (spec.type) {
        case SettingType::Integer:
            // TOML integers are 64-bit (a longer one is a TOML error): compared as they are, never narrowed.
            if (!value.is_integer()) throw refuse("must be " + setting_range(spec));
            text = std::to_string(*value.value<int64_t>());
            break;
        case SettingType::Seconds:
            if (value.is_number()) {
                text = fmt::format("{}", *value.value<double>());
            } else if (const toml::array* a = value.as_array();
                       a && a->size() == 2 && (*a)[0].is_number() && (*a)[1].is_number()) {
                text = fmt::format("{},{}", *(*a)[0].value<double>(), *(*a)[1].value<double>());
            } else {
                throw refuse("must be a number of seconds or [connect, read]");
            }
            break;
        case SettingType::Text:
            if (!value.is_string()) throw refuse("must be a string");
            text = *value.value<std::string>();
            break;
    }
    if (std::string why = setting_error(spec, text); !why.empty()) throw refuse(why);
    return text;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.find('/') == std::string_view::npos) {
        // No slash: match the name in any directory.
        size_t slash = path.rfind('/');
        if (match_here(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1))) return true;
    }
    if (!pattern.empty() && pattern[0] == '/') pattern.remove_prefix(1);
    if (match_here(pattern, path)) return true;
    // A pattern naming a directory covers what is below it.
    std::string prefix(pattern);
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    return match_here(prefix + "**", path);
}

bool Config::excludes(const fs::path& target) const {
    if (exclude.empty() && !exclude_docs) return false;
    std::error_code ec;
    fs::path relative = fs::absolute(target, ec).lexically_normal().lexically_relative(dir);
    if (exclude_docs && !relative.empty() && *relative.begin() != "..")
        for (const fs::path& part : relative.parent_path())
            if (part == "docs" || part == "doc" || part == "docs_src" || part == "examples" || part == "example")
                return true;
    std::string rel = relative.generic_string();
    for (const auto& g : exclude)
        if (glob_match(g, rel)) return true;
    return false;
}

void Config::apply(const fs::path& target, EngineOptions& options) const {
    if (select) options.select = std::set<std::string>(select->begin(), select->end());
    if (ignore) options.ignore.insert(ignore->begin(), ignore->end());
    if (unsafe_fixes) options.unsafe_fixes = *unsafe_fixes;
    if (peer_suppressions) options.peer_suppressions = *peer_suppressions;
    for (const auto& [name, value] : settings) options.settings.set(name, value);
    if (per_file_ignores.empty()) return;
    std::error_code ec;
    std::string rel = fs::absolute(target, ec).lexically_normal().lexically_relative(dir).generic_string();
    for (const auto& [glob, rules] : per_file_ignores)
        if (glob_match(glob, rel)) options.ignore.insert(rules.begin(), rules.end());
}

std::optional<Config> parse_config(const fs::path& file, bool pyproject) {
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw ConfigError(fmt::format("{}: invalid TOML: {}", where(file, e.source()), e.description()));
    }
    const toml::table* table = &doc;
    if (pyproject) {
        table = doc["tool"]["wafix"].as_table();
        if (!table) return std::nullopt;
    }
    Config c;
    std::error_code ec;
    c.file = file;
    c.dir = fs::absolute(file, ec).lexically_normal().parent_path();
    for (const auto& entry : *table) {
        // Named references, not structured bindings: lambdas below capture them (clang 14).
        const toml::key& key_node = entry.first;
        const toml::node& value = entry.second;
        std::string key(key_node.str());
        auto bad_type = [&](const char* want) {
            return ConfigError(fmt::format("{}: `{}` must be {}", where(file, value.source()), key, want));
        };
        if (key == "select") c.select = rule_list(file, value, key);
        else if (key == "ignore") c.ignore = rule_list(file, value, key);
        else if (key == "exclude") c.exclude = string_list(file, value, key);
        else if (key == "per-file-ignores") {
            const toml::table* t = value.as_table();
            if (!t) throw bad_type("a table of glob = [rules]");
            for (const auto& [glob, rules] : *t)
                c.per_file_ignores.emplace_back(std::string(glob.str()), rule_list(file, rules, key));
        } else if (key == "unsafe-fixes" || key == "peer-suppressions") {
            auto b = value.value<bool>();
            if (!b || !value.is_boolean()) throw bad_type("true or false");
            (key == "unsafe-fixes" ? c.unsafe_fixes : c.peer_suppressions) = *b;
        } else if (key == "exclude-docs") {
            if (!value.is_boolean()) throw bad_type("true or false");
            c.exclude_docs = *value.value<bool>();
        } else if (const DeclaredSetting* declared = find_setting(key)) {
            c.settings[key] = setting_value(file, key, value, *declared->spec);
        } else if (key == "dependency-manifest") {
            auto s = value.value<std::string>();
            if (!s || (*s != "nearest" && *s != "none")) throw bad_type("\"nearest\" or \"none\"");
            c.dependency_manifest = *s;
        } else {
            throw ConfigError(fmt::format("{}: unknown key `{}` in {}", where(file, key_node.source()), key,
                                          pyproject ? "[tool.wafix]" : file.filename().string()));
        }
    }
    return c;
}

const Config& ConfigResolver::for_directory(const fs::path& dir) {
    if (auto it = cache_.find(dir); it != cache_.end()) return *it->second;
    std::shared_ptr<Config> found;
    std::error_code ec;
    if (fs::is_regular_file(dir / "wafix.toml", ec)) {
        found = std::make_shared<Config>(*parse_config(dir / "wafix.toml", false));
    } else if (fs::is_regular_file(dir / "pyproject.toml", ec)) {
        if (auto c = parse_config(dir / "pyproject.toml", true)) found = std::make_shared<Config>(*c);
    }
    if (!found) {
        // A git work tree's top is the project's edge: configuration above it is not ours.
        bool top = fs::exists(dir / ".git", ec) || dir == dir.root_path() || !dir.has_parent_path();
        if (top) found = std::make_shared<Config>();
        else found = std::make_shared<Config>(for_directory(dir.parent_path()));
    }
    cache_[dir] = found;
    return *found;
}

const Config& ConfigResolver::for_file(const fs::path& file) {
    std::error_code ec;
    return for_directory(fs::absolute(file, ec).lexically_normal().parent_path());
}

}  // namespace wafix
