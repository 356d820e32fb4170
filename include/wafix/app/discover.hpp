// Finds the Python files to process: directories walked recursively in a stable order, .gitignore
// respected inside a git work tree, tool and environment folders skipped, symlinks not followed
// (a note names each one that would otherwise have been processed).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wafix {

struct DiscoveredFile {
    std::filesystem::path path;  // as given or joined from a given directory
    std::filesystem::path root;  // the directory (or file's directory) it was found from
    bool named = false;          // given explicitly on the command line
};

struct Discovery {
    std::vector<DiscoveredFile> files;
    // SAM templates and serverless.yml files (wafix/model/build.hpp: is_model_config_name): the
    // application model reads them; no rule does.
    std::vector<std::filesystem::path> model_files;
    // Markdown and reStructuredText files (doc_references.hpp): they may show lines of the
    // sources by number, which fixes must then not move.
    std::vector<std::filesystem::path> doc_files;
    std::vector<std::string> errors;  // "path: reason"
    // "path: reason" for entries of a walked directory that look like input but are skipped
    // (symbolic links, FIFOs, sockets, devices): not errors, but the user should know.
    std::vector<std::string> notes;
};

Discovery discover(const std::vector<std::filesystem::path>& paths);

// Directory names never descended into.
bool is_skipped_directory_name(const std::string& name);

// `p` relative to the current directory when it lies below it, else absolute; for messages and
// for diff headers.
std::filesystem::path display_path(const std::filesystem::path& p);

// The top of the git work tree that contains `path`, or empty.
std::filesystem::path git_work_tree_of(const std::filesystem::path& path);

}  // namespace wafix
