// Names and statements the CDK rules write: variables and construct ids derived from existing
// ones, and a new constructor statement laid out to the file's line length.
#include <cctype>

#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"

namespace wafix {

std::string variable_base(std::string_view construct_id) {
    std::string out = snake_case(construct_id);
    if (out.empty()) return "function";
    if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "fn_" + out;
    if (is_python_keyword(out)) out += "_fn";
    return out;
}

std::optional<std::string> derived_construct_id(const Context& ctx, Node id, std::string_view suffix) {
    std::string_view text = ctx.text();
    std::string_view id_text = id.text();
    auto literal = string_literal_value(id);
    bool fstring = id.is("string") && !id_text.empty() && (id_text.front() == 'f' || id_text.front() == 'F');
    if (literal || fstring) {
        size_t q = id_text.size() >= 6 && (id_text.ends_with("\"\"\"") || id_text.ends_with("'''")) ? 3 : 1;
        std::string chosen(suffix);
        if (literal) {
            for (int i = 2; text.find(*literal + chosen) != std::string_view::npos; ++i)
                chosen = fmt::format("{}{}", suffix, i);
        }
        return std::string(id_text.substr(0, id_text.size() - q)) + chosen +
               std::string(id_text.substr(id_text.size() - q));
    }
    if (id.is("identifier") || id.is("attribute") || id.is("call") || id.is("subscript"))
        return fmt::format("{} + {}", id_text, ctx.string_literal(suffix));
    return std::nullopt;
}

std::string call_statement(const Context& ctx, std::string_view indent, const std::string& head,
                           const std::vector<std::string>& args) {
    std::string single(indent);
    single += head;
    for (size_t i = 0; i < args.size(); ++i) single += (i ? ", " : "") + args[i];
    single += ")";
    if (single.size() <= ctx.line_limit()) return single;
    std::string step = indent.starts_with("\t") ? "\t" : "    ";
    std::string eol(ctx.eol());
    std::string out = std::string(indent) + head;
    for (const std::string& a : args) out += eol + std::string(indent) + step + a + ",";
    return out + eol + std::string(indent) + ")";
}

bool uses_cdk_v1(const Context& ctx) {
    for (const Binding& b : ctx.model().bindings())
        for (const Definition& d : b.defs)
            if (d.is_import() && (d.module == "aws_cdk.core" || d.qualified_target().rfind("aws_cdk.core", 0) == 0))
                return true;
    return false;
}

}  // namespace wafix
