// WA202 http-status-unchecked: requests returns 4xx/5xx responses like any other, so code that
// reads a response without checking it treats an error page as data. Add raise_for_status().
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "http/http_transforms.hpp"
#include "http/response_uses.hpp"
#include "rule_file.hpp"

namespace wafix {
namespace {

// `n` with any parentheses around it.
Node unparenthesize_up(Node n) {
    while (n.parent().is("parenthesized_expression")) n = n.parent();
    return n;
}

// The uses of the binding `name` defines that read this very value: after `after`, before the
// binding's next definition.
std::vector<Node> uses_of_value(const Context& ctx, Node name, uint32_t after) {
    std::vector<Node> out;
    const Binding* b = ctx.model().binding_defined_at(name);
    if (!b) return out;
    uint32_t until = UINT32_MAX;
    for (const Definition& d : b->defs)
        if (d.name && d.name.start() > after) until = std::min(until, d.name.start());
    for (const Node& u : b->uses)
        if (u.start() >= after && u.start() < until) out.push_back(u);
    return out;
}

// A statement alone on its lines (not after `;`, not on a compound statement's header line).
bool owns_its_lines(std::string_view text, Node stmt) {
    return (stmt.parent().is("block") || stmt.parent().is("module")) && only_space_before(text, stmt.start()) &&
           only_space_or_comment_after(text, stmt.end());
}

uint32_t width(std::string_view s) {
    uint32_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n += c == '\t' ? 4 : 1;
    return n;
}

// `.raise_for_status()` after the call; a one-line call that would outgrow the file's line length
// is laid out one argument per line first, as a formatter would.
std::vector<Edit> append_raise(const Context& ctx, Node call, Node outer) {
    constexpr std::string_view kRaise = ".raise_for_status()";
    std::vector<Edit> edits{{outer.end(), outer.end(), std::string(kRaise)}};
    std::string_view text = ctx.text();
    Node args = call.field("arguments");
    auto elements = call_arguments(call);
    if (!args.is("argument_list") || elements.empty() || args.start_point().row != args.end_point().row ||
        args.named_child_count() != elements.size())  // comments inside: leave the layout alone
        return edits;
    uint32_t ls = line_start(text, outer.end()), le = line_content_end(text, outer.end());
    if (width(text.substr(ls, le - ls)) + kRaise.size() <= ctx.line_limit()) return edits;
    Node open = args.child(0), close = args.child(args.child_count() - 1);
    if (!open.is("(") || !close.is(")")) return edits;
    std::string base(line_indent(text, call.start()));
    std::string step = !base.empty() && base[0] == '\t' ? "\t" : "    ";
    std::string eol(ctx.eol()), body;
    for (const Node& e : elements) body += eol + base + step + std::string(e.text()) + ",";
    body += eol + base;
    edits.insert(edits.begin(), Edit{open.end(), close.start(), body});
    return edits;
}

// A class attribute is stored for others to read, like `self.x = ...`.
bool in_class_body(Node stmt) { return stmt.parent().is("block") && stmt.parent().parent().is("class_definition"); }

class HttpStatusUnchecked final : public Transform {
    using Transform::Transform;

    bool refine(std::string_view text, const TriggerHits&) const override { return http::may_call_http(text, true); }

    void check(Context& ctx, std::vector<Finding>& out) const override {
        static const Query calls("(call) @call");
        http::Classifier classifier(ctx);
        for (const Match& m : calls.matches(ctx.root())) {
            Node call = m.get("call");
            auto h = classifier.classify(call);
            if (!h || h->library != http::Library::Requests) continue;
            // A test that asserts statuses (or any assert on the response) expects errors back.
            if (http::inside_assert(call) || http::in_status_test(ctx, call)) continue;
            Node outer = unparenthesize_up(call);
            Node p = outer.parent();
            if (p.is("attribute") && p.field("object") == outer) {
                // Only a body read consumes the response as a success; headers, url, ... do not.
                if (http::is_body_read(p.field("attribute").text())) chained(ctx, call, outer, *h, out);
            } else if (p.is("expression_statement") && p.named_child_count() == 1) {
                Finding f = ctx.finding(info(), call,
                                        fmt::format("the response of `{}` is dropped without a status "
                                                    "check: 4xx/5xx errors pass silently",
                                                    h->display));
                f.fix = Fix{"Append .raise_for_status()", append_raise(ctx, call, outer), Safety::Safe, {}};
                out.push_back(std::move(f));
            } else if (p.is("assignment") && p.field("right") == outer && p.field("left").is("identifier") &&
                       p.parent().is("expression_statement") && !in_class_body(p.parent())) {
                assigned(ctx, call, p.field("left"), p.parent(), *h, out);
            } else if (p.is("as_pattern") && p.parent().is("with_item")) {
                with_target(ctx, call, p, *h, out);
            }
            // Anything else (returned, passed as an argument, stored in a container or on an
            // object) hands the response to code that may check it.
        }
    }

    std::string unchecked_message(const http::HttpCall& h, std::string_view name, bool never_read) const {
        if (never_read)
            return fmt::format("the response of `{}` (`{}`) is never read or checked: 4xx/5xx errors pass silently",
                               h.display, name);
        return fmt::format("`{}` is read from `{}` without a status check: a 4xx/5xx error page is treated as data",
                           name, h.display);
    }

    void assigned(Context& ctx, Node call, Node name, Node stmt, const http::HttpCall& h,
                  std::vector<Finding>& out) const {
        auto uses = uses_of_value(ctx, name, stmt.end());
        Node bare = http::forgotten_raise_call(uses);
        bool forgotten = bare && !http::checked_or_asserted(uses);
        if (!forgotten && !http::consumed_unchecked(uses)) return;
        Finding f = ctx.finding(info(), call, unchecked_message(h, name.text(), uses.empty()));
        if (bare) {
            f.message += fmt::format(" (`{}` without parentheses checks nothing)", bare.text());
            f.fix = Fix{fmt::format("Call {}()", bare.text()), {{bare.end(), bare.end(), "()"}}, Safety::Safe, {}};
        } else if (owns_its_lines(ctx.text(), stmt)) {
            f.fix =
                Fix{fmt::format("Call {}.raise_for_status()", name.text()),
                    {insert_line_after(ctx.text(), ctx.eol(), stmt, std::string(name.text()) + ".raise_for_status()")},
                    Safety::Safe,
                    {}};
        } else {
            f.message += " (not rewritten: the statement shares its line)";
        }
        out.push_back(std::move(f));
    }

    void with_target(Context& ctx, Node call, Node as_pattern, const http::HttpCall& h,
                     std::vector<Finding>& out) const {
        Node target = as_pattern.field("alias");
        if (target.is("as_pattern_target")) target = target.named_child(0);
        if (!target.is("identifier")) return;
        Node with = as_pattern;
        while (with && !with.is("with_statement")) with = with.parent();
        Node body = with.field("body");
        if (!body) return;
        auto uses = uses_of_value(ctx, target, as_pattern.end());
        if (!http::consumed_unchecked(uses)) return;
        Finding f = ctx.finding(info(), call, unchecked_message(h, target.text(), uses.empty()));
        Node first;
        for (const Node& c : body.named_children())
            if (!c.is("comment")) {
                first = c;
                break;
            }
        Node colon;  // a comment after the header may sit between ':' and the block
        for (const Node& c : with.children())
            if (c.is(":")) colon = c;
        if (first && colon.is(":") && first.start_point().row > colon.start_point().row &&
            only_space_before(ctx.text(), first.start())) {
            // Right under the header, before any comment that introduces the first statement.
            uint32_t pos = next_line_start(ctx.text(), colon.end());
            std::string line = std::string(line_indent(ctx.text(), first.start())) + std::string(target.text()) +
                               ".raise_for_status()" + std::string(ctx.eol());
            f.fix = Fix{fmt::format("Call {}.raise_for_status()", target.text()), {{pos, pos, line}}, Safety::Safe, {}};
        } else {
            f.message += " (not rewritten: the block shares the header's line)";
        }
        out.push_back(std::move(f));
    }

    // `requests.get(...).json()`: the response never gets a name. Splitting the statement moves
    // the request ahead of whatever the statement evaluated before it, so the fix is unsafe.
    void chained(Context& ctx, Node call, Node outer, const http::HttpCall& h, std::vector<Finding>& out) const {
        Finding f = ctx.finding(info(), call,
                                fmt::format("the response of `{}` is used without a status check: a "
                                            "4xx/5xx error page is treated as data",
                                            h.display));
        Node stmt;
        bool splittable = true;
        for (Node n = outer.parent(); n; n = n.parent()) {
            if (n.is("lambda") || n.is("list_comprehension") || n.is("set_comprehension") ||
                n.is("dictionary_comprehension") || n.is("generator_expression") || n.is("conditional_expression") ||
                n.is("boolean_operator") || n.is("decorator") || n.is("default_parameter") ||
                n.is("typed_default_parameter")) {
                splittable = false;  // evaluated lazily, conditionally or elsewhere
                break;
            }
            if (n.parent().is("block") || n.parent().is("module")) {
                stmt = n;
                break;
            }
        }
        splittable = splittable && stmt && (stmt.is("expression_statement") || stmt.is("return_statement")) &&
                     owns_its_lines(ctx.text(), stmt);
        std::string name;
        if (splittable) {
            Node root = call.field("function");
            while (root.is("attribute") || root.is("call"))
                root = root.is("call") ? root.field("function") : root.field("object");
            int scope = root.is("identifier") ? ctx.model().scope_of_use(root) : -1;
            name = first_unbound(ctx.model(), scope, {"response", "resp", "http_response"});
        }
        if (name.empty()) {
            f.message += " (not rewritten: give the response a name and call raise_for_status() on it)";
            out.push_back(std::move(f));
            return;
        }
        f.message += fmt::format(
            " [unsafe fix with --unsafe-fixes: assigns `{}` first, which runs the request "
            "ahead of the rest of the statement]",
            name);
        std::string indent(line_indent(ctx.text(), stmt.start()));
        std::string eol(ctx.eol());
        std::string lines =
            indent + name + " = " + std::string(outer.text()) + eol + indent + name + ".raise_for_status()" + eol;
        uint32_t at = line_start(ctx.text(), stmt.start());
        f.fix = Fix{fmt::format("Split into {} = ...; {}.raise_for_status()", name, name),
                    {{at, at, lines}, {outer.start(), outer.end(), name}},
                    Safety::Unsafe,
                    {}};
        out.push_back(std::move(f));
    }
};

}  // namespace

WAFIX_RULE_FILE(http_status_unchecked, HttpStatusUnchecked,
                {.pillars = {Pillar::Rel},
                 .summary = "requests responses used without checking the HTTP status",
                 .fix_safety = Safety::Unsafe,
                 .triggers = {"requests"}})

}  // namespace wafix
