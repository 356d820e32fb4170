// WA102 xmlrpc-unprotected: xmlrpc parses XML with expat and no protection; defusedxml's
// monkey_patch() hardens xmlrpc.client and xmlrpc.server for the whole process.
#include <fmt/format.h>

#include "rule_file.hpp"
#include "xml/xml_transforms.hpp"

namespace wafix {
namespace {

bool under_type_checking(Node n) {
    for (Node p = n.parent(); p; p = p.parent())
        if (p.is("if_statement") && p.field("condition").text().find("TYPE_CHECKING") != std::string_view::npos)
            return true;
    return false;
}

bool imports_xmlrpc(const SemanticModel& model, Node stmt) {
    for (const Binding& b : model.bindings())
        for (const Definition& d : b.defs) {
            if (d.statement != stmt) continue;
            std::string target = d.kind == DefKind::FromImport ? d.module + "." + d.member : d.module;
            if (target.rfind("xmlrpc.client", 0) == 0 || target.rfind("xmlrpc.server", 0) == 0) return true;
        }
    return false;
}

class XmlrpcUnprotected final : public Transform {
    using Transform::Transform;

    void check(Context& ctx, std::vector<Finding>& out) const override {
        const SemanticModel& model = ctx.model();
        std::vector<Node> statements;
        for (const Node& stmt : model.import_statements())
            if (!under_type_checking(stmt) && imports_xmlrpc(model, stmt)) statements.push_back(stmt);
        if (statements.empty() || already_patched(ctx)) return;

        std::optional<Fix> fix;
        auto access = ctx.imports().module("defusedxml.xmlrpc", statements[0]);
        auto call = access ? patch_call_edit(ctx, access->expr + ".monkey_patch()", access->edits) : std::nullopt;
        if (access && call) {
            Fix f;
            f.title = "Call defusedxml.xmlrpc.monkey_patch() after the imports";
            f.edits = access->edits;
            f.edits.push_back(*call);
            f.requirements.emplace_back(kDefusedxmlRequirement);
            fix = std::move(f);
        }
        for (const Node& stmt : statements) {
            Finding finding = ctx.finding(info(), stmt,
                                          "xmlrpc parses XML without protection against entity expansion: "
                                          "call defusedxml.xmlrpc.monkey_patch() once after the imports");
            finding.fix = fix;
            out.push_back(std::move(finding));
        }
    }

    static bool already_patched(const Context& ctx) {
        for (const Node& use : ctx.model().uses()) {
            Node expr = use;
            while (expr.parent().is("attribute") && expr.parent().field("object") == expr) expr = expr.parent();
            if (!call_of_function(expr)) continue;
            if (ctx.model().qualified_name(expr) == "defusedxml.xmlrpc.monkey_patch") return true;
        }
        return false;
    }

    // The call goes on its own line, after a blank one, below the module's top import block.
    static std::optional<Edit> patch_call_edit(const Context& ctx, const std::string& call,
                                               const std::vector<Edit>& import_edits) {
        if (auto e = statement_after_imports(ctx.text(), ctx.eol(), ctx.import_block_end(), call, false)) return e;
        // No top-level import block: right after the import being added.
        if (import_edits.empty()) return std::nullopt;
        std::string eol(ctx.eol());
        const Edit& imp = import_edits.back();
        bool blank_after = imp.text.size() >= 2 * eol.size() && imp.text.ends_with(eol + eol);
        return Edit{imp.begin, imp.begin, blank_after ? call + eol + eol : eol + call + eol};
    }
};

}  // namespace

WAFIX_RULE_FILE(xmlrpc_unprotected, XmlrpcUnprotected,
                {.pillars = {Pillar::Sec},
                 .summary = "xmlrpc parses untrusted XML unprotected: call defusedxml.xmlrpc.monkey_patch()",
                 .fix = FixAvailability::Always,
                 .triggers = {"xmlrpc"},
                 .peers = {{PeerTool::Bandit, "B411"}, {PeerTool::Ruff, "S411"}}})

}  // namespace wafix
