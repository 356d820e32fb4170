// What the XML-parsing rules (stdlib parsers, xmlrpc, lxml) share.
#pragma once

#include "wafix/core/transform.hpp"

namespace wafix {

// The dependency the fixed code needs where it is deployed.
inline constexpr const char* kDefusedxmlRequirement = "defusedxml>=0.7.1";

}  // namespace wafix
