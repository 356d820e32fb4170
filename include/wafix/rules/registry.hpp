// The registry: every rule wafix has, in rule-id order, with its embedded documentation. The
// layers above the rules (app, pr, cli) learn what rules exist only from here.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "wafix/core/engine.hpp"
#include "wafix/core/transform.hpp"

namespace wafix {

// Every transform, sorted by rule id (an explicit list: no static-initialisation tricks).
const std::vector<std::unique_ptr<Transform>>& all_transforms();
// The same as plain pointers, the form the engine takes.
const std::vector<const Transform*>& registered_transforms();
const Transform* find_transform(std::string_view id);
// The rule's documentation (Markdown), embedded at build time; empty when missing.
std::string_view rule_doc(std::string_view id);

// Every setting a rule declares, with its rule, in rule order: the command-line flags and
// [tool.wafix] keys are made from these. Names are unique across rules (tests/unit/registry_test).
struct DeclaredSetting {
    const RuleInfo* rule;
    const SettingSpec* spec;
};
const std::vector<DeclaredSetting>& declared_settings();
// The setting named `name` (its key; `aliases` too when `with_aliases`), or null.
const DeclaredSetting* find_setting(std::string_view name, bool with_aliases = false);

// process_source with every registered rule.
FileResult process_source(SourceFile source, const EngineOptions& options);

}  // namespace wafix
