// WA301 hardcoded-secret: credentials written into the code become AWS Secrets Manager lookups.
//
// Each literal becomes a call to one small cached helper added after the imports (or to
// Powertools' parameters.get_secret when the module or its project already uses Powertools). The value itself
// leaves only through Fix::secrets, for the manifest the user asks for: messages never hold it.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "rule_file.hpp"
#include "secrets/secret_access.hpp"
#include "secrets/secret_scan.hpp"

namespace wafix {
namespace {

using secrets::Candidate;
using secrets::Detection;
using secrets::Place;

bool is_identifier_like(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

// The module's name for secret ids: the file's stem, or its directory for conventional entry
// files (functions/supplier_sync/handler.py -> supplier-sync).
std::string module_label(const std::filesystem::path& path) {
    static const std::set<std::string> generic = {"handler",  "handlers",        "main",     "app",
                                                  "index",    "lambda_function", "function", "__init__",
                                                  "__main__", "settings",        "config",   "module"};
    std::string stem = path.stem().string();
    if (generic.count(stem)) {
        std::filesystem::path dir = path.parent_path();
        if (dir.empty() || dir.filename().empty() || dir.filename() == ".") {
            std::error_code ec;
            dir = std::filesystem::absolute(path, ec).parent_path();
        }
        std::string d = dir.filename().string();
        if (!d.empty() && d != "/" && d != "." && d != "..") stem = d;
    }
    std::string n = secrets::normalise_name(stem);
    return n.empty() ? "app" : n;
}

// An absolute path below the working directory, relative to it: folders above the project
// ("/home/me/test/...") say nothing about whether a file is a test.
std::filesystem::path project_relative(const std::filesystem::path& p) {
    if (!p.is_absolute()) return p;
    std::error_code ec;
    std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec) return p;
    std::filesystem::path rel = p.lexically_relative(cwd);
    if (rel.empty() || *rel.begin() == "..") return p;
    return rel;
}

// Characters Secrets Manager accepts in a name, besides letters and digits.
constexpr std::string_view kIdPunctuation = "/_+=.@-";

// Characters Secrets Manager accepts in a name.
std::string sanitise_id(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) || kIdPunctuation.find(c) != std::string_view::npos) out += c;
    return out;
}

std::string describe(const Candidate& c) {
    std::string what = "hard-coded " + c.detection.kind;
    if (c.name == secrets::kJwtKeyName) {
        what += " as a JWT signing key";
    } else if (is_identifier_like(c.name)) {
        if (c.place == Place::Comparison) what += fmt::format(" compared with `{}`", c.name);
        else if (c.place == Place::EnvDefault)
            what += fmt::format(" as the default of environment variable `{}`", c.name);
        else what += fmt::format(" in `{}`", c.name);
    }
    return what;
}

constexpr const char* kRotate = "the value stays in git history, so rotate it";

std::string check_secret_prefix(std::string_view v) {
    std::string rest(v);
    for (size_t at; (at = rest.find("{module}")) != std::string::npos;) rest.erase(at, 8);
    for (char c : rest)
        if (!std::isalnum(static_cast<unsigned char>(c)) && kIdPunctuation.find(c) == std::string_view::npos)
            return "letters, digits, /_+=.@- and {module} only";
    return {};
}

constexpr const char* kPowertools = "aws-lambda-powertools";

// Case variants of the words a secret's name carries, and the provider prefixes.
std::vector<std::string> secret_triggers() {
    std::vector<std::string> t = {"pass",   "Pass",  "PASS",  "pwd",   "Pwd",  "PWD", "secret", "Secret",
                                  "SECRET", "token", "Token", "TOKEN", "key",  "Key", "KEY",    "auth",
                                  "Auth",   "AUTH",  "cred",  "Cred",  "CRED", "://"};
    for (std::string_view prefix : secrets::provider_prefixes()) t.emplace_back(prefix);
    return t;
}

class HardcodedSecret final : public Transform {
    using Transform::Transform;

    // The trigger words are in most files; the file is parsed only when a provider token, or a
    // quoted run that could be a secret value bound to such a word, is in its bytes.
    bool refine(std::string_view text, const TriggerHits& hits) const override {
        return secrets::may_contain_secrets(text, hits.any(secrets::provider_prefixes()));
    }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        if (secrets::is_test_path(project_relative(ctx.file().path))) return;
        secrets::Scan scan = secrets::scan_module(ctx, info().id);
        if (scan.candidates.empty()) return;

        std::optional<secrets::Lookup> helper;
        std::map<std::string, std::string> id_of_value;
        std::set<std::string> used_ids = scan.used_ids;
        std::string prefix = secret_prefix(ctx);
        for (const Candidate& c : scan.candidates) {
            if (c.place == Place::Comparison) {
                out.push_back(
                    ctx.finding(info(), c.literal.node,
                                describe(c) + ": move the expected value to AWS Secrets Manager by hand; " + kRotate));
                continue;
            }
            if (c.place == Place::EnvDefault) {
                // A lookup as the default would run even when the variable is set: a human decides.
                out.push_back(
                    ctx.finding(info(), c.literal.node,
                                describe(c) + ": drop the default or read it from AWS Secrets Manager; " + kRotate));
                continue;
            }
            if (!helper) helper = secrets::plan_lookup(ctx, scan, ctx.project_declares(kPowertools));
            std::string why_not = helper->why_not;
            if (why_not.empty() && secrets::runs_at_import(c.literal.node) &&
                module_level_statement(c.literal.node).start() < helper->ready_at)
                why_not = "it is evaluated at import time, before the lookup helper or boto3's import";
            if (!why_not.empty()) {
                out.push_back(ctx.finding(info(), c.literal.node,
                                          describe(c) + ": not rewritten (" + why_not +
                                              "); move it to AWS Secrets Manager by hand; " + kRotate));
                continue;
            }
            const Detection& d = c.detection;
            bool partial = c.literal.simple && (d.begin > 0 || d.end < c.literal.value.size());
            std::string secret = partial ? c.literal.value.substr(d.begin, d.end - d.begin) : c.literal.value;
            std::string id = secret_id(prefix, c, secret, id_of_value, used_ids);

            std::string q(1, c.literal.quote == '\'' ? '\'' : '"');
            std::string call = helper->call + "(" + q + id + q + ")";
            std::string replacement = call;
            if (partial) {
                std::string head = c.literal.value.substr(0, d.begin), tail = c.literal.value.substr(d.end);
                std::string quote(1, c.literal.quote);
                if (!head.empty()) replacement = c.literal.prefix + quote + head + quote + " + " + replacement;
                if (!tail.empty()) replacement += " + " + c.literal.prefix + quote + tail + quote;
            }
            secrets::SecretAccess access = secrets::secret_access(ctx.app_model(), ctx.file().path, id);
            Fix fix;
            fix.title = "Read the secret from AWS Secrets Manager";
            if (access.role_unseen) fix.safety = Safety::Unsafe;
            fix.edits = helper->edits;
            fix.edits.push_back({c.literal.node.start(), c.literal.node.end(), replacement});
            SecretRecord record;
            record.id = id;
            record.kind = d.kind;
            record.value = secret;
            record.spellings = partial ? std::vector<std::string>{secret} : c.literal.spellings;
            record.offset = c.literal.node.start();
            record.access = access.to_add;
            fix.secrets.push_back(std::move(record));
            std::string message =
                describe(c) + fmt::format(": read it from AWS Secrets Manager (secret id \"{}\"); ", id);
            if (access.role_unseen) message += "[unsafe fix with --unsafe-fixes] ";
            if (!access.note.empty()) message += access.note + "; ";
            Finding f = ctx.finding(info(), c.literal.node, message + kRotate);
            f.fix = std::move(fix);
            out.push_back(std::move(f));
        }
    }

    static std::string secret_prefix(const Context& ctx) {
        std::string p = ctx.setting<std::string>("secret-id-prefix");
        size_t at = p.find("{module}");
        if (at != std::string::npos) p.replace(at, 8, module_label(ctx.file().path));
        return sanitise_id(p);
    }

    static std::string secret_id(const std::string& prefix, const Candidate& c, const std::string& secret,
                                 std::map<std::string, std::string>& id_of_value, std::set<std::string>& used) {
        if (auto it = id_of_value.find(secret); it != id_of_value.end()) return it->second;
        // A provider token under a neutral name ("Authorization") is best named by its kind.
        bool neutral = c.detection.provider && !secrets::generic_kind(c.name);
        std::string base = neutral ? std::string() : secrets::normalise_name(c.name);
        // A URL's password is named after the URL's name (DATABASE_URL -> database-url-password).
        if (c.detection.kind == "url-password" && !secrets::normalise_name(c.name).empty())
            base = secrets::normalise_name(c.name) + "-password";
        if (base.empty() || base.size() > 64) base = c.detection.kind;
        base = prefix + base;
        std::string id = base;
        for (int n = 2; used.count(id); ++n) id = fmt::format("{}-{}", base, n);
        used.insert(id);
        id_of_value[secret] = id;
        return id;
    }
};

}  // namespace

WAFIX_RULE_FILE(hardcoded_secret, HardcodedSecret,
                {.pillars = {Pillar::Sec},
                 .summary = "hard-coded credentials: read them from AWS Secrets Manager",
                 // Unsafe only where a function that ships the file runs with a role its construct
                 // does not define: the lookup alone would then fail with AccessDenied.
                 .fix_safety = Safety::Unsafe,
                 .triggers = secret_triggers(),
                 .peers = {{PeerTool::Bandit, "B105"},
                           {PeerTool::Bandit, "B106"},
                           {PeerTool::Bandit, "B107"},
                           {PeerTool::Bandit, "hardcoded_password_string"},
                           {PeerTool::Bandit, "hardcoded_password_funcarg"},
                           {PeerTool::Bandit, "hardcoded_password_default"},
                           {PeerTool::Ruff, "S105"},
                           {PeerTool::Ruff, "S106"},
                           {PeerTool::Ruff, "S107"},
                           {PeerTool::DetectSecrets, "KeywordDetector"},
                           {PeerTool::DetectSecrets, "AWSKeyDetector"},
                           {PeerTool::DetectSecrets, "PrivateKeyDetector"},
                           {PeerTool::Gitleaks, "generic-api-key"},
                           {PeerTool::Gitleaks, "aws-access-token"},
                           {PeerTool::Gitleaks, "private-key"}},
                 .settings = {{.name = "secret-id-prefix",
                               .default_value = "{module}/",
                               .help = "prefix of generated Secrets Manager ids; {module} is the module's name",
                               .value_name = "PREFIX",
                               .check = check_secret_prefix,
                               .aliases = {"secret-prefix"}}},
                 .pr_note = PrNote{"Create and rotate the secrets",
                                   "The old values of {secret_ids} were committed: they stay in git history after "
                                   "this merge, so treat them as leaked. In this order: rotate each credential at its "
                                   "provider first; create the secrets in AWS Secrets Manager with the new values (the "
                                   "secrets manifest, written by `wafix pr --secrets-manifest FILE` or `wafix fix "
                                   "--secrets-manifest FILE` outside the repository with mode 0600, lists the ids; "
                                   "delete it afterwards); allow the functions `secretsmanager:GetSecretValue` on them "
                                   "as listed above; deploy; then revoke the old values."},
                 // The project's manifests count as much as the module's imports: Powertools is then
                 // installed where the code runs, in the package or as the Lambda layer that dev-only
                 // lists stand for.
                 .project_packages = {kPowertools}})

}  // namespace wafix
