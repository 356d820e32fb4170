#include "wafix/engine.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wafix/applier.hpp"
#include "wafix/semantic.hpp"
#include "wafix/syntax.hpp"
#include "wafix/transform.hpp"

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

std::vector<Finding> run_transforms(const SourceFile& file, const Tree& tree, const EngineOptions& options,
                                    const std::vector<const Transform*>& transforms) {
    SemanticModel model(tree);
    Context ctx(file, tree, model, options.settings);
    std::vector<Finding> findings;
    for (const Transform* t : transforms) {
        if (!options.enabled(t->info().id)) continue;
        t->check(ctx, findings);
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return a.rule < b.rule;
    });
    return findings;
}

bool fix_allowed(const Finding& f, const EngineOptions& options) {
    return f.fix && !f.fix->edits.empty() && (f.fix->safety == Safety::Safe || options.unsafe_fixes);
}

// Identifies a finding across passes (offsets move as fixes land; the flagged text does not).
std::string signature(const Finding& f, std::string_view text) {
    return f.rule + '\0' + std::string(text.substr(f.begin, f.end - f.begin)) + '\0' + f.message;
}

}  // namespace

FileResult process_source(SourceFile source, const EngineOptions& options) {
    std::vector<const Transform*> transforms;
    for (const auto& t : all_transforms()) transforms.push_back(t.get());
    return process_source(std::move(source), options, transforms);
}

FileResult process_source(SourceFile source, const EngineOptions& options,
                          const std::vector<const Transform*>& transforms) {
    FileResult r;
    r.path = source.path;
    r.fixed_text = source.text;
    Parser parser;
    std::string text = source.text;
    std::set<std::string> withheld;  // fixes that broke the parse
    try {
        for (int pass = 0; pass < options.max_passes; ++pass) {
            Tree tree = parser.parse(text);
            if (pass == 0 && tree.has_error()) {
                Node err = tree.first_error();
                auto p = err.start_point();
                r.error = fmt::format("syntax error at {}:{}; file left unchanged", p.row + 1, p.column + 1);
                break;
            }
            std::vector<Finding> findings = run_transforms(source, tree, options, transforms);
            std::vector<Fix> fixes;
            std::vector<const Finding*> fixed_findings;
            for (const Finding& f : findings) {
                bool blocked = withheld.count(signature(f, text)) > 0;
                if (pass == 0 && (!fix_allowed(f, options) || blocked)) r.unfixed.push_back(f);
                if (fix_allowed(f, options) && !blocked) {
                    fixes.push_back(*f.fix);
                    fixed_findings.push_back(&f);
                }
            }
            if (fixes.empty()) break;

            ApplyResult applied = apply_fixes(text, fixes);
            std::vector<size_t> accepted = applied.applied;
            if (parser.parse(applied.text).has_error()) {
                // Keep each fix that leaves the file parseable on its own terms, in order.
                accepted.clear();
                for (size_t i : applied.applied) {
                    std::vector<Fix> trial;
                    for (size_t a : accepted) trial.push_back(fixes[a]);
                    trial.push_back(fixes[i]);
                    if (!parser.parse(apply_fixes(text, trial).text).has_error()) {
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
    if (!r.error) r.fixed_text = std::move(text);
    else {
        r.fixed.clear();
        r.requirements.clear();
        r.secrets.clear();
    }
    r.source = std::move(source);
    return r;
}

FileResult process_file(const std::filesystem::path& path, const EngineOptions& options) {
    LoadResult loaded = load_source(path);
    if (!loaded.file) {
        FileResult r;
        r.path = path;
        r.error = loaded.error->message;
        return r;
    }
    return process_source(std::move(*loaded.file), options);
}

}  // namespace wafix
