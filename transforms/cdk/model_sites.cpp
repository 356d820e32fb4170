// Where the application model's facts are in the text a rule sees. The model read each file's
// original bytes; after an earlier fix pass the same call is found by what fixes never change:
// its callee, its positional arguments and how many such calls precede it.
#include "cdk/cdk_transforms.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {
namespace {

// "callee|first positional|second positional": fixes only ever add keyword arguments.
std::string call_key(Node call) {
    std::string key(call.field("function").text());
    int positional = 0;
    for (const Node& a : call_arguments(call)) {
        if (a.is("keyword_argument") || is_splat(a)) continue;
        key += "|" + std::string(a.text());
        if (++positional == 2) break;
    }
    return key;
}

std::vector<Node> all_calls(Node root) {
    static const Query calls("(call) @call");
    std::vector<Node> out;
    for (const Match& m : calls.matches(root)) out.push_back(m.get("call"));
    return out;
}

Node call_spanning(Node root, uint32_t begin, uint32_t end) {
    for (Node n = root.descendant_for_byte_range(begin, end); n; n = n.parent())
        if (n.is("call") && n.start() == begin && n.end() == end) return n;
    return {};
}

}  // namespace

Node call_at_site(const Context& ctx, const SourceRange& site) {
    const AppModel* m = ctx.app_model();
    if (!m || model_path(site.file) != model_path(ctx.file().path)) return {};
    const AppModel::Parsed* parsed = m->parsed(site.file);
    if (!parsed || !parsed->tree) return {};
    const Tree& original = *parsed->tree;
    if (original.source() == ctx.text()) return call_spanning(ctx.root(), site.begin, site.end);
    Node old_call = call_spanning(original.root(), site.begin, site.end);
    if (!old_call) return {};
    std::string key = call_key(old_call);
    size_t occurrence = 0;
    for (const Node& c : all_calls(original.root())) {
        if (c == old_call) break;
        if (call_key(c) == key) ++occurrence;
    }
    for (const Node& c : all_calls(ctx.root()))
        if (call_key(c) == key && occurrence-- == 0) return c;
    return {};
}

const LambdaFunction* model_function(const Context& ctx, Node call) {
    const AppModel* m = ctx.app_model();
    if (!m) return nullptr;
    for (const LambdaFunction* f : m->functions_defined_in(ctx.file().path))
        if (call_at_site(ctx, f->construct) == call) return f;
    return nullptr;
}

}  // namespace wafix
