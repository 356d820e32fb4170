// How rewritten code reads a secret: a helper the module already has, Powertools' get_secret, or
// a small cached boto3 helper written after the imports (with PEP 8's blank lines around it).
#include <cctype>

#include "secrets/secret_scan.hpp"

namespace wafix::secrets {

namespace {

// Names of a helper this rule added earlier (or a look-alike the team wrote), and its cache.
const std::vector<std::pair<std::string, std::string>>& helper_names() {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"_get_secret", "_secret_cache"},
        {"_get_aws_secret", "_aws_secret_cache"},
        {"_wafix_get_secret", "_wafix_secret_cache"}};
    return names;
}

std::optional<Lookup> existing_helper(const Scan& scan) {
    for (const Node& def : scan.functions) {
        std::string_view name = def.field("name").text();
        for (const auto& [fn, cache] : helper_names())
            if (name == fn && def.text().find("get_secret_value") != std::string_view::npos)
                return Lookup{fn, {}, def.end(), {}};
    }
    return std::nullopt;
}

// `parameters.get_secret`, importing `parameters` after the module's Powertools imports if needed.
std::optional<Lookup> powertools_lookup(Context& ctx) {
    const SemanticModel& model = ctx.model();
    if (auto bound = ctx.imports().existing_name("aws_lambda_powertools.utilities", "parameters")) {
        Lookup l{*bound + ".get_secret", {}, 0, {}};
        for (const Binding& b : model.bindings())
            if (b.name == *bound && !b.defs.empty()) l.ready_at = b.defs[0].statement.end();
        return l;
    }
    if (model.binds_anywhere("parameters")) return std::nullopt;
    Node anchor;
    for (const Node& stmt : model.import_statements())
        if (stmt.text().find("aws_lambda_powertools") != std::string_view::npos && stmt.parent().is("module"))
            anchor = stmt;
    Edit e = ctx.imports().import_line_edit("from aws_lambda_powertools.utilities import parameters", anchor);
    uint32_t at = e.begin;
    return Lookup{"parameters.get_secret", {std::move(e)}, at, {}};
}

// Where the helper goes: below the top import block, else below the added import, and below
// boto3's import when that comes further down (so that it reads in order; literals evaluated at
// import time above it are left for a human). nullopt when boto3 is imported somewhere odd.
std::optional<uint32_t> helper_position(const Context& ctx, const ImportPlanner::Access& boto) {
    std::string_view text = ctx.text();
    auto boto_statement = [&] {
        const Binding* b = ctx.model().lookup(boto.expr.substr(0, boto.expr.find('.')), 0);
        return b && !b->defs.empty() ? module_level_statement(b->defs[0].statement) : Node();
    };
    uint32_t pos;
    if (Node block_end = ctx.import_block_end()) {
        pos = next_line_start(text, block_end.end());
    } else if (!boto.edits.empty()) {
        pos = boto.edits.back().begin;
    } else if (Node stmt = boto_statement()) {
        pos = next_line_start(text, stmt.end());
    } else {
        return std::nullopt;
    }
    if (boto.edits.empty())
        if (Node stmt = boto_statement(); stmt && stmt.start() >= pos) pos = next_line_start(text, stmt.end());
    return pos;
}

std::vector<std::string> helper_lines(const Context& ctx, const Scan& scan, const std::string& fn,
                                      const std::string& cache, const std::string& boto) {
    std::string q(1, ctx.string_quote());
    std::string i1 = scan.indent, i2 = scan.indent + scan.indent;
    return {
        cache + " = {}",
        "",
        "",
        "def " + fn + "(secret_id):",
        i1 + "\"\"\"Fetch a secret from AWS Secrets Manager once per process and cache it.\"\"\"",
        i1 + "if secret_id not in " + cache + ":",
        i2 + "client = " + boto + ".client(" + q + "secretsmanager" + q + ")",
        i2 + "response = client.get_secret_value(SecretId=secret_id)",
        i2 + cache + "[secret_id] = response[" + q + "SecretString" + q + "]",
        i1 + "return " + cache + "[secret_id]",
    };
}

bool blank(std::string_view text, uint32_t a, uint32_t b) {
    for (uint32_t k = a; k < b; ++k)
        if (!std::isspace(static_cast<unsigned char>(text[k]))) return false;
    return true;
}

// The helper's lines at `pos` with two blank lines before and (when code follows) after it,
// counting those already there (or ending the import edit inserted at the same place).
std::string helper_insert(std::string_view text, std::string_view eol, uint32_t pos, const Edit* import_here,
                          const std::vector<std::string>& lines) {
    std::string eol_text(eol);
    int before = 0;
    if (import_here) {
        const std::string& t = import_here->text;
        before = t.size() >= 2 * eol.size() && t.ends_with(eol_text + eol_text) ? 1 : 0;
    } else {
        for (uint32_t k = pos; k > 0 && before < 2; ++before) {
            uint32_t ls = line_start(text, k - 1);
            if (!blank(text, ls, k)) break;
            k = ls;
        }
    }
    int after = 0;
    bool content_after = false;
    for (uint32_t k = pos; k < text.size(); ++after) {
        uint32_t next = next_line_start(text, k);
        if (!blank(text, k, next)) {
            content_after = true;
            break;
        }
        k = next;
    }
    std::string insert;
    if (pos == text.size() && !text.empty() && text.back() != '\n' && !import_here) insert += eol_text;
    for (int k = before; k < 2; ++k) insert += eol_text;
    for (const auto& l : lines) insert += l + eol_text;
    if (content_after)
        for (int k = after; k < 2; ++k) insert += eol_text;
    return insert;
}

Lookup boto3_helper(Context& ctx, const Scan& scan) {
    Lookup h;
    const std::pair<std::string, std::string>* chosen = nullptr;
    for (const auto& pair : helper_names())
        if (!ctx.model().binds_anywhere(pair.first) && !ctx.model().binds_anywhere(pair.second)) {
            chosen = &pair;
            break;
        }
    if (!chosen) return Lookup{{}, {}, 0, "the helper's names are taken"};
    auto boto = ctx.imports().module("boto3");
    if (!boto) return Lookup{{}, {}, 0, "the name boto3 is taken"};
    auto pos = helper_position(ctx, *boto);
    if (!pos) return Lookup{{}, {}, 0, "boto3 is imported in an unusual place"};
    bool import_here = !boto->edits.empty() && boto->edits.back().begin == *pos;
    std::string insert = helper_insert(ctx.text(), ctx.eol(), *pos, import_here ? &boto->edits.back() : nullptr,
                                       helper_lines(ctx, scan, chosen->first, chosen->second, boto->expr));
    h.call = chosen->first;
    h.edits = boto->edits;
    // One edit with the import when both go to the same place: every finding's fix then carries
    // identical edits, which the applier merges, rather than two inserts at one offset that would
    // conflict across fixes.
    if (import_here) h.edits.back().text += insert;
    else h.edits.push_back({*pos, *pos, insert});
    h.ready_at = *pos;
    return h;
}

}  // namespace

Lookup plan_lookup(Context& ctx, const Scan& scan, bool project_has_powertools) {
    // An AWS CDK app: a lookup at synth time would put the plain value into the template.
    if (ctx.model().imports_module("aws_cdk") || ctx.model().imports_module("constructs"))
        return Lookup{{},
                      {},
                      0,
                      "an AWS CDK app would resolve it at synth time into the template: use "
                      "SecretValue.secrets_manager() or pass the secret's name and grant_read()"};
    if (auto existing = existing_helper(scan)) return *existing;
    if (ctx.model().imports_module("aws_lambda_powertools") || project_has_powertools)
        if (auto powertools = powertools_lookup(ctx)) return *powertools;
    return boto3_helper(ctx, scan);
}

}  // namespace wafix::secrets
