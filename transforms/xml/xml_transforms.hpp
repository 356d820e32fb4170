// The XML-parsing family: WA101 (stdlib parsers), WA102 (xmlrpc), WA103 (lxml).
#pragma once

#include <memory>

#include "wafix/core/transform.hpp"

namespace wafix {

std::unique_ptr<Transform> make_xml_external_entities();  // WA101
std::unique_ptr<Transform> make_xmlrpc_unprotected();     // WA102
std::unique_ptr<Transform> make_lxml_unsafe_parser();     // WA103

// The dependency the fixed code needs where it is deployed.
inline constexpr const char* kDefusedxmlRequirement = "defusedxml>=0.7.1";

}  // namespace wafix
