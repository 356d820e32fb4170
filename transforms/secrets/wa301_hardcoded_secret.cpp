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

#include "secrets/secret_patterns.hpp"
#include "secrets/secrets_transforms.hpp"

namespace wafix {
namespace {

using secrets::Detection;

// A string literal's decoded value and how it is written.
struct Literal {
    Node node;                           // the string or concatenated_string
    std::string value;                   // decoded
    std::vector<std::string> spellings;  // raw content of each part
    std::string prefix;                  // string prefix letters of a plain string (r, u)
    char quote = '"';
    bool simple = false;  // one single-line string whose raw content equals its value
};

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
    else if (auto v = secrets::unescape(raw)) lit.value = *v;
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

enum class Place { Assignment, Keyword, DictValue, Default, Positional, Comparison, EnvDefault };

struct Candidate {
    Literal literal;
    Detection detection;
    Place place = Place::Assignment;
    std::string name;  // bound name ("" when none)
};

bool is_identifier_like(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

// Evaluated when the module is imported (not inside a function body).
bool runs_at_import(Node n) {
    for (Node child = n, p = n.parent(); p; child = p, p = p.parent())
        if ((p.is("function_definition") || p.is("lambda")) && p.field("body") == child) return false;
    return true;
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

// Characters Secrets Manager accepts in a name.
std::string sanitise_id(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) ||
            std::string_view("/_+=.@-").find(c) != std::string_view::npos)
            out += c;
    return out;
}

std::string describe(const Candidate& c) {
    std::string what = "hard-coded " + c.detection.kind;
    if (is_identifier_like(c.name)) {
        if (c.place == Place::Comparison) what += fmt::format(" compared with `{}`", c.name);
        else if (c.place == Place::EnvDefault)
            what += fmt::format(" as the default of environment variable `{}`", c.name);
        else what += fmt::format(" in `{}`", c.name);
    }
    return what;
}

constexpr const char* kRotate = "the value stays in git history, so rotate it";

class HardcodedSecret final : public Transform {
public:
    const RuleInfo& info() const override {
        static const RuleInfo i{"WA301",
                                "hardcoded-secret",
                                {"SEC"},
                                "hard-coded credentials: read them from AWS Secrets Manager",
                                FixAvailability::Sometimes};
        return i;
    }

    // Case variants of the words a secret's name carries, and the provider prefixes.
    std::vector<std::string_view> triggers() const override {
        std::vector<std::string_view> t = {"pass",   "Pass",   "PASS",  "pwd",   "Pwd",   "PWD",  "secret",
                                           "Secret", "SECRET", "token", "Token", "TOKEN", "key",  "Key",
                                           "KEY",    "auth",   "Auth",  "AUTH",  "cred",  "Cred", "CRED"};
        const auto& providers = secrets::provider_prefixes();
        t.insert(t.end(), providers.begin(), providers.end());
        return t;
    }

    // Those words are in most files; the file is parsed only when a provider token, or a quoted run
    // that could be a secret value bound to such a word, is in its bytes.
    bool refine(std::string_view text, const TriggerHits& hits) const override {
        return secrets::may_contain_secrets(text, hits.any(secrets::provider_prefixes()));
    }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        if (secrets::is_test_path(project_relative(ctx.file().path))) return;
        Scan scan = scan_tree(ctx);
        if (scan.candidates.empty()) return;

        std::optional<Helper> helper;
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
            if (!helper) helper = plan_helper(ctx, scan);
            std::string why_not = helper->why_not;
            if (why_not.empty() && runs_at_import(c.literal.node) &&
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
            Fix fix;
            fix.title = "Read the secret from AWS Secrets Manager";
            fix.edits = helper->edits;
            fix.edits.push_back({c.literal.node.start(), c.literal.node.end(), replacement});
            SecretRecord record;
            record.id = id;
            record.kind = d.kind;
            record.value = secret;
            record.spellings = partial ? std::vector<std::string>{secret} : c.literal.spellings;
            record.offset = c.literal.node.start();
            fix.secrets.push_back(std::move(record));
            Finding f = ctx.finding(
                info(), c.literal.node,
                describe(c) + fmt::format(": read it from AWS Secrets Manager (secret id \"{}\"); ", id) + kRotate);
            f.fix = std::move(fix);
            out.push_back(std::move(f));
        }
    }

private:
    struct Scan {
        std::vector<Candidate> candidates;
        std::set<std::string> used_ids;  // ids the module already reads
        std::vector<Node> functions;     // module-level function definitions
        int double_quotes = 0, single_quotes = 0;
        std::string indent;  // one indentation level
    };

    struct Helper {
        std::string call;         // "_get_secret" or "parameters.get_secret"
        std::vector<Edit> edits;  // the import and helper to add
        uint32_t ready_at = 0;    // import-time calls work from this offset on
        std::string why_not;      // non-empty when no lookup can be added
    };

    static std::string secret_prefix(const Context& ctx) {
        std::string p = ctx.settings().secret_id_prefix;
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
        if (base.empty() || base.size() > 64) base = c.detection.kind;
        base = prefix + base;
        std::string id = base;
        for (int n = 2; used.count(id); ++n) id = fmt::format("{}-{}", base, n);
        used.insert(id);
        id_of_value[secret] = id;
        return id;
    }

    // Suppression comments (`# wafix: ignore[WA301]`, and the peers' `# nosec`, `# noqa: S105`,
    // `# pragma: allowlist secret`, `gitleaks:allow` unless --no-peer-suppressions) as the engine
    // reads them, on the literal's first or last line or its statement's first line.
    static bool suppressed(const Context& ctx, Node literal) {
        Node last = literal;
        while (last.child_count() > 0) last = last.child(last.child_count() - 1);
        return ctx.is_suppressed("WA301", literal) || ctx.is_suppressed("WA301", last);
    }

    static Scan scan_tree(const Context& ctx) {
        Scan scan;
        std::vector<Node> strings;
        std::string_view source = ctx.text();
        // A cursor walk with our own parent stack: ts_node_parent() walks down from the root.
        TSTreeCursor cursor = ts_tree_cursor_new(ctx.root().raw());
        std::vector<Node> parents;
        auto visit = [&](Node n) -> bool {  // false: do not descend
            if (!n.is_named()) return false;
            Node parent = parents.empty() ? Node() : parents.back();
            if (n.is("comment")) return false;
            if (n.is("string") || n.is("concatenated_string")) {
                strings.push_back(n);
                Node start = n.is("string") ? n.child(0) : Node();
                if (start && start.text().size() < 3) {
                    if (start.text().back() == '"') ++scan.double_quotes;
                    else ++scan.single_quotes;
                }
                return false;
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
            return true;
        };
        bool descend = visit(ctx.root());
        while (true) {
            TSNode current = ts_tree_cursor_current_node(&cursor);
            if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
                parents.push_back(Node(current, source));
                descend = visit(Node(ts_tree_cursor_current_node(&cursor), source));
                continue;
            }
            bool moved = false;
            while (!moved) {
                if (ts_tree_cursor_goto_next_sibling(&cursor)) {
                    moved = true;
                } else if (ts_tree_cursor_goto_parent(&cursor)) {
                    parents.pop_back();
                } else {
                    break;
                }
            }
            if (!moved) break;
            descend = visit(Node(ts_tree_cursor_current_node(&cursor), source));
        }
        ts_tree_cursor_delete(&cursor);
        if (scan.indent.empty()) scan.indent = "    ";
        std::sort(strings.begin(), strings.end(), [](Node a, Node b) { return a.start() < b.start(); });
        for (const Node& s : strings)
            if (auto c = candidate(s, ctx.model())) {
                if (!suppressed(ctx, s)) scan.candidates.push_back(std::move(*c));
            }
        return scan;
    }

    // Whether the value could be a secret under some name: most strings fail here, before the
    // (costlier) look at where they are bound.
    static bool could_be_secret(const Literal& lit) {
        std::string_view v = lit.value;
        if (v.size() < 8) return false;
        if (secrets::match_provider(v) || secrets::plausible_secret_value(v)) return true;
        for (std::string_view scheme : {"Bearer ", "Basic ", "token ", "Token ", "Bot "})
            if (v.starts_with(scheme)) return true;
        return false;
    }

    static std::optional<Candidate> candidate(Node s, const SemanticModel& model) {
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
                if (operand != outer &&
                    (operand.is("identifier") || operand.is("attribute") || operand.is("subscript")))
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

    static bool bound_anywhere(const SemanticModel& model, std::string_view name) {
        for (const Binding& b : model.bindings())
            if (b.name == name) return true;
        return false;
    }

    // An AWS CDK app: a lookup at synth time would put the plain value into the template.
    static bool is_cdk_module(const SemanticModel& model) {
        for (const Binding& b : model.bindings())
            for (const Definition& d : b.defs)
                if (d.is_import() &&
                    (d.module == "aws_cdk" || d.module.starts_with("aws_cdk.") || d.module == "constructs"))
                    return true;
        return false;
    }

    static bool uses_powertools(const SemanticModel& model) {
        for (const Binding& b : model.bindings())
            for (const Definition& d : b.defs)
                if (d.is_import() &&
                    (d.module == "aws_lambda_powertools" || d.module.starts_with("aws_lambda_powertools.")))
                    return true;
        return false;
    }

    static Helper plan_helper(Context& ctx, const Scan& scan) {
        Helper h;
        std::string_view text = ctx.text();
        const SemanticModel& model = ctx.model();
        if (is_cdk_module(model)) {
            h.why_not =
                "an AWS CDK app would resolve it at synth time into the template: use "
                "SecretValue.secrets_manager() or pass the secret's name and grant_read()";
            return h;
        }
        // A helper this rule added earlier (or a look-alike the team wrote) is reused.
        static const std::vector<std::pair<std::string, std::string>> names = {
            {"_get_secret", "_secret_cache"},
            {"_get_aws_secret", "_aws_secret_cache"},
            {"_wafix_get_secret", "_wafix_secret_cache"}};
        for (const Node& def : scan.functions) {
            std::string_view name = def.field("name").text();
            for (const auto& [fn, cache] : names)
                if (name == fn && def.text().find("get_secret_value") != std::string_view::npos) {
                    h.call = fn;
                    h.ready_at = def.end();
                    return h;
                }
        }
        // The project's manifests (resolved by the caller: transforms do not read the file
        // system) count as much as the module's imports: Powertools is then installed where the
        // code runs, in the package or as the Lambda layer that dev-only lists stand for.
        if (uses_powertools(model) || ctx.settings().project_uses_powertools) {
            if (auto bound = ctx.imports().existing_name("aws_lambda_powertools.utilities", "parameters")) {
                h.call = *bound + ".get_secret";
                for (const Binding& b : model.bindings())
                    if (b.name == *bound && !b.defs.empty()) h.ready_at = b.defs[0].statement.end();
                return h;
            }
            if (!bound_anywhere(model, "parameters")) {
                Node anchor;
                for (const Node& stmt : model.import_statements())
                    if (stmt.text().find("aws_lambda_powertools") != std::string_view::npos &&
                        stmt.parent().is("module"))
                        anchor = stmt;
                Edit e =
                    ctx.imports().import_line_edit("from aws_lambda_powertools.utilities import parameters", anchor);
                h.call = "parameters.get_secret";
                h.ready_at = e.begin;
                h.edits.push_back(std::move(e));
                return h;
            }
        }
        const std::pair<std::string, std::string>* chosen = nullptr;
        for (const auto& pair : names)
            if (!bound_anywhere(model, pair.first) && !bound_anywhere(model, pair.second)) {
                chosen = &pair;
                break;
            }
        if (!chosen) {
            h.why_not = "the helper's names are taken";
            return h;
        }
        auto boto = ctx.imports().module("boto3");
        if (!boto) {
            h.why_not = "the name boto3 is taken";
            return h;
        }
        // Where the helper goes: below the top import block, else below the added import.
        uint32_t pos;
        Node block_end = ctx.import_block_end();
        if (block_end) {
            pos = next_line_start(text, block_end.end());
        } else if (!boto->edits.empty()) {
            pos = boto->edits.back().begin;
        } else {
            const Binding* b = model.lookup(boto->expr.substr(0, boto->expr.find('.')), 0);
            Node stmt = b && !b->defs.empty() ? module_level_statement(b->defs[0].statement) : Node();
            if (!stmt) {
                h.why_not = "boto3 is imported in an unusual place";
                return h;
            }
            pos = next_line_start(text, stmt.end());
        }
        // boto3 imported further down: the helper goes below that import, so that it reads in
        // order; literals evaluated at import time above it are left for a human.
        if (boto->edits.empty()) {
            const Binding* b = model.lookup(boto->expr.substr(0, boto->expr.find('.')), 0);
            Node stmt = b && !b->defs.empty() ? module_level_statement(b->defs[0].statement) : Node();
            if (stmt && stmt.start() >= pos) pos = next_line_start(text, stmt.end());
        }
        std::string eol(ctx.eol());
        const std::string& fn = chosen->first;
        const std::string& cache = chosen->second;
        std::string q = scan.single_quotes > scan.double_quotes ? "'" : "\"";
        std::string i1 = scan.indent, i2 = scan.indent + scan.indent;
        std::vector<std::string> lines = {
            cache + " = {}",
            "",
            "",
            "def " + fn + "(secret_id):",
            i1 + "\"\"\"Fetch a secret from AWS Secrets Manager once per process and cache it.\"\"\"",
            i1 + "if secret_id not in " + cache + ":",
            i2 + "client = " + boto->expr + ".client(" + q + "secretsmanager" + q + ")",
            i2 + "response = client.get_secret_value(SecretId=secret_id)",
            i2 + cache + "[secret_id] = response[" + q + "SecretString" + q + "]",
            i1 + "return " + cache + "[secret_id]",
        };
        // PEP 8: two blank lines around a top-level function.
        auto blank = [&](uint32_t a, uint32_t b) {
            for (uint32_t k = a; k < b; ++k)
                if (!std::isspace(static_cast<unsigned char>(text[k]))) return false;
            return true;
        };
        int before = 0;
        bool import_here = !boto->edits.empty() && boto->edits.back().begin == pos;
        if (import_here) {
            const std::string& t = boto->edits.back().text;
            before = t.size() >= 2 * eol.size() && t.ends_with(eol + eol) ? 1 : 0;
        } else {
            uint32_t k = pos;
            while (k > 0 && before < 2) {
                uint32_t ls = line_start(text, k - 1);
                if (!blank(ls, k)) break;
                ++before;
                k = ls;
            }
        }
        int after = 0;
        bool content_after = false;
        for (uint32_t k = pos; k < text.size();) {
            uint32_t next = next_line_start(text, k);
            if (!blank(k, next)) {
                content_after = true;
                break;
            }
            ++after;
            k = next;
        }
        std::string insert;
        if (pos == text.size() && !text.empty() && text.back() != '\n' && !import_here) insert += eol;
        for (int k = before; k < 2; ++k) insert += eol;
        for (const auto& l : lines) insert += l + eol;
        if (content_after)
            for (int k = after; k < 2; ++k) insert += eol;
        h.call = fn;
        h.edits = boto->edits;
        // One edit with the import when both go to the same place: every finding's fix then
        // carries identical edits, which the applier merges, rather than two inserts at one offset
        // that would conflict across fixes.
        if (import_here) h.edits.back().text += insert;
        else h.edits.push_back({pos, pos, insert});
        h.ready_at = pos;
        return h;
    }
};

}  // namespace

std::unique_ptr<Transform> make_hardcoded_secret() { return std::make_unique<HardcodedSecret>(); }

}  // namespace wafix
