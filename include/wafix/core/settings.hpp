// Per-rule settings as the engine receives them: the values a team chose (configuration file,
// command line) by the name the rule declares (RuleInfo::settings), and the project facts the run
// resolved for the file. A rule reads them through Context::setting<T>() and
// Context::project_declares(); a setting nobody chose takes the rule's declared default.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/rule.hpp"

namespace wafix {

struct RuleSettings {
    // Setting name -> its value as canonical text, already checked (setting_error) by the front
    // end that read it. Absent: the rule's default.
    std::map<std::string, std::string, std::less<>> values;
    // Facts about the file's project rather than choices: packages its nearest dependency
    // manifests declare, for the rules that asked (RuleInfo::project_packages).
    std::set<std::string, std::less<>> declared_packages;
    // The line length the project's formatter or linter is configured with (pyproject, setup.cfg,
    // tox.ini, .flake8, .editorconfig); 0: unknown, the file's own lines decide.
    uint32_t line_length = 0;
    // The quote the project's formatter writes strings with ('"' or '\''); 0: unknown or kept per
    // file, the file's own literals decide (Context::string_quote).
    char quote = 0;

    void set(const std::string& name, std::string value) { values[name] = std::move(value); }
    const std::string* find(std::string_view name) const {
        auto it = values.find(name);
        return it == values.end() ? nullptr : &it->second;
    }
};

// Why `value` is not a valid value of `spec` ("" when it is), as the end of a sentence that starts
// with the setting's name: "must be a positive integer, at most 1000000 (got 0)". Numbers are
// range-checked as written: text that would overflow is refused, never wrapped.
std::string setting_error(const SettingSpec& spec, std::string_view value);
// What the setting accepts, for --help and the docs: "a positive integer, at most 1000000".
std::string setting_range(const SettingSpec& spec);

// A whole number as written (optional '-', digits only); nullopt when it is not one or does not
// fit in 64 bits.
std::optional<int64_t> parse_integer(std::string_view text);
// The numbers of a Seconds value, each as written: one, or connect and read ("3.05,27"). Each is a
// positive decimal as Python reads it (no leading zeros, no exponent) of at most `max` seconds;
// nullopt otherwise.
std::optional<std::vector<std::string_view>> seconds_parts(std::string_view value, int64_t max);

}  // namespace wafix
