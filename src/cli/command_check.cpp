// `wafix check` (the findings) and `wafix report` (the Well-Architected report): nothing changes.
#include <fstream>
#include <iostream>

#include "commands.hpp"

namespace wafix::cli {

int command_check(const Options& o, const EngineOptions& engine) {
    RunReport run = analyse(o, engine, "check");
    print_format(run, o.format.empty() ? "text" : o.format);
    if (o.statistics) std::cout << render_statistics(run);
    return finish(run, count(run).findings > 0 ? kExitPending : kExitClean);
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
