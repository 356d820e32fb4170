// Applies fixes to a text: sorted, identical edits merged, a fix that overlaps an accepted one
// is deferred as a whole (the engine's next pass may apply it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"

namespace wafix {

struct ApplyResult {
    std::string text;
    std::vector<size_t> applied;   // indices into the input fixes
    std::vector<size_t> deferred;  // conflicted with an earlier fix
    std::vector<Edit> edits;       // what was applied, in text order (identical edits merged)
};

// Fixes earlier in `fixes` win conflicts. Two edits conflict when their ranges overlap, or when
// both insert at the same offset with different text (their order would be a guess). Edits of
// one fix at the same offset keep their order.
ApplyResult apply_fixes(std::string_view text, const std::vector<Fix>& fixes);

// Applies edits known not to conflict (throws std::invalid_argument when they do).
std::string apply_edits(std::string_view text, std::vector<Edit> edits);

}  // namespace wafix
