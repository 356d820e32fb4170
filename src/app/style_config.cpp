// Reads the line length and quote style a project configures; see style_config.hpp.
#include "wafix/app/style_config.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace fs = std::filesystem;

namespace wafix {
namespace {

std::optional<std::string> read_text(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// A plausible line length: formatters accept up to a few hundred columns.
std::optional<uint32_t> length_value(const std::string& v) {
    if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    uint32_t n = static_cast<uint32_t>(std::stoul(v));
    return n >= 40 && n <= 1000 ? std::optional<uint32_t>(n) : std::nullopt;
}

std::optional<toml::table> parse_toml(const std::string& text) {
    try {
        return toml::parse(std::string_view(text));
    } catch (const toml::parse_error&) {
        return std::nullopt;  // a broken pyproject is another tool's error to report
    }
}

// ruff's and flake8-quotes' spellings of a quote style.
std::optional<char> quote_value(std::string_view v) {
    if (v == "double" || v == "\"") return '"';
    if (v == "single" || v == "'") return '\'';
    if (v == "preserve") return '\0';
    return std::nullopt;
}

// The value of `key` in `[section]` of an INI file (setup.cfg, tox.ini, .flake8), first one wins.
std::optional<std::string> ini_value(const std::string& text, const std::string& section, const std::string& key) {
    std::istringstream in(text);
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        if (t.front() == '[') {
            inside = t == "[" + section + "]";
            continue;
        }
        size_t eq = t.find_first_of("=:");
        if (inside && eq != std::string::npos && trim(t.substr(0, eq)) == key) return trim(t.substr(eq + 1));
    }
    return std::nullopt;
}

}  // namespace

std::optional<uint32_t> pyproject_line_length(const std::string& text) {
    auto parsed = parse_toml(text);
    if (!parsed) return std::nullopt;
    const toml::table& doc = *parsed;
    for (const char* tool : {"ruff", "black"})
        if (auto n = doc["tool"][tool]["line-length"].value<int64_t>())
            if (auto v = length_value(std::to_string(*n))) return v;
    return std::nullopt;
}

std::optional<char> pyproject_quote(const std::string& text) {
    auto parsed = parse_toml(text);
    if (!parsed) return std::nullopt;
    const toml::table& doc = *parsed;
    auto ruff = doc["tool"]["ruff"];
    for (auto setting : {ruff["format"]["quote-style"], ruff["lint"]["flake8-quotes"]["inline-quotes"],
                         ruff["flake8-quotes"]["inline-quotes"]})
        if (auto v = setting.value<std::string>())
            if (auto q = quote_value(*v)) return q;
    if (auto black = doc["tool"]["black"].as_table())
        return (*black)["skip-string-normalization"].value_or(false) ? '\0' : '"';
    return std::nullopt;
}

std::optional<char> ini_quote(const std::string& text) {
    auto v = ini_value(text, "flake8", "inline-quotes");
    return v ? quote_value(*v) : std::nullopt;
}

std::optional<uint32_t> ini_line_length(const std::string& text, const std::string& section, const std::string& key) {
    auto v = ini_value(text, section, key);
    return v ? length_value(*v) : std::nullopt;
}

std::optional<uint32_t> editorconfig_line_length(const std::string& text) {
    // The last matching section wins in EditorConfig; "[*]", "[*.py]" and globs naming py count.
    std::istringstream in(text);
    std::string line;
    bool matches = false;
    std::optional<uint32_t> found;
    while (std::getline(in, line)) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        if (t.front() == '[') {
            matches = t == "[*]" || t.find("py") != std::string::npos;
            continue;
        }
        size_t eq = t.find('=');
        if (matches && eq != std::string::npos && trim(t.substr(0, eq)) == "max_line_length")
            if (auto v = length_value(trim(t.substr(eq + 1)))) found = v;
    }
    return found;
}

ProjectStyle project_style(const fs::path& file, const fs::path& stop) {
    ProjectStyle style;
    std::error_code ec;
    fs::path end = stop.empty() ? fs::path() : fs::absolute(stop, ec).lexically_normal();
    for (fs::path dir = fs::absolute(file, ec).lexically_normal().parent_path(); !dir.empty();
         dir = dir.parent_path()) {
        // Each item from the nearest folder that sets it; within a folder, pyproject first.
        if (auto t = read_text(dir / "pyproject.toml")) {
            if (!style.line_length) style.line_length = pyproject_line_length(*t);
            if (!style.quote) style.quote = pyproject_quote(*t);
        }
        for (const char* ini : {"setup.cfg", "tox.ini", ".flake8"})
            if (auto t = read_text(dir / ini)) {
                if (!style.line_length) style.line_length = ini_line_length(*t, "flake8", "max-line-length");
                if (!style.quote) style.quote = ini_quote(*t);
            }
        if (!style.line_length)
            if (auto t = read_text(dir / ".editorconfig")) style.line_length = editorconfig_line_length(*t);
        if ((style.line_length && style.quote) || dir == end || dir == dir.root_path()) break;
    }
    return style;
}

std::optional<uint32_t> project_line_length(const fs::path& file, const fs::path& stop) {
    return project_style(file, stop).line_length;
}

}  // namespace wafix
