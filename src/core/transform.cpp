#include "wafix/core/transform.hpp"

#include <algorithm>
#include <cstring>

namespace wafix {

Finding Context::finding(const RuleInfo& rule, Node node, std::string message) const {
    Finding f;
    f.rule = rule.id;
    f.begin = node.start();
    f.end = node.end();
    f.location = {node.start_point().row + 1, node.start_point().column + 1};
    f.message = std::move(message);
    return f;
}

bool Context::is_suppressed(const std::string& rule, Node node) const {
    if (!suppressions_) return false;
    Finding probe;
    probe.rule = rule;
    probe.begin = node.start();
    probe.end = node.end();
    probe.location = {node.start_point().row + 1, node.start_point().column + 1};
    return suppressions_->covers(probe);
}

uint32_t Context::line_limit() const {
    if (line_limit_ == 0) line_limit_ = apparent_line_limit(text());
    return line_limit_;
}

std::optional<std::vector<Edit>> Context::add_keyword_argument(Node call, std::string_view keyword_argument) const {
    return wafix::add_keyword_argument(text(), eol(), call, keyword_argument, line_limit());
}

bool Transform::refine(std::string_view, const TriggerHits&) const { return true; }

bool Transform::may_apply(std::string_view text) const {
    auto list = triggers();
    if (list.empty()) {
        static const LiteralSet none({});
        return refine(text, TriggerHits(none, {}));
    }
    LiteralSet set(list);
    TriggerHits hits(set, set.present(text));
    return hits.any(list) && refine(text, hits);
}

std::string pillars_text(const RuleInfo& info) {
    std::string out;
    for (const auto& p : info.pillars) {
        if (!out.empty()) out += ' ';
        out += p;
    }
    return out;
}

}  // namespace wafix
