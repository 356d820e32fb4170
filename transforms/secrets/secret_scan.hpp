// The hard-coded secret rule's internals, apart from its file so that each part reads alone:
// finding the literals that hold credentials (secret_scan.cpp) and planning the Secrets Manager
// lookup that replaces them (secret_lookup.cpp).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/secret_patterns.hpp"
#include "wafix/core/transform.hpp"

namespace wafix::secrets {

// A string literal's decoded value and how it is written.
struct Literal {
    Node node;                           // the string or concatenated_string
    std::string value;                   // decoded
    std::vector<std::string> spellings;  // raw content of each part
    std::string prefix;                  // string prefix letters of a plain string (r, u)
    char quote = '"';
    bool simple = false;  // one single-line string whose raw content equals its value
};

enum class Place { Assignment, Keyword, DictValue, Default, Positional, Comparison, EnvDefault };

// The name a JWT signing key passed to jwt.encode / jwt.decode is classified and named under.
inline constexpr const char* kJwtKeyName = "jwt_secret";

struct Candidate {
    Literal literal;
    Detection detection;
    Place place = Place::Assignment;
    std::string name;  // bound name ("" when none)
};

// What one pass over the module learns: the candidate literals (not silenced by a comment for
// `rule_id`) and what the lookup helper must match (ids in use, quotes, indentation).
struct Scan {
    std::vector<Candidate> candidates;
    std::set<std::string> used_ids;  // ids the module already reads
    std::vector<Node> functions;     // module-level function definitions
    std::string indent;              // one indentation level
};
Scan scan_module(const Context& ctx, std::string_view rule_id);

// Evaluated when the module is imported (not inside a function body).
bool runs_at_import(Node n);

// How the rewritten code reads a secret: a helper call, and the edits that add the helper.
struct Lookup {
    std::string call;         // "_get_secret" or "parameters.get_secret"
    std::vector<Edit> edits;  // the import and helper to add
    uint32_t ready_at = 0;    // import-time calls work from this offset on
    std::string why_not;      // non-empty when no lookup can be added
};
// Reuses a helper the module has, else Powertools' get_secret when the module or its project
// (`project_has_powertools`) uses it, else plans a small cached boto3 helper after the imports.
Lookup plan_lookup(Context& ctx, const Scan& scan, bool project_has_powertools);

}  // namespace wafix::secrets
