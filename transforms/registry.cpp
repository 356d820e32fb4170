// The registry's logic; the list itself is registry.def. Adding a rule: its file and doc under
// transforms/<family>/, one line in registry.def, a testdata/<RULE>/ folder and a CHANGELOG line
// (scripts/new-rule.sh writes them all).
#include "wafix/rules/registry.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "rule_file.hpp"

namespace wafix {

const std::map<std::string, std::string_view>& rule_docs();  // generated at build time

// Each rule file defines make_<name>() with WAFIX_RULE_FILE (no header declares them: the
// registry is their one user).
#define WAFIX_RULE(id, name, family) std::unique_ptr<Transform> make_##name(const RuleIdentity&);
#include "registry.def"
#undef WAFIX_RULE

namespace {

// The registry line's identity: the user-facing name is the snake_case one with '-'.
RuleIdentity identity(const char* id, std::string name, const char* family) {
    std::replace(name.begin(), name.end(), '_', '-');
    return {id, std::move(name), family};
}

}  // namespace

const std::vector<std::unique_ptr<Transform>>& all_transforms() {
    static const std::vector<std::unique_ptr<Transform>> transforms = [] {
        std::vector<std::unique_ptr<Transform>> v;
#define WAFIX_RULE(id, name, family) v.push_back(make_##name(identity(#id, #name, #family)));
#include "registry.def"
#undef WAFIX_RULE
        return v;
    }();
    return transforms;
}

const std::vector<const Transform*>& registered_transforms() {
    static const std::vector<const Transform*> pointers = [] {
        std::vector<const Transform*> v;
        for (const auto& t : all_transforms()) v.push_back(t.get());
        return v;
    }();
    return pointers;
}

const Transform* find_transform(std::string_view id) {
    for (const auto& t : all_transforms())
        if (t->info().id == id) return t.get();
    return nullptr;
}

std::string_view rule_doc(std::string_view id) {
    const auto& docs = rule_docs();
    auto it = docs.find(std::string(id));
    return it == docs.end() ? std::string_view() : it->second;
}

const std::vector<DeclaredSetting>& declared_settings() {
    static const std::vector<DeclaredSetting> settings = [] {
        std::vector<DeclaredSetting> v;
        for (const auto& t : all_transforms())
            for (const SettingSpec& s : t->info().settings) v.push_back({&t->info(), &s});
        return v;
    }();
    return settings;
}

const DeclaredSetting* find_setting(std::string_view name, bool with_aliases) {
    for (const DeclaredSetting& d : declared_settings()) {
        if (d.spec->name == name) return &d;
        if (with_aliases && std::find(d.spec->aliases.begin(), d.spec->aliases.end(), name) != d.spec->aliases.end())
            return &d;
    }
    return nullptr;
}

FileResult process_source(SourceFile source, const EngineOptions& options) {
    return process_source(std::move(source), options, registered_transforms());
}

}  // namespace wafix
