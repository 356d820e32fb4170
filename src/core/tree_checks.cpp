#include "wafix/core/tree_checks.hpp"

#include <vector>

#include <fmt/format.h>

namespace wafix {

TreeCheck check_tree(const Tree& tree, uint32_t depth_limit) {
    static const uint16_t print_statement = python_symbol("print_statement", true);
    static const uint16_t exec_statement = python_symbol("exec_statement", true);
    static const uint16_t except_clause = python_symbol("except_clause", true);
    static const uint16_t comma = python_symbol(",", false);

    TreeCheck out;
    auto python2 = [&](Node n) -> std::optional<std::string_view> {
        uint16_t s = n.symbol();
        if (s == print_statement) return "print statement";
        if (s == exec_statement) return "exec statement";
        if (s == except_clause) {
            uint32_t count = n.child_count();
            for (uint32_t i = 0; i < count; ++i)
                if (n.child(i).symbol() == comma) return "`except X, name`";
        }
        return std::nullopt;
    };
    walk_tree(tree.root(), [&](Node n, uint32_t depth) {
        if (depth > depth_limit) {
            out.too_deep = true;
            return Walk::Stop;
        }
        if (auto what = python2(n)) {
            auto p = n.start_point();
            out.python2 = fmt::format("Python 2 syntax ({}) at {}:{}; wafix handles Python 3 only; file left unchanged",
                                      *what, p.row + 1, p.column + 1);
            return Walk::Stop;
        }
        return Walk::Descend;
    });
    return out;
}

// CPython's check of indentation that mixes tabs and spaces, which tree-sitter does not make (it
// counts a tab as 8 columns and nothing else): every logical line's indentation is measured with
// tabs to the next multiple of 8 and with tabs as 1, and both measures must order the lines the
// same way, else Python raises TabError. Runs on a tree without errors; the logical lines are
// the statements and clauses that begin a line. A file without tabs cannot fail it.
std::optional<std::string> inconsistent_indentation(const Tree& tree) {
    std::string_view text = tree.root().source();
    if (text.find('\t') == std::string_view::npos) return std::nullopt;
    std::vector<uint32_t> rows;  // each logical line's row, in order
    auto record = [&](const Node& n) {
        uint32_t start = n.start(), col = n.start_point().column;
        if (start < col) return;
        for (uint32_t i = start - col; i < start; ++i)
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\f') return;  // not first on its line
        if (rows.empty() || rows.back() < n.start_point().row) rows.push_back(n.start_point().row);
    };
    std::vector<Node> pending{tree.root()};  // statement containers and statements, depth first
    while (!pending.empty()) {
        Node n = pending.back();
        pending.pop_back();
        bool container = n.is("module") || n.is("block");
        if (!container && !n.is("comment")) record(n);
        std::vector<Node> next;
        for (const Node& c : n.named_children()) {
            if (c.is("comment")) continue;
            // Inside a statement only blocks and the clauses that begin their own line matter.
            if (container || c.is("block") || c.is("decorator") ||
                (c.type().size() > 7 && c.type().substr(c.type().size() - 7) == "_clause") ||
                (n.is("decorated_definition") && c.field_name_in_parent() == "definition"))
                next.push_back(c);
        }
        pending.insert(pending.end(), next.rbegin(), next.rend());
    }
    struct Indent {
        uint32_t col, alt;
    };
    std::vector<Indent> stack{{0, 0}};
    size_t line_start = 0;
    uint32_t row = 0;
    for (uint32_t target : rows) {
        for (; row < target; ++row) line_start = text.find('\n', line_start) + 1;
        Indent here{0, 0};
        for (size_t i = line_start; i < text.size(); ++i) {
            if (text[i] == ' ') ++here.col, ++here.alt;
            else if (text[i] == '\t') here.col = (here.col / 8 + 1) * 8, ++here.alt;
            else if (text[i] == '\f') here = {0, 0};
            else break;
        }
        auto fail = [&](const char* what) {
            return fmt::format("{} at {}:1 (Python rejects the file); file left unchanged", what, target + 1);
        };
        if (here.col == stack.back().col) {
            if (here.alt != stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
        } else if (here.col > stack.back().col) {
            if (here.alt <= stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
            stack.push_back(here);
        } else {
            while (stack.size() > 1 && here.col < stack.back().col) stack.pop_back();
            if (here.col != stack.back().col) return fail("unindent does not match any outer indentation level");
            if (here.alt != stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
        }
    }
    return std::nullopt;
}

}  // namespace wafix
