// Atomic file writes (the only ones wafix makes): temp file in the same directory, fsync, rename.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace wafix {

// SIGINT/SIGTERM/SIGHUP while a temp file exists remove it before the process dies.
void install_write_signal_handlers();

// Replaces `path` with `bytes` if its current content is still `expected`, keeping its mode.
// Returns the error.
std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes);

// The one atomic write every other builds on: a temp file beside `path` (created 0600 by mkstemp),
// `bytes`, then `mode`, fsync, `may_rename` (when set, it may still refuse with a reason), and the
// rename. On any failure the temp file is removed and `path` is untouched. Returns the error.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode,
                                                 const std::function<std::optional<std::string>()>& may_rename);

}  // namespace wafix
