// Python string literals: their escape sequences decoded, as the interpreter does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wafix {

// The value of a non-raw str literal's body (between the quotes) with its escapes decoded;
// nullopt for \N{...} (names need Unicode's table) and malformed escapes.
std::optional<std::string> unescape_string_body(std::string_view body);

}  // namespace wafix
