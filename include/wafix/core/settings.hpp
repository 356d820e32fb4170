// Per-rule settings: values a team chooses once (CLI flags today, configuration files later).
// Transforms read them through Context::settings(); each rule's doc states its defaults.
#pragma once

#include <string>

namespace wafix {

struct RuleSettings {
    // WA201: seconds, or "CONNECT,READ" for a (connect, read) pair.
    std::string http_timeout = "10";
    // WA301: prefix of generated Secrets Manager ids; "{module}" stands for the module's name
    // (its directory for handler.py, app.py, ...), so equal names in two functions do not collide.
    std::string secret_id_prefix = "{module}/";
    // WA402: reserved concurrent executions written into Lambda constructs.
    int reserved_concurrency = 10;

    // Facts about the file's project rather than choices: analyse() resolves them per file from
    // the file system, which transforms never read themselves.
    // WA301: the dependency manifests nearest the file declare aws-lambda-powertools, so the
    // fix may use its parameters.get_secret even in a module that does not import it yet.
    bool project_uses_powertools = false;
};

}  // namespace wafix
