// Checks on a parsed tree before any rule runs: what tree-sitter accepts but wafix must not touch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wafix/core/syntax.hpp"

namespace wafix {

// One walk of the tree, without recursion so a hostile file cannot exhaust the stack: how deep it
// nests (up to the limit) and the first Python 2 construct the grammar accepts for old code
// (print and exec statements, `except X, name`); wafix rewrites Python 3 only.
struct TreeCheck {
    bool too_deep = false;
    std::optional<std::string> python2;
};
TreeCheck check_tree(const Tree& tree, uint32_t depth_limit);

// CPython's TabError check (tree-sitter makes none): the message when the file's indentation
// mixes tabs and spaces in a way Python rejects.
std::optional<std::string> inconsistent_indentation(const Tree& tree);

}  // namespace wafix
