// Where each line of a text starts, so that a byte offset becomes a line and column in
// O(log lines) instead of a scan from the top of the file.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "wafix/core/fix.hpp"

namespace wafix {

class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    // 0-based row and byte column of `offset` (clamped to the text), as tree-sitter counts them.
    struct Point {
        uint32_t row = 0, column = 0;
    };
    Point point(uint32_t offset) const;
    // 1-based line and column, for messages.
    Location location(uint32_t offset) const;

private:
    std::vector<uint32_t> starts_;  // offset of each line's first byte
    uint32_t size_ = 0;
};

}  // namespace wafix
