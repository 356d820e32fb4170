// Builds the application model from the files of a run (see app_model.hpp). Reads only what can
// define constructs: Python files that mention aws_cdk (a byte test before any parse), SAM
// templates and serverless.yml files; never runs anything.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "wafix/model/app_model.hpp"

namespace wafix {

struct ModelInputs {
    std::vector<std::filesystem::path> python_files;  // as discovered
    std::vector<std::filesystem::path> config_files;  // template.y*ml, serverless.y*ml as discovered
};

AppModel build_app_model(const ModelInputs& inputs);

// The byte prefilter: can this Python text define or wire a CDK construct?
bool may_define_constructs(std::string_view text);
// Whether discovery should hand this file name to the model (template.yaml, serverless.yml, ...).
bool is_model_config_name(const std::string& filename);

}  // namespace wafix
