// Suppression comments: `# wafix: ignore[RULE]` (or bare) on a finding's line or on the first
// line of the statement holding it, `# wafix: ignore-file[...]` for a whole file, and the peers'
// comments for the same problems (`# nosec`, `# noqa: S113`, `# checkov:skip=...`, ...), mapped
// to rules through the codes each rule declares (RuleInfo::peers).
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

class Transform;

class Suppressions {
public:
    // `rules` are the rules that run: their declared peer codes give the peers' comments meaning.
    Suppressions(const Tree& tree, bool honour_peers, const std::vector<const Transform*>& rules);
    // Marks and returns true when a suppression covers the finding.
    bool covers(const Finding& finding);
    const std::vector<Suppression>& all() const { return items_; }

private:
    const Tree& tree_;
    std::vector<Suppression> items_;
};

}  // namespace wafix
