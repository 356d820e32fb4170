// Suppression comments: `# wafix: ignore[WA201]` (or bare) on a finding's line or on the first
// line of the statement holding it, `# wafix: ignore-file[...]` for a whole file, and the peers'
// comments for the same problems (`# nosec`, `# noqa: S113`, ...) through a fixed mapping.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"
#include "wafix/core/syntax.hpp"

namespace wafix {

struct Suppression {
    uint32_t line = 0;            // 1-based line of the comment
    std::set<std::string> rules;  // empty: every rule
    bool file_level = false;
    bool peer = false;  // a bandit/ruff/detect-secrets/gitleaks comment
    bool used = false;
};

class Suppressions {
public:
    Suppressions(const Tree& tree, bool honour_peers);
    // Marks and returns true when a suppression covers the finding.
    bool covers(const Finding& finding);
    const std::vector<Suppression>& all() const { return items_; }

private:
    const Tree& tree_;
    std::vector<Suppression> items_;
};

// The wafix rules a peer's code maps to (`S113` -> WA201); empty when none.
std::vector<std::string> rules_for_peer_code(std::string_view code);

}  // namespace wafix
