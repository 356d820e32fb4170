#include "wafix/core/transform.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

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
    if (line_limit_ == 0) line_limit_ = settings_.line_length > 0 ? settings_.line_length : apparent_line_limit(text());
    return line_limit_;
}

char Context::string_quote() const {
    if (settings_.quote) return settings_.quote;
    if (string_quote_) return string_quote_;
    size_t single = 0, doubled = 0;
    walk_tree(root(), [&](Node n, uint32_t) {
        if (!n.is("string")) return Walk::Descend;
        std::string_view start = n.child(0).text();  // string_start: prefix and quote(s)
        if (!start.empty() && !start.ends_with("'''") && !start.ends_with(R"(""")"))
            ++(start.back() == '\'' ? single : doubled);
        return Walk::Skip;
    });
    string_quote_ = single > doubled ? '\'' : '"';
    return string_quote_;
}

std::string Context::string_literal(std::string_view value) const {
    char q = string_quote();
    return std::string(1, q) + std::string(value) + q;
}

std::optional<std::vector<Edit>> Context::add_keyword_argument(Node call, std::string_view keyword_argument) const {
    return wafix::add_keyword_argument(text(), eol(), call, keyword_argument, line_limit());
}

const SettingSpec& Context::declared_setting(std::string_view name) const {
    const SettingSpec* spec = rule_ ? rule_->setting(name) : nullptr;
    if (!spec)
        throw std::logic_error(fmt::format("{} reads setting `{}`, which it does not declare",
                                           rule_ ? rule_->id : std::string("a rule"), name));
    return *spec;
}

int64_t Context::integer_setting(std::string_view name, int64_t lowest, int64_t highest) const {
    const SettingSpec& spec = declared_setting(name);
    if (spec.type != SettingType::Integer || spec.min < lowest || spec.max > highest)
        throw std::logic_error(fmt::format("setting `{}` is not an integer of that range", name));
    const std::string* chosen = settings_.find(name);
    auto value = parse_integer(chosen ? *chosen : spec.default_value);
    if (!value || *value < spec.min || *value > spec.max)
        throw std::logic_error(fmt::format("setting `{}` holds an unchecked value", name));
    return *value;
}

std::string_view Context::text_setting(std::string_view name) const {
    const SettingSpec& spec = declared_setting(name);
    if (spec.type == SettingType::Integer)
        throw std::logic_error(fmt::format("setting `{}` is an integer, not text", name));
    const std::string* chosen = settings_.find(name);
    return chosen ? *chosen : spec.default_value;
}

bool Context::project_declares(std::string_view package) const {
    bool asked = rule_ && std::find(rule_->project_packages.begin(), rule_->project_packages.end(), package) !=
                              rule_->project_packages.end();
    if (!asked)
        throw std::logic_error(fmt::format("{} asks about package `{}`, which it does not declare",
                                           rule_ ? rule_->id : std::string("a rule"), package));
    return settings_.declared_packages.count(package) > 0;
}

void Transform::run(Context& ctx, std::vector<Finding>& out) const {
    ctx.rule_ = &info_;
    check(ctx, out);
    ctx.rule_ = nullptr;
}

bool Transform::refine(std::string_view, const TriggerHits&) const { return true; }

bool Transform::may_apply(std::string_view text) const {
    const auto& list = info_.triggers;
    if (list.empty()) {
        static const LiteralSet none({});
        return refine(text, TriggerHits(none, {}));
    }
    LiteralSet set(std::vector<std::string_view>(list.begin(), list.end()));
    TriggerHits hits(set, set.present(text));
    return hits.any(list) && refine(text, hits);
}

}  // namespace wafix
