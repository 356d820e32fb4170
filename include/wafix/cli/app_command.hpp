// `wafix app [PATH...]`: the application model as a tree or JSON (docs/app-model.md).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace wafix {

struct AppCommandOptions {
    std::vector<std::string> paths;
    std::string format = "tree";  // tree | json
    bool include_vendored = false;
    int jobs = 0;
};

CLI::App* add_app_command(CLI::App& app, AppCommandOptions& options);
int run_app_command(const AppCommandOptions& options);

}  // namespace wafix
