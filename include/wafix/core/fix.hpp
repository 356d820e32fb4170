// Findings and fixes as plain data: a transform produces them, the applier consumes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wafix {

// Replace bytes [begin, end) of the text with `text` (begin == end inserts).
struct Edit {
    uint32_t begin = 0;
    uint32_t end = 0;
    std::string text;

    bool operator==(const Edit& o) const { return begin == o.begin && end == o.end && text == o.text; }
    bool operator<(const Edit& o) const {
        if (begin != o.begin) return begin < o.begin;
        if (end != o.end) return end < o.end;
        return text < o.text;
    }
};

enum class Safety { Safe, Unsafe };

// A secret value a fix moves out of the code (hard-coded credentials). It travels only to the secrets manifest
// the user asks for and to the terminal diff's mask list: never into messages or logs.
struct SecretRecord {
    std::string id;                      // the Secrets Manager id the code now reads
    std::string kind;                    // "github-token", "password", ...
    std::string value;                   // the decoded value to store
    std::vector<std::string> spellings;  // how the value is written in the source (for masking)
    uint32_t offset = 0;                 // where the literal was, in the text the fix was made on
    uint32_t line = 0;                   // 1-based, filled in by the engine
};

struct Fix {
    std::string title;
    std::vector<Edit> edits;  // applied together or not at all
    Safety safety = Safety::Safe;
    std::vector<std::string> requirements;   // e.g. "defusedxml>=0.7.1": dependencies the fixed code needs
    std::vector<SecretRecord> secrets = {};  // values moved out of the code
};

struct Location {
    uint32_t line = 0;    // 1-based
    uint32_t column = 0;  // 1-based, in bytes
};

struct Finding {
    std::string rule;    // the rule's id (RuleInfo::id)
    uint32_t begin = 0;  // byte range in the text the finding was made on
    uint32_t end = 0;
    Location location;
    std::string message;
    std::optional<Fix> fix;
    // The Lambda functions (application-model ids) whose code this finding is in, or whose
    // construct it is on; filled in by the app layer after the rules ran.
    std::vector<std::string> functions = {};
};

}  // namespace wafix
