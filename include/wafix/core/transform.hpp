// A transform = one rule: it reads a parsed file and reports findings, each with an optional fix.
// Transforms know nothing of output formats, files on disk or git.
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "wafix/core/fix.hpp"
#include "wafix/core/literal_set.hpp"
#include "wafix/core/names.hpp"
#include "wafix/core/python_edit.hpp"
#include "wafix/core/rule.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/core/source_file.hpp"
#include "wafix/core/suppression.hpp"
#include "wafix/core/syntax.hpp"

namespace wafix {

class Transform;
class AppModel;

// What a transform sees of one file during one pass.
class Context {
public:
    Context(const SourceFile& file, const Tree& tree, const SemanticModel& model, const RuleSettings& settings,
            Suppressions* suppressions = nullptr, const AppModel* app_model = nullptr)
        : file_(file),
          tree_(tree),
          model_(model),
          settings_(settings),
          suppressions_(suppressions),
          app_model_(app_model),
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
    // The running rule's setting `name` (declared in its RuleInfo::settings): the value chosen for
    // this file, else the declared default. T is std::string or an integer type the declared range
    // fits in; reading an undeclared setting is a programming error (std::logic_error).
    template <typename T>
    T setting(std::string_view name) const {
        if constexpr (std::is_integral_v<T>) {
            return static_cast<T>(
                integer_setting(name, std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max()));
        } else {
            static_assert(std::is_same_v<T, std::string>, "settings are integers or strings");
            return std::string(text_setting(name));
        }
    }
    // True when the file's project declares `package` (one of the running rule's
    // RuleInfo::project_packages, resolved by the run before the file is processed).
    bool project_declares(std::string_view package) const;
    const RuleSettings& settings() const { return settings_; }
    // The run's application model (which function ships this file, how it is invoked), or null
    // when the caller built none (unit tests, a single file through process_source).
    const AppModel* app_model() const { return app_model_; }
    // True when a comment silences `rule` at `node`: a transform whose fix would also rewrite
    // such a place (e.g. swapping a shared import) must choose a narrower fix.
    bool is_suppressed(const std::string& rule, Node node) const;
    // The longest line this file seems to allow (see apparent_line_limit), computed once.
    uint32_t line_limit() const;
    // The quote a string literal written into this file takes: the project's configured style,
    // else the one most of the file's single-line literals use ('"' on a tie), computed once.
    char string_quote() const;
    // `value` (plain text: no quote or backslash in it) as a literal in string_quote().
    std::string string_literal(std::string_view value) const;
    // add_keyword_argument with this file's eol and line limit.
    std::optional<std::vector<Edit>> add_keyword_argument(Node call, std::string_view keyword_argument) const;

    // A finding at `node` (location computed from the node).
    Finding finding(const RuleInfo& rule, Node node, std::string message) const;

    // A T built from this context on first use and kept for the rest of the pass, for facts
    // several rules (or one rule per construct) would otherwise recompute from the same text.
    template <typename T>
    T& pass_memo() const {
        std::shared_ptr<void>& slot = memos_[std::type_index(typeid(T))];
        if (!slot) slot = std::make_shared<T>(*this);
        return *static_cast<T*>(slot.get());
    }

private:
    friend class Transform;  // sets rule_ around each check
    const SettingSpec& declared_setting(std::string_view name) const;
    int64_t integer_setting(std::string_view name, int64_t lowest, int64_t highest) const;
    std::string_view text_setting(std::string_view name) const;

    const SourceFile& file_;
    const Tree& tree_;
    const SemanticModel& model_;
    const RuleSettings& settings_;
    Suppressions* suppressions_;
    const AppModel* app_model_;
    ImportPlanner imports_;
    mutable uint32_t line_limit_ = 0;
    mutable char string_quote_ = 0;
    mutable std::map<std::type_index, std::shared_ptr<void>> memos_;  // pass_memo()
    const RuleInfo* rule_ = nullptr;                                  // the rule whose check is running
};

// One rule: its description (RuleInfo, given to the constructor) and its check.
class Transform {
public:
    explicit Transform(RuleInfo info) : info_(std::move(info)) {}
    virtual ~Transform() = default;
    Transform(const Transform&) = delete;
    Transform& operator=(const Transform&) = delete;

    const RuleInfo& info() const { return info_; }
    // Runs check() with `ctx` reading this rule's settings and project facts.
    void run(Context& ctx, std::vector<Finding>& out) const;
    // The second step of the prefilter, for a file that holds one of RuleInfo::triggers (the
    // engine looks for every enabled rule's triggers in one LiteralSet pass): false means this
    // rule cannot flag anything in `text`. A rule whose triggers are common words ("key",
    // "token") or that wants an import line looks closer; `hits` says which triggers occur.
    virtual bool refine(std::string_view text, const TriggerHits& hits) const;
    // Both steps on this rule's own triggers alone (none: always run): false means the file need
    // not be parsed for this rule.
    bool may_apply(std::string_view text) const;

protected:
    virtual void check(Context& ctx, std::vector<Finding>& out) const = 0;

private:
    RuleInfo info_;
};

}  // namespace wafix
