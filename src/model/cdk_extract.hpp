// Internal to the model layer: what is read from the CDK files once the index is built.
#pragma once

#include "cdk_index.hpp"

namespace wafix::model_detail {

// Functions (with properties and code), layers, secrets and stacks, in file order.
void extract_cdk_constructs(CdkIndex& ix, AppModel& m);
// The code a function ships: its asset folder and handler module, resolved on disk.
void resolve_function_code(const CdkIndex& ix, size_t unit, Node call, const std::string& cls, LambdaFunction& f,
                           AppModel& m);
// Triggers, grants, added environment variables and layers, wherever in the app they are wired.
void extract_cdk_wiring(const CdkIndex& ix, AppModel& m);

// The handler module a "pkg.mod.func" handler names under `dir`, for the runtime as written.
std::filesystem::path handler_module(const std::filesystem::path& dir, const std::string& handler,
                                     const std::string& runtime, std::string* function_name);

}  // namespace wafix::model_detail
