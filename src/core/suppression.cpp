#include "wafix/core/suppression.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "wafix/core/python_edit.hpp"
#include "wafix/core/transform.hpp"

namespace wafix {

namespace {

// The rules that declare a code of one of `tools` (RuleInfo::peers); every rule with any code of
// them when `code` is empty.
std::set<std::string> rules_for_peer(const std::vector<const Transform*>& rules, std::initializer_list<PeerTool> tools,
                                     std::string_view code) {
    std::set<std::string> out;
    for (const Transform* t : rules)
        for (const PeerCode& p : t->info().peers)
            if (std::find(tools.begin(), tools.end(), p.tool) != tools.end() && (code.empty() || p.code == code))
                out.insert(t->info().id);
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

// Codes in "[A, B]" or after "noqa:" ("S113, E501"), split on commas and spaces.
std::vector<std::string> split_codes(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            cur += c;
        } else {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// `# nosec ...` / `# noqa: ...` after the word: the rules their codes name (bandit's and ruff's
// codes alike, as ruff's S rules are bandit's tests renumbered), every rule for a bare one, or
// nothing (nullopt) when they name only other tools' problems.
std::optional<std::set<std::string>> bandit_or_ruff(const std::vector<const Transform*>& rules, std::string_view rest,
                                                    bool noqa) {
    std::string rest_trim = trim(rest);
    if (noqa && !rest_trim.empty() && rest_trim[0] != ':') return std::nullopt;  // "noqa123" is not a noqa
    std::set<std::string> out;
    bool any_code = false;
    for (const auto& code : split_codes(rest)) {
        auto mapped = rules_for_peer(rules, {PeerTool::Bandit, PeerTool::Ruff}, upper(code));
        if (mapped.empty()) mapped = rules_for_peer(rules, {PeerTool::Bandit, PeerTool::Ruff}, code);  // test names
        if (!mapped.empty() || (code.size() > 1 && std::isdigit(static_cast<unsigned char>(code[1])))) any_code = true;
        out.insert(mapped.begin(), mapped.end());
    }
    if (any_code && out.empty()) return std::nullopt;  // codes for other problems only
    return out;
}

// `# checkov:skip=CKV_AWS_116: reason`: the rules that declare that check.
std::set<std::string> checkov_skip(const std::vector<const Transform*>& rules, std::string_view rest) {
    size_t end = rest.find_first_of(": \t,");
    std::string code = trim(rest.substr(0, end));
    return code.empty() ? std::set<std::string>{} : rules_for_peer(rules, {PeerTool::Checkov}, code);
}

void parse_comment(std::string_view text, uint32_t line, bool own_line, bool honour_peers,
                   const std::vector<const Transform*>& rules, std::vector<Suppression>& out) {
    // A comment may hold several directives: "# noqa: S113  # wafix: ignore[...]".
    size_t pos = 0;
    while ((pos = text.find('#', pos)) != std::string_view::npos) {
        size_t next = text.find('#', pos + 1);
        std::string part =
            trim(text.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1));
        pos = pos + 1;
        std::string lower = part;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto bracket_codes = [&](size_t after) {
            std::set<std::string> ids;
            if (after < part.size() && part[after] == '[') {
                size_t close = part.find(']', after);
                for (auto& c : split_codes(std::string_view(part).substr(
                         after + 1, close == std::string::npos ? std::string::npos : close - after - 1)))
                    ids.insert(c);
            }
            return ids;
        };
        if (lower.rfind("wafix: ignore-file", 0) == 0 || lower.rfind("wafix:ignore-file", 0) == 0) {
            if (!own_line) continue;
            size_t after = part.find("ignore-file") + 11;
            out.push_back({line, bracket_codes(after), true, false, false});
        } else if (lower.rfind("wafix: ignore", 0) == 0 || lower.rfind("wafix:ignore", 0) == 0) {
            size_t after = part.find("ignore") + 6;
            out.push_back({line, bracket_codes(after), false, false, false});
        } else if (!honour_peers) {
            continue;
        } else if (lower.rfind("nosec", 0) == 0 || lower.rfind("noqa", 0) == 0) {
            bool noqa = lower.rfind("noqa", 0) == 0;
            if (auto mapped = bandit_or_ruff(rules, std::string_view(part).substr(noqa ? 4 : 5), noqa))
                out.push_back({line, std::move(*mapped), false, true, false});
        } else if (lower.rfind("checkov:skip=", 0) == 0) {
            auto mapped = checkov_skip(rules, std::string_view(part).substr(13));
            if (!mapped.empty()) out.push_back({line, std::move(mapped), false, true, false});
        } else {
            // detect-secrets' and gitleaks' markers silence every detector of theirs.
            std::set<std::string> mapped;
            if (lower.rfind("pragma: allowlist secret", 0) == 0)
                mapped = rules_for_peer(rules, {PeerTool::DetectSecrets}, "");
            if (lower.find("gitleaks:allow") != std::string::npos) {
                auto more = rules_for_peer(rules, {PeerTool::Gitleaks}, "");
                mapped.insert(more.begin(), more.end());
            }
            if (!mapped.empty()) out.push_back({line, std::move(mapped), false, true, false});
        }
    }
}

}  // namespace

Suppressions::Suppressions(const Tree& tree, bool honour_peers, const std::vector<const Transform*>& rules)
    : tree_(tree) {
    static const Query comments("(comment) @c");
    std::string_view text = tree.source();
    // Every directive parse_comment() accepts holds one of these words: without them the comment
    // query (a walk of the whole tree) finds nothing.
    static const RE2 marker("(?i)wafix|nosec|noqa|checkov|allowlist|gitleaks");
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), marker)) return;
    for (const Match& m : comments.matches(tree.root())) {
        Node c = m.get("c");
        parse_comment(c.text(), c.start_point().row + 1, only_space_before(text, c.start()), honour_peers, rules,
                      items_);
    }
}

bool Suppressions::covers(const Finding& finding) {
    if (items_.empty()) return false;
    // The line of the finding, and the first line of the innermost statement that holds it.
    uint32_t stmt_line = finding.location.line;
    for (Node n = tree_.root().descendant_for_byte_range(finding.begin, finding.end); n; n = n.parent()) {
        std::string_view t = n.type();
        if (t.ends_with("_statement") || t == "function_definition" || t == "class_definition" ||
            t == "decorated_definition") {
            stmt_line = n.start_point().row + 1;
            break;
        }
    }
    for (Suppression& s : items_) {
        bool here = s.file_level || s.line == finding.location.line || s.line == stmt_line;
        if (here && (s.rules.empty() || s.rules.count(finding.rule))) {
            s.used = true;
            return true;
        }
    }
    return false;
}

}  // namespace wafix
