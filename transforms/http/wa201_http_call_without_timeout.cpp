// WA201 http-call-without-timeout: requests and urlopen wait forever by default, so a stalled
// server holds the Lambda until its own timeout. Add timeout= to every call that lacks one.
#include <fmt/format.h>

#include "http/http_transforms.hpp"
#include "rule_file.hpp"

namespace wafix {
namespace {

// The module constant wafix writes when a file gets more than one injected timeout.
constexpr const char* kConstantName = "HTTP_TIMEOUT_SECONDS";

enum class ValueKind { Scalar, Pair, Unknown };

// http-timeout-style: one way of writing the value across a repository.
std::string check_timeout_style(std::string_view v) {
    return v == "constant" || v == "literal" ? std::string() : std::string("`constant` or `literal`");
}

ValueKind kind_of(Node value) {
    if (value.is("integer") || value.is("float")) return ValueKind::Scalar;
    if (value.is("tuple") || value.is("parenthesized_expression")) {
        auto items = value.named_children();
        if (value.is("tuple") && items.size() == 2 && (items[0].is("integer") || items[0].is("float")) &&
            (items[1].is("integer") || items[1].is("float")))
            return ValueKind::Pair;
    }
    return ValueKind::Unknown;
}

// A module constant that holds the timeout: reused when present, written when it pays off.
struct Constant {
    std::string name;
    ValueKind kind = ValueKind::Unknown;
    const Binding* binding = nullptr;  // null: wafix writes it in this pass
    uint32_t defined_at = 0;           // end of its definition (module code before it cannot read it)
};

// Runs when the module is imported (not deferred inside a function or lambda body).
bool runs_at_import(Node n) {
    for (Node p = n.parent(); p; p = p.parent())
        if (p.is("function_definition") || p.is("lambda")) return false;
    return true;
}

// A module-level `NAME = value` that is the name's only definition.
std::optional<Constant> module_constant(const Context& ctx, const std::string& name) {
    const Binding* b = ctx.model().lookup(name, 0);
    if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::Assignment || !b->defs[0].value) return std::nullopt;
    const Definition& d = b->defs[0];
    if (!d.statement.parent().is("expression_statement") || !d.statement.parent().parent().is("module"))
        return std::nullopt;
    if (d.value.is("none")) return std::nullopt;  // a constant that disables the timeout is no help
    return Constant{name, kind_of(d.value), b, d.statement.end()};
}

// A name the file's HTTP calls already pass as `timeout=NAME`: the team's own constant.
std::optional<Constant> constant_in_use(const Context& ctx, http::Classifier& classifier) {
    static const Query calls(
        "(call arguments: (argument_list (keyword_argument name: (identifier) @k "
        "value: (identifier) @v (#eq? @k \"timeout\")))) @call");
    for (const Match& m : calls.matches(ctx.root())) {
        if (!classifier.classify(m.get("call"))) continue;
        Node v = m.get("v");
        const Binding* b = ctx.model().resolve(v);
        if (!b || b->scope != 0) continue;
        // Only a plain number or pair: an expression may be anything (None, a dict, ...).
        if (auto c = module_constant(ctx, std::string(v.text())); c && c->kind != ValueKind::Unknown) return c;
    }
    return std::nullopt;
}

// `**{"timeout": T, ...}`: a dict literal unpacked into the call that names the timeout.
bool splat_dict_has_timeout(Node call) {
    for (const Node& a : call_arguments(call)) {
        if (!a.is("dictionary_splat") || a.named_child_count() == 0) continue;
        Node dict = a.named_child(0);
        if (!dict.is("dictionary")) continue;
        for (const Node& pair : dict.named_children()) {
            if (!pair.is("pair")) continue;
            std::string_view key = pair.field("key").text();
            if (key == "\"timeout\"" || key == "'timeout'") return true;
        }
    }
    return false;
}

struct Pending {
    Node call;
    http::HttpCall http;
    Finding finding;
};

class HttpCallWithoutTimeout final : public Transform {
    using Transform::Transform;

    bool refine(std::string_view text, const TriggerHits&) const override { return http::may_call_http(text, false); }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        static const Query calls("(call) @call");
        std::string chosen = ctx.setting<std::string>("http-timeout");
        auto setting = http::parse_timeout_setting(chosen);
        std::string why;  // how the value was chosen, when not straight from the setting
        if (setting)
            if (auto fn = http::shortest_function_timeout(ctx))
                if (auto fitted = http::fit_timeout(*setting, fn->seconds)) {
                    why = fmt::format(
                        " (timeout {} s: the Lambda function `{}` that runs this file stops after {} s, "
                        "so --http-timeout {} could never fire)",
                        fitted->literal, fn->function, fn->seconds, chosen);
                    setting = fitted;
                }
        std::vector<Pending> pending;
        http::Classifier classifier(ctx);
        for (const Match& m : calls.matches(ctx.root())) {
            Node call = m.get("call");
            auto h = classifier.classify(call);
            if (!h) continue;
            if (Node kw = keyword_argument(call, "timeout")) {
                if (kw.field("value").is("none"))
                    out.push_back(ctx.finding(info(), call,
                                              fmt::format("`{}` passes timeout=None, which waits forever: set a "
                                                          "finite timeout (not rewritten: None looks deliberate)",
                                                          h->display)));
                continue;
            }
            if (h->library == http::Library::Httpx) continue;  // httpx has a 5 s default
            if (h->session_timeout) continue;                  // the session's adapter / subclass / wrapper sets one
            if (positional_timeout(call, *h) || splat_dict_has_timeout(call)) continue;
            if (h->library == http::Library::Aiohttp) {
                out.push_back(ctx.finding(info(), call, aiohttp_message(*h)));
                continue;
            }
            Finding f = ctx.finding(info(), call,
                                    fmt::format("`{}` has no timeout: a stalled server holds the function until "
                                                "the Lambda itself times out",
                                                h->display));
            if (has_splat_arguments(call)) {
                f.message += " (not rewritten: *args/**kwargs may already carry a timeout)";
                out.push_back(std::move(f));
            } else if (!setting) {
                f.message +=
                    fmt::format(" (not rewritten: --http-timeout `{}` is not a number or a CONNECT,READ pair)", chosen);
                out.push_back(std::move(f));
            } else {
                f.message += why;
                pending.push_back({call, *h, std::move(f)});
            }
        }
        if (pending.empty()) return;

        auto [constant, definition] = timeout_constant(ctx, classifier, *setting, pending);
        for (Pending& p : pending) {
            // urlopen takes one socket timeout; urllib3 one number (or a Timeout object).
            bool urlopen = p.http.library == http::Library::Urllib || p.http.library == http::Library::Urllib3;
            std::string value = urlopen ? setting->scalar_literal : setting->literal;
            bool use_constant = constant && can_use(ctx, *constant, p);
            if (use_constant) value = constant->name;
            auto edits = ctx.add_keyword_argument(p.call, "timeout=" + value);
            if (!edits) {
                p.finding.message += " (not rewritten: the call's arguments cannot take one)";
                out.push_back(std::move(p.finding));
                continue;
            }
            if (use_constant && definition) edits->insert(edits->begin(), *definition);
            p.finding.fix = Fix{"Pass timeout=" + value, std::move(*edits), Safety::Safe, {}};
            out.push_back(std::move(p.finding));
        }
    }

    // The module constant the fixes pass, if any, and its definition when wafix writes it.
    static std::pair<std::optional<Constant>, std::optional<Edit>> timeout_constant(
        Context& ctx, http::Classifier& classifier, const http::TimeoutSetting& setting,
        const std::vector<Pending>& pending) {
        std::optional<Constant> constant = module_constant(ctx, kConstantName);
        bool name_taken = ctx.model().lookup(kConstantName, 0) != nullptr;
        if (constant || name_taken) return {constant, std::nullopt};
        if ((constant = constant_in_use(ctx, classifier))) return {constant, std::nullopt};
        Constant fresh{kConstantName, setting.pair ? ValueKind::Pair : ValueKind::Scalar, nullptr, 0};
        size_t users = 0;
        for (const Pending& p : pending)
            if (can_use(ctx, fresh, p)) ++users;
        // One style for the whole repository: a file with a single call gets the constant too.
        if (users >= 1 && ctx.setting<std::string>("http-timeout-style") == "constant")
            return {fresh, constant_definition(ctx, setting)};
        return {std::nullopt, std::nullopt};
    }

    static std::string aiohttp_message(const http::HttpCall& h) {
        return fmt::format(
            "`{}` has no timeout: aiohttp's default allows 300 s per request, longer than most functions "
            "run (not rewritten: pass timeout=aiohttp.ClientTimeout(total=...) below the function's timeout)",
            h.display);
    }

    // urlopen(url, data, timeout) and Session.request(method, url, ..., timeout) take it by position.
    static bool positional_timeout(Node call, const http::HttpCall& h) {
        size_t positional = 0;
        for (const Node& a : call_arguments(call))
            if (!a.is("keyword_argument") && !is_splat(a)) ++positional;
        if (h.library == http::Library::Urllib) return positional >= 3;
        if (h.library == http::Library::Urllib3 && h.method == "connection_from_url") return false;
        if (h.session && h.method == "request") return positional >= 9;
        return false;
    }

    // The call can read the constant: not shadowed where it runs, defined before module code that
    // runs at import reaches it, and of a kind the call accepts (urlopen wants one number).
    static bool can_use(const Context& ctx, const Constant& c, const Pending& p) {
        bool one_number = p.http.library == http::Library::Urllib || p.http.library == http::Library::Urllib3;
        if (one_number && c.kind != ValueKind::Scalar) return false;
        Node root = p.call.field("function");
        while (root.is("attribute")) root = root.field("object");
        while (root.is("call")) {
            root = root.field("function");
            while (root.is("attribute")) root = root.field("object");
        }
        if (!root.is("identifier")) return false;
        int scope = ctx.model().scope_of_use(root);
        if (scope < 0) return false;
        const Binding* seen = ctx.model().lookup(c.name, scope);
        if (seen != c.binding) return false;  // shadowed (or, for a new constant, the name is bound)
        if (c.binding && runs_at_import(p.call) && p.call.start() < c.defined_at) return false;
        if (!c.binding && runs_at_import(p.call)) {
            Node end = ctx.import_block_end();
            if (end && p.call.start() < end.end()) return false;
        }
        return true;
    }

    // `HTTP_TIMEOUT_SECONDS = 10` after the module's imports, set off by blank lines.
    static Edit constant_definition(Context& ctx, const http::TimeoutSetting& s) {
        std::string line = fmt::format("{} = {}", kConstantName, s.literal);
        if (s.pair) line += "  # (connect, read)";
        if (auto e = statement_after_imports(ctx.text(), ctx.eol(), ctx.import_block_end(), line, true)) return *e;
        return ctx.imports().import_line_edit(line, {});
    }
};

}  // namespace

WAFIX_RULE_FILE(
    http_call_without_timeout, HttpCallWithoutTimeout,
    {.pillars = {Pillar::Sec, Pillar::Rel},
     .summary = "requests / Session / urlopen / urllib3 / aiohttp calls without a timeout",
     .triggers = {"requests", "urlopen", "httpx", "urllib3", "aiohttp"},
     .peers = {{PeerTool::Bandit, "B113"}, {PeerTool::Bandit, "request_without_timeout"}, {PeerTool::Ruff, "S113"}},
     .settings = {{.name = "http-timeout",
                   .type = SettingType::Seconds,
                   .default_value = "10",
                   .help = "timeout written into HTTP calls",
                   .value_name = "SECONDS|CONNECT,READ",
                   .max = http::kMaxTimeoutSeconds},
                  {.name = "http-timeout-style",
                   .default_value = "constant",
                   .help = "write the timeout as a module constant (HTTP_TIMEOUT_SECONDS) in every "
                           "file, or as a literal at each call",
                   .value_name = "constant|literal",
                   .check = check_timeout_style}}})

}  // namespace wafix
