// `wafix app`: the application model as a readable tree (app -> stacks -> functions -> handler,
// triggers, manifest, findings) or as JSON for tools (docs/app-model.md), and the Mermaid
// diagram of functions, triggers and open findings that `wafix report` embeds.
#pragma once

#include <map>
#include <string>

#include "wafix/app/report.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {

// Open findings per function id (from the run's results).
std::map<std::string, int> findings_per_function(const RunReport& run);

std::string render_app_tree(const AppModel& model, const std::map<std::string, int>& findings);
// `findings` empty and `with_findings` false: the model alone (the golden snapshots).
std::string render_app_json(const AppModel& model, const std::map<std::string, int>& findings, bool with_findings);
// A Mermaid flowchart (no fences): trigger sources -> functions, open findings per function.
std::string render_app_mermaid(const AppModel& model, const std::map<std::string, int>& findings);
// The report's Application section (the diagram, and in HTML a table too); "" without functions.
std::string render_app_section_markdown(const RunReport& run);
std::string render_app_section_html(const RunReport& run);

}  // namespace wafix
