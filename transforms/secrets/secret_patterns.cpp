#include "secrets/secret_patterns.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>
#include <set>

#include <re2/re2.h>
#include <re2/set.h>

#include "wafix/core/names.hpp"
#include "wafix/core/python_string.hpp"

namespace wafix::secrets {
namespace {

struct Provider {
    const char* kind;
    const char* pattern;  // group 1 is the token
};

// From gitleaks / detect-secrets, tightened where they allow placeholders (see rules.md, WA301).
constexpr std::array<Provider, 14> kProviders = {{
    {"aws-access-key-id", R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)"},
    {"github-token", R"(\b((?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36})\b)"},
    {"github-token", R"(\b(github_pat_[0-9A-Za-z_]{82})\b)"},
    {"slack-token", R"(\b(xox[bpe]-[0-9A-Za-z][0-9A-Za-z-]{14,}))"},
    {"stripe-key", R"(\b((?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,99})\b)"},
    {"private-key",
     R"((-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?s:.)+?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----))"},
    {"jwt", R"(\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})(?:[^A-Za-z0-9_.-]|$))"},
    {"slack-token", R"(\b(xox[ars]-[0-9]{8,}-[0-9A-Za-z-]{10,}))"},
    {"slack-webhook", R"((https://hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24}))"},
    {"sendgrid-key", R"(\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$))"},
    {"google-api-key", R"(\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$))"},
    {"twilio-api-key", R"(\b(SK[0-9a-f]{32})\b)"},
    {"gitlab-token", R"(\b(glpat-[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|$))"},
    {"npm-token", R"(\b(npm_[A-Za-z0-9]{36})\b)"},
}};

struct Compiled {
    RE2::Set set{RE2::DefaultOptions, RE2::UNANCHORED};
    std::vector<std::unique_ptr<RE2>> each;
    std::unique_ptr<RE2> uuid, template_marks, env_name;
    Compiled() {
        for (const auto& p : kProviders) {
            set.Add(p.pattern, nullptr);
            each.push_back(std::make_unique<RE2>(p.pattern));
        }
        set.Compile();
        uuid = std::make_unique<RE2>("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        template_marks = std::make_unique<RE2>(
            R"(\{[^{}]*\}|\$\{|(?:^|[^A-Za-z0-9])\$[A-Za-z_]|%[-+ #0-9.]*[sdifr]|%\([A-Za-z_]+\)|\{\{|^<.*>$)");
        env_name = std::make_unique<RE2>("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    }
};

const Compiled& compiled() {
    static const Compiled c;
    return c;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Placeholders in provider-shaped tokens: "AKIA...EXAMPLE", "ghp_xxxx...", too few distinct chars.
bool placeholder_token(std::string_view token) {
    std::string low = lower(token);
    if (contains(low, "example") || contains(low, "xxxxx") || contains(low, "*****") || contains(low, "your"))
        return true;  // "xoxb-your-token-here"
    std::set<char> distinct(token.begin(), token.end());
    if (distinct.size() < 8 && token.size() < 100) return true;
    size_t run = 1;
    for (size_t i = 1; i < token.size(); ++i) {
        run = token[i] == token[i - 1] ? run + 1 : 1;
        if (run >= 6) return true;
    }
    return false;
}

bool is_sequence(std::string_view low) {
    static const std::array<std::string_view, 4> seqs = {
        "0123456789012345678901234567890123456789", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnm", "9876543210987654321098765432109876543210"};
    auto in_seq = [&](std::string_view run) {
        for (auto s : seqs)
            if (contains(s, run)) return true;
        return false;
    };
    if (in_seq(low)) return true;
    // Runs of letters and digits that are each a sequence: "abc12345", "qwerty123".
    size_t i = 0;
    while (i < low.size()) {
        size_t j = i;
        bool digit = std::isdigit(static_cast<unsigned char>(low[i])) != 0;
        if (!digit && !std::isalpha(static_cast<unsigned char>(low[i]))) return false;
        while (j < low.size() && (std::isdigit(static_cast<unsigned char>(low[j])) != 0) == digit &&
               std::isalnum(static_cast<unsigned char>(low[j])))
            ++j;
        if (!in_seq(low.substr(i, j - i))) return false;
        i = j;
    }
    return true;
}

// "P@55w0rd!" -> "password": leetspeak spellings of the stock default passwords.
bool stock_password(std::string_view low) {
    std::string plain;
    for (char c : low) {
        switch (c) {
            case '@':
            case '4':
                plain += 'a';
                break;
            case '5':
            case '$':
                plain += 's';
                break;
            case '0':
                plain += 'o';
                break;
            case '1':
            case '!':
                plain += 'i';
                break;
            case '3':
                plain += 'e';
                break;
            case '7':
                plain += 't';
                break;
            default:
                if (std::isalpha(static_cast<unsigned char>(c))) plain += c;
        }
    }
    while (!plain.empty() && plain.back() == 'i') plain.pop_back();  // trailing "!" or "1"
    static const std::set<std::string> stock = {"password",      "passwort", "secret",  "changeme", "letmein", "admin",
                                                "administrator", "welcome",  "default", "qwerty",   "root",    "toor"};
    return stock.count(plain) > 0;
}

const std::set<std::string>& excluded_last_words() {
    static const std::set<std::string> s = {
        "id",       "ids",         "name",      "names",       "url",        "urls",        "uri",      "file",
        "filename", "path",        "dir",       "directory",   "version",    "type",        "kind",     "field",
        "header",   "env",         "var",       "arn",         "prefix",     "suffix",      "len",      "length",
        "size",     "ttl",         "expiry",    "expires",     "expiration", "timeout",     "endpoint", "pattern",
        "regex",    "format",      "template",  "label",       "hint",       "placeholder", "prompt",   "policy",
        "count",    "max",         "min",       "enabled",     "required",   "param",       "location", "source",
        "hash",     "digest",      "checksum",  "fingerprint", "sha",        "md5",         "salt",     "md",
        "crc",      "encoding",    "algorithm", "algo",        "scheme",     "mode",        "region",   "bucket",
        "table",    "column",      "keyid",     "ref",         "reference",  "message",     "msg",      "error",
        "text",     "description", "help",      "title",       "class",      "method",      "provider", "store",
        "manager",  "service",     "user",      "username",    "login",      "email",       "host",     "port"};
    return s;
}

}  // namespace

bool has_provider_token(std::string_view text) {
    std::vector<int> hits;
    return compiled().set.Match(re2::StringPiece(text.data(), text.size()), &hits);
}

double shannon_entropy(std::string_view s) {
    if (s.empty()) return 0;
    std::array<size_t, 256> counts{};
    for (unsigned char c : s) ++counts[c];
    double h = 0;
    for (size_t n : counts)
        if (n) {
            double p = static_cast<double>(n) / static_cast<double>(s.size());
            h -= p * std::log2(p);
        }
    return h;
}

std::optional<Detection> match_provider(std::string_view value) {
    const Compiled& c = compiled();
    re2::StringPiece text(value.data(), value.size());
    std::vector<int> hits;
    if (!c.set.Match(text, &hits)) return std::nullopt;
    std::sort(hits.begin(), hits.end());
    for (int i : hits) {
        re2::StringPiece token;
        re2::StringPiece input = text;
        // Every occurrence, not just the first: a placeholder may precede a real token.
        while (RE2::FindAndConsume(&input, *c.each[static_cast<size_t>(i)], &token)) {
            std::string_view t(token.data(), token.size());
            if (kProviders[static_cast<size_t>(i)].kind == std::string_view("private-key")) {
                // The header alone (a constant used to recognise keys) is no key: want a body.
                if (t.size() < 120) continue;
            } else if (placeholder_token(t)) {
                continue;
            }
            size_t begin = static_cast<size_t>(token.data() - value.data());
            return Detection{kProviders[static_cast<size_t>(i)].kind, begin, begin + token.size(), true};
        }
    }
    return std::nullopt;
}

std::optional<std::string> generic_kind(std::string_view name) {
    std::vector<std::string> words = identifier_words(name);
    if (words.empty()) return std::nullopt;
    // Trailing digits do not change a word's meaning ("password2").
    for (auto& w : words)
        while (w.size() > 1 && std::isdigit(static_cast<unsigned char>(w.back()))) w.pop_back();
    // "password_for_email", "secret_of_app": what follows says whose, not what.
    for (size_t i = 1; i < words.size(); ++i)
        if (words[i] == "for" || words[i] == "of") {
            words.resize(i);
            break;
        }
    const std::string& first = words.front();
    const std::string& last = words.back();
    if (first == "public" || first == "csrf" || first == "xsrf" || first == "is" || first == "has" || first == "no")
        return std::nullopt;
    if (words.size() > 1 && excluded_last_words().count(last)) return std::nullopt;
    if (words.size() > 1 && words[words.size() - 2] == "key" && last == "id") return std::nullopt;
    // Tokens that are not credentials: AWS pagination and idempotency tokens (NextToken,
    // ClientRequestToken), SES/DNS verification tokens (published in DNS).
    static const std::set<std::string> neutral = {"next",   "continuation", "pagination",  "page",    "cursor",
                                                  "marker", "verification", "idempotency", "request", "publishable"};
    for (const auto& w : words)
        if (neutral.count(w)) return std::nullopt;
    if (words.size() == 2 && first == "client" && last == "token") return std::nullopt;

    auto has = [&](std::string_view w) { return std::find(words.begin(), words.end(), w) != words.end(); };
    auto pair = [&](std::string_view a, std::string_view b) {
        for (size_t i = 0; i + 1 < words.size(); ++i)
            if (words[i] == a && words[i + 1] == b) return true;
        return false;
    };
    auto suffix = [&](std::string_view s) {
        for (const auto& w : words)
            if (w.size() > s.size() && w.ends_with(s)) return true;
        return false;
    };
    if (has("password") || has("passwd") || has("pwd") || has("pass") || has("passphrase") || suffix("password") ||
        suffix("passwd"))
        return "password";
    if (pair("private", "key") || has("privatekey")) return "private-key";
    if (pair("api", "key") || has("apikey") || suffix("apikey")) return "api-key";
    if (pair("client", "secret") || pair("secret", "key") || pair("secret", "access") || has("secret") ||
        has("secrets") || suffix("secret"))
        return "secret";
    if (has("token") || has("tokens") || suffix("token")) return "token";
    if (pair("auth", "key") || pair("access", "key") || has("accesskey") || has("authkey")) return "access-key";
    if (has("credential") || has("credentials") || has("creds")) return "credential";
    return std::nullopt;
}

bool plausible_secret_value(std::string_view value) {
    const Compiled& c = compiled();
    if (value.size() < 8 || value.size() > 4096) return false;
    for (unsigned char ch : value)
        if (std::isspace(ch) || ch < 0x20) return false;  // prose, prompts, messages
    std::string low = lower(value);
    static const std::array<std::string_view, 24> placeholders = {
        "example", "sample", "test",        "fake",  "dummy", "changeme", "change_me",      "change-me",
        "xxx",     "***",    "placeholder", "your_", "your-", "yourpass", "redacted",       "replace",
        "insert",  "todo",   "tbd",         "<",     "mock",  "default",  "secretsmanager", "ssm:"};
    for (auto p : placeholders)
        if (contains(low, p)) return false;
    if (low == "none" || low == "null" || low == "undefined" || low == "password" || low == "secret") return false;
    if (std::all_of(value.begin(), value.end(), [&](char ch) { return ch == value[0]; })) return false;
    re2::StringPiece text(value.data(), value.size());
    if (RE2::FullMatch(text, *c.uuid)) return false;
    if (RE2::PartialMatch(text, *c.template_marks)) return false;
    if (RE2::FullMatch(text, *c.env_name)) return false;  // the name of an environment variable
    if (is_sequence(low) || stock_password(low)) return false;
    if (contains(low, "://") || low.starts_with("arn:") || low.starts_with("resolve:") || low.starts_with("vault:") ||
        low.starts_with("enc[") || low.starts_with("/") || low.starts_with("./") || low.starts_with("../") ||
        low.starts_with("~/"))
        return false;
    // A relative file path ("fixtures/users/admin_password.txt"): the file, not a secret.
    static const RE2 relative_path(R"([\w.-]+(?:/[\w.-]+)+\.[A-Za-z][A-Za-z0-9]{0,4})");
    if (RE2::FullMatch(text, relative_path)) return false;
    bool digit =
        std::any_of(value.begin(), value.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
    if (!digit && shannon_entropy(value) <= 3.5) return false;
    // Words in one case ("not-configured", "super_secret_value"): a sentinel, not a credential.
    static const RE2 words("[a-z]+(?:[-_.][a-z]+)*|[A-Z]+(?:[-_.][A-Z]+)*");
    if (!digit && RE2::FullMatch(text, words)) return false;
    return true;
}

std::optional<Detection> classify(std::string_view name, std::string_view value) {
    std::vector<std::string> words = identifier_words(name);
    // A name that says the value is not real ("EXAMPLE_KEY", "fake_token") wins over any pattern.
    static const std::set<std::string> unreal = {"example", "examples",    "sample", "fake",   "dummy",
                                                 "mock",    "placeholder", "test",   "testing"};
    for (const auto& w : words)
        if (unreal.count(w)) return std::nullopt;
    if (auto p = match_provider(value)) return p;
    if (auto u = url_password(value)) return u;
    if (name.empty()) return std::nullopt;
    bool aws = std::find(words.begin(), words.end(), "aws") != words.end();
    std::string joined;
    for (const auto& w : words) joined += w + "_";
    // A 40-character AWS secret access key under a name that says so.
    if (contains(joined, "secret_access_key") || (aws && contains(joined, "secret_key"))) {
        static const RE2 aws_secret("[A-Za-z0-9/+]{40}");
        if (RE2::FullMatch(re2::StringPiece(value.data(), value.size()), aws_secret) && !placeholder_token(value) &&
            !contains(lower(value), "example"))
            return Detection{"aws-secret-access-key", 0, value.size(), false};
    }
    // An Authorization header value: the credential follows the scheme.
    if (words.size() == 1 && (words[0] == "authorization" || words[0] == "auth")) {
        for (std::string_view scheme : {"Bearer ", "Basic ", "token ", "Token ", "Bot "}) {
            if (!value.starts_with(scheme)) continue;
            std::string_view rest = value.substr(scheme.size());
            if (plausible_secret_value(rest)) return Detection{"authorization", scheme.size(), value.size(), false};
        }
        return std::nullopt;
    }
    auto kind = generic_kind(name);
    if (!kind || !plausible_secret_value(value)) return std::nullopt;
    return Detection{*kind, 0, value.size(), false};
}

bool is_test_path(const std::filesystem::path& path) {
    std::string file = path.filename().string();
    if (path.extension() == ".pyi") return true;
    if (file == "conftest.py" || file.starts_with("test_") || file.ends_with("_test.py") || file.ends_with("_tests.py"))
        return true;
    for (const auto& part : path.parent_path()) {
        std::string p = part.string();
        if (p == "tests" || p == "test" || p == "testing" || p == "fixtures" || p == "__fixtures__" || p == "stubs" ||
            p == "typings")
            return true;
    }
    return false;
}

std::string normalise_name(std::string_view name) {
    std::string out;
    for (const auto& w : identifier_words(name)) {
        if (!out.empty()) out += '-';
        out += w;
    }
    return out;
}

}  // namespace wafix::secrets
