#include "wafix/core/line_index.hpp"

#include <algorithm>
#include <cstring>

namespace wafix {

LineIndex::LineIndex(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {
    starts_.push_back(0);
    const char* base = text.data();
    const char* end = base + text.size();
    for (const char* p = base; p < end;) {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        if (!nl) break;
        p = static_cast<const char*>(nl) + 1;
        starts_.push_back(static_cast<uint32_t>(p - base));
    }
}

LineIndex::Point LineIndex::point(uint32_t offset) const {
    offset = std::min(offset, size_);
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    auto row = static_cast<uint32_t>(it - starts_.begin()) - 1;
    return {row, offset - starts_[row]};
}

Location LineIndex::location(uint32_t offset) const {
    Point p = point(offset);
    return {p.row + 1, p.column + 1};
}

}  // namespace wafix
