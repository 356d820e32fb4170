// WA101 xml-external-entities: stdlib XML parse entry points -> defusedxml.
//
// A module binding (`import xml.etree.ElementTree as ET`) is swapped to defusedxml in place when
// every use is a name defusedxml provides; otherwise the stdlib import stays and only the parse
// calls are routed to defusedxml. From-imported parse functions move to a defusedxml import.
// A rewritten call inside `try` whose handler catches only the stdlib's parse errors gets a
// report-only finding at that handler: defusedxml rejects hostile XML with its own exceptions.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "rule_file.hpp"
#include "xml/wa101_evidence.hpp"
#include "xml/xml_transforms.hpp"

namespace wafix {
namespace {

struct XmlModule {
    const char* stdlib;
    const char* defused;
    std::set<std::string> parse;    // entry points that parse and must come from defusedxml
    std::set<std::string> exports;  // every name the defusedxml module provides
};

const std::vector<XmlModule>& xml_modules() {
    static const std::vector<XmlModule> modules = {
        {"xml.etree.ElementTree",
         "defusedxml.ElementTree",
         {"parse", "iterparse", "fromstring", "XML", "XMLParser"},
         {"ParseError", "XML", "XMLParse", "XMLParser", "XMLTreeBuilder", "fromstring", "iterparse", "parse",
          "tostring"}},
        {"xml.etree.cElementTree",
         "defusedxml.ElementTree",
         {"parse", "iterparse", "fromstring", "XML", "XMLParser"},
         {"ParseError", "XML", "XMLParse", "XMLParser", "XMLTreeBuilder", "fromstring", "iterparse", "parse",
          "tostring"}},
        {"xml.dom.minidom", "defusedxml.minidom", {"parse", "parseString"}, {"parse", "parseString"}},
        {"xml.dom.pulldom", "defusedxml.pulldom", {"parse", "parseString"}, {"parse", "parseString"}},
        {"xml.sax", "defusedxml.sax", {"parse", "parseString", "make_parser"}, {"parse", "parseString", "make_parser"}},
        {"xml.dom.expatbuilder", "defusedxml.expatbuilder", {"parse", "parseString"}, {"parse", "parseString"}},
        {"xml.sax.expatreader", "defusedxml.expatreader", {"create_parser"}, {"create_parser"}},
    };
    return modules;
}

const XmlModule* find_module(const std::string& name) {
    for (const auto& m : xml_modules())
        if (name == m.stdlib) return &m;
    return nullptr;
}

// The attribute node `<use>.<attr>` when `use` is the object of an attribute access.
Node attribute_of(Node use) {
    Node p = use.parent();
    if (p.is("attribute") && p.field("object") == use) return p;
    return {};
}

// defusedxml.sax.parseString wants bytes; the stdlib also takes str. Only provable bytes move.
bool parse_use_is_safe(const SemanticModel& model, const XmlModule& m, const std::string& name, Node use_expr) {
    if (std::string(m.defused) != "defusedxml.sax" || name != "parseString") return true;
    Node call = call_of_function(use_expr);
    if (!call) return false;
    auto args = call_arguments(call);
    return !args.empty() && wa101::is_bytes_value(model, args[0]);
}

// bandit's blacklist calls B313-B319 and imports B405-B409 (ruff's S313-S319, S405-S409).
std::vector<PeerCode> stdlib_xml_peers() {
    std::vector<PeerCode> out;
    for (int first : {313, 405})
        for (int code = first; code <= first + (first == 313 ? 6 : 4); ++code) {
            out.push_back({PeerTool::Bandit, fmt::format("B{}", code)});
            out.push_back({PeerTool::Ruff, fmt::format("S{}", code)});
        }
    return out;
}

class XmlExternalEntities final : public Transform {
    using Transform::Transform;

    // Only names bound by an import statement are followed, so a file needs one that names the
    // xml package ("xml" alone is in many docstrings; defusedxml and lxml do not count).
    bool refine(std::string_view text, const TriggerHits&) const override {
        static const RE2 xml_import(R"((?m)(?:^|;)[ \t]*(?:from|import)[ \t\\(][^\n]*\bxml\b)");
        return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), xml_import);
    }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        const SemanticModel& model = ctx.model();
        std::vector<Node> rewritten;  // parse calls whose finding carries a fix
        for (const Binding& b : model.bindings()) {
            if (b.defs.empty() || !b.defs[0].is_import()) continue;
            const Definition& d = b.defs[0];
            if (d.kind == DefKind::Import && !d.aliased) check_qualified(ctx, b, out, rewritten);
            else if (module_of_binding(d)) check_module_binding(ctx, b, out, rewritten);
            else check_function_binding(ctx, b, out, rewritten);
        }
        check_star_imports(ctx, out);
        check_handlers(ctx, rewritten, out);
    }

    // Report-only: a rewritten call whose `try` catches the stdlib's parse errors but not
    // defusedxml's. The except clause is the reviewer's business (rules.md: report, do not rewrite).
    void check_handlers(Context& ctx, const std::vector<Node>& rewritten, std::vector<Finding>& out) const {
        std::set<uint32_t> noted;
        for (const Node& use : rewritten) {
            Node clause = wa101::narrow_parse_handler(ctx.model(), use);
            if (!clause || !noted.insert(clause.start()).second) continue;
            Node type = clause.is("except_clause") ? clause.field("value") : clause.named_child(0);
            if (type.is("as_pattern")) type = type.named_child(0);
            std::string_view caught = type.text();
            std::string what = caught.find('\n') == std::string_view::npos ? fmt::format("`except {}`", caught)
                                                                           : std::string("this except clause");
            out.push_back(ctx.finding(
                info(), type,
                fmt::format(
                    "{} does not catch defusedxml's DefusedXmlException (EntitiesForbidden, "
                    "ExternalReferenceForbidden, DTDForbidden: subclasses of ValueError), which `{}` at line {} "
                    "raises for hostile XML once routed to defusedxml: review this handler, e.g. also catch "
                    "defusedxml.DefusedXmlException (not rewritten)",
                    what, use.text(), use.start_point().row + 1)));
        }
    }

    // `from xml.sax import *` then `parseString(...)`: the name is reported, not rewritten
    // (which names the star brings in is the module's business).
    void check_star_imports(Context& ctx, std::vector<Finding>& out) const {
        const SemanticModel& model = ctx.model();
        for (const Scope& scope : model.scopes())
            for (const std::string& mod : scope.star_imports) {
                const XmlModule* m = find_module(mod);
                if (!m) continue;
                for (const Node& use : model.uses()) {
                    if (model.resolve(use) || !m->parse.count(std::string(use.text())) || !call_of_function(use))
                        continue;
                    Finding f = ctx.finding(info(), use, message(use.text(), *m));
                    f.message += fmt::format(" (not rewritten: `{}` comes from `from {} import *`; import it from {})",
                                             use.text(), mod, m->defused);
                    out.push_back(std::move(f));
                }
            }
    }

    static const XmlModule* module_of_binding(const Definition& d) {
        if (d.kind == DefKind::Import && d.aliased) return find_module(d.module);
        if (d.kind == DefKind::FromImport) return find_module(d.module + "." + d.member);
        return nullptr;
    }

    std::string message(std::string_view expr, const XmlModule& m) const {
        return fmt::format(
            "`{}` parses XML with {}, which expands entities and resolves external ones (XXE, "
            "billion laughs): use {}",
            expr, m.stdlib, m.defused);
    }

    Fix make_fix(std::string title, std::vector<Edit> edits) const {
        Fix f;
        f.title = std::move(title);
        f.edits = std::move(edits);
        f.requirements.emplace_back(kDefusedxmlRequirement);
        return f;
    }

    // Every definition is a runtime import of the same family (e.g. the cElementTree fallback).
    static bool consistent_module_defs(const Binding& b, const XmlModule*& module) {
        module = nullptr;
        for (const Definition& d : b.defs) {
            if (d.in_type_checking) return false;
            const XmlModule* m = module_of_binding(d);
            if (!m) return false;
            if (module && std::string(module->defused) != m->defused) return false;
            if (!module) module = m;
        }
        return module != nullptr;
    }

    // `import xml.etree.ElementTree as ET`, `from xml.dom import minidom`, ...
    void check_module_binding(Context& ctx, const Binding& b, std::vector<Finding>& out,
                              std::vector<Node>& rewritten) const {
        const XmlModule* m = nullptr;
        if (!consistent_module_defs(b, m)) return;
        struct ParseUse {
            Node use, attr;
            bool safe;
            bool silenced;  // reported (the engine drops and counts it), never rewritten
        };
        std::vector<ParseUse> parse_uses;
        bool swappable = b.defs.size() == 1;
        for (const Node& use : b.uses) {
            Node attr = attribute_of(use);
            if (!attr) {
                swappable = false;  // passed, returned or re-bound whole
                continue;
            }
            std::string name(attr.field("attribute").text());
            if (m->parse.count(name)) {
                bool silenced = ctx.is_suppressed(info().id, attr);
                if (silenced) swappable = false;  // the silenced call must keep the stdlib parser
                bool safe = parse_use_is_safe(ctx.model(), *m, name, attr);
                parse_uses.push_back({use, attr, safe, silenced});
                if (!safe) swappable = false;
            } else if (!m->exports.count(name)) {
                swappable = false;
            }
        }
        if (parse_uses.empty()) return;
        const auto& all = ctx.model().dunder_all();
        if (b.scope == 0 && std::find(all.begin(), all.end(), b.name) != all.end()) swappable = false;

        const Definition& d = b.defs[0];
        std::optional<std::vector<Edit>> swap;
        if (swappable) swap = swap_module_import(ctx, d, *m);
        for (const ParseUse& pu : parse_uses) {
            Finding f = ctx.finding(info(), pu.attr, message(pu.attr.text(), *m));
            if (pu.silenced) {
            } else if (!pu.safe) {
                f.message += " (not rewritten: defusedxml.sax.parseString needs bytes and this argument may be str)";
            } else if (swap) {
                f.fix = make_fix(fmt::format("Import {} instead of {}", m->defused, m->stdlib), *swap);
            } else if (auto access = ctx.imports().module(m->defused, d.statement)) {
                std::string attr_name(pu.attr.field("attribute").text());
                std::vector<Edit> edits = access->edits;
                edits.push_back({pu.attr.start(), pu.attr.end(), access->expr + "." + attr_name});
                f.fix = make_fix(fmt::format("Call {}.{}", m->defused, attr_name), std::move(edits));
            }
            if (f.fix) rewritten.push_back(pu.attr);
            out.push_back(std::move(f));
        }
    }

    // Rewrites the import statement so the same name binds the defusedxml module.
    static std::optional<std::vector<Edit>> swap_module_import(Context& ctx, const Definition& d, const XmlModule& m) {
        (void)ctx;
        std::string defused = m.defused;
        if (d.kind == DefKind::Import) {
            Node dotted = d.item.field("name");
            return std::vector<Edit>{{dotted.start(), dotted.end(), defused}};
        }
        // from xml.etree import ElementTree as ET -> from defusedxml import ElementTree as ET
        if (d.statement.children_by_field("name").size() != 1) return std::nullopt;
        Node module_name = d.statement.field("module_name");
        Node member = d.item.is("aliased_import") ? d.item.field("name") : d.item;
        size_t dot = defused.rfind('.');
        return std::vector<Edit>{{module_name.start(), module_name.end(), defused.substr(0, dot)},
                                 {member.start(), member.end(), defused.substr(dot + 1)}};
    }

    // `import xml.etree.ElementTree` used as `xml.etree.ElementTree.parse(...)`.
    void check_qualified(Context& ctx, const Binding& b, std::vector<Finding>& out,
                         std::vector<Node>& rewritten) const {
        for (const Definition& d : b.defs)
            if (!d.is_import() || d.in_type_checking || (d.kind == DefKind::Import && d.aliased)) return;
        struct ChainUse {
            Node use, prefix_end, attr;  // prefix = use..prefix_end spells the module
            std::string name;
            bool parse, safe;
        };
        std::map<const XmlModule*, std::vector<ChainUse>> by_module;
        std::set<const XmlModule*> blocked;  // modules whose swap another use forbids
        bool uncovered_use = false;
        for (const Node& use : b.uses) {
            // Walk up the attribute chain, matching the longest known module prefix.
            Node cur = use;
            std::string path(use.text());
            const XmlModule* m = nullptr;
            Node prefix_end;
            while (Node attr = attribute_of(cur)) {
                path += "." + std::string(attr.field("attribute").text());
                cur = attr;
                if (const XmlModule* found = find_module(path)) {
                    m = found;
                    prefix_end = attr;
                }
            }
            if (!m) {
                uncovered_use = true;
                continue;
            }
            Node attr = attribute_of(prefix_end);
            if (!attr) {
                blocked.insert(m);  // the module object itself is used
                continue;
            }
            std::string name(attr.field("attribute").text());
            bool parse = m->parse.count(name) > 0;
            bool silenced = parse && ctx.is_suppressed(info().id, attr);
            if (silenced) blocked.insert(m);  // the silenced call must keep the stdlib parser
            bool safe = !parse || (!silenced && parse_use_is_safe(ctx.model(), *m, name, attr));
            if (!parse && !m->exports.count(name)) blocked.insert(m);
            if (!safe) blocked.insert(m);
            by_module[m].push_back({use, prefix_end, attr, name, parse, safe});
        }
        for (const auto& [m, uses] : by_module) {
            if (std::none_of(uses.begin(), uses.end(), [](const ChainUse& u) { return u.parse; })) continue;
            // Swap `import xml.etree.ElementTree` itself when it is the one import of this module
            // and the name `xml` stays bound for every other use.
            std::vector<const Definition*> imports_of_m;
            for (const Definition& d : b.defs)
                if (d.module == m->stdlib) imports_of_m.push_back(&d);
            bool swappable = !blocked.count(m) && imports_of_m.size() == 1 &&
                             (b.defs.size() > 1 || (!uncovered_use && by_module.size() == 1));
            std::optional<std::vector<Edit>> swap;
            if (swappable) {
                std::vector<Edit> edits{{imports_of_m[0]->item.start(), imports_of_m[0]->item.end(), m->defused}};
                for (const ChainUse& u : uses) edits.push_back({u.use.start(), u.prefix_end.end(), m->defused});
                swap = std::move(edits);
            }
            Node anchor = imports_of_m.empty() ? Node() : imports_of_m[0]->statement;
            for (const ChainUse& u : uses) {
                if (!u.parse) continue;
                Finding f = ctx.finding(info(), u.attr, message(u.attr.text(), *m));
                if (!u.safe) {
                    f.message +=
                        " (not rewritten: defusedxml.sax.parseString needs bytes and this argument may be str)";
                } else if (swap) {
                    f.fix = make_fix(fmt::format("Import {} instead of {}", m->defused, m->stdlib), *swap);
                } else if (auto access = ctx.imports().module(m->defused, anchor)) {
                    std::vector<Edit> edits = access->edits;
                    edits.push_back({u.use.start(), u.prefix_end.end(), access->expr});
                    f.fix = make_fix(fmt::format("Call {}.{}", m->defused, u.name), std::move(edits));
                }
                if (f.fix) rewritten.push_back(u.attr);
                out.push_back(std::move(f));
            }
        }
    }

    // `from xml.etree.ElementTree import fromstring, Element`: parse names move to defusedxml.
    void check_function_binding(Context& ctx, const Binding& b, std::vector<Finding>& out,
                                std::vector<Node>& rewritten) const {
        const Definition& d = b.defs[0];
        if (d.kind != DefKind::FromImport || b.defs.size() != 1 || d.in_type_checking) return;
        const XmlModule* m = find_module(d.module);
        if (!m || !m->parse.count(d.member) || b.uses.empty()) return;
        // Only handle each import statement once: from its first parse-name binding.
        Node stmt = d.statement;
        auto items = stmt.children_by_field("name");
        struct Item {
            Node item;
            const Binding* binding;
            bool movable;
        };
        std::vector<Item> parse_items;
        bool every_item_moves = true;
        for (const Node& item : items) {
            Node id = item.is("aliased_import") ? item.field("alias") : item.named_child(0);
            const Binding* ib = ctx.model().binding_defined_at(id);
            const Definition* idef = nullptr;
            if (ib)
                for (const Definition& dd : ib->defs)
                    if (dd.item == item) idef = &dd;
            bool parse_name = idef && m->parse.count(idef->member);
            bool movable =
                parse_name && ib->defs.size() == 1 && !ib->uses.empty() &&
                std::all_of(ib->uses.begin(), ib->uses.end(), [&](const Node& u) {
                    return parse_use_is_safe(ctx.model(), *m, idef->member, u) && !ctx.is_suppressed(info().id, u);
                });
            if (parse_name) parse_items.push_back({item, ib, movable});
            if (!movable) every_item_moves = false;
        }
        if (parse_items.empty() || parse_items[0].binding != &b) return;

        std::vector<Node> moving;
        for (const Item& it : parse_items)
            if (it.movable) moving.push_back(it.item);
        std::optional<Fix> fix;
        if (!moving.empty()) {
            std::vector<Edit> edits;
            if (every_item_moves) {
                Node module_name = stmt.field("module_name");
                edits.push_back({module_name.start(), module_name.end(), m->defused});
            } else {
                edits = remove_import_items(ctx.text(), stmt, moving);
                std::string names;
                for (const Node& item : moving) {
                    if (!names.empty()) names += ", ";
                    names += item.text();
                }
                edits.push_back(insert_line_after(ctx.text(), ctx.eol(), stmt,
                                                  fmt::format("from {} import {}", m->defused, names)));
            }
            fix = make_fix(fmt::format("Import the parse functions from {}", m->defused), std::move(edits));
        }
        for (const Item& it : parse_items) {
            if (it.binding->defs.size() != 1) continue;  // re-bound: its uses may not be the import
            for (const Node& use : it.binding->uses) {
                Finding f = ctx.finding(info(), use, message(use.text(), *m));
                bool silenced_elsewhere = std::any_of(it.binding->uses.begin(), it.binding->uses.end(),
                                                      [&](const Node& u) { return ctx.is_suppressed(info().id, u); });
                if (it.movable && fix) {
                    f.fix = fix;
                    rewritten.push_back(use);
                } else if (!it.movable && silenced_elsewhere)
                    f.message += " (not rewritten: another use of this name is silenced by a suppression comment)";
                else if (!it.movable)
                    f.message +=
                        " (not rewritten: defusedxml.sax.parseString needs bytes and this argument may be str)";
                out.push_back(std::move(f));
            }
        }
    }
};

}  // namespace

WAFIX_RULE_FILE(xml_external_entities, XmlExternalEntities,
                {.pillars = {Pillar::Sec},
                 .summary = "stdlib XML parsing is open to entity expansion and external entities: use defusedxml",
                 .triggers = {"xml"},
                 .peers = stdlib_xml_peers()})

}  // namespace wafix
