// Internal to the model layer: reading CloudFormation-flavoured YAML (SAM templates,
// serverless.yml) with yaml-cpp. Short-form intrinsics (`!Ref Q`, `!GetAtt Q.Arn`, `!Sub ...`)
// are ordinary tagged nodes to yaml-cpp; intrinsic() gives them the meaning of their long form
// (`Ref: Q`, `Fn::GetAtt: [Q, Arn]`), so both spellings resolve the same way.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>

#include "wafix/model/app_model.hpp"

namespace wafix::model_detail {

struct Intrinsic {
    std::string function;  // "Ref", "Fn::GetAtt", "Fn::Sub", ...
    YAML::Node argument;
};
std::optional<Intrinsic> intrinsic(const YAML::Node& n);
// n[key] when n is a map holding key, else an undefined node (never throws, never inserts).
YAML::Node at(const YAML::Node& n, const std::string& key);
// The logical id a Ref / GetAtt names ("Q" for `!GetAtt Q.Arn`), else "".
std::string referenced_resource(const YAML::Node& n);
// A node as written, on one line: a scalar's value, `!Ref Q`, or flow-style YAML.
std::string yaml_text(const YAML::Node& n);
// A scalar's string value, when it is a plain string (no intrinsic).
std::optional<std::string> yaml_string(const YAML::Node& n);
std::optional<double> yaml_number(const YAML::Node& n);
SourceRange yaml_range(const std::filesystem::path& file, const YAML::Node& key);

// Reads a file's YAML; on a parse error adds a note with its line and returns nullopt.
std::optional<YAML::Node> load_yaml(const std::filesystem::path& file, const std::string& text, AppModel& m);

void read_sam_template(const std::filesystem::path& file, const std::string& text, AppModel& m);
void read_serverless_yml(const std::filesystem::path& file, const std::string& text, AppModel& m);

}  // namespace wafix::model_detail
