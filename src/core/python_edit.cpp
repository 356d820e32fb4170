#include "wafix/core/python_edit.hpp"

#include <algorithm>

namespace wafix {

uint32_t line_start(std::string_view text, uint32_t pos) {
    while (pos > 0 && text[pos - 1] != '\n') --pos;
    return pos;
}

uint32_t line_content_end(std::string_view text, uint32_t pos) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return static_cast<uint32_t>(text.size());
    if (nl > pos && text[nl - 1] == '\r') --nl;
    return static_cast<uint32_t>(nl);
}

uint32_t next_line_start(std::string_view text, uint32_t pos) {
    size_t nl = text.find('\n', pos);
    return nl == std::string_view::npos ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(nl + 1);
}

std::string_view line_indent(std::string_view text, uint32_t pos) {
    uint32_t s = line_start(text, pos), e = s;
    while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
    return text.substr(s, e - s);
}

bool only_space_before(std::string_view text, uint32_t pos) {
    for (uint32_t i = line_start(text, pos); i < pos; ++i)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\f') return false;
    return true;
}

bool only_space_or_comment_after(std::string_view text, uint32_t pos) {
    uint32_t end = line_content_end(text, pos);
    for (uint32_t i = pos; i < end; ++i) {
        if (text[i] == '#') return true;
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\\') return false;
    }
    return true;
}

namespace {
uint32_t row(Node n) { return n.start_point().row; }
}  // namespace

Node following_comma(Node element) {
    Node next = element.next_sibling();
    while (next && next.is("comment")) next = next.next_sibling();
    return next.is(",") ? next : Node();
}

uint32_t apparent_line_limit(std::string_view text) {
    uint32_t longest = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        uint32_t end = line_content_end(text, static_cast<uint32_t>(pos));
        uint32_t chars = 0;
        for (size_t i = pos; i < end; ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;  // count code points
        longest = std::max(longest, chars);
        pos = next_line_start(text, end);
        if (pos <= end) break;
    }
    for (uint32_t limit : {79u, 88u, 99u, 120u})
        if (longest <= limit) return limit;
    return longest;
}

namespace {
uint32_t display_width(std::string_view s) {
    uint32_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n += c == '\t' ? 4 : 1;
    return n;
}
}  // namespace

std::optional<std::vector<Edit>> add_list_element(std::string_view text, std::string_view eol, Node open_paren,
                                                  const std::vector<Node>& elements, Node close_paren,
                                                  std::string_view element, uint32_t line_limit) {
    std::string el(element);
    if (elements.empty()) {
        if (!open_paren) return std::nullopt;
        return std::vector<Edit>{{open_paren.end(), open_paren.end(), el}};
    }
    Node last = elements.back();
    Node comma = following_comma(last);
    bool multiline = open_paren && close_paren && row(open_paren) != close_paren.end_point().row;
    if (!multiline) {
        uint32_t ls = line_start(text, last.end()), le = line_content_end(text, last.end());
        uint32_t grown = display_width(text.substr(ls, le - ls)) + display_width(el) + (comma ? 1 : 2);
        bool has_comment = false;
        for (Node n = open_paren; n && n != close_paren; n = n.next_sibling())
            if (n.is("comment")) has_comment = true;
        if (line_limit == 0 || grown <= line_limit || !open_paren || !close_paren || has_comment) {
            if (comma) return std::vector<Edit>{{comma.end(), comma.end(), " " + el}};
            return std::vector<Edit>{{last.end(), last.end(), ", " + el}};
        }
        // Too long for one line: one element per line, as a formatter would lay it out.
        std::string base(line_indent(text, open_paren.start()));
        std::string step = !base.empty() && base[0] == '\t' ? "\t" : "    ";
        std::string body;
        for (const Node& e : elements) body += std::string(eol) + base + step + std::string(e.text()) + ",";
        body += std::string(eol) + base + step + el + "," + std::string(eol) + base + ")";
        // The range takes the closing bracket too, so that another fix inserting right before it
        // (an element appended on the same line) conflicts with this one instead of landing after
        // the new trailing comma (`,,`).
        return std::vector<Edit>{{open_paren.end(), close_paren.end(), body}};
    }
    // Elements packed on a line after the bracket's line: a new one that would pass the line
    // limit starts a line of its own at their indentation.
    uint32_t last_line = line_start(text, last.start());
    bool packed_too_long =
        line_limit != 0 && last_line > open_paren.start() &&
        display_width(text.substr(last_line, line_content_end(text, last.end()) - last_line)) + display_width(el) + 2 >
            line_limit;
    if (only_space_before(text, last.start()) || packed_too_long) {
        std::string indent(line_indent(text, last.start()));
        if (comma) {
            uint32_t pos =
                only_space_or_comment_after(text, comma.end()) ? line_content_end(text, comma.end()) : comma.end();
            return std::vector<Edit>{{pos, pos, std::string(eol) + indent + el + ","}};
        }
        if (only_space_or_comment_after(text, last.end())) {
            uint32_t pos = line_content_end(text, last.end());
            return std::vector<Edit>{{last.end(), last.end(), ","}, {pos, pos, std::string(eol) + indent + el}};
        }
        return std::vector<Edit>{{last.end(), last.end(), "," + std::string(eol) + indent + el}};
    }
    // Several elements share the line: continue on it.
    if (comma) return std::vector<Edit>{{comma.end(), comma.end(), " " + el + ","}};
    return std::vector<Edit>{{last.end(), last.end(), ", " + el}};
}

std::vector<Node> call_arguments(Node call) {
    std::vector<Node> out;
    Node args = call.field("arguments");
    if (!args.is("argument_list")) return out;
    for (const Node& c : args.named_children())
        if (!c.is("comment")) out.push_back(c);
    return out;
}

Node keyword_argument(Node call, std::string_view name) {
    for (const Node& a : call_arguments(call))
        if (a.is("keyword_argument") && a.field("name").text() == name) return a;
    return {};
}

bool is_splat(Node argument, Splat which) {
    return argument.is("dictionary_splat") || (which == Splat::Any && argument.is("list_splat"));
}

bool has_splat_arguments(Node call, Splat which) {
    for (const Node& a : call_arguments(call))
        if (is_splat(a, which)) return true;
    return false;
}

std::optional<std::vector<Edit>> add_keyword_argument(std::string_view text, std::string_view eol, Node call,
                                                      std::string_view kw, uint32_t line_limit) {
    Node args = call.field("arguments");
    if (!args.is("argument_list")) return std::nullopt;  // f(x for x in y)
    Node open = args.child(0), close = args.child(args.child_count() - 1);
    if (!open.is("(") || !close.is(")")) return std::nullopt;
    return add_list_element(text, eol, open, call_arguments(call), close, kw, line_limit);
}

Edit insert_line_after(std::string_view text, std::string_view eol, Node stmt, std::string_view line) {
    std::string indent(line_indent(text, stmt.start()));
    uint32_t end = line_content_end(text, stmt.end());
    if (end == text.size()) return {end, end, std::string(eol) + indent + std::string(line)};
    uint32_t pos = next_line_start(text, stmt.end());
    return {pos, pos, indent + std::string(line) + std::string(eol)};
}

Edit insert_line_before(std::string_view text, std::string_view eol, Node stmt, std::string_view line) {
    std::string indent(line_indent(text, stmt.start()));
    uint32_t pos = line_start(text, stmt.start());
    return {pos, pos, indent + std::string(line) + std::string(eol)};
}

namespace {
std::vector<Node> import_items(Node stmt) { return stmt.children_by_field("name"); }
}  // namespace

std::vector<Edit> remove_import_items(std::string_view text, Node stmt, const std::vector<Node>& remove) {
    auto items = import_items(stmt);
    std::vector<bool> gone(items.size(), false);
    size_t count = 0;
    for (size_t i = 0; i < items.size(); ++i)
        if (std::find(remove.begin(), remove.end(), items[i]) != remove.end()) gone[i] = true, ++count;
    if (count == 0 || count == items.size()) return {};
    std::vector<Edit> edits;
    // Each run of adjacent removed items is deleted as one span, so edits never overlap.
    for (size_t i = 0; i < items.size();) {
        if (!gone[i]) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < items.size() && gone[j + 1]) ++j;
        Node first = items[i], last = items[j];
        Node prev = i == 0 ? Node() : items[i - 1];
        Node next = j + 1 == items.size() ? Node() : items[j + 1];
        Node comma = following_comma(last);
        uint32_t after = comma ? comma.end() : last.end();
        bool alone = only_space_before(text, first.start()) && only_space_or_comment_after(text, after) &&
                     (!prev || prev.end_point().row < row(first)) && (!next || row(next) > last.end_point().row);
        if (alone) edits.push_back({line_start(text, first.start()), next_line_start(text, after), ""});
        else if (next && row(next) == last.end_point().row) edits.push_back({first.start(), next.start(), ""});
        else if (prev) edits.push_back({prev.end(), last.end(), ""});
        else edits.push_back({first.start(), after, ""});
        i = j + 1;
    }
    return edits;
}

std::vector<Edit> remove_import_item(std::string_view text, Node stmt, Node item) {
    return remove_import_items(text, stmt, {item});
}

std::optional<std::vector<Edit>> append_import_name(std::string_view text, std::string_view eol, Node stmt,
                                                    std::string_view name) {
    Node open, close;
    for (const Node& c : stmt.children()) {
        if (c.is("(")) open = c;
        if (c.is(")")) close = c;
    }
    auto items = import_items(stmt);
    if (items.empty()) return std::nullopt;
    if (!open) return std::vector<Edit>{{items.back().end(), items.back().end(), ", " + std::string(name)}};
    return add_list_element(text, eol, open, items, close, name);
}

Node module_level_statement(Node n) {
    while (n && n.parent() && !n.parent().is("module")) n = n.parent();
    return n.parent().is("module") ? n : Node();
}

Node enclosing_statement(Node n) {
    while (n && n.parent() && !n.parent().is("block") && !n.parent().is("module")) n = n.parent();
    return n;
}

namespace {
bool is_import(Node n) {
    return n.is("import_statement") || n.is("import_from_statement") || n.is("future_import_statement");
}
// try/if statements whose every statement is an import (or pass), e.g. optional imports.
bool holds_only_imports(Node n) {
    bool any = false;
    for (const Node& c : n.named_children()) {
        if (c.is("comment")) continue;
        if (is_import(c)) {
            any = true;
            continue;
        }
        if (c.is("pass_statement")) continue;
        if (c.is("block") || c.is("except_clause") || c.is("else_clause") || c.is("elif_clause") ||
            c.is("finally_clause")) {
            bool sub = holds_only_imports(c);
            if (!sub) {
                // An except/else block may hold `pass` or a fallback assignment of None.
                for (const Node& s : c.named_children()) {
                    if (s.is("comment") || s.is("pass_statement") || is_import(s) || s.is("block")) continue;
                    if (s.is("expression_statement") && s.named_child(0).is("assignment") &&
                        s.named_child(0).field("right").is("none"))
                        continue;
                    if (c.is("except_clause") && s == c.named_child(0)) continue;  // the exception type
                    if (!s.is("block")) return false;
                }
                if (c.is("block") && !sub) {
                    for (const Node& s : c.named_children())
                        if (!(s.is("comment") || s.is("pass_statement") || is_import(s) ||
                              (s.is("expression_statement") && s.named_child(0).is("assignment") &&
                               s.named_child(0).field("right").is("none"))))
                            return false;
                }
            }
            any = true;
            continue;
        }
        if ((n.is("if_statement") || n.is("elif_clause")) && c == n.field("condition")) continue;
        return false;
    }
    return any;
}
}  // namespace

Node top_import_block_end(Node module) {
    // Stops at the first statement past the block: a call per fix site costs the block's length,
    // not the module's.
    Node last;
    bool first = true;
    ChildCursor children(module);
    for (Node c = children.next(true); c; c = children.next(true)) {
        if (c.is("comment")) continue;
        bool docstring = first && c.is("expression_statement") && c.named_child(0).is("string");
        first = false;
        if (docstring) continue;
        // Module dunders (`__all__ = [...]`, `__version__ = "1"`) often precede the imports.
        if (c.is("expression_statement") && c.named_child(0).is("assignment")) {
            std::string_view target = c.named_child(0).field("left").text();
            if (target.size() > 4 && target.substr(0, 2) == "__" && target.substr(target.size() - 2) == "__") continue;
        }
        if (is_import(c) || ((c.is("try_statement") || c.is("if_statement")) && holds_only_imports(c))) {
            last = c;
            continue;
        }
        break;
    }
    return last;
}

std::optional<Edit> statement_after_imports(std::string_view text, std::string_view eol, Node block_end,
                                            std::string_view line, bool blank_after) {
    if (!block_end) return std::nullopt;
    std::string eol_text(eol), line_text(line);
    uint32_t end = line_content_end(text, block_end.end());
    if (end == text.size()) return Edit{end, end, eol_text + eol_text + line_text};
    uint32_t pos = next_line_start(text, block_end.end());
    Edit e{pos, pos, eol_text + line_text + eol_text};
    uint32_t next_end = line_content_end(text, pos);
    bool blank = text.substr(pos, next_end - pos).find_first_not_of(" \t\f") == std::string_view::npos;
    if (blank_after && pos < text.size() && !blank) e.text += eol_text;
    return e;
}

ImportPlanner::ImportPlanner(const Tree& tree, const SemanticModel& model, std::string eol)
    : tree_(tree), model_(model), eol_(std::move(eol)) {}

Node ImportPlanner::import_block_end() const {
    if (!block_end_) block_end_ = top_import_block_end(tree_.root());
    return *block_end_;
}

namespace {
// A module-level binding whose only definitions are non-type-checking imports.
bool plain_import_binding(const Binding& b) {
    return !b.defs.empty() && std::all_of(b.defs.begin(), b.defs.end(),
                                          [](const Definition& d) { return d.is_import() && !d.in_type_checking; });
}
}  // namespace

std::optional<std::string> ImportPlanner::existing_module(const std::string& module) const {
    for (const auto& [name, idx] : model_.module_scope().bindings) {
        const Binding& b = model_.bindings()[idx];
        if (!plain_import_binding(b) || b.defs.size() != 1) continue;
        const Definition& d = b.defs[0];
        if (d.kind == DefKind::Import && d.module == module) return d.aliased ? name : module;
        if (d.kind == DefKind::FromImport && d.module + "." + d.member == module) return name;
    }
    // `import a.b.c` also makes `a.b.c` reachable when `a` is bound by several such imports.
    std::string root = module.substr(0, module.find('.'));
    if (const Binding* b = model_.lookup(root, 0); b && plain_import_binding(*b)) {
        for (const Definition& d : b->defs)
            if (d.kind == DefKind::Import && !d.aliased && d.module == module) return module;
    }
    return std::nullopt;
}

std::optional<std::string> ImportPlanner::existing_name(const std::string& module, const std::string& name) const {
    for (const auto& [bound, idx] : model_.module_scope().bindings) {
        const Binding& b = model_.bindings()[idx];
        if (!plain_import_binding(b) || b.defs.size() != 1) continue;
        const Definition& d = b.defs[0];
        if (d.kind == DefKind::FromImport && d.module == module && d.member == name) return bound;
    }
    return std::nullopt;
}

Edit ImportPlanner::import_line_edit(const std::string& line, Node anchor) const {
    std::string_view text = tree_.source();
    Node root = tree_.root();
    Node at;
    if (anchor) {
        Node stmt = module_level_statement(anchor);
        // Not inside a function, and not under `if TYPE_CHECKING:` where it would not run.
        bool type_checking = false;
        for (Node p = anchor.parent(); p && p != stmt.parent(); p = p.parent())
            if (p.is("if_statement") && p.field("condition").text().find("TYPE_CHECKING") != std::string_view::npos)
                type_checking = true;
        bool in_def = false;
        for (Node p = anchor.parent(); p && p != stmt.parent(); p = p.parent())
            if (p.is("function_definition") || p.is("class_definition")) in_def = true;
        if (stmt && !type_checking && !in_def) at = stmt;
    }
    if (!at) at = import_block_end();
    if (at) return insert_line_after(text, eol_, at, line);
    // No import yet: after a docstring, else before the first statement (after header comments).
    for (const Node& c : root.named_children()) {
        if (c.is("comment")) continue;
        if (c.is("expression_statement") && c.named_child(0).is("string")) {
            // After the docstring, separated from it by a blank line.
            uint32_t end = line_content_end(text, c.end());
            if (end == text.size()) return {end, end, eol_ + eol_ + line};
            uint32_t pos = next_line_start(text, c.end());
            return {pos, pos, eol_ + line + eol_};
        }
        uint32_t pos = line_start(text, c.start());
        return {pos, pos, line + eol_ + eol_};  // a blank line between the import and the code
    }
    uint32_t end = static_cast<uint32_t>(text.size());
    if (end > 0 && text[end - 1] != '\n') return {end, end, eol_ + line + eol_};
    return {end, end, line + eol_};
}

std::optional<ImportPlanner::Access> ImportPlanner::module(const std::string& module, Node anchor) {
    if (auto it = planned_.find(module); it != planned_.end()) return it->second;
    if (auto existing = existing_module(module)) return Access{*existing, {}};
    std::string root = module.substr(0, module.find('.'));
    if (const Binding* b = model_.lookup(root, 0)) {
        // The root name is taken by something that is not an import of the same package.
        for (const Definition& d : b->defs) {
            std::string target = d.is_import() ? d.qualified_target() : std::string();
            bool same_package = target == root || target.rfind(root + ".", 0) == 0;
            if (!same_package) return std::nullopt;
        }
    }
    Access a{module, {import_line_edit("import " + module, anchor)}};
    planned_[module] = a;
    return a;
}

}  // namespace wafix
