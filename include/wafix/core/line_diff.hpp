// The line edit script between two texts, linear in practice: the common head and tail are
// trimmed, a middle small enough goes to dtl's O(NP) algorithm whole, a larger one is first cut
// at lines that occur exactly once on each side (patience anchors) and each gap is diffed on its
// own. A gap that is still large and has no anchor is matched greedily: valid, linear, maybe
// not minimal.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "wafix/core/text.hpp"  // split_lines

namespace wafix {

enum class LineOp { Common, Delete, Add };
struct LineStep {
    LineOp op;
    size_t old_index;  // 0-based line of old (for Add: the number of old lines before it)
    size_t new_index;  // 0-based line of new (for Delete: the number of new lines before it)
};

// Every line of both sides once, in order; inside a run of changes the deletions come first, as
// diff tools print them.
std::vector<LineStep> diff_lines(const std::vector<std::string_view>& old_lines,
                                 const std::vector<std::string_view>& new_lines);

}  // namespace wafix
