// `wafix rules`: the registry as a table, or one rule's description and documentation. Everything
// shown comes from the rule's own RuleInfo and doc.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix::cli {

namespace {

std::string fix_text(const RuleInfo& i) {
    std::string out = i.fix == FixAvailability::Always      ? "yes"
                      : i.fix == FixAvailability::Sometimes ? "sometimes"
                                                            : "no";
    if (i.fix != FixAvailability::None && i.fix_safety == Safety::Unsafe) out += " (some unsafe)";
    return out;
}

// "bandit B113, request_without_timeout; ruff S113": codes grouped by tool, in declared order.
std::string peers_text(const RuleInfo& i) {
    std::string out;
    std::vector<PeerTool> tools;
    for (const PeerCode& p : i.peers)
        if (std::find(tools.begin(), tools.end(), p.tool) == tools.end()) tools.push_back(p.tool);
    for (PeerTool tool : tools) {
        std::string codes;
        for (const PeerCode& p : i.peers)
            if (p.tool == tool) codes += (codes.empty() ? "" : ", ") + p.code;
        out += fmt::format("{}{} {}", out.empty() ? "" : "; ", peer_tool_name(tool), codes);
    }
    return out;
}

void print_description(const RuleInfo& i) {
    std::cout << fmt::format("{} {} [{}] fix: {}\n", i.id, i.name, pillars_text(i), fix_text(i));
    std::cout << fmt::format("family: {}\n", i.family);
    if (!i.peers.empty()) std::cout << fmt::format("peers: {}\n", peers_text(i));
    for (const SettingSpec& s : i.settings) {
        std::string range = s.type == SettingType::Text ? "" : "; " + setting_range(s);
        std::cout << fmt::format("setting: --{} {} / {} = ... (default: {}{}): {}\n", s.name, s.value_name, s.name,
                                 s.default_value, range, s.help);
    }
    if (i.pr_note) std::cout << fmt::format("pull-request note: {}\n", i.pr_note->title);
    std::cout << "\n" << rule_doc(i.id) << "\n";
}

}  // namespace

int command_rules(const std::vector<std::string>& ids) {
    if (ids.empty()) {
        std::cout << fmt::format("{:<7} {:<30} {:<8} {:<10} {}\n", "ID", "NAME", "FAMILY", "PILLARS", "FIX");
        for (const auto& t : all_transforms()) {
            const RuleInfo& i = t->info();
            std::cout << fmt::format("{:<7} {:<30} {:<8} {:<10} {}\n", i.id, i.name, i.family, pillars_text(i),
                                     fix_text(i));
        }
        return kExitClean;
    }
    int rc = kExitClean;
    for (const auto& id : ids) {
        const Transform* t = find_transform(id);
        if (!t) {
            std::cerr << "wafix: unknown rule " << id << " (see `wafix rules`)\n";
            rc = kExitError;
            continue;
        }
        print_description(t->info());
    }
    return rc;
}

}  // namespace wafix::cli
