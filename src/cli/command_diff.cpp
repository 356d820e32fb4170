// `wafix diff`: one patch of every fix, ordered by path (the dry run, and the default command).
#include <cstdio>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "wafix/core/diff.hpp"
#include "wafix/core/text.hpp"

namespace wafix::cli {

namespace {

// The pieces of moved secret values a coloured diff masks. The diff is masked line by line: a
// multi-line value (a PEM key) piece by piece.
std::vector<std::string> secret_pieces(const RunReport& run) {
    std::vector<std::string> out;
    for (const FileResult& r : run.results)
        for (const SecretRecord& s : r.secrets)
            for (const auto& spelling : s.spellings)
                for_each_line_piece(spelling, [&](std::string_view piece) {
                    if (piece.size() >= 4) out.emplace_back(piece);
                });
    return out;
}

}  // namespace

int command_diff(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "diff");
    DiffOptions dopt;
    dopt.color = use_color(o.color);
    // Masked wherever a person reads it: on a terminal whatever the colour (NO_COLOR, --color
    // never), and in coloured output; a piped plain patch stays exact so that it applies.
    bool terminal = ::isatty(STDOUT_FILENO) != 0;
    if ((dopt.color || terminal) && !o.show_secrets) dopt.redact = secret_pieces(run);
    // One patch, ordered by path, Python files and manifests together.
    std::map<std::string, std::string> patches;
    int fixes = 0, files = 0;
    for (const FileResult& r : run.results) {
        if (!r.changed()) continue;
        std::string p = where(r.path);
        patches[p] = render_file_diff(p, r.source->bytes_for(r.source->text), r.source->bytes_for(r.fixed_text), dopt);
        fixes += r.fixed_total();
        ++files;
    }
    for (const ManifestUpdate& m : run.manifests.updates) {
        std::string p = where(m.path);
        patches[p] = render_file_diff(p, m.original, m.updated, dopt);
    }
    std::string format = o.format.empty() ? "diff" : o.format;
    if (!print_format(run, format)) {
        for (const auto& [path, patch] : patches) std::fwrite(patch.data(), 1, patch.size(), stdout);
        print_unfixed(std::cerr, run);
        for (const auto& n : run.manifests.notes) std::cerr << "wafix: " << n << "\n";
    }
    std::fflush(stdout);
    if (o.statistics) std::cerr << render_statistics(run);
    for (const auto& e : run.errors) std::cerr << error_line(e);
    if (fixes > 0 && format == "diff")
        std::cerr << fmt::format("wafix: {} fix{} pending in {} file{}; run `wafix fix` to apply\n", fixes,
                                 fixes == 1 ? "" : "es", files, files == 1 ? "" : "s");
    if (!run.errors.empty()) return kExitError;
    return patches.empty() ? kExitClean : kExitPending;
}

}  // namespace wafix::cli
