#include "wafix/core/engine.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "wafix/core/applier.hpp"
#include "wafix/core/line_index.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/suppression.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/core/tree_checks.hpp"

namespace wafix {

int FileResult::fixed_total() const {
    int n = 0;
    for (const auto& [rule, count] : fixed) n += count;
    return n;
}

Location location_of(std::string_view text, uint32_t offset) { return LineIndex(text).location(offset); }

namespace {

// The triggers of a list of transforms as one LiteralSet, built once per list (the engine is
// called with the same registered list for every file) and shared by the worker threads.
const LiteralSet& triggers_of(const std::vector<const Transform*>& transforms) {
    static std::mutex mutex;
    static std::vector<std::pair<std::vector<const Transform*>, std::unique_ptr<LiteralSet>>> built;
    std::lock_guard lock(mutex);
    for (const auto& [list, set] : built)
        if (list == transforms) return *set;
    std::vector<std::string_view> all;
    for (const Transform* t : transforms)
        for (std::string_view trigger : t->info().triggers) all.push_back(trigger);
    built.emplace_back(transforms, std::make_unique<LiteralSet>(all));
    return *built.back().second;
}

}  // namespace

std::vector<const Transform*> applicable_transforms(std::string_view text, const EngineOptions& options,
                                                    const std::vector<const Transform*>& transforms) {
    std::vector<const Transform*> wanted;
    for (const Transform* t : transforms)
        if (options.enabled(t->info().id)) wanted.push_back(t);
    if (wanted.empty()) return wanted;
    const LiteralSet& set = triggers_of(transforms);
    TriggerHits hits(set, set.present(text));  // one pass for every rule
    std::vector<const Transform*> out;
    for (const Transform* t : wanted) {
        const auto& triggers = t->info().triggers;
        if ((triggers.empty() || hits.any(triggers)) && t->refine(text, hits)) out.push_back(t);
    }
    return out;
}

namespace {

struct PassFindings {
    std::vector<Finding> findings;
    int suppressed = 0;
    std::vector<uint32_t> unused_suppression_lines;
};

PassFindings run_transforms(const SourceFile& file, const Tree& tree, const EngineOptions& options,
                            const std::vector<const Transform*>& transforms, const SemanticModel* prebuilt) {
    std::optional<SemanticModel> built;
    if (!prebuilt) built.emplace(tree);
    const SemanticModel& model = prebuilt ? *prebuilt : *built;
    Suppressions suppressions(tree, options.peer_suppressions, transforms);
    Context ctx(file, tree, model, options.settings, &suppressions, options.app_model);
    std::vector<Finding> findings;
    for (const Transform* t : transforms) {
        if (!options.enabled(t->info().id)) continue;
        t->run(ctx, findings);
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return a.rule < b.rule;
    });
    PassFindings out;
    for (Finding& f : findings) {
        if (suppressions.covers(f)) ++out.suppressed;
        else out.findings.push_back(std::move(f));
    }
    for (const Suppression& s : suppressions.all())
        if (!s.used && !s.peer) out.unused_suppression_lines.push_back(s.line);
    return out;
}

bool fix_allowed(const Finding& f, const EngineOptions& options) {
    return f.fix && !f.fix->edits.empty() && (f.fix->safety == Safety::Safe || options.unsafe_fixes);
}

// Identifies a finding across passes (offsets move as fixes land; the flagged text does not).
std::string signature(const Finding& f, std::string_view text) {
    return f.rule + '\0' + std::string(text.substr(f.begin, f.end - f.begin)) + '\0' + f.message;
}

// Why the first parse of a file rules it out, if it does.
std::optional<std::string> unfit_for_fixing(const Tree& tree, const EngineOptions& options) {
    if (tree.has_error()) {
        auto p = tree.first_error().start_point();
        return fmt::format("syntax error at {}:{}; file left unchanged", p.row + 1, p.column + 1);
    }
    TreeCheck checked = check_tree(tree, options.max_nesting);
    if (checked.python2) return checked.python2;
    if (checked.too_deep)
        return fmt::format("syntax nested more than {} levels deep; file left unchanged", options.max_nesting);
    return inconsistent_indentation(tree);
}

// A fix must not break the parse, nor (in a file with tabs) Python's indentation rule.
bool breaks(const Tree& tree) { return tree.has_error() || inconsistent_indentation(tree).has_value(); }

// The fixes of one pass applied, with the tree of the result.
struct Applied {
    ApplyResult result;
    std::vector<size_t> accepted;  // indices into the pass's fixes
    Tree tree;
};

// The fix loop of one file: parse once, then per pass run the rules, apply what they fix and
// re-parse incrementally; the tree of the fixed text is the next pass's tree.
class FixLoop {
public:
    FixLoop(const SourceFile& source, const EngineOptions& options, const std::vector<const Transform*>& transforms,
            FileResult& result)
        : source_(source), options_(options), transforms_(transforms), r_(result), text_(source.text) {}

    void run() {
        // The first pass reuses the application model's tree and semantic model of the same
        // bytes (CDK modules), when the caller hands them over.
        bool reuse = options_.parsed_tree && options_.parsed_tree->source() == text_;
        std::optional<Tree> own;
        if (!reuse) own.emplace(parser_.parse(text_));
        const Tree* tree = reuse ? options_.parsed_tree : &*own;
        const SemanticModel* semantic = reuse ? options_.parsed_semantic : nullptr;
        if (auto why = unfit_for_fixing(*tree, options_)) {
            r_.error = *why;
            return;
        }
        for (int pass = 0; pass < options_.max_passes; ++pass) {
            std::optional<Tree> next = run_pass(*tree, pass, semantic);
            if (!next) return;
            own = std::move(next);
            tree = &*own;
            semantic = nullptr;
            if (pass + 1 == options_.max_passes)
                r_.notes.push_back(fmt::format("fixes did not converge after {} passes", options_.max_passes));
        }
    }

    std::string& text() { return text_; }
    const std::vector<Finding>& final_findings() const { return final_findings_; }

private:
    // One pass: the tree of the fixed text, or nullopt when nothing changed.
    std::optional<Tree> run_pass(const Tree& tree, int pass, const SemanticModel* semantic) {
        PassFindings found = run_transforms(source_, tree, options_, transforms_, semantic);
        if (pass == 0) record_first_pass(found);
        final_findings_ = found.findings;
        std::vector<Fix> fixes;
        std::vector<const Finding*> fixed_findings;
        for (const Finding& f : final_findings_) {
            bool blocked = withheld_.count(signature(f, text_)) > 0 ||
                           (fix_allowed(f, options_) && withhold_if_it_moves_pinned(f));
            if (pass == 0 && !f.informational && (!fix_allowed(f, options_) || blocked)) r_.unfixed.push_back(f);
            if (fix_allowed(f, options_) && !blocked) {
                fixes.push_back(*f.fix);
                fixed_findings.push_back(&f);
            }
        }
        if (fixes.empty()) return std::nullopt;
        Applied applied = apply(tree, fixes, fixed_findings, pass);
        if (applied.result.text == text_) return std::nullopt;
        record_applied(applied.accepted, fixed_findings);
        text_ = std::move(applied.result.text);
        return std::move(applied.tree);
    }

    // Documentation that shows lines by number would show the wrong ones if a fix added or
    // removed a line above them; such a fix is withheld (from later passes too) and reported.
    bool withhold_if_it_moves_pinned(const Finding& f) {
        if (options_.pinned.last_line == 0) return false;
        for (const Edit& e : f.fix->edits) {
            size_t removed = std::count(text_.begin() + e.begin, text_.begin() + e.end, '\n');
            size_t added = std::count(e.text.begin(), e.text.end(), '\n');
            if (added == removed || lines().location(e.begin).line > options_.pinned.last_line) continue;
            withheld_.insert(signature(f, text_));
            Location loc = lines().location(f.begin);
            r_.notes.push_back(
                fmt::format("{}:{}: {} fix not applied: {} shows this file's lines by number (up to "
                            "line {}) and the fix would move them",
                            loc.line, loc.column, f.rule, options_.pinned.by, options_.pinned.last_line));
            return true;
        }
        return false;
    }

    void record_first_pass(const PassFindings& found) {
        r_.findings = found.findings;
        r_.suppressed = found.suppressed;
        if (options_.report_unused_suppressions)
            for (uint32_t line : found.unused_suppression_lines)
                r_.notes.push_back(fmt::format("{}: unused suppression comment", line));
    }

    Applied apply(const Tree& tree, const std::vector<Fix>& fixes, const std::vector<const Finding*>& fixed_findings,
                  int pass) {
        ApplyResult result = apply_fixes(text_, fixes);
        // tree-sitter re-parses around each edit, but telling it about one (ts_tree_edit) walks
        // every sibling on the way down: with many edits at module level that is quadratic, and
        // a fresh parse is cheaper.
        constexpr size_t kIncrementalEdits = 64;
        Tree fixed = result.edits.size() <= kIncrementalEdits ? parser_.reparse(tree, result.edits, result.text)
                                                              : parser_.parse(result.text);
        if (!breaks(fixed)) {
            std::vector<size_t> accepted = result.applied;
            return {std::move(result), std::move(accepted), std::move(fixed)};
        }
        return apply_each_that_parses(fixes, fixed_findings, result.applied, pass);
    }

    // Keeps each fix that leaves the file parseable on its own terms, in order; the others are
    // withheld (from every later pass too) and reported.
    Applied apply_each_that_parses(const std::vector<Fix>& fixes, const std::vector<const Finding*>& fixed_findings,
                                   const std::vector<size_t>& candidates, int pass) {
        std::vector<size_t> accepted;
        for (size_t i : candidates) {
            std::vector<Fix> trial;
            trial.reserve(accepted.size() + 1);
            for (size_t a : accepted) trial.push_back(fixes[a]);
            trial.push_back(fixes[i]);
            if (!breaks(parser_.parse(apply_fixes(text_, trial).text))) {
                accepted.push_back(i);
                continue;
            }
            const Finding& f = *fixed_findings[i];
            withheld_.insert(signature(f, text_));
            Location loc = lines().location(f.begin);
            r_.notes.push_back(fmt::format("{}:{}: {} fix not applied: it would introduce a syntax error", loc.line,
                                           loc.column, f.rule));
            if (pass == 0) r_.unfixed.push_back(f);
        }
        std::vector<Fix> keep;
        keep.reserve(accepted.size());
        for (size_t a : accepted) keep.push_back(fixes[a]);
        ApplyResult result = apply_fixes(text_, keep);
        Tree tree = parser_.parse(result.text);
        return {std::move(result), std::move(accepted), std::move(tree)};
    }

    void record_applied(const std::vector<size_t>& accepted, const std::vector<const Finding*>& fixed_findings) {
        for (size_t i : accepted) {
            const Finding& f = *fixed_findings[i];
            r_.fixed[f.rule]++;
            for (const auto& req : f.fix->requirements)
                if (std::find(r_.requirements.begin(), r_.requirements.end(), req) == r_.requirements.end())
                    r_.requirements.push_back(req);
            for (SecretRecord secret : f.fix->secrets) {
                secret.line = lines().location(secret.offset).line;
                r_.secrets.push_back(std::move(secret));
            }
        }
        lines_.reset();  // the text changes
    }

    // Line starts of the current text, for messages: built only when one is needed.
    const LineIndex& lines() {
        if (!lines_) lines_.emplace(text_);
        return *lines_;
    }

    const SourceFile& source_;
    const EngineOptions& options_;
    const std::vector<const Transform*>& transforms_;
    FileResult& r_;
    Parser parser_;
    std::string text_;
    std::set<std::string> withheld_;  // fixes that broke the parse
    std::vector<Finding> final_findings_;
    std::optional<LineIndex> lines_;
};

// A first-pass finding counts as fixed unless the same finding is still there at the end.
void mark_fixed(FileResult& r, const std::vector<Finding>& final_findings, std::string_view final_text,
                const EngineOptions& options) {
    std::multiset<std::string> remaining;
    for (const Finding& f : final_findings) remaining.insert(signature(f, final_text));
    r.fixed_flags.assign(r.findings.size(), false);
    for (size_t i = 0; i < r.findings.size(); ++i) {
        const Finding& f = r.findings[i];
        auto it = remaining.find(signature(f, r.source->text));
        if (it != remaining.end()) remaining.erase(it);
        else if (fix_allowed(f, options)) r.fixed_flags[i] = true;
    }
}

}  // namespace

FileResult process_source(SourceFile source, const EngineOptions& options, const std::vector<const Transform*>& all) {
    FileResult r;
    r.path = source.path;
    if (source.text.size() > options.max_file_bytes) {
        r.error = fmt::format("file is {} bytes, over the {} byte limit; file left unchanged", source.text.size(),
                              options.max_file_bytes);
    }
    std::vector<const Transform*> transforms;
    if (!r.error) transforms = applicable_transforms(source.text, options, all);
    if (transforms.empty()) {
        r.fixed_text = source.text;
        r.source = std::move(source);
        return r;
    }
    r.source = std::move(source);
    FixLoop loop(*r.source, options, transforms, r);
    try {
        loop.run();
    } catch (const std::exception& e) {
        r.error = fmt::format("internal error while fixing: {}; file left unchanged", e.what());
    }
    if (r.error) {
        r.fixed.clear();
        r.requirements.clear();
        r.secrets.clear();
        r.fixed_text = r.source->text;
        return r;
    }
    mark_fixed(r, loop.final_findings(), loop.text(), options);
    r.fixed_text = std::move(loop.text());
    return r;
}

void release_if_empty(FileResult& r) {
    if (!result_is_empty(r)) return;
    // Nothing downstream reads the text of a file with no finding and no change. (swap: an
    // assignment from an empty string keeps the buffer.)
    std::string().swap(r.source->text);
    std::string().swap(r.fixed_text);
}

bool result_is_empty(const FileResult& r) {
    return r.source && !r.error && r.findings.empty() && r.unfixed.empty() && r.suppressed == 0 && r.notes.empty() &&
           r.fixed.empty() && r.requirements.empty() && r.secrets.empty() && r.fixed_text == r.source->text;
}

}  // namespace wafix
