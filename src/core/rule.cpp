#include "wafix/core/rule.hpp"

namespace wafix {

std::string_view pillar_code(Pillar p) {
    switch (p) {
        case Pillar::Ops:
            return "OPS";
        case Pillar::Sec:
            return "SEC";
        case Pillar::Rel:
            return "REL";
        case Pillar::Perf:
            return "PERF";
        case Pillar::Cost:
            return "COST";
        case Pillar::Sus:
            return "SUS";
    }
    return "";
}

std::string_view pillar_title(Pillar p) {
    switch (p) {
        case Pillar::Ops:
            return "Operational excellence";
        case Pillar::Sec:
            return "Security";
        case Pillar::Rel:
            return "Reliability";
        case Pillar::Perf:
            return "Performance efficiency";
        case Pillar::Cost:
            return "Cost optimization";
        case Pillar::Sus:
            return "Sustainability";
    }
    return "";
}

std::string_view peer_tool_name(PeerTool tool) {
    switch (tool) {
        case PeerTool::Bandit:
            return "bandit";
        case PeerTool::Ruff:
            return "ruff";
        case PeerTool::Checkov:
            return "checkov";
        case PeerTool::CdkNag:
            return "cdk-nag";
        case PeerTool::DetectSecrets:
            return "detect-secrets";
        case PeerTool::Gitleaks:
            return "gitleaks";
    }
    return "";
}

const SettingSpec* RuleInfo::setting(std::string_view setting_name) const {
    for (const SettingSpec& s : settings)
        if (s.name == setting_name) return &s;
    return nullptr;
}

std::string pillars_text(const RuleInfo& info) {
    std::string out;
    for (Pillar p : info.pillars) {
        if (!out.empty()) out += ' ';
        out += pillar_code(p);
    }
    return out;
}

std::vector<std::string> pillar_codes(const RuleInfo& info) {
    std::vector<std::string> out;
    for (Pillar p : info.pillars) out.emplace_back(pillar_code(p));
    return out;
}

}  // namespace wafix
