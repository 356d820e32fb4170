// A transform = one rule: it reads a parsed file and reports findings, each with an optional fix.
// Transforms know nothing of output formats, files on disk or git.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"
#include "wafix/core/literal_set.hpp"
#include "wafix/core/python_edit.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/core/source_file.hpp"
#include "wafix/core/suppression.hpp"
#include "wafix/core/syntax.hpp"

namespace wafix {

enum class FixAvailability { Always, Sometimes, None };

struct RuleInfo {
    std::string id;                    // "WA101"
    std::string name;                  // "xml-external-entities"
    std::vector<std::string> pillars;  // "SEC", "REL", ...
    std::string summary;               // one line
    FixAvailability fix = FixAvailability::Sometimes;
};

// What a transform sees of one file during one pass.
class Context {
public:
    Context(const SourceFile& file, const Tree& tree, const SemanticModel& model, const RuleSettings& settings,
            Suppressions* suppressions = nullptr)
        : file_(file),
          tree_(tree),
          model_(model),
          settings_(settings),
          suppressions_(suppressions),
          imports_(tree, model, file.eol) {}

    std::string_view text() const { return tree_.source(); }
    std::string_view eol() const { return file_.eol; }
    const SourceFile& file() const { return file_; }
    const Tree& tree() const { return tree_; }
    Node root() const { return tree_.root(); }
    const SemanticModel& model() const { return model_; }
    ImportPlanner& imports() { return imports_; }
    // The last statement of the module's top import block (top_import_block_end), once per pass.
    Node import_block_end() const { return imports_.import_block_end(); }
    const RuleSettings& settings() const { return settings_; }
    // True when a comment silences `rule` at `node`: a transform whose fix would also rewrite
    // such a place (e.g. swapping a shared import) must choose a narrower fix.
    bool is_suppressed(const std::string& rule, Node node) const;
    // The longest line this file seems to allow (see apparent_line_limit), computed once.
    uint32_t line_limit() const;
    // add_keyword_argument with this file's eol and line limit.
    std::optional<std::vector<Edit>> add_keyword_argument(Node call, std::string_view keyword_argument) const;

    // A finding at `node` (location computed from the node).
    Finding finding(const RuleInfo& rule, Node node, std::string message) const;

private:
    const SourceFile& file_;
    const Tree& tree_;
    const SemanticModel& model_;
    const RuleSettings& settings_;
    Suppressions* suppressions_;
    ImportPlanner imports_;
    mutable uint32_t line_limit_ = 0;
};

class Transform {
public:
    virtual ~Transform() = default;
    virtual const RuleInfo& info() const = 0;
    virtual void check(Context& ctx, std::vector<Finding>& out) const = 0;
    // Byte strings at least one of which any file this rule can flag contains (e.g. "xml").
    // The engine looks for every enabled rule's triggers in one pass (LiteralSet) and never
    // parses a file that holds none of them; an empty list means "always run".
    virtual std::vector<std::string_view> triggers() const { return {}; }
    // The second step of the prefilter, for a file that holds a trigger: false means this rule
    // cannot flag anything in `text` (a rule whose triggers are common words, WA301's "key" and
    // "token", or that wants an import line, looks closer). `hits` says which triggers occur.
    virtual bool refine(std::string_view text, const TriggerHits& hits) const;
    // Both steps, on this rule's own triggers: false means the file need not be parsed for it.
    bool may_apply(std::string_view text) const;
};

std::string pillars_text(const RuleInfo& info);

}  // namespace wafix
