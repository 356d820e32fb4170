#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "wafix/app/discover.hpp"
#include "wafix/app/progress.hpp"

namespace fs = std::filesystem;

namespace wafix::cli {

std::set<std::string> split_ids(const std::vector<std::string>& values) {
    std::set<std::string> out;
    for (const auto& v : values) {
        size_t pos = 0;
        while (pos <= v.size()) {
            size_t comma = v.find(',', pos);
            std::string id = v.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            if (!id.empty()) out.insert(id);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
    }
    return out;
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) != 0;
}

std::string where(const fs::path& p) { return display_path(p).generic_string(); }

AnalyseOptions analyse_options(const Options& o) {
    AnalyseOptions a;
    a.paths = o.paths;
    a.jobs = o.jobs;
    a.no_cache = o.no_cache;
    a.progress = progress_wanted(o.no_progress);
    a.cache_dir = o.cache_dir;
    a.settings = o.settings;
    a.include_vendored = o.include_vendored;
    a.build_model = !o.no_model;
    return a;
}

RunReport analyse(const Options& o, const EngineOptions& engine, const std::string& command) {
    RunReport run = wafix::analyse(analyse_options(o), engine, command);
    // On stderr whatever the format, so stdout stays a patch or a document.
    for (const auto& n : run.skipped) std::cerr << "wafix: note: " << n << "\n";
    return run;
}

std::string error_line(const RunError& e) {
    return "wafix: error: " + (e.file.empty() ? e.message : e.file + ": " + e.message) + "\n";
}

bool print_format(const RunReport& run, const std::string& format) {
    std::string out;
    if (format == "json") out = render_json(run);
    else if (format == "sarif") out = render_sarif(run);
    else if (format == "github") out = render_github(run);
    else if (format == "text") out = render_text(run);
    else return false;
    std::fwrite(out.data(), 1, out.size(), stdout);
    return true;
}

void print_unfixed(std::ostream& os, const RunReport& run) {
    for (const FileResult& r : run.results)
        for (const Finding& f : r.unfixed)
            os << fmt::format("{}:{}:{}: {} {}\n", where(r.path), f.location.line, f.location.column, f.rule,
                              f.message);
    for (const FileResult& r : run.results)
        for (const auto& note : r.notes) os << fmt::format("{}:{}\n", where(r.path), note);
}

size_t count_unfixed(const RunReport& run) {
    size_t n = 0;
    for (const auto& r : run.results) n += r.unfixed.size();
    return n;
}

int finish(const RunReport& run, int otherwise) {
    for (const auto& e : run.errors) std::cerr << error_line(e);
    return run.errors.empty() ? otherwise : kExitError;
}

}  // namespace wafix::cli
