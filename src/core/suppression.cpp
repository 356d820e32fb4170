#include "wafix/core/suppression.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "wafix/core/python_edit.hpp"

namespace wafix {

namespace {

// ruff's S rules and bandit's B tests for the problems wafix fixes (documented in docs/suppressions.md).
const std::map<std::string, std::vector<std::string>>& peer_map() {
    static const std::map<std::string, std::vector<std::string>> m = [] {
        std::map<std::string, std::vector<std::string>> out;
        for (const char* prefix : {"S", "B"}) {
            std::string p(prefix);
            out[p + "113"] = {"WA201"};
            for (int c : {105, 106, 107}) out[p + std::to_string(c)] = {"WA301"};
            for (int c = 313; c <= 319; ++c) out[p + std::to_string(c)] = {"WA101"};
            out[p + "320"] = {"WA103"};
            for (int c = 405; c <= 409; ++c) out[p + std::to_string(c)] = {"WA101"};
            out[p + "410"] = {"WA103"};
            out[p + "411"] = {"WA102"};
        }
        out["hardcoded_password_string"] = {"WA301"};
        out["hardcoded_password_funcarg"] = {"WA301"};
        out["request_without_timeout"] = {"WA201"};
        return out;
    }();
    return m;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

// Codes in "[WA101, WA102]" or after "noqa:" ("S113, E501"), split on commas and spaces.
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

void parse_comment(std::string_view text, uint32_t line, bool own_line, bool honour_peers,
                   std::vector<Suppression>& out) {
    // A comment may hold several directives: "# noqa: S113  # wafix: ignore[WA201]".
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
            std::set<std::string> rules;
            if (after < part.size() && part[after] == '[') {
                size_t close = part.find(']', after);
                for (auto& c : split_codes(std::string_view(part).substr(
                         after + 1, close == std::string::npos ? std::string::npos : close - after - 1)))
                    rules.insert(c);
            }
            return rules;
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
            std::string rest = part.substr(noqa ? 4 : 5);
            std::string rest_trim = trim(rest);
            if (noqa && !rest_trim.empty() && rest_trim[0] != ':') continue;  // "noqa123" is not a noqa
            std::set<std::string> rules;
            bool any_code = false;
            for (const auto& code : split_codes(rest)) {
                std::string upper = code;
                std::transform(upper.begin(), upper.end(), upper.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
                auto mapped = rules_for_peer_code(upper);
                if (mapped.empty()) mapped = rules_for_peer_code(code);
                if (!mapped.empty() || (upper.size() > 1 && std::isdigit(static_cast<unsigned char>(upper[1]))))
                    any_code = true;
                rules.insert(mapped.begin(), mapped.end());
            }
            if (any_code && rules.empty()) continue;  // codes for other problems only
            out.push_back({line, rules, false, true, false});
        } else if (lower.rfind("pragma: allowlist secret", 0) == 0 ||
                   lower.find("gitleaks:allow") != std::string::npos) {
            out.push_back({line, {"WA301"}, false, true, false});
        }
    }
}

}  // namespace

std::vector<std::string> rules_for_peer_code(std::string_view code) {
    auto it = peer_map().find(std::string(code));
    return it == peer_map().end() ? std::vector<std::string>{} : it->second;
}

Suppressions::Suppressions(const Tree& tree, bool honour_peers) : tree_(tree) {
    static const Query comments("(comment) @c");
    std::string_view text = tree.source();
    // Every directive parse_comment() accepts holds one of these words: without them the comment
    // query (a walk of the whole tree) finds nothing.
    static const RE2 marker("(?i)wafix|nosec|noqa|allowlist|gitleaks");
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), marker)) return;
    for (const Match& m : comments.matches(tree.root())) {
        Node c = m.get("c");
        parse_comment(c.text(), c.start_point().row + 1, only_space_before(text, c.start()), honour_peers, items_);
    }
}

bool Suppressions::covers(const Finding& finding) {
    if (items_.empty()) return false;
    // The line of the finding, and the first line of the innermost statement that holds it.
    uint32_t stmt_line = finding.location.line;
    for (Node n(ts_node_descendant_for_byte_range(tree_.root().raw(), finding.begin, finding.end), tree_.source()); n;
         n = n.parent()) {
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
