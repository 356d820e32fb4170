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

bool is_request_method(std::string_view m) {
    return std::find(kRequestMethods.begin(), kRequestMethods.end(), m) != kRequestMethods.end();
}

bool is_session_factory_call(const Context& ctx, Node n) {
    if (!n.is("call")) return false;
    auto q = ctx.model().qualified_name(n.field("function"));
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
    auto q = ctx.model().qualified_name(expr);
    return q && std::find(kSessionFactories.begin(), kSessionFactories.end(), *q) != kSessionFactories.end();
}

bool definition_is_session(const Context& ctx, const Definition& d) {
    switch (d.kind) {
        case DefKind::Assignment:
            return is_session_factory_call(ctx, d.value);
        case DefKind::WithTarget:
            return is_session_factory_call(ctx, with_item_value(d.name));
        case DefKind::Parameter:
            return annotated_as_session(ctx, d.statement);
        default:
            return false;
    }
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

// `self.attr`: every assignment to `attr` on the instance (in any method of the class) or in the
// class body must build a Session, and there must be at least one.
bool Classifier::instance_attribute_is_session(Node attribute) {
    Node object = attribute.field("object");
    if (!object.is("identifier")) return false;
    Node function = enclosing(attribute, "function_definition");
    if (!function) return false;
    Node cls = class_of_method(function);
    if (!cls || first_parameter(function) != object.text()) return false;
    auto [it, fresh] = class_attributes_.try_emplace(cls.start());
    auto& attributes = it->second;
    if (fresh) {
        std::function<void(Node)> walk = [&](Node n) {
            if (n.is("class_definition") && n != cls) return;  // a nested class has its own `self`
            if (n.is("assignment")) {
                Node left = n.field("left");
                std::string_view name;
                if (left.is("attribute") && left.field("object").is("identifier")) {
                    Node fn = enclosing(n, "function_definition");
                    if (fn && class_of_method(fn) == cls && first_parameter(fn) == left.field("object").text())
                        name = left.field("attribute").text();
                } else if (left.is("identifier")) {
                    Node stmt = n.parent();
                    if (stmt.is("expression_statement") && stmt.parent().is("block") && stmt.parent().parent() == cls)
                        name = left.text();
                }
                if (!name.empty()) {
                    auto& counts = attributes[std::string(name)];
                    (is_session_factory_call(ctx_, n.field("right")) ? counts.first : counts.second)++;
                }
            }
            for (const Node& c : n.named_children()) walk(c);
        };
        walk(cls);
    }
    auto found = attributes.find(attribute.field("attribute").text());
    return found != attributes.end() && found->second.first > 0 && found->second.second == 0;
}

bool Classifier::is_session(Node expr) {
    const Context& ctx = ctx_;
    if (expr.is("call")) return is_session_factory_call(ctx, expr);
    if (expr.is("parenthesized_expression")) return is_session(expr.named_child(0));
    if (expr.is("identifier")) {
        const Binding* b = ctx.model().resolve(expr);
        if (!b || b->defs.empty()) return false;
        return std::all_of(b->defs.begin(), b->defs.end(),
                           [&](const Definition& d) { return definition_is_session(ctx, d); });
    }
    if (expr.is("attribute")) return instance_attribute_is_session(expr);
    return false;
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
        if (auto m = member("httpx."); m && (is_request_method(*m) || *m == "stream")) {
            h.library = Library::Httpx;
            h.method = std::string(*m);
            return h;
        }
        return std::nullopt;
    }
    if (fn.is("attribute") && is_request_method(fn.field("attribute").text()) && is_session(fn.field("object"))) {
        h.library = Library::Requests;
        h.session = true;
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
    static const RE2 other_import(R"((?m)(?:^|;)[ \t]*(?:from|import)[ \t\\(][^\n]*\b(?:httpx|urllib\d?)\b)");
    auto has = [&](std::string_view word) { return memmem(text.data(), text.size(), word.data(), word.size()); };
    if (has("requests") && RE2::PartialMatch(all, requests_import)) return true;
    if (requests_only) return false;
    return (has("httpx") || has("urlopen")) && RE2::PartialMatch(all, other_import);
}

}  // namespace wafix::http
