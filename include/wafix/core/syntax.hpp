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
    TSNode raw() const { return node_; }
    std::string sexp() const;

private:
    Node wrap(TSNode n) const { return Node(n, source_); }
    TSNode node_{};
    std::string_view source_;
};

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

class QueryError : public std::runtime_error {
public:
    QueryError(const std::string& what, uint32_t offset) : std::runtime_error(what), offset_(offset) {}
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
