// The line length and string quote a project's formatter or linter is configured with, so fixes
// are laid out the way the project's own tools would (a call is not split at 88 columns in a
// 150-column project; a project formatted with single quotes gets single-quoted literals).
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

// What a project configures, each item from the nearest file that sets it. `quote` is '"' or '\'';
// '\0' when the project keeps each file's own quotes (ruff `quote-style = "preserve"`, black's
// `skip-string-normalization`), which is also what an absent value means to the rules.
struct ProjectStyle {
    std::optional<uint32_t> line_length;
    std::optional<char> quote;
};
// Walking up from `file`'s folder to `stop` (inclusive): line length as project_line_length finds
// it; quote from pyproject.toml `[tool.ruff.format] quote-style`, `[tool.ruff.lint.flake8-quotes]`
// (or `[tool.ruff.flake8-quotes]`) `inline-quotes`, then `[tool.black]` (double unless
// `skip-string-normalization`); setup.cfg, tox.ini and .flake8 `[flake8] inline-quotes`.
ProjectStyle project_style(const std::filesystem::path& file, const std::filesystem::path& stop);

// The parsers, for tests: nullopt when the text configures no line length / no quote.
std::optional<uint32_t> pyproject_line_length(const std::string& text);
std::optional<uint32_t> ini_line_length(const std::string& text, const std::string& section, const std::string& key);
std::optional<uint32_t> editorconfig_line_length(const std::string& text);
std::optional<char> pyproject_quote(const std::string& text);
std::optional<char> ini_quote(const std::string& text);

}  // namespace wafix
