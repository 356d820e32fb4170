// `wafix check --add-noqa`: silences every current finding with a `# wafix: ignore[RULE,...]`
// comment at the end of its line, as `ruff check --add-noqa` does with `# noqa`.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace wafix::cli {

struct NoqaEdit {
    std::string text;                   // the file's text with the comments added
    int added = 0;                      // lines that got a comment
    std::vector<uint32_t> not_comment;  // lines left alone: their end is inside a string or after a `\`
};

// `rules_by_line`: 1-based line -> rule IDs. A comment is added only where it parses as a comment.
NoqaEdit add_noqa_comments(const std::string& text, const std::map<uint32_t, std::set<std::string>>& rules_by_line);

}  // namespace wafix::cli
