// One file from disk through the result cache and the engine. The cache wraps the engine from
// outside: the core never sees it.
#pragma once

#include <filesystem>

#include "wafix/core/engine.hpp"

namespace wafix {

class ResultCache;

// The stat index first (a file whose last result was empty and whose stat is unchanged is not
// even read), then the content-keyed cache for files some rule's prefilter lets through, then
// the engine with every registered rule. A result with nothing to say is released (see
// release_if_empty).
FileResult process_file(const std::filesystem::path& path, const EngineOptions& options,
                        const ResultCache* cache = nullptr);

}  // namespace wafix
