// WA101: which except clauses catch a rewritten parse call's errors. A handler that catches only
// the stdlib's parse errors lets defusedxml's DefusedXmlException (a ValueError) escape.
#include <algorithm>
#include <set>
#include <string>

#include "xml/wa101_evidence.hpp"

namespace wafix::wa101 {

namespace {

// What an `except` clause catches, as far as the rewrite is concerned.
struct HandlerCatch {
    bool parse_error = false;  // a stdlib XML parse error (what the parse call raised so far)
    bool defused = false;      // defusedxml's DefusedXmlException, or maybe (unknown names)
};

// defusedxml 0.7.1's exceptions: DefusedXmlException(ValueError) and its subclasses. A handler
// catches them only through one of these classes or their bases ValueError, Exception,
// BaseException; a handler naming a subclass shows its author already knows defusedxml.
bool is_defused_exception(std::string_view name) {
    static const std::set<std::string_view> names = {"DefusedXmlException", "DTDForbidden", "EntitiesForbidden",
                                                     "ExternalReferenceForbidden", "NotSupportedError"};
    return names.count(name) > 0;
}

// What the stdlib parsers raise for malformed XML (ElementTree's ParseError is a SyntaxError;
// minidom and expatbuilder raise ExpatError; sax and pulldom SAXParseException).
bool is_parse_error(const std::string& qualified) {
    static const std::set<std::string> names = {"xml.etree.ElementTree.ParseError",
                                                "xml.etree.cElementTree.ParseError",
                                                "defusedxml.ElementTree.ParseError",
                                                "defusedxml.cElementTree.ParseError",
                                                "xml.parsers.expat.ExpatError",
                                                "xml.parsers.expat.error",
                                                "pyexpat.ExpatError",
                                                "pyexpat.error",
                                                "xml.sax.SAXException",
                                                "xml.sax.SAXParseException",
                                                "xml.sax._exceptions.SAXException",
                                                "xml.sax._exceptions.SAXParseException"};
    return names.count(qualified) > 0;
}

void classify_exception(const SemanticModel& model, Node type, HandlerCatch& c) {
    if (type.is("tuple") || type.is("parenthesized_expression")) {
        for (const Node& t : type.named_children())
            if (!t.is("comment")) classify_exception(model, t, c);
        return;
    }
    if (!type.is("identifier") && !type.is("attribute")) {
        c.defused = true;  // computed: it may be anything
        return;
    }
    if (auto q = model.qualified_name(type)) {
        std::string_view last = std::string_view(*q).substr(q->rfind('.') + 1);
        if (q->rfind("defusedxml.", 0) == 0 && is_defused_exception(last)) c.defused = true;
        else if (is_parse_error(*q)) c.parse_error = true;
        // Any other imported class is none of defusedxml's bases.
        return;
    }
    if (type.is("attribute")) {
        c.defused = true;  // `errors.Invalid` on a local object: unknown
        return;
    }
    const Binding* b = model.resolve(type);
    if (!b) {  // a builtin
        std::string_view name = type.text();
        if (name == "ValueError" || name == "Exception" || name == "BaseException" || is_defused_exception(name))
            c.defused = true;
        else if (name == "SyntaxError") c.parse_error = true;
        return;
    }
    // A class defined here cannot be a base of defusedxml's; an assigned name may alias one.
    bool classes_only = !b->defs.empty() && std::all_of(b->defs.begin(), b->defs.end(), [](const Definition& d) {
        return d.kind == DefKind::ClassDef;
    });
    if (!classes_only) c.defused = true;
}

HandlerCatch handler_catch(const SemanticModel& model, Node clause) {
    HandlerCatch c;
    Node type = clause.is("except_clause") ? clause.field("value") : clause.named_child(0);
    if (type.is("as_pattern")) type = type.named_child(0);
    if (!type || type.is("block")) c.defused = true;  // bare `except:`
    else classify_exception(model, type, c);
    return c;
}

}  // namespace

Node narrow_parse_handler(const SemanticModel& model, Node call) {
    for (Node child = call, p = call.parent(); p; child = p, p = p.parent()) {
        if (p.is("function_definition") || p.is("lambda")) return {};
        if (!p.is("try_statement") || p.field("body") != child) continue;
        Node parse_handler;
        for (const Node& clause : p.named_children()) {
            if (!clause.is("except_clause") && !clause.is("except_group_clause")) continue;
            HandlerCatch c = handler_catch(model, clause);
            if (c.defused) return {};
            if (c.parse_error && !parse_handler) parse_handler = clause;
        }
        if (parse_handler) return parse_handler;
    }
    return {};
}

}  // namespace wafix::wa101
