#include "wafix/core/engine.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "wafix/core/applier.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/suppression.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/core/transform.hpp"

namespace wafix {

int FileResult::fixed_total() const {
    int n = 0;
    for (const auto& [rule, count] : fixed) n += count;
    return n;
}

Location location_of(std::string_view text, uint32_t offset) {
    uint32_t line = 1, col = 1;
    for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
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

// CPython's check of indentation that mixes tabs and spaces, which tree-sitter does not make (it
// counts a tab as 8 columns and nothing else): every logical line's indentation is measured with
// tabs to the next multiple of 8 and with tabs as 1, and both measures must order the lines the
// same way, else Python raises TabError. Runs on a tree without errors; the logical lines are
// the statements and clauses that begin a line. A file without tabs cannot fail it.
std::optional<std::string> inconsistent_indentation(const Tree& tree) {
    std::string_view text = tree.root().source();
    if (text.find('\t') == std::string_view::npos) return std::nullopt;
    std::vector<uint32_t> rows;  // each logical line's row, in order
    auto record = [&](const Node& n) {
        uint32_t start = n.start(), col = n.start_point().column;
        if (start < col) return;
        for (uint32_t i = start - col; i < start; ++i)
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\f') return;  // not first on its line
        if (rows.empty() || rows.back() < n.start_point().row) rows.push_back(n.start_point().row);
    };
    std::vector<Node> pending{tree.root()};  // statement containers and statements, depth first
    while (!pending.empty()) {
        Node n = pending.back();
        pending.pop_back();
        bool container = n.is("module") || n.is("block");
        if (!container && !n.is("comment")) record(n);
        std::vector<Node> next;
        for (const Node& c : n.named_children()) {
            if (c.is("comment")) continue;
            // Inside a statement only blocks and the clauses that begin their own line matter.
            if (container || c.is("block") || c.is("decorator") ||
                (c.type().size() > 7 && c.type().substr(c.type().size() - 7) == "_clause") ||
                (n.is("decorated_definition") && c.field_name_in_parent() == "definition"))
                next.push_back(c);
        }
        pending.insert(pending.end(), next.rbegin(), next.rend());
    }
    struct Indent {
        uint32_t col, alt;
    };
    std::vector<Indent> stack{{0, 0}};
    size_t line_start = 0;
    uint32_t row = 0;
    for (uint32_t target : rows) {
        for (; row < target; ++row) line_start = text.find('\n', line_start) + 1;
        Indent here{0, 0};
        for (size_t i = line_start; i < text.size(); ++i) {
            if (text[i] == ' ') ++here.col, ++here.alt;
            else if (text[i] == '\t') here.col = (here.col / 8 + 1) * 8, ++here.alt;
            else if (text[i] == '\f') here = {0, 0};
            else break;
        }
        auto fail = [&](const char* what) {
            return fmt::format("{} at {}:1 (Python rejects the file); file left unchanged", what, target + 1);
        };
        if (here.col == stack.back().col) {
            if (here.alt != stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
        } else if (here.col > stack.back().col) {
            if (here.alt <= stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
            stack.push_back(here);
        } else {
            while (stack.size() > 1 && here.col < stack.back().col) stack.pop_back();
            if (here.col != stack.back().col) return fail("unindent does not match any outer indentation level");
            if (here.alt != stack.back().alt) return fail("inconsistent use of tabs and spaces in indentation");
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<const Transform*> applicable_transforms(std::string_view text, const EngineOptions& options,
                                                    const std::vector<const Transform*>& transforms) {
    std::vector<const Transform*> out;
    for (const Transform* t : transforms)
        if (options.enabled(t->info().id) && t->may_apply(text)) out.push_back(t);
    return out;
}

namespace {

// One walk of the tree, without recursion so a hostile file cannot exhaust the stack: how deep it
// nests (up to the limit) and the first Python 2 construct the grammar accepts for old code
// (print and exec statements, `except X, name`); wafix rewrites Python 3 only.
struct TreeCheck {
    bool too_deep = false;
    std::optional<std::string> python2;
};

TreeCheck check_tree(const Tree& tree, uint32_t depth_limit) {
    static const uint16_t print_statement = python_symbol("print_statement", true);
    static const uint16_t exec_statement = python_symbol("exec_statement", true);
    static const uint16_t except_clause = python_symbol("except_clause", true);
    static const uint16_t comma = python_symbol(",", false);

    TreeCheck out;
    auto python2 = [&](Node n) -> std::optional<std::string_view> {
        uint16_t s = n.symbol();
        if (s == print_statement) return "print statement";
        if (s == exec_statement) return "exec statement";
        if (s == except_clause) {
            uint32_t count = n.child_count();
            for (uint32_t i = 0; i < count; ++i)
                if (n.child(i).symbol() == comma) return "`except X, name`";
        }
        return std::nullopt;
    };
    walk_tree(tree.root(), [&](Node n, uint32_t depth) {
        if (depth > depth_limit) {
            out.too_deep = true;
            return Walk::Stop;
        }
        if (auto what = python2(n)) {
            auto p = n.start_point();
            out.python2 = fmt::format("Python 2 syntax ({}) at {}:{}; wafix handles Python 3 only; file left unchanged",
                                      *what, p.row + 1, p.column + 1);
            return Walk::Stop;
        }
        return Walk::Descend;
    });
    return out;
}

}  // namespace

FileResult process_source(SourceFile source, const EngineOptions& options, const std::vector<const Transform*>& all) {
    FileResult r;
    r.path = source.path;
    r.fixed_text = source.text;
    if (source.text.size() > options.max_file_bytes) {
        r.error = fmt::format("file is {} bytes, over the {} byte limit; file left unchanged", source.text.size(),
                              options.max_file_bytes);
        r.source = std::move(source);
        return r;
    }
    std::vector<const Transform*> transforms = applicable_transforms(source.text, options, all);
    if (transforms.empty()) {
        r.source = std::move(source);
        return r;
    }
    Parser parser;
    std::string text = source.text;
    std::set<std::string> withheld;  // fixes that broke the parse
    std::vector<Finding> final_findings;
    try {
        for (int pass = 0; pass < options.max_passes; ++pass) {
            // The first pass reuses the application model's tree of the same bytes (CDK modules).
            bool reuse = pass == 0 && options.parsed_tree && options.parsed_tree->source() == text;
            std::optional<Tree> own;
            if (!reuse) own.emplace(parser.parse(text));
            const Tree& tree = reuse ? *options.parsed_tree : *own;
            if (pass == 0 && tree.has_error()) {
                Node err = tree.first_error();
                auto p = err.start_point();
                r.error = fmt::format("syntax error at {}:{}; file left unchanged", p.row + 1, p.column + 1);
                break;
            }
            if (pass == 0) {
                TreeCheck checked = check_tree(tree, options.max_nesting);
                if (checked.python2) {
                    r.error = *checked.python2;
                    break;
                }
                if (checked.too_deep) {
                    r.error =
                        fmt::format("syntax nested more than {} levels deep; file left unchanged", options.max_nesting);
                    break;
                }
                if (auto tabs = inconsistent_indentation(tree)) {
                    r.error = *tabs;
                    break;
                }
            }
            PassFindings pass_findings =
                run_transforms(source, tree, options, transforms, reuse ? options.parsed_semantic : nullptr);
            std::vector<Finding>& findings = pass_findings.findings;
            if (pass == 0) {
                r.findings = findings;
                r.suppressed = pass_findings.suppressed;
                if (options.report_unused_suppressions)
                    for (uint32_t line : pass_findings.unused_suppression_lines)
                        r.notes.push_back(fmt::format("{}: unused suppression comment", line));
            }
            final_findings = findings;
            std::vector<Fix> fixes;
            std::vector<const Finding*> fixed_findings;
            for (const Finding& f : findings) {
                bool blocked = withheld.count(signature(f, text)) > 0;
                if (pass == 0 && !f.informational && (!fix_allowed(f, options) || blocked)) r.unfixed.push_back(f);
                if (fix_allowed(f, options) && !blocked) {
                    fixes.push_back(*f.fix);
                    fixed_findings.push_back(&f);
                }
            }
            if (fixes.empty()) {
                final_findings = findings;
                break;
            }

            ApplyResult applied = apply_fixes(text, fixes);
            std::vector<size_t> accepted = applied.applied;
            // A fix must not break the parse, nor (in a file with tabs) Python's indentation rule.
            auto breaks = [&parser](const std::string& t) {
                Tree fixed = parser.parse(t);
                return fixed.has_error() || inconsistent_indentation(fixed).has_value();
            };
            if (breaks(applied.text)) {
                // Keep each fix that leaves the file parseable on its own terms, in order.
                accepted.clear();
                for (size_t i : applied.applied) {
                    std::vector<Fix> trial;
                    for (size_t a : accepted) trial.push_back(fixes[a]);
                    trial.push_back(fixes[i]);
                    if (!breaks(apply_fixes(text, trial).text)) {
                        accepted.push_back(i);
                    } else {
                        const Finding& f = *fixed_findings[i];
                        withheld.insert(signature(f, text));
                        Location loc = location_of(text, f.begin);
                        r.notes.push_back(fmt::format("{}:{}: {} fix not applied: it would introduce a syntax error",
                                                      loc.line, loc.column, f.rule));
                        if (pass == 0) r.unfixed.push_back(f);
                    }
                }
                std::vector<Fix> keep;
                for (size_t a : accepted) keep.push_back(fixes[a]);
                applied = apply_fixes(text, keep);
            }
            if (applied.text == text) break;
            for (size_t i : accepted) {
                const Finding& f = *fixed_findings[i];
                r.fixed[f.rule]++;
                for (const auto& req : f.fix->requirements)
                    if (std::find(r.requirements.begin(), r.requirements.end(), req) == r.requirements.end())
                        r.requirements.push_back(req);
                for (SecretRecord secret : f.fix->secrets) {
                    secret.line = location_of(text, secret.offset).line;
                    r.secrets.push_back(std::move(secret));
                }
            }
            text = std::move(applied.text);
            if (pass + 1 == options.max_passes)
                r.notes.push_back(fmt::format("fixes did not converge after {} passes", options.max_passes));
        }
    } catch (const std::exception& e) {
        r.error = fmt::format("internal error while fixing: {}; file left unchanged", e.what());
    }
    if (!r.error) {
        // A first-pass finding counts as fixed unless the same finding is still there at the end.
        std::multiset<std::string> remaining;
        for (const Finding& f : final_findings) remaining.insert(signature(f, text));
        r.fixed_flags.assign(r.findings.size(), false);
        for (size_t i = 0; i < r.findings.size(); ++i) {
            const Finding& f = r.findings[i];
            auto it = remaining.find(signature(f, source.text));
            if (it != remaining.end()) remaining.erase(it);
            else if (fix_allowed(f, options)) r.fixed_flags[i] = true;
        }
        r.fixed_text = std::move(text);
    } else {
        r.fixed.clear();
        r.requirements.clear();
        r.secrets.clear();
    }
    r.source = std::move(source);
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
