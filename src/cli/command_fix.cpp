// `wafix fix`: the fixes written in place (atomically), the secrets manifest first, then a summary.
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "wafix/app/secrets_manifest.hpp"
#include "wafix/app/worktree_guard.hpp"
#include "wafix/app/writer.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;

namespace wafix::cli {

namespace {

std::vector<SecretsManifestEntry> secret_entries(const RunReport& run, const std::set<const FileResult*>& skip) {
    std::vector<SecretsManifestEntry> out;
    for (const FileResult& r : run.results) {
        if (!r.changed() || skip.count(&r)) continue;
        for (const SecretRecord& s : r.secrets) out.push_back({s.id, where(r.path), s.line, s.kind, s.value});
    }
    return out;
}

// False (with the files named) when a file the fix would write has uncommitted changes.
bool worktree_clean(const RunReport& run) {
    std::vector<fs::path> touched;
    for (const FileResult& r : run.results)
        if (r.changed()) touched.push_back(r.path);
    for (const ManifestUpdate& m : run.manifests.updates) touched.push_back(m.path);
    auto dirty = dirty_files(touched);
    if (dirty.empty()) return true;
    std::cerr << "wafix: error: these files have uncommitted changes, and fixing them would mix wafix's edits "
                 "into yours:\n";
    for (const auto& d : dirty) std::cerr << "  " << d << "\n";
    std::cerr << "wafix: commit or stash them first, or pass --allow-dirty; nothing was written\n";
    return false;
}

struct Written {
    std::map<std::string, int> per_rule;  // fixes that landed
    int files = 0;
    std::set<const FileResult*> failed;
    std::vector<SecretsManifestEntry> moved;  // secrets of the files that did change
    std::vector<ManifestUpdate> manifests;
};

// Replaces every changed source file; one that cannot be written is an error and keeps its
// findings unfixed.
Written write_sources(RunReport& run) {
    Written w;
    for (FileResult& r : run.results) {
        if (!r.changed()) continue;
        std::string original = r.source->bytes_for(r.source->text);
        if (auto err = replace_file(r.path, original, r.source->bytes_for(r.fixed_text))) {
            run.errors.push_back({where(r.path), *err});
            std::fill(r.fixed_flags.begin(), r.fixed_flags.end(), false);  // nothing landed
            w.failed.insert(&r);
            continue;
        }
        ++w.files;
        for (const auto& [rule, n] : r.fixed) w.per_rule[rule] += n;
    }
    w.moved = secret_entries(run, w.failed);
    return w;
}

// Then the dependency manifests: only those written stay in the run's plan.
void write_manifests(RunReport& run, Written& w) {
    for (const ManifestUpdate& m : run.manifests.updates) {
        if (auto err = replace_file(m.path, m.original, m.updated)) run.errors.push_back({where(m.path), *err});
        else w.manifests.push_back(m);
    }
    run.manifests.updates = w.manifests;
}

void print_secrets_summary(const Options& o, const std::vector<SecretsManifestEntry>& moved) {
    bool manifest = !o.secrets_manifest.empty();
    if (moved.empty()) {
        if (manifest)
            std::cout << fmt::format("wafix: no secrets moved; wrote an empty list to {}\n", o.secrets_manifest);
        return;
    }
    size_t n = moved.size();
    std::cout << fmt::format(
        "wafix: {} hard-coded secret{} now read from AWS Secrets Manager; the old value{} stay{} in git history: "
        "rotate {}\n",
        n, n == 1 ? " is" : "s are", n == 1 ? "" : "s", n == 1 ? "s" : "", n == 1 ? "it" : "them");
    std::cout << "wafix: before deploying, create the secrets and allow the functions "
                 "secretsmanager:GetSecretValue on them\n";
    if (manifest)
        std::cout << fmt::format(
            "wafix: wrote the secret ids and values to {} (mode 0600): create the secrets from it, then delete it\n",
            o.secrets_manifest);
    else
        std::cout << "wafix: the values were not written anywhere; use --secrets-manifest FILE to get them "
                     "for creating the secrets\n";
}

void print_summary(const Options& o, const RunReport& run, const Written& w, size_t unfixed) {
    int total = 0;
    for (const auto& [rule, n] : w.per_rule) total += n;
    std::cout << fmt::format("wafix: fixed {} finding{} in {} file{}\n", total, total == 1 ? "" : "s", w.files,
                             w.files == 1 ? "" : "s");
    for (const auto& [rule, n] : w.per_rule) {
        const Transform* t = find_transform(rule);
        std::cout << fmt::format("  {} {:<32} {}\n", rule, t ? t->info().name : "", n);
    }
    for (const ManifestUpdate& m : w.manifests) {
        std::string added;
        for (const auto& a : m.added) added += (added.empty() ? "" : ", ") + a;
        std::cout << fmt::format("wafix: added {} to {}\n", added, where(m.path));
    }
    for (const auto& n : run.manifests.notes) std::cout << "wafix: " << n << "\n";
    print_secrets_summary(o, w.moved);
    if (unfixed > 0) {
        std::cout << fmt::format("wafix: {} finding{} need{} a human:\n", unfixed, unfixed == 1 ? "" : "s",
                                 unfixed == 1 ? "s" : "");
        print_unfixed(std::cout, run);
    }
}

}  // namespace

int command_fix(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "fix");
    run.applied = true;
    if (!o.allow_dirty && !worktree_clean(run)) return kExitError;
    // The secrets manifest is written before any source file changes, so that no value is ever
    // only in git history because the manifest could not be written.
    bool manifest = !o.secrets_manifest.empty();
    if (manifest) {
        if (auto err = write_private_file(o.secrets_manifest, secrets_manifest_json(secret_entries(run, {})))) {
            std::cerr << "wafix: error: " << o.secrets_manifest << ": " << *err << "; nothing was changed\n";
            return kExitError;
        }
    }
    install_write_signal_handlers();
    Written w = write_sources(run);
    if (manifest && !w.failed.empty()) {
        // Only the secrets whose files did change.
        if (auto err = write_private_file(o.secrets_manifest, secrets_manifest_json(w.moved)))
            run.errors.push_back({o.secrets_manifest, *err});
    }
    write_manifests(run, w);
    size_t unfixed = count_unfixed(run);
    if (!o.format.empty() && o.format != "summary") print_format(run, o.format);
    else print_summary(o, run, w, unfixed);
    if (o.statistics) std::cout << render_statistics(run);
    return finish(run, unfixed > 0 ? kExitPending : kExitClean);
}

}  // namespace wafix::cli
