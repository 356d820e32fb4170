#include <set>
#include <string>

#include "xml/wa101_evidence.hpp"

namespace wafix::wa101 {

namespace {

constexpr int kMaxDepth = 6;

bool bytes_annotation(Node type) { return type && (type.text() == "bytes" || type.text() == "bytearray"); }

// `open(p, "rb")` / `open(p, mode="rb")` / `p.open("rb")`.
bool binary_open(const SemanticModel& model, Node call) {
    if (!call.is("call")) return false;
    Node fn = call.field("function");
    bool is_open = (fn.is("identifier") && fn.text() == "open" && !model.resolve(fn)) ||
                   model.qualified_name(fn).value_or("") == "io.open" ||
                   (fn.is("attribute") && fn.field("attribute").text() == "open");
    if (!is_open) return false;
    Node args = call.field("arguments");
    for (const Node& a : args.named_children()) {
        Node v = a.is("keyword_argument") ? (a.field("name").text() == "mode" ? a.field("value") : Node()) : a;
        if (auto s = string_literal_value(v); s && s->find('b') != std::string::npos && s->size() <= 3) return true;
    }
    return false;
}

bool bytes_value(const SemanticModel& model, Node n, int depth);

// The object `.read()` is called on is a binary stream.
bool binary_stream(const SemanticModel& model, Node obj, int depth) {
    if (binary_open(model, obj)) return true;
    // boto3: get_object(...)["Body"] is a StreamingBody whose read() returns bytes.
    if (obj.is("subscript")) {
        Node key = obj.field("subscript");
        if (string_literal_value(key).value_or("") == "Body") return true;
    }
    if (!obj.is("identifier") || depth > kMaxDepth) return false;
    const Binding* b = model.resolve(obj);
    if (!b || b->defs.empty()) return false;
    for (const Definition& d : b->defs) {
        if (d.kind == DefKind::WithTarget) {
            // `with open(p, "rb") as f`: the with item's value.
            Node item = d.name;
            while (item && !item.is("as_pattern") && !item.is("with_statement")) item = item.parent();
            if (!item.is("as_pattern") || !binary_open(model, item.named_child(0))) return false;
        } else if (d.kind == DefKind::Assignment && d.value) {
            if (!binary_stream(model, d.value, depth + 1)) return false;
        } else {
            return false;
        }
    }
    return true;
}

bool call_is_bytes(const SemanticModel& model, Node n, int depth) {
    static const std::set<std::string> decoders = {
        "base64.b64decode",    "base64.urlsafe_b64decode", "base64.standard_b64decode",
        "base64.decodebytes",  "base64.b32decode",         "base64.b16decode",
        "base64.a85decode",    "base64.b85decode",         "binascii.unhexlify",
        "binascii.a2b_base64", "zlib.decompress",          "gzip.decompress",
        "bz2.decompress",      "lzma.decompress",          "bytes.fromhex"};
    Node f = n.field("function");
    if (f.is("identifier") && (f.text() == "bytes" || f.text() == "bytearray") && !model.resolve(f)) return true;
    if (auto q = model.qualified_name(f); q && decoders.count(*q)) return true;
    if (!f.is("attribute")) return false;
    std::string_view method = f.field("attribute").text();
    if (method == "encode" || method == "read_bytes" || method == "tobytes" || method == "getvalue_bytes") return true;
    if (method == "read" || method == "readall") return binary_stream(model, f.field("object"), depth + 1);
    return false;
}

bool bytes_value(const SemanticModel& model, Node n, int depth) {
    if (!n || depth > kMaxDepth) return false;
    if (n.is("string")) return n.child(0).text().find_first_of("bB") != std::string_view::npos;
    if (n.is("concatenated_string"))
        return n.named_child_count() > 0 && bytes_value(model, n.named_child(0), depth + 1);
    if (n.is("parenthesized_expression")) return bytes_value(model, n.named_child(0), depth + 1);
    if (n.is("call")) return call_is_bytes(model, n, depth);
    if (!n.is("identifier")) return false;
    const Binding* b = model.resolve(n);
    if (!b || b->defs.empty()) return false;
    for (const Definition& d : b->defs) {
        if (d.kind == DefKind::Parameter) {
            if (!bytes_annotation(d.statement.field("type"))) return false;
        } else if (d.kind == DefKind::Assignment) {
            Node type = d.statement.field("type");
            if (!bytes_annotation(type) && !bytes_value(model, d.value, depth + 1)) return false;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

bool is_bytes_value(const SemanticModel& model, Node expr) { return bytes_value(model, expr, 0); }

}  // namespace wafix::wa101
