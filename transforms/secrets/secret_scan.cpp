// The literals of a module that may be hard-coded credentials, and where each is bound.
#include <algorithm>
#include <cctype>
#include <set>

#include "secrets/secret_scan.hpp"
#include "wafix/core/python_string.hpp"

namespace wafix::secrets {

namespace {

std::optional<Literal> decode_string(Node s) {
    if (!s.is("string")) return std::nullopt;
    Node start = s.child(0), end = s.child(s.child_count() - 1);
    if (!start.is("string_start") || !end.is("string_end")) return std::nullopt;
    std::string_view opener = start.text();
    std::string prefix;
    for (char ch : opener) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (l == 'f' || l == 'b') return std::nullopt;  // f-strings compute, bytes are not str
        if (l == 'r' || l == 'u') prefix += ch;
    }
    std::string_view raw = s.source().substr(start.end(), end.start() - start.end());
    bool is_raw = prefix.find_first_of("rR") != std::string::npos;
    Literal lit;
    lit.node = s;
    if (is_raw) lit.value = std::string(raw);
    else if (auto v = unescape_string_body(raw)) lit.value = *v;
    else return std::nullopt;
    lit.spellings.emplace_back(raw);
    lit.prefix = prefix;
    lit.quote = opener.back();
    bool triple = opener.size() >= 3 && opener.substr(opener.size() - 3) == std::string(3, opener.back());
    lit.simple = !triple && raw == lit.value && raw.find('\n') == std::string_view::npos;
    return lit;
}

std::optional<Literal> decode_literal(Node n) {
    if (n.is("string")) return decode_string(n);
    if (!n.is("concatenated_string")) return std::nullopt;
    Literal lit;
    lit.node = n;
    for (const Node& part : n.named_children()) {
        if (part.is("comment")) continue;
        auto p = decode_string(part);
        if (!p) return std::nullopt;
        lit.value += p->value;
        if (lit.spellings.empty()) lit.quote = p->quote;
        lit.spellings.push_back(p->spellings[0]);
    }
    return lit;
}

// The name a target binds: `x`, `obj.x` -> x, `d["x"]` -> x.
std::string target_name(Node target) {
    if (target.is("identifier")) return std::string(target.text());
    if (target.is("attribute")) return std::string(target.field("attribute").text());
    if (target.is("subscript")) {
        if (auto key = string_literal_value(target.field("subscript"))) return *key;
    }
    return {};
}

// Whether the value could be a secret under some name: most strings fail here, before the
// (costlier) look at where they are bound.
bool could_be_secret(const Literal& lit) {
    std::string_view v = lit.value;
    if (v.size() < 8) return false;
    if (secrets::match_provider(v) || secrets::plausible_secret_value(v) || secrets::url_password(v)) return true;
    for (std::string_view scheme : {"Bearer ", "Basic ", "token ", "Token ", "Bot "})
        if (v.starts_with(scheme)) return true;
    return false;
}

// PyJWT's and python-jose's encode/decode, whose second argument (or `key=`) is the signing key.
bool is_jwt_call(Node call, const SemanticModel& model) {
    if (!call.is("call")) return false;
    auto q = model.qualified_name(call.field("function"));
    if (!q) return false;
    static const std::set<std::string> calls = {"jwt.encode",       "jwt.decode",         "jose.jwt.encode",
                                                "jose.jwt.decode",  "jwt.api_jwt.encode", "jwt.api_jwt.decode",
                                                "jwt.PyJWT.encode", "jwt.PyJWT.decode"};
    return calls.count(*q) > 0;
}

std::optional<Candidate> candidate(Node s, const SemanticModel& model) {
    auto lit = decode_literal(s);
    if (!lit || !could_be_secret(*lit)) return std::nullopt;
    Node outer = s;
    while (outer.parent().is("parenthesized_expression")) outer = outer.parent();
    Node p = outer.parent();
    Candidate c;
    if (p.is("assignment") && p.field("right") == outer) {
        c.place = Place::Assignment;
        c.name = target_name(p.field("left"));
        if (c.name.empty()) return std::nullopt;
    } else if (p.is("keyword_argument") && p.field("value") == outer) {
        c.place = Place::Keyword;
        c.name = std::string(p.field("name").text());
        if (c.name == "key" && p.parent().is("argument_list") && is_jwt_call(p.parent().parent(), model))
            c.name = kJwtKeyName;
    } else if (p.is("pair") && p.field("value") == outer && p.parent().is("dictionary")) {
        c.place = Place::DictValue;
        if (auto key = string_literal_value(p.field("key"))) c.name = *key;
    } else if ((p.is("default_parameter") || p.is("typed_default_parameter")) && p.field("value") == outer) {
        c.place = Place::Default;
        c.name = std::string(p.field("name").text());
    } else if (p.is("argument_list")) {
        c.place = Place::Positional;
        // os.environ.get("NAME", "default") / os.getenv("NAME", "default"): named by NAME.
        auto args = call_arguments(p.parent());
        // jwt.encode(payload, KEY, ...) / jwt.decode(token, KEY, ...): the signing key.
        if (args.size() >= 2 && args[1] == outer && is_jwt_call(p.parent(), model)) c.name = kJwtKeyName;
        if (args.size() == 2 && args[1] == outer) {
            auto q = model.qualified_name(p.parent().field("function"));
            if (q && (*q == "os.getenv" || *q == "os.environ.get" || *q == "os.environ.setdefault")) {
                if (auto env = string_literal_value(args[0])) {
                    c.place = Place::EnvDefault;
                    c.name = *env;
                }
            }
        }
    } else if (p.is("comparison_operator")) {
        c.place = Place::Comparison;
        for (const Node& operand : p.named_children())
            if (operand != outer && (operand.is("identifier") || operand.is("attribute") || operand.is("subscript")))
                c.name = target_name(operand);
        if (c.name.empty()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    // `KEY = ("..." "...")`: the parentheses go with the literal, unless they hold a comment.
    if (outer != s && s.is("concatenated_string") && outer.text().find('#') == std::string_view::npos)
        lit->node = outer;
    auto d = secrets::classify(c.name, lit->value);
    if (!d) return std::nullopt;
    c.literal = std::move(*lit);
    c.detection = std::move(*d);
    return c;
}

// Suppression comments for the rule (`# wafix: ignore[...]`, and the peers' `# nosec`,
// `# noqa: S105`, `# pragma: allowlist secret`, `gitleaks:allow` unless --no-peer-suppressions)
// as the engine reads them, on the literal's first or last line or its statement's first line.
bool suppressed(const Context& ctx, std::string_view rule_id, Node literal) {
    Node last = literal;
    while (last.child_count() > 0) last = last.child(last.child_count() - 1);
    std::string id(rule_id);
    return ctx.is_suppressed(id, literal) || ctx.is_suppressed(id, last);
}

}  // namespace

bool runs_at_import(Node n) {
    for (Node child = n, p = n.parent(); p; child = p, p = p.parent())
        if ((p.is("function_definition") || p.is("lambda")) && p.field("body") == child) return false;
    return true;
}

Scan scan_module(const Context& ctx, std::string_view rule_id) {
    Scan scan;
    std::vector<Node> strings;
    std::string_view source = ctx.text();
    // A cursor walk with our own path of ancestors: Node::parent() searches from the root.
    std::vector<Node> path;
    walk_tree(ctx.root(), [&](Node n, uint32_t depth) {
        if (!n.is_named()) return Walk::Skip;
        path.resize(depth);
        Node parent = path.empty() ? Node() : path.back();
        path.push_back(n);
        if (n.is("comment")) return Walk::Skip;
        if (n.is("string") || n.is("concatenated_string")) {
            strings.push_back(n);
            return Walk::Skip;
        }
        if (n.is("call")) {
            std::string_view f = n.field("function").text();
            if (f.ends_with("get_secret")) {
                auto args = call_arguments(n);
                if (!args.empty())
                    if (auto v = string_literal_value(args[0])) scan.used_ids.insert(*v);
            }
        }
        if (n.is("function_definition") && parent.is("module")) scan.functions.push_back(n);
        if (n.is("block") && scan.indent.empty() && n.named_child_count() > 0 && parent &&
            parent.start_point().column == 0) {
            std::string_view ind = line_indent(source, n.named_child(0).start());
            if (!ind.empty()) scan.indent = std::string(ind);
        }
        return Walk::Descend;
    });
    if (scan.indent.empty()) scan.indent = "    ";
    std::sort(strings.begin(), strings.end(), [](Node a, Node b) { return a.start() < b.start(); });
    for (const Node& s : strings)
        if (auto c = candidate(s, ctx.model())) {
            if (!suppressed(ctx, rule_id, s)) scan.candidates.push_back(std::move(*c));
        }
    return scan;
}

}  // namespace wafix::secrets
