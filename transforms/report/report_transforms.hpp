// What the report-only rules share (findings a human must act on, with no automatic fix: IAM
// wildcards, time.sleep reachable from a handler, log groups and environments without a
// customer managed KMS key): name resolution with star imports, following values, strings.
#pragma once

#include <optional>
#include <string>

#include "wafix/core/transform.hpp"

namespace wafix {

namespace report_rules {

// The fully qualified name of an identifier or attribute chain (SemanticModel::qualified_name),
// falling back to the module's star imports for a root name nothing binds: with
// `from aws_cdk.aws_iam import *`, `PolicyStatement` -> "aws_cdk.aws_iam.PolicyStatement". Only the
// last star import counts, since a later one may re-export the same name from elsewhere.
std::optional<std::string> resolved_name(const SemanticModel& model, Node expr);

// The expression a name stands for when it is bound once, by a plain `name = value` assignment
// (followed up to a few hops); the expression itself otherwise. Parentheses are looked through.
Node follow_value(const SemanticModel& model, Node expr);

// The text of a string literal (also f-strings and implicit concatenations), each interpolation
// replaced by kPlaceholder; nullopt for anything else.
inline constexpr char kPlaceholder = '\x01';
std::optional<std::string> string_pattern(Node n);

// The keyword argument's value, or null.
Node keyword_value(Node call, std::string_view name);

// A call's function and the callee's resolved name, for calls whose function is a name chain.
std::optional<std::string> callee_name(const SemanticModel& model, Node call);

}  // namespace report_rules
}  // namespace wafix
