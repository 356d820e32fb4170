// What a rule says about itself, declared in the rule's own file. The layers above the rules read
// everything they need to know of a rule from here: command-line flags and `[tool.wafix]` keys
// for its settings (and their validation), the cache key, `wafix rules`, the peers' suppression
// comments, pull-request notes and the project facts the run resolves for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"

namespace wafix {

// The six pillars of the AWS Well-Architected Framework, in the framework's order.
enum class Pillar { Ops, Sec, Rel, Perf, Cost, Sus };
inline constexpr Pillar kAllPillars[] = {Pillar::Ops,  Pillar::Sec,  Pillar::Rel,
                                         Pillar::Perf, Pillar::Cost, Pillar::Sus};
std::string_view pillar_code(Pillar p);   // "SEC"
std::string_view pillar_title(Pillar p);  // "Security"

enum class FixAvailability { Always, Sometimes, None };

// The tools whose comments (or rule names) wafix understands; suppression.cpp knows each one's
// comment syntax, a rule only says which of their codes mean its problem.
enum class PeerTool {
    Bandit,         // `# nosec`, `# nosec B113`, `# nosec request_without_timeout`
    Ruff,           // `# noqa`, `# noqa: S113` (ruff's S rules are bandit's tests, renumbered)
    Checkov,        // `# checkov:skip=CKV_AWS_116: reason`
    CdkNag,         // rule names; cdk-nag suppressions live in code (NagSuppressions), not comments
    DetectSecrets,  // `# pragma: allowlist secret` silences every detector
    Gitleaks,       // `# gitleaks:allow` silences every rule
};
std::string_view peer_tool_name(PeerTool tool);  // "bandit"

struct PeerCode {
    PeerTool tool;
    std::string code;  // "B113", "S113", "CKV_AWS_116", "AwsSolutions-IAM5", a detector's name, ...
};

// A value a team chooses once for a rule: `--NAME VALUE` on the command line, `NAME = VALUE` in
// [tool.wafix]. Values travel as canonical text (RuleSettings); the type says how each front end
// reads and checks them.
enum class SettingType {
    Integer,  // a whole number in [min, max]; TOML: an integer
    Text,     // a string `check` accepts; TOML: a string
    Seconds,  // a positive decimal number of seconds up to `max`, or CONNECT,READ; TOML: a
              // number or [connect, read]
};

struct SettingSpec {
    std::string name;  // "reserved-concurrency": the [tool.wafix] key; the flag is --name
    SettingType type = SettingType::Text;
    std::string default_value;  // as written on the command line: "10"
    std::string help;           // one line, for --help and `wafix rules`
    std::string value_name;     // how --help names the value: "N", "SECONDS|CONNECT,READ", "PREFIX"
    int64_t min = 1;            // Integer: the smallest value accepted
    int64_t max = 1;            // Integer: the largest; Seconds: the most seconds
    // Text: why a value is refused ("" when it is fine); null accepts any string.
    std::string (*check)(std::string_view value) = nullptr;
    std::vector<std::string> aliases = {};  // older flag spellings, still accepted (without --)
};

// A paragraph the rule adds to the "Before merging" list of a pull request that carries its
// fixes: "**TITLE (RULE).** TEXT". "{secret_ids}" in TEXT stands for the ids of the secrets the
// commit moved (`a`, `b`); a note that names them is added only when the commit moved some.
struct PrNote {
    std::string title;
    std::string text;
};

struct RuleInfo {
    // These three come from the rule's registry line (transforms/registry.def), not its file.
    std::string id = {};      // three letters and digits: the user-facing code
    std::string name = {};    // "xml-external-entities"
    std::string family = {};  // its transforms/ folder; one pull request per family
    std::vector<Pillar> pillars;
    std::string summary;  // one line
    FixAvailability fix = FixAvailability::Sometimes;
    Safety fix_safety = Safety::Safe;  // the least safe fix it may offer
    // Byte strings at least one of which any file this rule can flag contains (Transform::may_apply).
    std::vector<std::string> triggers = {};
    std::vector<PeerCode> peers = {};
    std::vector<SettingSpec> settings = {};
    std::optional<PrNote> pr_note = std::nullopt;
    // Packages the rule asks whether the file's project declares (its nearest dependency
    // manifests): the run resolves them per file, since rules never read the file system.
    std::vector<std::string> project_packages = {};

    const SettingSpec* setting(std::string_view name) const;
};

// "SEC REL": the pillar codes joined by spaces.
std::string pillars_text(const RuleInfo& info);
std::vector<std::string> pillar_codes(const RuleInfo& info);

}  // namespace wafix
