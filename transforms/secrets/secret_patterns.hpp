// Hard-coded secret detection, apart from the rewrite so that it can be tested on its own: provider patterns
// (RE2, linear time), name anchoring, value filters, test-file paths and a raw-byte prefilter.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wafix::secrets {

struct Detection {
    std::string kind;  // "github-token", "password", ...: never the value
    size_t begin = 0;  // the secret's span inside the value (a provider token may be part of it)
    size_t end = 0;
    bool provider = false;  // matched a provider pattern (true) or a name-anchored generic rule
};

// Cheap test on the raw bytes of a file: false means no literal in it can be a secret.
// `provider_prefix`: whether one of provider_prefixes() occurs, when the caller knows.
bool may_contain_secrets(std::string_view text, std::optional<bool> provider_prefix = std::nullopt);
// The literal prefixes of the provider patterns (AKIA, ghp_, xoxb-, sk_live_, ...): a provider
// token holds one.
const std::vector<std::string_view>& provider_prefixes();

// Whether any provider pattern matches somewhere in `text` (one RE2::Set pass).
bool has_provider_token(std::string_view text);
// A provider token (AWS key id, GitHub, Slack, Stripe, PEM private key, JWT) anywhere in `value`.
std::optional<Detection> match_provider(std::string_view value);

// A password inside a URL (`scheme://user:password@host`): its span, of kind "url-password".
std::optional<Detection> url_password(std::string_view value);

// The generic kind a bound name announces ("password", "token", "api-key", ...), or nullopt when
// the name is not anchored or is excluded (`*_id`, `*_url`, `public_*`, ...).
std::optional<std::string> generic_kind(std::string_view name);
// False for values that are not credentials even under a secret-like name: too short, templates,
// placeholders, one repeated character, UUIDs, sequences, low-entropy words, paths, URLs, ...
bool plausible_secret_value(std::string_view value);
double shannon_entropy(std::string_view s);

// The whole decision for a string bound to `name` ("" when unnamed).
std::optional<Detection> classify(std::string_view name, std::string_view value);

// Test files, fixtures and stubs, whose literals are not deployed secrets.
bool is_test_path(const std::filesystem::path& path);

// Lower-case words joined with '-': the name part of a generated secret id.
std::string normalise_name(std::string_view name);

}  // namespace wafix::secrets
