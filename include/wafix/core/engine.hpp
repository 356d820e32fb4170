// Runs one file through the enabled transforms and the fix loop: apply non-conflicting fixes,
// re-parse, repeat until nothing changes; a fix that would break the parse is not applied.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wafix/core/fix.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/core/source_file.hpp"

namespace wafix {

class AppModel;  // wafix/model/app_model.hpp: the core only passes it on to the rules
class Tree;
class SemanticModel;

// Lines of a file that documentation shows by number (a Sphinx literalinclude's :lines:, an
// MkDocs snippet's range or hl_lines): fixes must not move them.
struct LinePin {
    uint32_t last_line = 0;  // lines 1..last_line keep their numbers; 0: nothing pinned
    std::string by;          // where the reference is, for the note: "docs/guide.md:12"
};

struct EngineOptions {
    std::set<std::string> select;  // empty = every rule
    std::set<std::string> ignore;
    bool unsafe_fixes = false;
    int max_passes = 10;
    RuleSettings settings;
    bool peer_suppressions = true;            // honour # nosec / # noqa: S113 / ...
    bool report_unused_suppressions = false;  // note `# wafix: ignore` comments that match nothing
    size_t max_file_bytes = 10u << 20;        // larger files are reported and skipped
    uint32_t max_nesting = 500;               // deeper syntax trees are reported and skipped
    // The application model of the run (built by the app layer before any rule runs), and the
    // digest of what it says about this file, which the result cache keys on.
    const AppModel* app_model = nullptr;
    std::string app_model_digest;
    // The tree and semantic model the application model already built for this file's bytes:
    // the first pass uses them instead of parsing again when the text is the same.
    const Tree* parsed_tree = nullptr;
    const SemanticModel* parsed_semantic = nullptr;
    // A fix that adds or removes a line at or above pinned.last_line is withheld with a note.
    LinePin pinned;

    bool enabled(const std::string& rule) const {
        return (select.empty() || select.count(rule)) && !ignore.count(rule);
    }
};

struct FileResult {
    std::filesystem::path path;
    std::optional<SourceFile> source;       // absent when the file could not be loaded
    std::string fixed_text;                 // equals source->text when nothing changed
    std::vector<Finding> findings;          // every finding in the original text (suppressed ones excluded)
    std::vector<bool> fixed_flags;          // per finding: did its fix land
    std::vector<Finding> unfixed;           // findings left for a human, located in the original text
    int suppressed = 0;                     // findings silenced by comments
    std::map<std::string, int> fixed;       // rule -> fixes applied
    std::vector<std::string> requirements;  // dependencies the applied fixes need
    std::vector<std::string> notes;         // e.g. a fix withheld because it would break the parse
    std::vector<SecretRecord> secrets;      // secret values the applied fixes moved out (never printed)
    std::optional<std::string> error;       // why the file was left alone
    bool from_index = false;                // served by the cache's stat index: not read, text left empty

    bool changed() const { return source && !error && fixed_text != source->text; }
    int fixed_total() const;
};

class Transform;

// Runs `transforms` (those of them the options enable and whose prefilter passes) over one file.
FileResult process_source(SourceFile source, const EngineOptions& options,
                          const std::vector<const Transform*>& transforms);
// The enabled transforms that may flag something in the raw bytes (memmem-fast: most files of a
// monorepo hold no trigger and are never parsed).
std::vector<const Transform*> applicable_transforms(std::string_view text, const EngineOptions& options,
                                                    const std::vector<const Transform*>& transforms);
// Its text is released when the result is empty (see result_is_empty): a monorepo run then holds
// in memory only the files it has something to say about.
void release_if_empty(FileResult& result);
// Nothing to show, count or remember: no finding, note, error, dependency or change.
bool result_is_empty(const FileResult& r);

// "line:column" of a byte offset, for messages.
Location location_of(std::string_view text, uint32_t offset);

}  // namespace wafix
