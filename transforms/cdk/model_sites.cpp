// Where the application model's facts are in the text a rule sees. The model read each file's
// original bytes; after an earlier fix pass the same call is found by what fixes never change:
// its callee, its positional arguments and how many such calls precede it.
#include <map>
#include <string>
#include <utility>
#include <vector>

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

// The model's sites in this pass's text, worked out once per pass: WA401 and WA402 look up
// every function, trigger and source of the app for each file they check.
class SiteIndex {
public:
    explicit SiteIndex(const Context& ctx) : ctx_(ctx) {
        const AppModel* m = ctx.app_model();
        if (!m) return;
        file_ = model_path(ctx.file().path).native();
        parsed_ = m->parsed(file_);
        if (parsed_ && !parsed_->tree) parsed_ = nullptr;
        same_text_ = parsed_ && parsed_->tree->source() == ctx.text();
    }

    Node at(const SourceRange& site) {
        // Both sides are model paths (absolute, lexically normal): equal strings, equal paths.
        if (!parsed_ || model_path(site.file).native() != file_) return {};
        if (same_text_) return call_spanning(ctx_.root(), site.begin, site.end);
        if (!mapped_) map_calls();
        auto it = current_.find({site.begin, site.end});
        return it == current_.end() ? Node{} : it->second;
    }

    const LambdaFunction* function_of(Node call) {
        if (!functions_listed_) {
            functions_listed_ = true;
            if (ctx_.app_model())
                for (const LambdaFunction* f : ctx_.app_model()->functions_defined_in(ctx_.file().path))
                    functions_.emplace_back(f, at(f->construct));
        }
        for (const auto& [f, node] : functions_)
            if (node == call) return f;
        return nullptr;
    }

private:
    // Each call of the original text -> the call of this text with the same key and rank.
    void map_calls() {
        mapped_ = true;
        std::map<std::string, std::vector<Node>> now;
        for (const Node& c : all_calls(ctx_.root())) now[call_key(c)].push_back(c);
        std::map<std::string, size_t> seen;
        for (const Node& c : all_calls(parsed_->tree->root())) {
            std::string key = call_key(c);
            size_t rank = seen[key]++;
            auto it = now.find(key);
            if (it != now.end() && rank < it->second.size())
                current_.emplace(std::pair{c.start(), c.end()}, it->second[rank]);
        }
    }

    const Context& ctx_;
    std::string file_;
    const AppModel::Parsed* parsed_ = nullptr;
    bool same_text_ = false;
    bool mapped_ = false;
    std::map<std::pair<uint32_t, uint32_t>, Node> current_;  // original (begin, end) -> call now
    bool functions_listed_ = false;
    std::vector<std::pair<const LambdaFunction*, Node>> functions_;  // defined in this file, where they are now
};

}  // namespace

Node call_at_site(const Context& ctx, const SourceRange& site) { return ctx.pass_memo<SiteIndex>().at(site); }

const LambdaFunction* model_function(const Context& ctx, Node call) {
    if (!ctx.app_model()) return nullptr;
    return ctx.pass_memo<SiteIndex>().function_of(call);
}

}  // namespace wafix
