// A file's bytes and the byte-level facts a rewrite must keep: BOM, line ending, final newline.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace wafix {

struct SourceFile {
    std::filesystem::path path;
    std::string text;  // the bytes after any UTF-8 BOM: what is parsed and edited
    bool has_bom = false;
    std::string eol = "\n";  // the file's dominant line ending, used for inserted lines
    // Every line ended by a lone CR (classic Mac OS; Python reads it as a newline, tree-sitter does
    // not): `text` holds LF in their place, bytes_for puts the CRs back.
    bool cr_only = false;

    // The bytes to write back for `new_text` (BOM and CR-only endings restored).
    std::string bytes_for(std::string_view new_text) const;
};

struct LoadError {
    std::string message;  // without the path: callers prefix it
};

// Reads and validates a Python source file: refuses binary data, UTF-16/32 and invalid UTF-8.
// Returns the file or the reason it cannot be processed.
struct LoadResult {
    std::optional<SourceFile> file;
    std::optional<LoadError> error;
};
LoadResult load_source(const std::filesystem::path& path);
LoadResult source_from_bytes(const std::filesystem::path& path, std::string bytes);

// Byte offset of the first invalid UTF-8 sequence, if any.
std::optional<size_t> find_invalid_utf8(std::string_view s);
// "\r\n" when CRLF endings outnumber LF-only ones, else "\n".
std::string detect_eol(std::string_view s);

}  // namespace wafix
