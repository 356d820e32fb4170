#include "wafix/core/settings.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

namespace wafix {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A positive decimal as Python reads it: 0|[1-9][0-9]* with an optional .[0-9]+ fraction, of at
// most `max`. The value is compared as written, digit by digit, so no length overflows.
bool positive_seconds(std::string_view s, int64_t max) {
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == 0 || (i > 1 && s[0] == '0')) return false;
    std::string_view whole = s.substr(0, i), fraction;
    if (i < s.size()) {
        if (s[i] != '.' || i + 1 == s.size()) return false;
        fraction = s.substr(i + 1);
        for (char c : fraction)
            if (c < '0' || c > '9') return false;
    }
    bool fraction_zero = fraction.find_first_not_of('0') == std::string_view::npos;
    if (whole == "0" && fraction_zero) return false;  // zero waits forever in some libraries
    std::string limit = std::to_string(max);
    if (whole.size() != limit.size()) return whole.size() < limit.size();
    if (whole != limit) return whole < limit;
    return fraction_zero;
}

}  // namespace

std::optional<int64_t> parse_integer(std::string_view text) {
    int64_t v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return v;
}

std::optional<std::vector<std::string_view>> seconds_parts(std::string_view value, int64_t max) {
    std::vector<std::string_view> parts;
    size_t comma = value.find(',');
    parts.push_back(trim(value.substr(0, comma)));
    if (comma != std::string_view::npos) parts.push_back(trim(value.substr(comma + 1)));
    for (std::string_view p : parts)
        if (!positive_seconds(p, max)) return std::nullopt;
    return parts;
}

std::string setting_range(const SettingSpec& spec) {
    switch (spec.type) {
        case SettingType::Integer:
            if (spec.min == 1) return fmt::format("a positive integer, at most {}", spec.max);
            return fmt::format("an integer from {} to {}", spec.min, spec.max);
        case SettingType::Seconds:
            return fmt::format("a positive number of seconds, at most {}, or CONNECT,READ", spec.max);
        case SettingType::Text:
            break;
    }
    return "a string";
}

std::string setting_error(const SettingSpec& spec, std::string_view value) {
    switch (spec.type) {
        case SettingType::Integer: {
            auto n = parse_integer(value);
            if (n && *n >= spec.min && *n <= spec.max) return {};
            return fmt::format("must be {} (got {})", setting_range(spec), value);
        }
        case SettingType::Seconds:
            if (seconds_parts(value, spec.max)) return {};
            return fmt::format("must be {}, e.g. 10 or 3.05,27 (got {})", setting_range(spec), value);
        case SettingType::Text:
            if (!spec.check) return {};
            if (std::string why = spec.check(value); !why.empty())
                return fmt::format("must be {} (got {})", why, value);
            return {};
    }
    return {};
}

}  // namespace wafix
