#include "add_noqa.hpp"

#include <fmt/format.h>

#include "wafix/core/syntax.hpp"

namespace wafix::cli {

namespace {

// Byte offset of the end of each line's content (before "\n" or "\r\n"), 1-based lines.
std::vector<size_t> line_ends(const std::string& text) {
    std::vector<size_t> ends{0};
    for (size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '\n')
            ends.push_back(i > 0 && i <= text.size() && text[i - 1] == '\r' ? i - 1 : i);
    return ends;
}

std::string directive(const std::set<std::string>& rules) {
    return fmt::format("  # wafix: ignore[{}]", fmt::join(rules, ","));
}

}  // namespace

NoqaEdit add_noqa_comments(const std::string& text, const std::map<uint32_t, std::set<std::string>>& rules_by_line) {
    std::map<uint32_t, std::set<std::string>> wanted = rules_by_line;
    std::vector<size_t> ends = line_ends(text);
    NoqaEdit edit;
    Parser parser;
    // Insert, re-parse, and drop every insertion that did not become a comment (a line ending
    // inside a triple-quoted string or after a backslash); then once more without them.
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::string out;
        std::vector<std::pair<uint32_t, size_t>> placed;  // line, offset of the '#' in `out`
        size_t copied = 0;
        for (const auto& [line, rules] : wanted) {
            if (line == 0 || line >= ends.size()) continue;
            size_t at = ends[line];
            if (at > 0 && text[at - 1] == '\\') {  // a comment cannot follow a line continuation
                if (attempt == 0) edit.not_comment.push_back(line);
                continue;
            }
            out.append(text, copied, at - copied);
            copied = at;
            std::string comment = directive(rules);
            placed.emplace_back(line, out.size() + 2);
            out += comment;
        }
        out.append(text, copied, std::string::npos);
        Tree tree = parser.parse(out);
        std::vector<uint32_t> bad;
        for (const auto& [line, hash] : placed) {
            TSNode n = ts_node_descendant_for_byte_range(tree.root().raw(), static_cast<uint32_t>(hash),
                                                         static_cast<uint32_t>(hash + 1));
            if (std::string_view(ts_node_type(n)) != "comment") bad.push_back(line);
        }
        if (bad.empty()) {
            edit.text = out;
            edit.added = static_cast<int>(placed.size());
            return edit;
        }
        for (uint32_t line : bad) {
            wanted.erase(line);
            edit.not_comment.push_back(line);
        }
    }
    edit.text = text;  // nothing certain: change nothing
    edit.added = 0;
    return edit;
}

}  // namespace wafix::cli
