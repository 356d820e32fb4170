// RAII wrappers over the tree-sitter C API, and a Query that evaluates the text predicates
// (#eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of?) the C API leaves to its callers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "wafix/core/error.hpp"

namespace re2 {
class RE2;
}

namespace wafix {

const TSLanguage* python_language();

// A node plus the source it was parsed from: cheap to copy, valid while its Tree lives.
class Node {
public:
    Node() = default;
    Node(TSNode node, std::string_view source) : node_(node), source_(source) {}

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

    Node parent() const { return wrap(ts_node_parent(node_)); }
    uint32_t child_count() const { return ts_node_child_count(node_); }
    uint32_t named_child_count() const { return ts_node_named_child_count(node_); }
    Node child(uint32_t i) const { return wrap(ts_node_child(node_, i)); }
    Node named_child(uint32_t i) const { return wrap(ts_node_named_child(node_, i)); }
    Node field(std::string_view name) const {
        return wrap(ts_node_child_by_field_name(node_, name.data(), static_cast<uint32_t>(name.size())));
    }
    // The field name under which this node hangs from its parent ("" when none).
    std::string_view field_name_in_parent() const;
    Node next_sibling() const { return wrap(ts_node_next_sibling(node_)); }
    Node prev_sibling() const { return wrap(ts_node_prev_sibling(node_)); }
    Node next_named_sibling() const { return wrap(ts_node_next_named_sibling(node_)); }
    Node prev_named_sibling() const { return wrap(ts_node_prev_named_sibling(node_)); }

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
    Node wrap(TSNode n) const { return Node(n, source_); }
    TSNode node_{};
    std::string_view source_;
};

// The grammar's number for a node type ("print_statement"; `named` false for tokens such as ",").
uint16_t python_symbol(std::string_view type, bool named);

// A tree-sitter cursor over the tree below a node (RAII). Moving it is cheaper than Node::parent()
// and sibling steps, which search from the root or the parent each time.
class TreeCursor {
public:
    explicit TreeCursor(Node start) : cursor_(ts_tree_cursor_new(start.raw())), source_(start.source()) {}
    ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
    TreeCursor(const TreeCursor&) = delete;
    TreeCursor& operator=(const TreeCursor&) = delete;

    Node node() const { return Node(ts_tree_cursor_current_node(&cursor_), source_); }
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

// A parsed tree that owns a copy of its source, so Nodes never dangle while the Tree lives.
class Tree {
public:
    Tree(std::unique_ptr<TSTree, TreeDeleter> tree, std::string source)
        : source_(std::make_unique<std::string>(std::move(source))), tree_(std::move(tree)) {}
    Node root() const { return Node(ts_tree_root_node(tree_.get()), *source_); }
    std::string_view source() const { return *source_; }
    bool has_error() const { return root().has_error(); }
    // The first ERROR or MISSING node in document order, for messages.
    Node first_error() const;

private:
    std::unique_ptr<std::string> source_;
    std::unique_ptr<TSTree, TreeDeleter> tree_;
};

class Parser {
public:
    Parser();
    Tree parse(std::string source);

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
