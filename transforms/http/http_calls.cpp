// Which calls send HTTP requests. Names resolve through the semantic model, so aliases, from-
// imports and shadowing are handled; Session objects are followed through what this module shows.
#include <algorithm>
#include <array>
#include <cstring>
#include <functional>

#include <re2/re2.h>

#include "http/http_transforms.hpp"

namespace wafix::http {
namespace {

constexpr std::array<std::string_view, 8> kRequestMethods = {"request", "get", "options", "head",
                                                             "post",    "put", "patch",   "delete"};
constexpr std::array<std::string_view, 4> kSessionFactories = {
    "requests.Session", "requests.session", "requests.sessions.Session", "requests.sessions.session"};

bool is_httpx_client(std::string_view m) { return m == "Client" || m == "AsyncClient"; }

bool is_urllib3_pool(std::string_view m) {
    return m == "PoolManager" || m == "ProxyManager" || m == "HTTPConnectionPool" || m == "HTTPSConnectionPool" ||
           m == "connection_from_url" || m == "proxy_from_url";
}

bool is_request_method(std::string_view m) {
    return std::find(kRequestMethods.begin(), kRequestMethods.end(), m) != kRequestMethods.end();
}

bool is_session_factory_name(const Context& ctx, Node fn) {
    auto q = ctx.model().qualified_name(fn);
    return q && std::find(kSessionFactories.begin(), kSessionFactories.end(), *q) != kSessionFactories.end();
}

// The value of the `with X as name` item that binds `name`.
Node with_item_value(Node name) {
    for (Node p = name.parent(); p; p = p.parent()) {
        if (p.is("as_pattern")) return p.named_child(0);
        if (p.is("with_statement") || p.is("block")) break;
    }
    return {};
}

bool annotated_as_session(const Context& ctx, Node param) {
    Node type = param.field("type");
    if (!type) return false;
    Node expr = type.named_child_count() > 0 ? type.named_child(0) : type;
    return is_session_factory_name(ctx, expr);
}

SessionKind combine(SessionKind a, SessionKind b) {
    if (a == SessionKind::None || b == SessionKind::None) return SessionKind::None;
    return a == SessionKind::Enforces || b == SessionKind::Enforces ? SessionKind::Enforces : SessionKind::Plain;
}

// The methods of a class body, by name.
std::vector<Node> methods_of(Node cls) {
    std::vector<Node> out;
    Node body = cls.field("body");
    if (!body) return out;
    for (Node c : body.named_children()) {
        if (c.is("decorated_definition")) c = c.field("definition");
        if (c.is("function_definition")) out.push_back(c);
    }
    return out;
}

bool defines_method(Node cls, std::initializer_list<std::string_view> names) {
    for (const Node& m : methods_of(cls))
        for (std::string_view n : names)
            if (m.field("name").text() == n) return true;
    return false;
}

Node enclosing(Node n, std::string_view type) {
    for (Node p = n.parent(); p; p = p.parent())
        if (p.is(type)) return p;
    return {};
}

// The class a function is a method of (directly in its body, decorated or not).
Node class_of_method(Node function) {
    Node p = function.parent();
    if (p.is("decorated_definition")) p = p.parent();
    if (!p.is("block")) return {};
    p = p.parent();
    return p.is("class_definition") ? p : Node();
}

std::string first_parameter(Node function) {
    Node params = function.field("parameters");
    for (const Node& p : params.named_children()) {
        if (p.is("identifier")) return std::string(p.text());
        if (p.is("typed_parameter") && p.named_child(0).is("identifier")) return std::string(p.named_child(0).text());
        return {};
    }
    return {};
}

}  // namespace

Node Classifier::local_class(Node expr) {
    if (!expr.is("identifier")) return {};
    const Binding* b = ctx_.model().resolve(expr);
    if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::ClassDef) return {};
    Node cls = b->defs[0].statement;
    if (cls.is("decorated_definition")) cls = cls.field("definition");
    return cls.is("class_definition") ? cls : Node();
}

SessionKind Classifier::session_class(Node cls, int depth) {
    auto cached = session_classes_.find(cls.start());
    if (cached != session_classes_.end()) return cached->second;
    SessionKind kind = SessionKind::None;
    Node bases = cls.field("superclasses");
    if (bases && depth < 8) {
        for (const Node& base : bases.named_children()) {
            SessionKind k = SessionKind::None;
            if (is_session_factory_name(ctx_, base)) k = SessionKind::Plain;
            else if (Node local = local_class(base)) k = session_class(local, depth + 1);
            if (k != SessionKind::None) kind = kind == SessionKind::Enforces ? kind : k;
        }
    }
    if (kind == SessionKind::Plain) {
        bool mounts = false;
        std::function<void(Node)> walk = [&](Node n) {
            if (mounts) return;
            if (n.is("call") && n.field("function").is("attribute") &&
                n.field("function").field("attribute").text() == "mount") {
                auto args = call_arguments(n);
                if (args.size() >= 2 && adapter_enforces_timeout(args[1])) mounts = true;
            }
            for (const Node& c : n.named_children()) walk(c);
        };
        walk(cls);
        if (mounts || defines_method(cls, {"request", "send"})) kind = SessionKind::Enforces;
    }
    session_classes_[cls.start()] = kind;
    return kind;
}

SessionKind Classifier::session_constructor(Node n) {
    if (!n.is("call")) return SessionKind::None;
    Node fn = n.field("function");
    if (is_session_factory_name(ctx_, fn)) return SessionKind::Plain;
    if (Node cls = local_class(fn)) return session_class(cls);
    return SessionKind::None;
}

bool Classifier::adapter_enforces_timeout(Node adapter) {
    if (adapter.is("identifier")) {
        const Binding* b = ctx_.model().resolve(adapter);
        if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::Assignment) return false;
        adapter = b->defs[0].value;
    }
    if (!adapter || !adapter.is("call")) return false;
    if (keyword_argument(adapter, "timeout")) return true;
    Node cls = local_class(adapter.field("function"));
    return cls && defines_method(cls, {"send"});
}

bool Classifier::use_enforces_timeout(Node object) {
    Node attribute = object.parent();
    if (!attribute.is("attribute") || attribute.field("object") != object) return false;
    std::string_view name = attribute.field("attribute").text();
    Node parent = attribute.parent();
    if (name == "mount" && parent.is("call")) {
        auto args = call_arguments(parent);
        return args.size() >= 2 && adapter_enforces_timeout(args[1]);
    }
    // `s.request = functools.partial(s.request, timeout=5)` (or any wrapper): requests made
    // through the session go through it.
    return (name == "send" || is_request_method(name)) && parent.is("assignment") && parent.field("left") == attribute;
}

// `self.attr`: every assignment to `attr` on the instance (in any method of the class) or in the
// class body must build a Session, and there must be at least one.
SessionKind Classifier::instance_attribute_session(Node attribute) {
    Node object = attribute.field("object");
    if (!object.is("identifier")) return SessionKind::None;
    Node function = enclosing(attribute, "function_definition");
    if (!function) return SessionKind::None;
    Node cls = class_of_method(function);
    if (!cls || first_parameter(function) != object.text()) return SessionKind::None;
    auto [it, fresh] = class_attributes_.try_emplace(cls.start());
    auto& attributes = it->second;
    if (fresh) {
        // `self.name` in a method of this class: the attribute's name, else "".
        auto own_attribute = [&](Node n) -> std::string_view {
            if (!n.is("attribute") || !n.field("object").is("identifier")) return {};
            Node fn = enclosing(n, "function_definition");
            if (fn && class_of_method(fn) == cls && first_parameter(fn) == n.field("object").text())
                return n.field("attribute").text();
            return {};
        };
        std::function<void(Node)> walk = [&](Node n) {
            if (n.is("class_definition") && n != cls) return;  // a nested class has its own `self`
            if (n.is("assignment")) {
                Node left = n.field("left");
                std::string_view name = own_attribute(left);
                if (name.empty() && left.is("identifier")) {
                    Node stmt = n.parent();
                    if (stmt.is("expression_statement") && stmt.parent().is("block") && stmt.parent().parent() == cls)
                        name = left.text();
                }
                if (!name.empty()) {
                    auto& facts = attributes[std::string(name)];
                    SessionKind k = session_constructor(n.field("right"));
                    (k != SessionKind::None ? facts.sessions : facts.others)++;
                    facts.enforces = facts.enforces || k == SessionKind::Enforces;
                }
            }
            if (n.is("attribute")) {
                std::string_view name = own_attribute(n);
                if (!name.empty() && use_enforces_timeout(n)) attributes[std::string(name)].enforces = true;
            }
            for (const Node& c : n.named_children()) walk(c);
        };
        walk(cls);
    }
    auto found = attributes.find(attribute.field("attribute").text());
    if (found == attributes.end() || found->second.sessions == 0 || found->second.others > 0) return SessionKind::None;
    return found->second.enforces ? SessionKind::Enforces : SessionKind::Plain;
}

SessionKind Classifier::session_kind(Node expr) {
    if (expr.is("call")) return session_constructor(expr);
    if (expr.is("parenthesized_expression")) return session_kind(expr.named_child(0));
    if (expr.is("identifier")) {
        const Binding* b = ctx_.model().resolve(expr);
        if (!b || b->defs.empty()) return SessionKind::None;
        SessionKind kind = SessionKind::Plain;
        for (const Definition& d : b->defs) {
            SessionKind k = SessionKind::None;
            if (d.kind == DefKind::Assignment) k = session_constructor(d.value);
            else if (d.kind == DefKind::WithTarget) k = session_constructor(with_item_value(d.name));
            else if (d.kind == DefKind::Parameter && annotated_as_session(ctx_, d.statement)) k = SessionKind::Plain;
            kind = combine(kind, k);
        }
        if (kind == SessionKind::Plain &&
            std::any_of(b->uses.begin(), b->uses.end(), [&](Node u) { return use_enforces_timeout(u); }))
            kind = SessionKind::Enforces;
        return kind;
    }
    if (expr.is("attribute")) return instance_attribute_session(expr);
    return SessionKind::None;
}

std::optional<HttpCall> Classifier::classify(Node call) {
    const Context& ctx = ctx_;
    Node fn = call.field("function");
    if (!fn.is("identifier") && !fn.is("attribute")) return std::nullopt;
    HttpCall h;
    h.display = std::string(fn.text());
    if (auto q = ctx.model().qualified_name(fn)) {
        std::string_view name = *q;
        auto member = [&](std::string_view prefix) -> std::optional<std::string_view> {
            if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix)
                return name.substr(prefix.size());
            return std::nullopt;
        };
        for (std::string_view prefix : {"requests.", "requests.api."})
            if (auto m = member(prefix); m && is_request_method(*m)) {
                h.library = Library::Requests;
                h.method = std::string(*m);
                return h;
            }
        if (name == "urllib.request.urlopen") {
            h.library = Library::Urllib;
            h.method = "urlopen";
            return h;
        }
        if (auto m = member("httpx."); m && (is_request_method(*m) || *m == "stream" || is_httpx_client(*m))) {
            h.library = Library::Httpx;
            h.method = std::string(*m);
            h.client_factory = is_httpx_client(*m);
            return h;
        }
        // urllib3: a pool's timeout= applies to every request it sends; urllib3.request() (2.x)
        // uses a default pool without one.
        for (std::string_view prefix : {"urllib3.", "urllib3.poolmanager.", "urllib3.connectionpool."})
            if (auto m = member(prefix); m && (is_urllib3_pool(*m) || *m == "request")) {
                h.library = Library::Urllib3;
                h.method = std::string(*m);
                h.client_factory = *m != "request";
                return h;
            }
        if (name == "aiohttp.ClientSession" || name == "aiohttp.client.ClientSession") {
            h.library = Library::Aiohttp;
            h.method = "ClientSession";
            h.client_factory = true;
            return h;
        }
        return std::nullopt;
    }
    if (fn.is("attribute") && is_request_method(fn.field("attribute").text())) {
        SessionKind kind = session_kind(fn.field("object"));
        if (kind == SessionKind::None) return std::nullopt;
        h.library = Library::Requests;
        h.session = true;
        h.session_timeout = kind == SessionKind::Enforces;
        h.method = std::string(fn.field("attribute").text());
        return h;
    }
    return std::nullopt;
}

std::optional<TimeoutSetting> parse_timeout_setting(std::string_view value, int64_t max) {
    auto parts = seconds_parts(value, max);
    if (!parts) return std::nullopt;
    std::string first((*parts)[0]);
    if (parts->size() == 1) return TimeoutSetting{first, first, false};
    std::string second((*parts)[1]);
    return TimeoutSetting{"(" + first + ", " + second + ")", std::stod(first) > std::stod(second) ? first : second,
                          true};
}

bool may_call_http(std::string_view text, bool requests_only) {
    re2::StringPiece all(text.data(), text.size());
    static const RE2 requests_import(R"((?m)(?:^|;)[ \t]*(?:from|import)[ \t\\(][^\n]*\brequests\b)");
    static const RE2 other_import(R"((?m)(?:^|;)[ \t]*(?:from|import)[ \t\\(][^\n]*\b(?:httpx|urllib\d?|aiohttp)\b)");
    auto has = [&](std::string_view word) { return memmem(text.data(), text.size(), word.data(), word.size()); };
    if (has("requests") && RE2::PartialMatch(all, requests_import)) return true;
    if (requests_only) return false;
    return (has("httpx") || has("urlopen") || has("urllib3") || has("aiohttp")) && RE2::PartialMatch(all, other_import);
}

}  // namespace wafix::http
