// `wafix check` (the findings) and `wafix report` (the Well-Architected report): nothing changes.
#include <fstream>
#include <iostream>

#include <map>
#include <set>

#include <fmt/format.h>

#include "add_noqa.hpp"
#include "commands.hpp"
#include "wafix/app/writer.hpp"
#include "wafix/rules/registry.hpp"

namespace wafix::cli {

namespace {

// `check --show-fixes`: what `wafix fix` (or `check --fix`) would fix, per rule.
void print_available_fixes(std::ostream& os, const RunReport& run) {
    RunCounts c = count(run);
    os << fmt::format("wafix: {} finding{} fixable with `wafix check --fix`{}\n", c.fixable, c.fixable == 1 ? "" : "s",
                      c.fixable ? ":" : "");
    for (const auto& [rule, n] : c.fixable_by_rule) {
        const Transform* t = find_transform(rule);
        if (n > 0) os << fmt::format("  {} {:<32} {}\n", rule, t ? t->info().name : "", n);
    }
}

}  // namespace

int command_check(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "check");
    print_format(run, o.format.empty() ? "text" : o.format);
    if (o.show_fixes) print_available_fixes(std::cout, run);
    if (o.statistics) std::cout << render_statistics(run);
    return finish(run, count(run).findings > 0 ? kExitPending : kExitClean);
}

int command_add_noqa(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "check");
    int comments = 0, files = 0;
    for (const FileResult& r : run.results) {
        if (r.error || !r.source || r.findings.empty()) continue;
        std::map<uint32_t, std::set<std::string>> by_line;
        for (const Finding& f : r.findings) by_line[f.location.line].insert(f.rule);
        NoqaEdit edit = add_noqa_comments(r.source->text, by_line);
        for (uint32_t line : edit.not_comment)
            std::cerr << fmt::format(
                "wafix: note: {}:{}: no comment added (the line ends inside a string or continues)\n", where(r.path),
                line);
        if (edit.added == 0) continue;
        if (auto err = replace_file(r.path, r.source->bytes_for(r.source->text), r.source->bytes_for(edit.text))) {
            run.errors.push_back({where(r.path), *err});
            continue;
        }
        comments += edit.added;
        ++files;
    }
    std::cout << fmt::format("wafix: added {} `# wafix: ignore` comment{} in {} file{}\n", comments,
                             comments == 1 ? "" : "s", files, files == 1 ? "" : "s");
    return finish(run, kExitClean);
}

int command_report(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "report");
    std::string out = o.html ? render_html_report(run) : render_markdown_report(run);
    if (o.output.empty() || o.output == "-") {
        std::fwrite(out.data(), 1, out.size(), stdout);
    } else {
        std::ofstream file(o.output, std::ios::binary | std::ios::trunc);
        file << out;
        if (!file) {
            std::cerr << "wafix: error: cannot write " << o.output << "\n";
            return kExitError;
        }
    }
    return finish(run, kExitClean);
}

}  // namespace wafix::cli
