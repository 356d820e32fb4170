// Edit helpers every transform needs, written once: they keep the file's layout (one element
// per line or packed, indentation, trailing commas, trailing comments, line endings).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"

namespace wafix {

// Line arithmetic on a text.
uint32_t line_start(std::string_view text, uint32_t pos);
// Offset of the line terminator ("\r\n" or "\n") of pos's line, or text.size().
uint32_t line_content_end(std::string_view text, uint32_t pos);
// Offset just past the line terminator of pos's line, or text.size().
uint32_t next_line_start(std::string_view text, uint32_t pos);
// The whitespace that starts pos's line.
std::string_view line_indent(std::string_view text, uint32_t pos);
bool only_space_before(std::string_view text, uint32_t pos);
// True when from pos to the end of its line there is only whitespace and perhaps a comment.
bool only_space_or_comment_after(std::string_view text, uint32_t pos);

// Adds `element` (e.g. "timeout=30") as the last element of a parenthesised, comma-separated
// list: a call's argument_list or a from-import's name list. nullopt when the list cannot take
// one (e.g. a bare generator argument).
// A single-line list whose line would grow past `line_limit` (0: no limit) is split one element
// per line, indented one level (4 spaces, or a tab in tab-indented code) past the line, with a
// trailing comma and the closing bracket on its own line.
std::optional<std::vector<Edit>> add_list_element(std::string_view text, std::string_view eol, Node open_paren,
                                                  const std::vector<Node>& elements, Node close_paren,
                                                  std::string_view element, uint32_t line_limit = 0);
std::optional<std::vector<Edit>> add_keyword_argument(std::string_view text, std::string_view eol, Node call,
                                                      std::string_view keyword_argument, uint32_t line_limit = 0);
// The line length a file keeps to: its longest line rounded up to a common limit (79, 88, 99,
// 120), or that length when longer.
uint32_t apparent_line_limit(std::string_view text);
// The arguments of a call (comments excluded).
std::vector<Node> call_arguments(Node call);
// The keyword_argument named `name` of a call, or null.
Node keyword_argument(Node call, std::string_view name);
// True when the call passes *args or **kwargs (Splat::Any), or **kwargs (Splat::Mapping): they may
// already carry any argument, so a rule that would add one leaves the call alone.
enum class Splat { Any, Mapping };
bool has_splat_arguments(Node call, Splat which = Splat::Any);
bool is_splat(Node argument, Splat which = Splat::Any);
// The comma right after a list element (comments skipped), or null.
Node following_comma(Node element);

// Inserts `line` (no terminator) as a new line after the line where `stmt` ends, with the
// indentation of stmt's first line.
Edit insert_line_after(std::string_view text, std::string_view eol, Node stmt, std::string_view line);
// Inserts `line` as a new line before the line where `stmt` starts, with stmt's indentation.
Edit insert_line_before(std::string_view text, std::string_view eol, Node stmt, std::string_view line);

// Removes one imported name from an import statement with several, keeping the rest well formed.
std::vector<Edit> remove_import_item(std::string_view text, Node stmt, Node item);
// Removes several names at once (adjacent names are deleted as one span). Empty when the
// statement would be left with none: replace the statement instead.
std::vector<Edit> remove_import_items(std::string_view text, Node stmt, const std::vector<Node>& items);
// Adds a name to a from-import's list.
std::optional<std::vector<Edit>> append_import_name(std::string_view text, std::string_view eol, Node stmt,
                                                    std::string_view name);

// The module-level statement that contains `n` (n itself when it is one).
Node module_level_statement(Node n);
// The innermost statement (a child of a block or of the module) that contains `n`.
Node enclosing_statement(Node n);
// The last statement of the module's leading import block (docstring, comments, __future__,
// imports, and try/if statements holding only imports), or null when the module has none.
Node top_import_block_end(Node module);

// A new module-level statement (a constant, a setup call) on its own line after the module's top
// import block (`block_end`, as top_import_block_end or Context::import_block_end find it), set
// off from it by a blank line; with `blank_after` also from the code that follows. nullopt when
// the module has no import block: ImportPlanner::import_line_edit then says where imports (and
// what must follow them) go.
std::optional<Edit> statement_after_imports(std::string_view text, std::string_view eol, Node block_end,
                                            std::string_view line, bool blank_after);

// Plans imports for one pass over one file, so that every transform asking for the same module
// gets the same expression and the same (merged) edit rather than a duplicate import.
class ImportPlanner {
public:
    ImportPlanner(const Tree& tree, const SemanticModel& model, std::string eol);

    struct Access {
        std::string expr;         // how code reaches the module or name, e.g. "defusedxml.ElementTree"
        std::vector<Edit> edits;  // the import to add, if any
    };
    // Access to module `module` (`import module` when not already bound). `anchor` is an import
    // statement the new line should follow when it is at module level. nullopt when the name the
    // import would bind is taken by something else.
    std::optional<Access> module(const std::string& module, Node anchor = {});
    // An existing module-level binding of `module` (import, alias or from-import), if any.
    std::optional<std::string> existing_module(const std::string& module) const;
    // An existing module-level binding of `module.name` (from-import), if any.
    std::optional<std::string> existing_name(const std::string& module, const std::string& name) const;
    // Where a new import line goes: the line after this statement, or before `before` when the
    // module has no import (or at offset 0 of an empty module).
    Edit import_line_edit(const std::string& line, Node anchor) const;
    // top_import_block_end of the module, found once per pass.
    Node import_block_end() const;

private:
    const Tree& tree_;
    const SemanticModel& model_;
    std::string eol_;
    std::map<std::string, Access> planned_;
    mutable std::optional<Node> block_end_;
};

}  // namespace wafix
