// Names in Python source: splitting identifiers into words, snake_case, keywords, and choosing a
// name the file does not use yet. Shared by every rule that introduces a variable, a helper or a
// constant.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/semantic.hpp"

namespace wafix {

// The words of an identifier or key, lower-cased: "clientSecret" -> client, secret;
// "ERP_API_KEY" -> erp, api, key; "SQSHandler" -> sqs, handler. Non-alphanumerics separate.
std::vector<std::string> identifier_words(std::string_view name);
// Those words joined by '_' ("LegacyExporter" -> "legacy_exporter"); "" when there are none.
std::string snake_case(std::string_view name);
// Python's keywords, soft ones included (match, case, type, _): not usable as a new name.
bool is_python_keyword(std::string_view word);

// True when `word` stands in `text` as a whole identifier (not inside a longer one).
bool word_in_text(std::string_view text, std::string_view word);
// `base`, else `base_2`, `base_3`, ...: the first that does not stand in `text` and is not `avoid`.
std::string fresh_name(std::string_view text, std::string_view base, std::string_view avoid = {});
// The first of `candidates` that nothing visible from `scope` binds; "" when all are taken.
std::string first_unbound(const SemanticModel& model, int scope, std::initializer_list<std::string_view> candidates);

}  // namespace wafix
