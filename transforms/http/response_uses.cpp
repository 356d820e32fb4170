// How one read of a response variable treats the response; see response_uses.hpp.
#include "http/response_uses.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <re2/re2.h>

namespace wafix::http {
namespace {

constexpr std::array<std::string_view, 3> kStatusReads = {"status_code", "ok", "raise_for_status"};
constexpr std::array<std::string_view, 6> kBodyReads = {"json", "text", "content", "iter_content", "iter_lines", "raw"};

Node unparenthesize_up(Node n) {
    while (n.parent().is("parenthesized_expression")) n = n.parent();
    return n;
}

bool is_scope_boundary(Node n) {
    return n.is("function_definition") || n.is("lambda") || n.is("class_definition") || n.is("module");
}

// An except clause that catches what an error page makes `.json()` raise (a decode error, or
// anything broader).
bool catches_decode_errors(Node clause) {
    Node type;
    for (const Node& c : clause.named_children())
        if (!c.is("block") && !c.is("comment")) {
            type = c;
            break;
        }
    if (!type) return true;  // a bare `except:`
    if (type.is("as_pattern")) type = type.named_child(0);
    static const RE2 caught(R"(\b(?:Exception|BaseException|ValueError|JSONDecodeError|RequestException)\b)");
    std::string_view t = type.text();
    return RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), caught);
}

// `n` reads JSON in the body of a try whose handler deals with a body that is no JSON.
bool inside_decode_try(Node n) {
    for (Node child = n, p = n.parent(); p && !is_scope_boundary(p); child = p, p = p.parent()) {
        if (!p.is("try_statement") || p.field("body") != child) continue;
        for (const Node& c : p.named_children())
            if (c.is("except_clause") && catches_decode_errors(c)) return true;
    }
    return false;
}

// `n` runs in an except clause: the code is already handling a failure.
bool inside_except(Node n) {
    for (Node p = n.parent(); p && !is_scope_boundary(p); p = p.parent())
        if (p.is("except_clause") || p.is("except_group_clause")) return true;
    return false;
}

bool is_test_path(const std::filesystem::path& path) {
    std::string file = path.filename().string();
    if (file == "conftest.py" || file.starts_with("test_") || file.ends_with("_test.py") || file.ends_with("_tests.py"))
        return true;
    for (const auto& part : path.parent_path())
        if (part == "tests" || part == "test") return true;
    return false;
}

bool is_test_class_name(std::string_view name) {
    return name.starts_with("Test") || name.ends_with("Test") || name.ends_with("Tests") || name.ends_with("TestCase");
}

bool in_test_code(const Context& ctx, Node n) {
    if (is_test_path(ctx.file().path)) return true;
    for (Node p = n.parent(); p; p = p.parent()) {
        if (p.is("function_definition") && p.field("name").text().starts_with("test")) return true;
        if (p.is("class_definition") && is_test_class_name(p.field("name").text())) return true;
    }
    return false;
}

}  // namespace

bool is_status_read(std::string_view attribute) {
    return std::find(kStatusReads.begin(), kStatusReads.end(), attribute) != kStatusReads.end();
}

bool is_body_read(std::string_view attribute) {
    return std::find(kBodyReads.begin(), kBodyReads.end(), attribute) != kBodyReads.end();
}

bool inside_assert(Node n) {
    for (Node p = n.parent(); p && !is_scope_boundary(p); p = p.parent())
        if (p.is("assert_statement")) return true;
    return false;
}

ResponseUse classify_response_use(Node id) {
    Node n = unparenthesize_up(id);
    Node p = n.parent();
    if (inside_assert(n)) {
        // `assert r.ok` / `assert r.status_code == 200` check; any other assert states what the
        // test expects of the response, which an exception would pre-empt.
        if (p.is("attribute") && is_status_read(p.field("attribute").text())) return ResponseUse::Checked;
        return ResponseUse::Asserted;
    }
    if (p.is("attribute") && p.field("object") == n) {
        std::string_view attribute = p.field("attribute").text();
        if (attribute == "raise_for_status" && unparenthesize_up(p).parent().is("expression_statement"))
            return ResponseUse::Metadata;  // `r.raise_for_status` without the call checks nothing
        if (is_status_read(attribute)) return ResponseUse::Checked;
        if (is_body_read(attribute)) {
            bool handled = inside_except(p) || (attribute == "json" && inside_decode_try(p));
            return handled ? ResponseUse::Handled : ResponseUse::BodyRead;
        }
        return ResponseUse::Metadata;
    }
    // Truth tests read Response.ok (Response.__bool__ returns it).
    if (p.is("not_operator") || p.is("boolean_operator")) return ResponseUse::Checked;
    if ((p.is("if_statement") || p.is("elif_clause") || p.is("while_statement") || p.is("conditional_expression")) &&
        p.field("condition") == n)
        return ResponseUse::Checked;
    if (p.is("conditional_expression") && p.named_child(1) == n) return ResponseUse::Checked;
    // Iterating a response reads its body (Response.__iter__ is iter_content).
    if (p.is("for_statement") && p.field("right") == n)
        return inside_except(p) ? ResponseUse::Handled : ResponseUse::BodyRead;
    // Handed to someone else, who may check it.
    if (p.is("return_statement") || p.is("yield") || p.is("argument_list") || p.is("keyword_argument") ||
        p.is("pair") || p.is("list") || p.is("tuple") || p.is("set") || p.is("expression_list") || p.is("await") ||
        (p.is("assignment") && p.field("right") == n) || (p.is("augmented_assignment") && p.field("right") == n))
        return ResponseUse::HandedOn;
    return ResponseUse::Metadata;
}

bool consumed_unchecked(const std::vector<Node>& uses) {
    bool body_read = false;
    for (const Node& u : uses) {
        switch (classify_response_use(u)) {
            case ResponseUse::Checked:
            case ResponseUse::HandedOn:
            case ResponseUse::Asserted:
                return false;
            case ResponseUse::BodyRead:
                body_read = true;
                break;
            case ResponseUse::Handled:
            case ResponseUse::Metadata:
                break;
        }
    }
    // Never read at all: the request's outcome is dropped, as with a bare call statement.
    return body_read || uses.empty();
}

bool checked_or_asserted(const std::vector<Node>& uses) {
    return std::any_of(uses.begin(), uses.end(), [](Node u) {
        ResponseUse use = classify_response_use(u);
        return use == ResponseUse::Checked || use == ResponseUse::Asserted;
    });
}

Node forgotten_raise_call(const std::vector<Node>& uses) {
    for (const Node& u : uses) {
        ResponseUse use = classify_response_use(u);
        if (use == ResponseUse::BodyRead) return {};
        Node p = unparenthesize_up(u).parent();
        if (use == ResponseUse::Metadata && p.is("attribute") && p.field("attribute").text() == "raise_for_status")
            return p;
    }
    return {};
}

bool in_status_test(const Context& ctx, Node n) {
    if (!in_test_code(ctx, n)) return false;
    std::string_view text = ctx.text();
    static const RE2 status_read(R"(\.(?:status_code|status|ok)\b|HTTPError)");
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), status_read);
}

}  // namespace wafix::http
