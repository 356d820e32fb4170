// Text generated from the CLI11 definition of the commands (cli.cpp), so shell completion, the
// man page and the messages for unknown commands and options can never disagree with the parser.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace wafix::cli {

// "bash", "zsh" or "fish"; nullopt for another shell.
std::optional<std::string> shell_completion(const CLI::App& app, const std::string& shell);
// The man page (roff, section 1).
std::string man_page(const CLI::App& app, const std::string& version);
// The option of `sub` (or of any command when sub is null) nearest to `typed` ("--selct" ->
// "--select"), when one is close enough to be what was meant.
std::optional<std::string> nearest_option(const CLI::App& app, const CLI::App* sub, const std::string& typed);
// The subcommand names, in the order they were defined (hidden ones too).
std::vector<std::string> command_names(const CLI::App& app);

// `wafix frobnicate`: true (and the message printed) when the first word is neither a command
// nor an existing path, which `wafix PATH` would otherwise take it for.
bool unknown_command(const CLI::App& app, const std::vector<std::string>& args);
// CLI11's "The following arguments were not expected", with the nearest option named.
void report_extras(const CLI::App& app, const CLI::ExtrasError& e);

}  // namespace wafix::cli
