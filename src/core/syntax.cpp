#include "wafix/core/syntax.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "wafix/core/line_index.hpp"

extern "C" const TSLanguage* tree_sitter_python();

namespace wafix {

const TSLanguage* python_language() { return tree_sitter_python(); }

uint16_t python_symbol(std::string_view type, bool named) {
    return ts_language_symbol_for_name(python_language(), type.data(), static_cast<uint32_t>(type.size()), named);
}

namespace {
// Walks the children of `parent` with a tree cursor, which reports field names reliably
// (ts_node_field_name_for_child in libtree-sitter 0.20 misses repeated fields).
template <typename Visit>
void for_each_child_with_field(Node parent, Visit visit) {
    TreeCursor cursor(parent);
    if (!cursor.goto_first_child()) return;
    do {
        if (!visit(cursor.node(), cursor.field_name())) break;
    } while (cursor.goto_next_sibling());
}

// The same on raw nodes, for the child index and the child lists, which run on every walk down.
template <typename Visit>
void for_each_raw_child(TSNode parent, Visit visit) {
    TSTreeCursor cursor = ts_tree_cursor_new(parent);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
            if (!visit(ts_tree_cursor_current_node(&cursor))) break;
        } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
}
}  // namespace

namespace {
constexpr uint32_t kWide = 16;

bool holds(TSNode n, uint32_t s, uint32_t e) {
    uint32_t ns = ts_node_start_byte(n), ne = ts_node_end_byte(n);
    return ns <= s && e <= ne && ns < ne;
}
}  // namespace

const std::vector<TSNode>& ChildIndex::children(TSNode wide) {
    auto [it, fresh] = wide_.try_emplace(wide.id);
    std::vector<TSNode>& slot = it->second;  // a lambda may not capture `it` before C++20
    if (fresh) {
        slot.reserve(ts_node_child_count(wide));
        for_each_raw_child(wide, [&](TSNode c) {
            slot.push_back(c);
            return true;
        });
    }
    return slot;
}

TSNode ChildIndex::child_toward(TSNode parent, TSNode self) {
    uint32_t s = ts_node_start_byte(self), e = ts_node_end_byte(self);
    if (ts_node_child_count(parent) >= kWide) {
        const auto& kids = children(parent);
        // The last child starting at or before self; children are in order and do not overlap.
        auto it = std::upper_bound(kids.begin(), kids.end(), s,
                                   [](uint32_t b, const TSNode& n) { return b < ts_node_start_byte(n); });
        if (it == kids.begin()) return {};
        TSNode c = *std::prev(it);
        if (ts_node_eq(c, self) || holds(c, s, e)) return c;
        return {};
    }
    TSNode found{};
    for_each_raw_child(parent, [&](TSNode c) {
        if (ts_node_eq(c, self) || holds(c, s, e)) {
            found = c;
            return false;
        }
        return ts_node_start_byte(c) <= s;
    });
    return found;
}

TSNode ChildIndex::parent_of(TSNode self) {
    if (auto known = parents_.find(self.id); known != parents_.end()) return known->second;
    TSNode at = ts_tree_root_node(tree_);
    if (ts_node_eq(at, self)) return {};
    while (true) {
        TSNode next = child_toward(at, self);
        if (ts_node_is_null(next)) return {};
        // Every node on the way down: a walk up from self (enclosing function, statement) then
        // finds each parent here instead of walking down again.
        parents_.emplace(next.id, at);
        if (ts_node_eq(next, self)) return at;
        at = next;
    }
}

TSNode ChildIndex::sibling_of(TSNode parent, TSNode self, int step, bool named) {
    std::vector<TSNode> few;
    const std::vector<TSNode>* kids = &few;
    if (ts_node_child_count(parent) >= kWide) {
        kids = &children(parent);
    } else {
        for_each_raw_child(parent, [&](TSNode c) {
            few.push_back(c);
            return true;
        });
    }
    size_t at = SIZE_MAX;
    if (kids == &few) {
        for (size_t k = 0; k < few.size() && at == SIZE_MAX; ++k)
            if (ts_node_eq(few[k], self)) at = k;
    } else {
        auto it = std::upper_bound(kids->begin(), kids->end(), ts_node_start_byte(self),
                                   [](uint32_t b, const TSNode& n) { return b < ts_node_start_byte(n); });
        // Zero-width neighbours may start where self does: look back over them.
        for (auto k = it; k != kids->begin() && at == SIZE_MAX;) {
            --k;
            if (ts_node_eq(*k, self)) at = static_cast<size_t>(k - kids->begin());
            else if (ts_node_start_byte(*k) != ts_node_start_byte(self)) break;
        }
    }
    if (at == SIZE_MAX) return {};
    for (size_t k = at + static_cast<size_t>(step); k < kids->size(); k += static_cast<size_t>(step))
        if (!named || ts_node_is_named((*kids)[k])) return (*kids)[k];
    return {};
}

Node Node::parent() const {
    if (!index_ || is_null()) return wrap(ts_node_parent(node_));
    if (ts_node_eq(node_, ts_tree_root_node(node_.tree))) return {};
    TSNode p = index_->parent_of(node_);
    return wrap(ts_node_is_null(p) ? ts_node_parent(node_) : p);
}

Node Node::sibling(int step, bool named) const {
    if (index_ && !is_null()) {
        TSNode p = index_->parent_of(node_);
        if (!ts_node_is_null(p)) return wrap(index_->sibling_of(p, node_, step, named));
    }
    if (step > 0) return wrap(named ? ts_node_next_named_sibling(node_) : ts_node_next_sibling(node_));
    return wrap(named ? ts_node_prev_named_sibling(node_) : ts_node_prev_sibling(node_));
}

std::string_view Node::field_name_in_parent() const {
    Node p = parent();
    if (p.is_null() || p.is("module")) return {};  // the module's statements hang from no field
    std::string_view out;
    for_each_child_with_field(p, [&](Node c, std::string_view f) {
        if (c != *this) return true;
        out = f;
        return false;
    });
    return out;
}

// With a cursor: ts_node_child(i) walks the children from the first one on every call, so a
// loop over it is quadratic in the number of children (a module of 10,000 statements).
std::vector<Node> Node::children() const {
    std::vector<Node> out;
    out.reserve(child_count());
    for_each_raw_child(node_, [&](TSNode c) {
        out.push_back(wrap(c));
        return true;
    });
    return out;
}

std::vector<Node> Node::named_children() const {
    std::vector<Node> out;
    out.reserve(named_child_count());
    for_each_raw_child(node_, [&](TSNode c) {
        if (ts_node_is_named(c)) out.push_back(wrap(c));
        return true;
    });
    return out;
}

std::vector<Node> Node::children_by_field(std::string_view field_name) const {
    std::vector<Node> out;
    for_each_child_with_field(*this, [&](Node c, std::string_view f) {
        if (!f.empty() && field_name == f) out.push_back(c);
        return true;
    });
    return out;
}

ChildCursor::ChildCursor(Node parent)
    : cursor_(ts_tree_cursor_new(parent.raw())), source_(parent.source()), index_(parent.index_) {}

ChildCursor::~ChildCursor() { ts_tree_cursor_delete(&cursor_); }

Node ChildCursor::next(bool named_only) {
    while (!done_) {
        bool moved = started_ ? ts_tree_cursor_goto_next_sibling(&cursor_) : ts_tree_cursor_goto_first_child(&cursor_);
        started_ = true;
        if (!moved) {
            done_ = true;
            break;
        }
        TSNode n = ts_tree_cursor_current_node(&cursor_);
        if (!named_only || ts_node_is_named(n)) return Node(n, source_, index_);
    }
    return {};
}

std::string Node::sexp() const {
    char* s = ts_node_string(node_);
    std::string out(s ? s : "");
    free(s);
    return out;
}

Node Tree::first_error() const {
    // Depth-first, preferring the earliest node that is itself an error or missing.
    Node n = root();
    if (!n.has_error()) return {};
    while (true) {
        if (n.is_error() || n.is_missing()) return n;
        Node next;
        for (const Node& c : n.children()) {
            if (c.has_error() || c.is_missing()) {
                next = c;
                break;
            }
        }
        if (next.is_null()) return n;
        n = next;
    }
}

Parser::Parser() : parser_(ts_parser_new()) {
    if (!ts_parser_set_language(parser_.get(), python_language()))
        throw Error("tree-sitter-python grammar ABI is not supported by this libtree-sitter");
}

Tree Parser::parse(std::string source) {
    auto owned = std::make_unique<std::string>(std::move(source));
    TSTree* t = ts_parser_parse_string(parser_.get(), nullptr, owned->data(), static_cast<uint32_t>(owned->size()));
    if (!t) throw Error("tree-sitter failed to parse");
    return Tree(std::unique_ptr<TSTree, TreeDeleter>(t), std::move(*owned));
}

Tree Parser::reparse(const Tree& old, const std::vector<Edit>& edits, std::string source) {
    std::unique_ptr<TSTree, TreeDeleter> edited(ts_tree_copy(old.tree_.get()));
    LineIndex lines(old.source());
    auto point = [&](uint32_t offset) {
        LineIndex::Point p = lines.point(offset);
        return TSPoint{p.row, p.column};
    };
    // Last edit first: the offsets and points of the earlier ones are still those of old.
    for (size_t k = edits.size(); k > 0;) {
        // Edits at one offset (insertions, then at most one replacement) are one change.
        size_t first = k - 1;
        while (first > 0 && edits[first - 1].begin == edits[k - 1].begin) --first;
        uint32_t begin = edits[first].begin, old_end = begin, inserted = 0;
        TSPoint start = point(begin), new_end = start;
        for (size_t e = first; e < k; ++e) {
            old_end = std::max(old_end, edits[e].end);
            inserted += static_cast<uint32_t>(edits[e].text.size());
            for (char c : edits[e].text) {
                if (c == '\n') ++new_end.row, new_end.column = 0;
                else ++new_end.column;
            }
        }
        TSInputEdit change{begin, old_end, begin + inserted, start, point(old_end), new_end};
        ts_tree_edit(edited.get(), &change);
        k = first;
    }
    auto owned = std::make_unique<std::string>(std::move(source));
    TSTree* t =
        ts_parser_parse_string(parser_.get(), edited.get(), owned->data(), static_cast<uint32_t>(owned->size()));
    if (!t) throw std::runtime_error("tree-sitter failed to parse");
    return Tree(std::unique_ptr<TSTree, TreeDeleter>(t), std::move(*owned));
}

// ---------------------------------------------------------------------------------------------
// Query

struct Query::Predicate {
    enum class Kind { Eq, Match, AnyOf };
    Kind kind;
    bool negated = false;
    uint32_t capture = 0;
    std::optional<uint32_t> other_capture;  // #eq? @a @b
    std::string literal;                    // #eq? @a "x"
    std::vector<std::string> any_of;
    std::shared_ptr<re2::RE2> regex;
};

Node Match::get(std::string_view name) const {
    for (const auto& c : captures)
        if (c.name == name) return c.node;
    return {};
}

std::vector<Node> Match::all(std::string_view name) const {
    std::vector<Node> out;
    for (const auto& c : captures)
        if (c.name == name) out.push_back(c.node);
    return out;
}

namespace {
const char* query_error_name(TSQueryError e) {
    switch (e) {
        case TSQueryErrorSyntax:
            return "syntax error";
        case TSQueryErrorNodeType:
            return "unknown node type";
        case TSQueryErrorField:
            return "unknown field";
        case TSQueryErrorCapture:
            return "unknown capture";
        case TSQueryErrorStructure:
            return "impossible pattern structure";
        case TSQueryErrorLanguage:
            return "language mismatch";
        default:
            return "error";
    }
}
}  // namespace

Query::Query(std::string_view source) {
    uint32_t offset = 0;
    TSQueryError err = TSQueryErrorNone;
    TSQuery* q = ts_query_new(python_language(), source.data(), static_cast<uint32_t>(source.size()), &offset, &err);
    if (!q)
        throw QueryError(std::string("query ") + query_error_name(err) + " at offset " + std::to_string(offset),
                         offset);
    query_.reset(q);

    uint32_t patterns = ts_query_pattern_count(q);
    predicates_.resize(patterns);
    for (uint32_t p = 0; p < patterns; ++p) {
        uint32_t step_count = 0;
        const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q, p, &step_count);
        uint32_t at = ts_query_start_byte_for_pattern(q, p);
        std::vector<const TSQueryPredicateStep*> cur;
        for (uint32_t i = 0; i < step_count; ++i) {
            if (steps[i].type != TSQueryPredicateStepTypeDone) {
                cur.push_back(&steps[i]);
                continue;
            }
            if (cur.empty() || cur[0]->type != TSQueryPredicateStepTypeString)
                throw QueryError("predicate must start with a name", at);
            uint32_t len = 0;
            std::string op = ts_query_string_value_for_id(q, cur[0]->value_id, &len);
            Predicate pred{};
            std::string base = op;
            if (base.rfind("not-", 0) == 0) {
                pred.negated = true;
                base = base.substr(4);
            }
            auto need_capture_first = [&]() {
                if (cur.size() < 2 || cur[1]->type != TSQueryPredicateStepTypeCapture)
                    throw QueryError("#" + op + " needs a capture as its first argument", at);
                pred.capture = cur[1]->value_id;
            };
            auto string_arg = [&](size_t arg) {
                if (cur[arg]->type != TSQueryPredicateStepTypeString)
                    throw QueryError("#" + op + " argument " + std::to_string(arg) + " must be a string", at);
                return std::string(ts_query_string_value_for_id(q, cur[arg]->value_id, &len));
            };
            if (base == "eq?") {
                pred.kind = Predicate::Kind::Eq;
                need_capture_first();
                if (cur.size() != 3) throw QueryError("#" + op + " takes two arguments", at);
                if (cur[2]->type == TSQueryPredicateStepTypeCapture) pred.other_capture = cur[2]->value_id;
                else pred.literal = string_arg(2);
            } else if (base == "match?") {
                pred.kind = Predicate::Kind::Match;
                need_capture_first();
                if (cur.size() != 3) throw QueryError("#" + op + " takes two arguments", at);
                pred.regex = std::make_shared<re2::RE2>(string_arg(2), re2::RE2::Quiet);
                if (!pred.regex->ok()) throw QueryError("#" + op + " bad regex: " + pred.regex->error(), at);
            } else if (base == "any-of?") {
                pred.kind = Predicate::Kind::AnyOf;
                need_capture_first();
                if (cur.size() < 3) throw QueryError("#" + op + " needs at least one string", at);
                for (size_t k = 2; k < cur.size(); ++k) pred.any_of.push_back(string_arg(k));
            } else {
                throw QueryError("unsupported predicate #" + op, at);
            }
            predicates_[p].push_back(std::move(pred));
            cur.clear();
        }
    }
}

Query::~Query() = default;
Query::Query(Query&&) noexcept = default;
Query& Query::operator=(Query&&) noexcept = default;

uint32_t Query::capture_count() const { return ts_query_capture_count(query_.get()); }

bool Query::predicates_hold(const TSQueryMatch& m, std::string_view source) const {
    auto texts_of = [&](uint32_t capture) {
        std::vector<std::string_view> out;
        for (uint16_t i = 0; i < m.capture_count; ++i) {
            if (m.captures[i].index != capture) continue;
            Node n(m.captures[i].node, source);
            out.push_back(n.text());
        }
        return out;
    };
    for (const Predicate& p : predicates_[m.pattern_index]) {
        auto texts = texts_of(p.capture);
        bool ok = true;
        for (std::string_view t : texts) {
            bool hit = false;
            switch (p.kind) {
                case Predicate::Kind::Eq:
                    if (p.other_capture) {
                        auto others = texts_of(*p.other_capture);
                        hit = !others.empty() &&
                              std::all_of(others.begin(), others.end(), [&](auto o) { return o == t; });
                    } else {
                        hit = t == p.literal;
                    }
                    break;
                case Predicate::Kind::Match:
                    hit = re2::RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), *p.regex);
                    break;
                case Predicate::Kind::AnyOf:
                    hit = std::find(p.any_of.begin(), p.any_of.end(), t) != p.any_of.end();
                    break;
            }
            if (hit == p.negated) {
                ok = false;
                break;
            }
        }
        if (!ok) return false;
    }
    return true;
}

std::vector<Match> Query::matches(Node node) const {
    std::unique_ptr<TSQueryCursor, QueryCursorDeleter> cursor(ts_query_cursor_new());
    ts_query_cursor_exec(cursor.get(), query_.get(), node.raw());
    std::vector<Match> out;
    TSQueryMatch m;
    while (ts_query_cursor_next_match(cursor.get(), &m)) {
        if (!predicates_hold(m, node.source())) continue;
        Match match;
        match.pattern = m.pattern_index;
        for (uint16_t i = 0; i < m.capture_count; ++i) {
            uint32_t len = 0;
            const char* name = ts_query_capture_name_for_id(query_.get(), m.captures[i].index, &len);
            match.captures.push_back({std::string_view(name, len), node.wrap(m.captures[i].node)});
        }
        out.push_back(std::move(match));
    }
    return out;
}

}  // namespace wafix
