// Atomic file replacement: temp file in the same directory, fsync, rename; mode, owner and group
// kept; refused when the file changed on disk since it was read. A symbolic link is followed (the
// target is fixed, the link stays); a file with several hard links, or whose owner this user
// cannot give a new file, is written in place. Temp files a killed run left are swept.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace wafix {

// SIGINT/SIGTERM/SIGHUP while a temp file exists remove it before the process dies.
void install_write_signal_handlers();

// A temp file older than this is no live run's (each lives from mkstemp to rename).
constexpr std::chrono::seconds kStaleTempAge{600};

// ".NAME.wafix-XXXXXX", the name of replace_file's temp files.
bool is_wafix_temp_name(std::string_view name);
// Removes the temp files in `dir` a killed run left: names of that pattern, regular files of this
// user, unchanged for `min_age`. Returns how many. replace_file sweeps each directory it writes
// to once per run.
int remove_stale_temp_files(const std::filesystem::path& dir, std::chrono::seconds min_age = kStaleTempAge);

// Replaces `path` with `bytes` if its current content is still `expected`. Returns the error.
std::optional<std::string> replace_file(const std::filesystem::path& path, std::string_view expected,
                                        std::string_view bytes);

// The atomic write of a new file with a given mode (the secrets manifest): a temp file beside `path` (created 0600 by mkstemp),
// `bytes`, then `mode`, fsync, `may_rename` (when set, it may still refuse with a reason), and the
// rename. On any failure the temp file is removed and `path` is untouched. Returns the error.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode,
                                                 const std::function<std::optional<std::string>()>& may_rename);

}  // namespace wafix
