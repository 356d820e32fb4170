// RAII wrappers over the tree-sitter C API, and a Query that evaluates the text predicates
// (#eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of?) the C API leaves to its callers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tree_sitter/api.h>

#include "wafix/core/error.hpp"
#include "wafix/core/fix.hpp"

namespace re2 {
class RE2;
}

namespace wafix {

const TSLanguage* python_language();

class ChildIndex;

// A node plus the source it was parsed from: cheap to copy, valid while its Tree lives.
class Node {
public:
    Node() = default;
    Node(TSNode node, std::string_view source, ChildIndex* index = nullptr)
        : node_(node), source_(source), index_(index) {}

    bool is_null() const { return ts_node_is_null(node_); }
    explicit operator bool() const { return !is_null(); }
    std::string_view type() const { return ts_node_type(node_); }
    bool is(std::string_view t) const { return !is_null() && type() == t; }
    bool is_named() const { return ts_node_is_named(node_); }
    bool has_error() const { return ts_node_has_error(node_); }
    bool is_error() const { return is("ERROR"); }
    bool is_missing() const { return ts_node_is_missing(node_); }

    uint32_t start() const { return ts_node_start_byte(node_); }
    uint32_t end() const { return ts_node_end_byte(node_); }
    TSPoint start_point() const { return ts_node_start_point(node_); }
    TSPoint end_point() const { return ts_node_end_point(node_); }
    std::string_view text() const { return source_.substr(start(), end() - start()); }
    std::string_view source() const { return source_; }

    // tree-sitter finds a parent (and a sibling, through the parent) by walking down from the
    // root through every earlier sibling on each level: linear in a module's statements or a
    // class's methods. Nodes of a Tree walk down through the Tree's ChildIndex instead.
    Node parent() const;
    uint32_t child_count() const { return ts_node_child_count(node_); }
    uint32_t named_child_count() const { return ts_node_named_child_count(node_); }
    Node child(uint32_t i) const { return wrap(ts_node_child(node_, i)); }
    Node named_child(uint32_t i) const { return wrap(ts_node_named_child(node_, i)); }
    Node field(std::string_view name) const {
        return wrap(ts_node_child_by_field_name(node_, name.data(), static_cast<uint32_t>(name.size())));
    }
    // The field name under which this node hangs from its parent ("" when none).
    std::string_view field_name_in_parent() const;
    Node next_sibling() const { return sibling(+1, false); }
    Node prev_sibling() const { return sibling(-1, false); }
    Node next_named_sibling() const { return sibling(+1, true); }
    Node prev_named_sibling() const { return sibling(-1, true); }

    std::vector<Node> children() const;
    std::vector<Node> named_children() const;
    // Children that hang from `field` (a field may repeat, e.g. import names).
    std::vector<Node> children_by_field(std::string_view field) const;

    bool operator==(const Node& o) const { return ts_node_eq(node_, o.node_); }
    bool operator!=(const Node& o) const { return !(*this == o); }
    bool contains(const Node& o) const { return start() <= o.start() && o.end() <= end(); }
    // The smallest node below this one that spans [begin, end).
    Node descendant_for_byte_range(uint32_t begin, uint32_t end) const {
        return wrap(ts_node_descendant_for_byte_range(node_, begin, end));
    }
    // The grammar's number for this node's type (see python_symbol): cheaper to compare than text.
    uint16_t symbol() const { return ts_node_symbol(node_); }
    TSNode raw() const { return node_; }
    std::string sexp() const;

private:
    friend class ChildCursor;
    friend class TreeCursor;
    friend class Query;
    Node wrap(TSNode n) const { return Node(n, source_, index_); }
    Node sibling(int step, bool named) const;
    TSNode node_{};
    std::string_view source_;
    ChildIndex* index_ = nullptr;  // the Tree's, when the node came from one
};

// The children of a node one after the other, O(1) a step (Node::child(i) and next_sibling()
// are linear in the number of earlier siblings in tree-sitter).
class ChildCursor {
public:
    explicit ChildCursor(Node parent);
    ~ChildCursor();
    ChildCursor(const ChildCursor&) = delete;
    ChildCursor& operator=(const ChildCursor&) = delete;
    // The next child (named ones only when `named_only`), or a null node after the last.
    Node next(bool named_only = false);

private:
    TSTreeCursor cursor_;
    std::string_view source_;
    ChildIndex* index_;
    bool started_ = false, done_ = false;
};

// The grammar's number for a node type ("print_statement"; `named` false for tokens such as ",").
uint16_t python_symbol(std::string_view type, bool named);

// A tree-sitter cursor over the tree below a node (RAII). Moving it is cheaper than Node::parent()
// and sibling steps, which search from the root or the parent each time.
class TreeCursor {
public:
    explicit TreeCursor(Node start)
        : cursor_(ts_tree_cursor_new(start.raw())), source_(start.source()), index_(start.index_) {}
    ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
    TreeCursor(const TreeCursor&) = delete;
    TreeCursor& operator=(const TreeCursor&) = delete;

    Node node() const { return Node(ts_tree_cursor_current_node(&cursor_), source_, index_); }
    // The field the current node hangs from in its parent ("" when none).
    std::string_view field_name() const {
        const char* f = ts_tree_cursor_current_field_name(&cursor_);
        return f ? std::string_view(f) : std::string_view();
    }
    bool goto_first_child() { return ts_tree_cursor_goto_first_child(&cursor_); }
    bool goto_next_sibling() { return ts_tree_cursor_goto_next_sibling(&cursor_); }
    bool goto_parent() { return ts_tree_cursor_goto_parent(&cursor_); }

private:
    TSTreeCursor cursor_;
    std::string_view source_;
    ChildIndex* index_;  // handed on to the nodes, so that their parent() stays cheap
};

enum class Walk { Descend, Skip, Stop };  // what walk_tree does after visiting a node

// Visits `root` and every node below it in document order, without recursion (a hostile file
// cannot exhaust the stack): visit(node, depth) (root at depth 0) returns Descend to go into the
// node's children, Skip to pass over them, Stop to end the walk.
template <typename Visit>
void walk_tree(Node root, Visit&& visit) {
    TreeCursor cursor(root);
    uint32_t depth = 0;
    for (Walk next = visit(cursor.node(), depth); next != Walk::Stop; next = visit(cursor.node(), depth)) {
        if (next == Walk::Descend && cursor.goto_first_child()) {
            ++depth;
            continue;
        }
        bool moved = false;
        while (!(moved = depth > 0 && cursor.goto_next_sibling()) && depth > 0 && cursor.goto_parent()) --depth;
        if (!moved) return;
    }
}

struct TreeDeleter {
    void operator()(TSTree* t) const { ts_tree_delete(t); }
};
struct ParserDeleter {
    void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct QueryDeleter {
    void operator()(TSQuery* q) const { ts_query_delete(q); }
};
struct QueryCursorDeleter {
    void operator()(TSQueryCursor* c) const { ts_query_cursor_delete(c); }
};

// The children of a Tree's wide nodes (16 children or more: the module, a class body, a long
// list), each array built the first time a walk down passes through that node, so that the
// child holding a byte is a binary search away. A Tree is used by one thread at a time.
class ChildIndex {
public:
    explicit ChildIndex(const TSTree* tree) : tree_(tree) {}
    // The child of `parent` holding self, or a null node when none does unambiguously (zero-width
    // nodes); self itself when it is a child of `parent`.
    TSNode child_toward(TSNode parent, TSNode self);
    // The parent of self, or a null node (for the root, or when the walk is ambiguous).
    TSNode parent_of(TSNode self);
    // The neighbour `step` places away among the children of `parent` (named ones only when
    // `named`), or a null node.
    TSNode sibling_of(TSNode parent, TSNode self, int step, bool named);

private:
    const std::vector<TSNode>& children(TSNode wide);
    const TSTree* tree_;
    std::unordered_map<const void*, std::vector<TSNode>> wide_;
    std::unordered_map<const void*, TSNode> parents_;  // every node a walk down passed through
};

// A parsed tree that owns a copy of its source, so Nodes never dangle while the Tree lives.
class Tree {
public:
    Tree(std::unique_ptr<TSTree, TreeDeleter> tree, std::string source)
        : source_(std::make_unique<std::string>(std::move(source))),
          tree_(std::move(tree)),
          index_(std::make_unique<ChildIndex>(tree_.get())) {}
    Node root() const { return Node(ts_tree_root_node(tree_.get()), *source_, index_.get()); }
    std::string_view source() const { return *source_; }
    bool has_error() const { return root().has_error(); }
    // The first ERROR or MISSING node in document order, for messages.
    Node first_error() const;

private:
    friend class Parser;
    std::unique_ptr<std::string> source_;
    std::unique_ptr<TSTree, TreeDeleter> tree_;
    std::unique_ptr<ChildIndex> index_;
};

class Parser {
public:
    Parser();
    Tree parse(std::string source);
    // The tree of `source`, which is old's source with `edits` applied (sorted, not overlapping,
    // as apply_fixes gives them): tree-sitter is told what changed and re-parses only around it,
    // reusing the rest of `old` (left as it was).
    Tree reparse(const Tree& old, const std::vector<Edit>& edits, std::string source);

private:
    std::unique_ptr<TSParser, ParserDeleter> parser_;
};

class QueryError : public Error {
public:
    QueryError(const std::string& what, uint32_t offset) : Error(what), offset_(offset) {}
    uint32_t offset() const { return offset_; }

private:
    uint32_t offset_;
};

struct Capture {
    std::string_view name;
    Node node;
};

struct Match {
    uint32_t pattern = 0;
    std::vector<Capture> captures;
    // The first node captured under `name`, or a null node.
    Node get(std::string_view name) const;
    std::vector<Node> all(std::string_view name) const;
};

class Query {
public:
    // Compiles the query and validates its predicates; throws QueryError with the byte offset.
    explicit Query(std::string_view source);
    ~Query();
    Query(Query&&) noexcept;
    Query& operator=(Query&&) noexcept;

    // Every match under `node` whose predicates hold, in document order.
    std::vector<Match> matches(Node node) const;
    uint32_t capture_count() const;

private:
    struct Predicate;
    bool predicates_hold(const TSQueryMatch& m, std::string_view source) const;
    std::unique_ptr<TSQuery, QueryDeleter> query_;
    std::vector<std::vector<Predicate>> predicates_;  // per pattern
};

}  // namespace wafix
