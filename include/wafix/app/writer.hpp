// Atomic file replacement: temp file in the same directory, fsync, rename; mode kept; refused
// when the file changed on disk since it was read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace wafix {

// SIGINT/SIGTERM/SIGHUP while a temp file exists remove it before the process dies.
void install_write_signal_handlers();

// Replaces `path` with `bytes` if its current content is still `expected`. Returns the error.
std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes);

}  // namespace wafix
