// What the outbound-HTTP rules (no timeout, status never checked) share: which calls are HTTP
// requests, through every import form and on Session objects, and the timeout setting.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wafix/core/transform.hpp"

namespace wafix {

namespace http {

enum class Library { Requests, Urllib, Httpx };

struct HttpCall {
    Library library = Library::Requests;
    bool session = false;  // a method of a requests.Session
    std::string method;    // "get", "request", "urlopen", ...
    std::string display;   // how the call reads in the source, for messages
};

// Lambda's own limit: a longer timeout could never fire before the function is stopped.
inline constexpr int64_t kMaxTimeoutSeconds = 900;

// The http-timeout setting: "10" (seconds) or "3.05,27" (connect, read). Each number is a
// positive decimal written as Python reads it (no leading zeros, no exponent), at most `max`.
struct TimeoutSetting {
    std::string literal;         // "10" or "(3.05, 27)": what requests' timeout= gets
    std::string scalar_literal;  // one number for urlopen (a socket timeout): the larger of a pair
    bool pair = false;
};
std::optional<TimeoutSetting> parse_timeout_setting(std::string_view value, int64_t max = kMaxTimeoutSeconds);

// Raw-byte prefilter: calls are only recognised through names an import statement binds, so a
// file needs an import line naming requests (or httpx, or urllib with `urlopen` in the file).
bool may_call_http(std::string_view text, bool requests_only);

// Recognises HTTP calls in one file during one pass; caches what it learns about classes, so a
// class with many methods is walked once.
class Classifier {
public:
    explicit Classifier(const Context& ctx) : ctx_(ctx) {}

    // What `call` is when it sends an HTTP request: requests.get/... (any import form or alias),
    // Session methods (session bound by assignment, `with`, a typed parameter, or on `self`),
    // urllib.request.urlopen, httpx's module functions. nullopt for anything else.
    std::optional<HttpCall> classify(Node call);
    // True when `expr` evaluates to a requests.Session as far as this module shows.
    bool is_session(Node expr);

private:
    bool instance_attribute_is_session(Node attribute);
    const Context& ctx_;
    // class start byte -> attribute -> (assignments that build a Session, other assignments)
    std::map<uint32_t, std::map<std::string, std::pair<int, int>, std::less<>>> class_attributes_;
};

}  // namespace http
}  // namespace wafix
