// The line length a project's formatter or linter is configured with, so fixes are laid out the
// way the project's own tools would (a call is not split at 88 columns in a 150-column project).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace wafix {

// The first configured line length found walking up from `file`'s folder to `stop` (inclusive):
// pyproject.toml `[tool.ruff] line-length`, then `[tool.black] line-length`; setup.cfg, tox.ini
// and .flake8 `[flake8] max-line-length`; .editorconfig `max_line_length` in a section matching
// Python files. nullopt when none is found (the file's own lines then decide).
std::optional<uint32_t> project_line_length(const std::filesystem::path& file, const std::filesystem::path& stop);

// The parsers, for tests: nullopt when the text configures no line length.
std::optional<uint32_t> pyproject_line_length(const std::string& text);
std::optional<uint32_t> ini_line_length(const std::string& text, const std::string& section, const std::string& key);
std::optional<uint32_t> editorconfig_line_length(const std::string& text);

}  // namespace wafix
