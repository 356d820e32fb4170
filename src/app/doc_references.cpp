// Finds the line numbers documentation depends on; see doc_references.hpp.
#include "wafix/app/doc_references.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;

namespace wafix {
namespace {

std::string_view trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string_view::npos ? std::string_view() : s.substr(b, e - b + 1);
}

// The largest and smallest numbers written in a line spec ("3-5,9", "1 3 8-10", "3:5"); 0 when
// it holds none. Numbers are capped: a page cannot show line four billion.
struct Numbers {
    uint32_t min = 0, max = 0;
};
Numbers numbers_in(std::string_view spec) {
    Numbers n;
    for (size_t i = 0; i < spec.size();) {
        if (spec[i] < '0' || spec[i] > '9') {
            ++i;
            continue;
        }
        uint64_t v = 0;
        for (; i < spec.size() && spec[i] >= '0' && spec[i] <= '9'; ++i)
            v = std::min<uint64_t>(v * 10 + (spec[i] - '0'), 1u << 30);
        uint32_t value = static_cast<uint32_t>(v);
        n.max = std::max(n.max, value);
        n.min = n.min == 0 ? value : std::min(n.min, value);
    }
    return n;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t pos = 0; pos <= text.size();) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return lines;
}

// A literalinclude's options (":lines: 3-9") as the last line they depend on; 0 for none.
struct IncludeOptions {
    Numbers lines, emphasize;
    uint32_t start_line = 0, end_line = 0;

    void read(std::string_view option) {
        size_t colon = option.find(':', 1);
        if (option.size() < 2 || option[0] != ':' || colon == std::string_view::npos) return;
        std::string_view name = option.substr(1, colon - 1), value = option.substr(colon + 1);
        if (name == "lines") lines = numbers_in(value);
        else if (name == "emphasize-lines") emphasize = numbers_in(value);
        else if (name == "start-line") start_line = numbers_in(value).max;  // 0-based in docutils
        else if (name == "end-line") end_line = numbers_in(value).max;
    }
    uint32_t last_line() const {
        uint32_t last = std::max({lines.max, end_line, start_line ? start_line + 1 : 0u});
        // Highlighted lines count from the first line shown.
        uint32_t first = lines.min ? lines.min : start_line + 1;
        if (emphasize.max) last = std::max(last, first + emphasize.max - 1);
        return last;
    }
};

// "f.py:3:9", "f.py::9", "f.py:3", "f.py:1:3,5:6" -> the path and its numbers; a section name
// ("f.py:handler") or a bare path has none.
std::pair<std::string, Numbers> snippet_spec(std::string_view spec) {
    size_t colon = spec.find(':');
    while (colon != std::string_view::npos && colon + 1 < spec.size() && spec[colon + 1] != ':' &&
           (spec[colon + 1] < '0' || spec[colon + 1] > '9'))
        colon = spec.find(':', colon + 1);
    if (colon == std::string_view::npos) return {std::string(spec), {}};
    return {std::string(spec.substr(0, colon)), numbers_in(spec.substr(colon))};
}

// The text between the first pair of `quote`s after `from`, if any.
std::optional<std::string_view> quoted_after(std::string_view line, size_t from) {
    size_t open = line.find_first_of("\"'", from);
    if (open == std::string_view::npos) return std::nullopt;
    size_t close = line.find(line[open], open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return line.substr(open + 1, close - open - 1);
}

// A file a Markdown line includes, with the line range it takes: a snippet, markdown-include's
// {!f.py!} (optionally {!f.py!lines=3-9!}) or {* f.py hl[3] ln[1:9] *}.
struct Inclusion {
    std::string target;
    Numbers range;     // lines of the target taken (0: the whole file)
    uint32_t own = 0;  // the last line the inclusion itself names (a range, hl[...])
};
std::optional<Inclusion> markdown_inclusion(std::string_view line) {
    if (size_t at = line.find("--8<--"); at != std::string_view::npos) {
        auto spec = quoted_after(line, at + 6);
        if (!spec) return std::nullopt;
        auto [path, numbers] = snippet_spec(*spec);
        return Inclusion{path, numbers, numbers.max};
    }
    if (size_t at = line.find("{!"); at != std::string_view::npos) {
        size_t end = line.find("!}", at + 2);
        if (end == std::string_view::npos) return std::nullopt;
        std::string_view body = line.substr(at + 2, end - at - 2);
        size_t bang = body.find('!');
        Numbers range = bang == std::string_view::npos ? Numbers{} : numbers_in(body.substr(bang));
        return Inclusion{std::string(trim(body.substr(0, bang))), range, range.max};
    }
    if (size_t at = line.find("{*"); at != std::string_view::npos) {
        size_t end = line.find("*}", at + 2);
        if (end == std::string_view::npos) return std::nullopt;
        std::string_view body = trim(line.substr(at + 2, end - at - 2));
        size_t space = body.find_first_of(" \t");
        Numbers marks = space == std::string_view::npos ? Numbers{} : numbers_in(body.substr(space));
        return Inclusion{std::string(body.substr(0, space)), {}, marks.max};
    }
    return std::nullopt;
}

void rst_references(const std::vector<std::string_view>& lines, std::vector<LineReference>& out) {
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view t = trim(lines[i]);
        constexpr std::string_view kDirective = ".. literalinclude::";
        if (!t.starts_with(kDirective)) continue;
        std::string target(trim(t.substr(kDirective.size())));
        IncludeOptions options;
        for (size_t k = i + 1; k < lines.size() && trim(lines[k]).starts_with(":"); ++k) options.read(trim(lines[k]));
        if (uint32_t last = options.last_line(); last && !target.empty())
            out.push_back({target, last, static_cast<uint32_t>(i + 1)});
    }
}

// A code fence's opening line: its marker ("```", "~~~~") and the highest hl_lines number.
std::optional<std::pair<std::string, uint32_t>> fence_open(std::string_view t) {
    if (!t.starts_with("```") && !t.starts_with("~~~")) return std::nullopt;
    size_t n = t.find_first_not_of(t[0]);
    std::string marker(t.substr(0, n == std::string_view::npos ? t.size() : n));
    uint32_t hl = 0;
    if (size_t at = t.find("hl_lines="); at != std::string_view::npos)
        if (auto spec = quoted_after(t, at)) hl = numbers_in(*spec).max;
    return std::make_pair(marker, hl);
}

void markdown_references(const std::vector<std::string_view>& lines, std::vector<LineReference>& out) {
    std::optional<std::pair<std::string, uint32_t>> fence;  // the open fence, if inside one
    bool snippet_block = false;                             // between bare --8<-- lines
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view t = trim(lines[i]);
        auto line_no = static_cast<uint32_t>(i + 1);
        if (fence && t.starts_with(fence->first) && trim(t.substr(fence->first.size())).empty()) {
            fence.reset();
            continue;
        }
        if (!fence) {
            if (auto open = fence_open(t)) {
                fence = open;
                // MyST: ```{literalinclude} f.py followed by :lines: options.
                constexpr std::string_view kMyst = "{literalinclude}";
                if (size_t at = t.find(kMyst); at != std::string_view::npos) {
                    std::string target(trim(t.substr(at + kMyst.size())));
                    IncludeOptions options;
                    for (size_t k = i + 1; k < lines.size() && trim(lines[k]).starts_with(":"); ++k)
                        options.read(trim(lines[k]));
                    if (uint32_t last = options.last_line(); last && !target.empty())
                        out.push_back({target, last, line_no});
                }
                continue;
            }
        }
        if (t == "--8<--") {
            snippet_block = !snippet_block;
            continue;
        }
        std::optional<Inclusion> inc;
        if (snippet_block && !t.empty() && t[0] != ';') {
            auto [path, numbers] = snippet_spec(t);
            inc = Inclusion{path, numbers, numbers.max};
        } else {
            inc = markdown_inclusion(t);
        }
        if (!inc || inc->target.empty()) continue;
        uint32_t last = inc->own;
        // hl_lines count from the first included line.
        if (fence && fence->second) last = std::max(last, (inc->range.min ? inc->range.min : 1) + fence->second - 1);
        if (last) out.push_back({inc->target, last, line_no});
    }
}

std::optional<std::string> read_small_file(const fs::path& p) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    if (ec || size > (4u << 20)) return std::nullopt;  // not a page anyone writes by hand
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Where a document's relative target may be: beside it, then where MkDocs or Sphinx run from.
std::optional<fs::path> resolve(const fs::path& document, const std::string& target) {
    std::error_code ec;
    fs::path doc_dir = fs::absolute(document, ec).lexically_normal().parent_path();
    std::string relative = target;
    while (!relative.empty() && relative[0] == '/') relative.erase(0, 1);  // Sphinx: from its source folder
    std::vector<fs::path> bases;
    if (target.empty() || target[0] != '/') bases.push_back(doc_dir);
    for (fs::path dir = doc_dir; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "mkdocs.yml", ec) || fs::exists(dir / "mkdocs.yaml", ec) ||
            fs::exists(dir / "conf.py", ec))
            bases.push_back(dir);
        if (dir == dir.root_path() || fs::exists(dir / ".git", ec)) break;
    }
    for (const fs::path& base : bases) {
        fs::path candidate = (base / relative).lexically_normal();
        if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

}  // namespace

std::vector<LineReference> line_references(std::string_view text, bool rst) {
    std::vector<LineReference> out;
    auto lines = split_lines(text);
    if (rst) rst_references(lines, out);
    else markdown_references(lines, out);
    return out;
}

bool is_documentation_name(const fs::path& name) {
    std::string ext = name.extension().string();
    return ext == ".md" || ext == ".markdown" || ext == ".rst" || ext == ".mdx";
}

std::map<fs::path, LinePin> pinned_lines(const std::vector<fs::path>& documents) {
    std::map<fs::path, LinePin> pins;
    for (const fs::path& doc : documents) {
        auto text = read_small_file(doc);
        if (!text) continue;
        for (const LineReference& ref : line_references(*text, doc.extension() == ".rst")) {
            auto file = resolve(doc, ref.target);
            if (!file) continue;
            LinePin& pin = pins[*file];
            if (ref.last_line > pin.last_line)
                pin = {ref.last_line, doc.lexically_normal().generic_string() + ":" + std::to_string(ref.doc_line)};
        }
    }
    return pins;
}

}  // namespace wafix
