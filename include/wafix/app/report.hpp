// Renderers for a run's results: text, JSON (docs/json-format.md), SARIF 2.1.0, GitHub workflow
// annotations, statistics, and the Well-Architected report (Markdown or HTML). None of them
// prints source text that a fix removes, so a secret replaced by a fix never reaches them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "wafix/app/manifest.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {

struct RunError {
    std::string file;  // may be empty
    std::string message;
};

struct RunReport {
    std::string command;   // "diff", "fix", "check", "report"
    bool applied = false;  // fixes were written (fix)
    std::vector<FileResult> results;
    ManifestPlan manifests;
    std::vector<RunError> errors;
    std::vector<std::string> skipped;       // discovery notes, "path: reason"; not errors
    std::shared_ptr<const AppModel> model;  // the run's application model (null when not built)
};

// Counts shared by every renderer, so the JSON, the statistics and the report agree.
struct RunCounts {
    int files = 0;  // files analysed without error
    int findings = 0;
    int fixable = 0;  // findings whose fix lands (applied under `fix`, pending otherwise)
    int needs_human = 0;
    int suppressed = 0;
    std::map<std::string, int> by_rule;
    std::map<std::string, int> fixable_by_rule;
    std::map<std::string, int> by_pillar;
};
RunCounts count(const RunReport& run);

std::string display(const std::filesystem::path& p);  // relative to the current directory
std::string render_text(const RunReport& run);
std::string render_json(const RunReport& run);
std::string render_sarif(const RunReport& run);
std::string render_github(const RunReport& run);
std::string render_statistics(const RunReport& run);
std::string render_markdown_report(const RunReport& run);
std::string render_html_report(const RunReport& run);

// 1-based line and column (in Unicode code points) of a byte offset.
struct TextPosition {
    uint32_t line = 1, column = 1;
};
TextPosition position_of(std::string_view text, uint32_t offset);

}  // namespace wafix
