// Documentation that shows lines of a source file by number: Sphinx and MyST `literalinclude`
// (:lines:, :emphasize-lines:, :start-line:, :end-line:), MkDocs snippets (`--8<-- "f.py:3:9"`),
// and code fences whose `hl_lines` highlight lines of a file they include (`--8<--`,
// markdown-include's `{!f.py!}`, `{* f.py hl[3] *}`). A fix that added or removed a line above
// such a line would make the page show or highlight the wrong code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "wafix/core/engine.hpp"

namespace wafix {

// One reference in a document: the file as written, the last line number it depends on, and
// the document's line where it is.
struct LineReference {
    std::string target;
    uint32_t last_line = 0;
    uint32_t doc_line = 0;
};

// The references of a document's text; `rst` selects reStructuredText's directive syntax.
std::vector<LineReference> line_references(std::string_view text, bool rst);

// Is `name` a documentation file line_references reads (.md, .markdown, .rst, .mdx)?
bool is_documentation_name(const std::filesystem::path& name);

// The pinned lines of every source file the documents refer to, keyed by absolute normal path.
// A target resolves against the document's folder, then the nearest folder above it holding
// mkdocs.yml or Sphinx's conf.py (where those tools resolve paths), and must exist.
std::map<std::filesystem::path, LinePin> pinned_lines(const std::vector<std::filesystem::path>& documents);

}  // namespace wafix
