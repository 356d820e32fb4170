// `wafix pr`: the options as GitHub Actions sets them, flags winning; the work is src/pr's.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"

namespace wafix::cli {

int command_pr(pr::PrOptions p, const std::vector<std::string>& labels, const std::string& path, const Options& o,
               const EngineOptions& engine) {
    p.path = path;
    if (!labels.empty()) p.labels = labels;
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    p.token = env(p.token_env.c_str());
    if (p.repository.empty()) p.repository = env("GITHUB_REPOSITORY");
    if (p.api_url.empty()) p.api_url = env("GITHUB_API_URL");
    p.analyse = analyse_options(o);
    p.engine = engine;
    return pr::run_pr(p, std::cout, std::cerr);
}

}  // namespace wafix::cli
