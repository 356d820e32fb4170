// WA103 lxml-unsafe-parser: lxml resolved entities by default before 5.0, and iterparse kept the
// unsafe default until 6.1; pass a parser that does not resolve entities or reach the network.
#include <fmt/format.h>

#include "rule_file.hpp"
#include "xml/xml_transforms.hpp"

namespace wafix {
namespace {

constexpr const char* kSafeParserArgs = "resolve_entities=False, no_network=True";

class LxmlUnsafeParser final : public Transform {
    using Transform::Transform;

    void check(Context& ctx, std::vector<Finding>& out) const override {
        static const Query calls("(call function: [(identifier) (attribute)] @fn) @call");
        for (const Match& m : calls.matches(ctx.root())) {
            Node call = m.get("call"), fn = m.get("fn");
            auto q = ctx.model().qualified_name(fn);
            if (!q) continue;
            if (*q == "lxml.etree.fromstring" || *q == "lxml.etree.XML" || *q == "lxml.etree.parse")
                check_parse_call(ctx, call, fn, out);
            else if (*q == "lxml.etree.iterparse") check_iterparse(ctx, call, fn, out);
        }
    }

    static Node parser_argument(Node call) {
        if (Node kw = keyword_argument(call, "parser")) return kw.field("value");
        auto args = call_arguments(call);
        if (args.size() >= 2 && !args[0].is("keyword_argument") && !args[1].is("keyword_argument") &&
            !is_splat(args[1]))
            return args[1];
        return {};
    }

    // Edits that make an existing XMLParser(...) call refuse entities, or nullopt when it does.
    static std::optional<std::vector<Edit>> harden_parser_call(const Context& ctx, Node parser_call) {
        if (Node kw = keyword_argument(parser_call, "resolve_entities")) {
            Node v = kw.field("value");
            if (v.text() != "True") return std::nullopt;
            return std::vector<Edit>{{v.start(), v.end(), "False"}};
        }
        if (has_splat_arguments(parser_call)) return std::nullopt;
        return ctx.add_keyword_argument(parser_call, "resolve_entities=False");
    }

    // The XMLParser(...) call a parser argument was built by, when wafix can see it.
    static Node parser_construction(const Context& ctx, Node parser) {
        auto is_xml_parser_call = [&](Node n) {
            return n.is("call") && ctx.model().qualified_name(n.field("function")) == "lxml.etree.XMLParser";
        };
        if (is_xml_parser_call(parser)) return parser;
        if (parser.is("identifier")) {
            const Binding* b = ctx.model().resolve(parser);
            if (b && b->defs.size() == 1 && b->defs[0].kind == DefKind::Assignment &&
                is_xml_parser_call(b->defs[0].value))
                return b->defs[0].value;
        }
        return {};
    }

    // How this call site reaches lxml.etree.XMLParser, plus any import edit that needs.
    static std::optional<std::pair<std::string, std::vector<Edit>>> parser_class(Context& ctx, Node fn) {
        if (fn.is("attribute"))
            return std::make_pair(std::string(fn.field("object").text()) + ".XMLParser", std::vector<Edit>{});
        if (auto mod = ctx.imports().existing_module("lxml.etree"))
            return std::make_pair(*mod + ".XMLParser", std::vector<Edit>{});
        if (auto name = ctx.imports().existing_name("lxml.etree", "XMLParser"))
            return std::make_pair(*name, std::vector<Edit>{});
        const Binding* b = ctx.model().resolve(fn);
        if (!b || b->defs.size() != 1 || b->defs[0].kind != DefKind::FromImport) return std::nullopt;
        if (ctx.model().lookup("XMLParser", 0)) return std::nullopt;  // the name is taken
        auto edits = append_import_name(ctx.text(), ctx.eol(), b->defs[0].statement, "XMLParser");
        if (!edits) return std::nullopt;
        return std::make_pair(std::string("XMLParser"), *edits);
    }

    void check_parse_call(Context& ctx, Node call, Node fn, std::vector<Finding>& out) const {
        Node parser = parser_argument(call);
        if (parser) {
            Node construction = parser_construction(ctx, parser);
            if (!construction) return;  // built elsewhere: wafix cannot tell, and does not guess
            auto edits = harden_parser_call(ctx, construction);
            if (!edits) return;
            Finding f = ctx.finding(info(), call,
                                    fmt::format("`{}` uses an lxml parser that resolves entities: "
                                                "set resolve_entities=False",
                                                fn.text()));
            f.fix = Fix{"Set resolve_entities=False on the parser", *edits, Safety::Safe, {}};
            out.push_back(std::move(f));
            return;
        }
        Finding f = ctx.finding(info(), call,
                                fmt::format("`{}` parses with lxml's default parser, which may resolve "
                                            "entities and reach the network: pass a hardened XMLParser",
                                            fn.text()));
        if (has_splat_arguments(call)) {
            f.message += " (not rewritten: the call passes *args/**kwargs)";
        } else if (auto cls = parser_class(ctx, fn)) {
            auto edits = ctx.add_keyword_argument(call, fmt::format("parser={}({})", cls->first, kSafeParserArgs));
            if (edits) {
                std::vector<Edit> all = cls->second;
                all.insert(all.end(), edits->begin(), edits->end());
                f.fix = Fix{
                    "Pass parser=XMLParser(resolve_entities=False, no_network=True)", std::move(all), Safety::Safe, {}};
            }
        }
        out.push_back(std::move(f));
    }

    void check_iterparse(Context& ctx, Node call, Node fn, std::vector<Finding>& out) const {
        Node resolve = keyword_argument(call, "resolve_entities");
        Node network = keyword_argument(call, "no_network");
        bool resolve_ok = resolve && resolve.field("value").text() != "True";
        bool network_ok = network != Node();
        if (resolve_ok && network_ok) return;
        Finding f = ctx.finding(info(), call,
                                fmt::format("`{}` resolves entities by default before lxml 6.1: pass "
                                            "resolve_entities=False, no_network=True",
                                            fn.text()));
        if (has_splat_arguments(call)) {
            f.message += " (not rewritten: the call passes *args/**kwargs)";
            out.push_back(std::move(f));
            return;
        }
        std::vector<Edit> edits;
        std::string missing;
        if (resolve && !resolve_ok) {
            Node v = resolve.field("value");
            edits.push_back({v.start(), v.end(), "False"});
        } else if (!resolve) {
            missing = "resolve_entities=False";
        }
        if (!network_ok) missing += std::string(missing.empty() ? "" : ", ") + "no_network=True";
        if (!missing.empty()) {
            auto added = ctx.add_keyword_argument(call, missing);
            if (!added) {
                out.push_back(std::move(f));
                return;
            }
            edits.insert(edits.end(), added->begin(), added->end());
        }
        f.fix = Fix{"Pass resolve_entities=False, no_network=True", std::move(edits), Safety::Safe, {}};
        out.push_back(std::move(f));
    }
};

}  // namespace

WAFIX_RULE_FILE(
    lxml_unsafe_parser, LxmlUnsafeParser,
    {.pillars = {Pillar::Sec},
     .summary = "lxml parse calls without a parser that refuses entities and network access",
     .triggers = {"lxml"},
     .peers = {
         {PeerTool::Bandit, "B320"}, {PeerTool::Bandit, "B410"}, {PeerTool::Ruff, "S320"}, {PeerTool::Ruff, "S410"}}})

}  // namespace wafix
