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

enum class Library { Requests, Urllib, Httpx, Urllib3, Aiohttp };

// What an expression is as a requests session.
enum class SessionKind {
    None,      // not a Session as far as this module shows
    Plain,     // requests.Session (or a subclass that adds nothing to requests)
    Enforces,  // its requests get a timeout already: a subclass overriding request()/send(), a
               // mounted adapter that sets one, `s.request = functools.partial(..., timeout=...)`
};

struct HttpCall {
    Library library = Library::Requests;
    bool session = false;          // a method of a requests.Session
    bool session_timeout = false;  // ... whose session already enforces a timeout
    bool client_factory = false;   // httpx.Client / aiohttp.ClientSession / urllib3.PoolManager: the
                                   // timeout given here applies to every request it sends
    std::string method;            // "get", "request", "urlopen", ...
    std::string display;           // how the call reads in the source, for messages
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

// The shortest literal timeout among the Lambda functions whose package holds the file (from the
// application model), and the function's name; nullopt when no model or no literal timeout.
struct FunctionTimeout {
    double seconds = 0;
    std::string function;
};
std::optional<FunctionTimeout> shortest_function_timeout(const Context& ctx);
// The share of a function's timeout an HTTP timeout may take, leaving time to handle the failure.
inline constexpr double kFunctionTimeoutShare = 0.8;
// `s` capped so that no number exceeds kFunctionTimeoutShare of `function_seconds` (whole seconds
// from 1 s up, tenths below); nullopt when `s` already fits.
std::optional<TimeoutSetting> fit_timeout(const TimeoutSetting& s, double function_seconds);

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
    bool is_session(Node expr) { return session_kind(expr) != SessionKind::None; }
    SessionKind session_kind(Node expr);

private:
    struct AttributeFacts {
        int sessions = 0, others = 0;  // assignments that build a Session / anything else
        bool enforces = false;         // a built session, a mount or a rebinding sets a timeout
    };
    SessionKind instance_attribute_session(Node attribute);
    // What calling `call` builds: requests.Session(), or a class of this module derived from it.
    SessionKind session_constructor(Node call);
    // A class of this module: Plain when it derives from requests.Session, Enforces when it (or a
    // base) also overrides request()/send() or mounts a timeout adapter; None otherwise.
    SessionKind session_class(Node class_definition, int depth = 0);
    // An adapter that sets a timeout on every request it sends: `Adapter(timeout=...)`, or an
    // HTTPAdapter subclass of this module that overrides send().
    bool adapter_enforces_timeout(Node adapter);
    // True when `use` (a read of the session's name) mounts such an adapter or rebinds a request
    // method (`s.request = functools.partial(s.request, timeout=5)`).
    bool use_enforces_timeout(Node object);
    Node local_class(Node expr);
    const Context& ctx_;
    // class start byte -> attribute -> what its assignments and uses show
    std::map<uint32_t, std::map<std::string, AttributeFacts, std::less<>>> class_attributes_;
    std::map<uint32_t, SessionKind> session_classes_;
};

}  // namespace http
}  // namespace wafix
